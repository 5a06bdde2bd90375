// What aiprov knows about one open document and how each change event updates it: where it lives,
// its span tracker, its text as of the last change (to see what each replacement replaced), the
// assistant edit stream in progress, and a small journal so that undo of an AI insertion removes its
// span and redo brings the same span back. Pure: the extension only gathers each event's facts.
import { diffToEdits } from '../anchor/diffEdits';
import { sha256Hex } from '../digest';
import type { AiSpan, Attribution, SignOff, TextEdit } from '../model';
import { SpanTracker } from '../spans/tracker';
import { captureChange } from './captureChange';
import type { ChangeFacts, Classification } from './classify';
import { TextShadow } from './textShadow';

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

/**
 * Consecutive labelled assistant edits of one request (streamed rewrites, multi-replace): the span
 * set is recomputed from the text before the first of them, so text a stream rewrote, moved down or
 * deleted and re-inserted stays human, and only the net difference is AI.
 */
interface EditStream {
  key: string;
  textBefore: string;
  spansBefore: AiSpan[];
  lastAt: number;
}

export type ChangeInput = Omit<ChangeFacts, 'insertion'>;

export interface ChangeOutcome {
  verdict: Classification;
  /** Spans this event created (for an AI verdict). */
  created: AiSpan[];
}

const JOURNAL_LIMIT = 64;
/** A labelled assistant edit this soon after the previous one of the same request continues its stream. */
export const STREAM_GAP_MS = 3000;

export class DocumentState {
  tracker = new SpanTracker();
  signoffs: SignOff[] = [];
  /** sha256 of each span's text when it was captured, to recognise it when redo re-inserts it. */
  private readonly capturedDigests = new Map<string, { digest: string; length: number }>();
  private readonly removed: RemovedSpan[] = [];
  private stream: EditStream | undefined;
  dirty = false;

  constructor(
    readonly location: DocumentLocation | undefined,
    /** The document text before the next change event. */
    public text: TextShadow,
  ) {}

  replaceSpans(spans: readonly AiSpan[]): void {
    this.tracker = new SpanTracker(spans);
  }

  /**
   * One change event: its edits (pre-change coordinates, as the editor reports them) and the facts
   * around it. Decides which characters are AI-written and updates spans and text.
   */
  change(edits: readonly TextEdit[], input: ChangeInput, now: number, attributionTime = new Date(now).toISOString()): ChangeOutcome {
    const { verdict, edits: minimal } = captureChange(this.text, edits, input);
    const key = verdict.ai ? streamKey(input) : undefined;
    const continues = key !== undefined && this.stream?.key === key && now - this.stream.lastAt <= STREAM_GAP_MS;
    if (key !== undefined && !continues)
      this.stream = { key, textBefore: this.text.toString(), spansBefore: this.tracker.spans(), lastAt: now };
    this.text.apply(edits);
    if (!verdict.ai) {
      this.stream = undefined;
      this.applyHumanEdits(minimal);
      if (input.undoRedo) this.restoreReinserted(minimal, offsetsAfterBatch(minimal));
      return { verdict, created: [] };
    }
    const attribution = attributionOf(verdict, attributionTime);
    if (!key || !this.stream) return { verdict, created: this.applyAiEdits(minimal, attribution) };
    this.stream.lastAt = now;
    if (!continues) return { verdict, created: this.applyAiEdits(minimal, attribution) };
    // The stream so far, recomputed as one net change from where it started.
    const net = diffToEdits(this.stream.textBefore, this.text.toString());
    if (!net.ok) return { verdict, created: this.applyAiEdits(minimal, attribution) };
    this.replaceSpans(this.stream.spansBefore);
    this.dirty = true;
    return { verdict, created: this.applyAiEdits(net.edits, attribution) };
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

  /** One event's AI-written edits (pre-change coordinates): each insertion becomes a span. */
  applyAiEdits(edits: readonly TextEdit[], attribution: Attribution): AiSpan[] {
    const created: AiSpan[] = [];
    // Last edit first, so the others' offsets stay valid.
    for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) {
      const span = this.tracker.applyAiEdit(edit, attribution);
      if (span) {
        this.capturedDigests.set(span.id, { digest: sha256Hex(edit.text), length: edit.text.length });
        created.push(span);
      }
    }
    this.dirty = true;
    return created;
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

/** Labelled chat and agent edits stream; accepts and unlabelled edits are one event each. */
function streamKey(input: ChangeInput): string | undefined {
  const source = input.editSource?.source;
  if (!source || !(source === 'inlineChat.applyEdits' || source.startsWith('Chat.'))) return undefined;
  const meta = input.editSource?.metadata ?? {};
  const request = meta.$$requestId ?? meta.$$requestUuid ?? meta.$$sessionId ?? '';
  return `${source}\u0000${typeof request === 'string' ? request : ''}`;
}

function attributionOf(verdict: Extract<Classification, { ai: true }>, capturedAt: string): Attribution {
  return {
    origin: verdict.origin,
    confidence: verdict.confidence,
    capturedAt,
    ...(verdict.tool && { tool: verdict.tool }),
    ...(verdict.model && { model: verdict.model }),
    ...(verdict.modelProvider && { modelProvider: verdict.modelProvider }),
    ...(verdict.sessionId && { sessionId: verdict.sessionId }),
  };
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
