// What aiprov knows about one open document: where it lives, its span tracker, its text as of the
// last change (to see what each replacement replaced), and a small journal so that undo of an AI
// insertion removes its span and redo brings the same span back.
import { TextShadow } from '../../core/capture/textShadow';
import { sha256Hex } from '../../core/digest';
import type { AiSpan, Attribution, SignOff, TextEdit } from '../../core/model';
import { SpanTracker } from '../../core/spans/tracker';

export interface DocumentLocation {
  /** Root the repository path is relative to (repository root, or workspace folder outside git). */
  repoRoot: string;
  /** Folder that holds live provenance (`<gitDir>` or workspace storage). */
  liveDir: string;
  repoPath: string;
  isGit: boolean;
}

interface RemovedSpan {
  id: string;
  attribution: Attribution;
  acceptedLength: number;
  digest: string;
  length: number;
}

const JOURNAL_LIMIT = 64;

export class DocumentState {
  tracker = new SpanTracker();
  signoffs: SignOff[] = [];
  /** sha256 of each span's text when it was captured, to recognise it when redo re-inserts it. */
  private readonly capturedDigests = new Map<string, { digest: string; length: number }>();
  private readonly removed: RemovedSpan[] = [];
  dirty = false;

  constructor(
    readonly location: DocumentLocation | undefined,
    /** The document text before the next change event. */
    public text: TextShadow,
  ) {}

  replaceSpans(spans: readonly AiSpan[]): void {
    this.tracker = new SpanTracker(spans);
  }

  /** Human (or editor) edits: everything inserted is human. Remembers spans that disappear. */
  applyHumanEdits(edits: readonly TextEdit[]): void {
    for (const span of this.tracker.applyEdits(edits)) {
      const captured = this.capturedDigests.get(span.id);
      if (!captured) continue;
      this.removed.push({ id: span.id, attribution: span.attribution, acceptedLength: span.acceptedLength, ...captured });
      if (this.removed.length > JOURNAL_LIMIT) this.removed.shift();
    }
    this.dirty = true;
  }

  /** One event's AI-written edits (ascending, pre-change coordinates): each insertion becomes a span. */
  applyAiEdits(edits: readonly TextEdit[], attribution: Attribution): AiSpan[] {
    const spans: AiSpan[] = [];
    // Last edit first, so the others' offsets stay valid.
    for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) {
      const span = this.applyAiEdit(edit, attribution);
      if (span) spans.push(span);
    }
    return spans;
  }

  /** An AI insertion: the inserted text becomes a span. */
  applyAiEdit(edit: TextEdit, attribution: Attribution): AiSpan | undefined {
    const span = this.tracker.applyAiEdit(edit, attribution);
    if (span) this.capturedDigests.set(span.id, { digest: sha256Hex(edit.text), length: edit.text.length });
    this.dirty = true;
    return span;
  }

  /**
   * After undo/redo re-inserted text: if it is exactly the text of a span that an earlier edit
   * removed, that span comes back with its id and attribution.
   */
  restoreReinserted(edits: readonly TextEdit[], offsetsAfter: readonly number[]): void {
    edits.forEach((edit, i) => {
      if (!edit.text) return;
      const digest = sha256Hex(edit.text);
      // The most recent removal of this exact text is the one being redone.
      let index = this.removed.length - 1;
      while (index >= 0 && !(this.removed[index].digest === digest && this.removed[index].length === edit.text.length)) index--;
      if (index < 0) return;
      const [entry] = this.removed.splice(index, 1);
      const start = offsetsAfter[i];
      this.tracker.markAi({ start, end: start + edit.text.length }, entry.attribution, entry.id, entry.acceptedLength);
      this.capturedDigests.set(entry.id, { digest, length: entry.length });
      this.dirty = true;
    });
  }
}

/** Where each edit's inserted text starts once every edit of the batch has been applied. */
export function offsetsAfterBatch(edits: readonly TextEdit[]): number[] {
  return edits.map((edit) => {
    let shift = 0;
    for (const other of edits) {
      if (other !== edit && other.offset < edit.offset) shift += other.text.length - other.deleteLength;
    }
    return edit.offset + shift;
  });
}
