// Replace All across files (the Search view) writes the same change into several documents at
// once, and VS Code labels it no better than an extension's `workspace.applyEdit` (source
// "unknown"). An assistant writes different code into each file it edits. So when a second document
// receives the very same unlabelled multi-line change moments after another, the change is a
// replace-all: human there, and the span the first document got from it is withdrawn.
import { sha256Hex } from '../digest';
import type { TextEdit } from '../model';
import { applyEdits } from './minimalEdits';
import type { TextSource } from './textShadow';

/** How long after one document's change the same change in another counts as the same replace-all. */
export const SAME_CHANGE_WINDOW_MS = 2000;
const MAX_REMEMBERED = 256;

/**
 * The lines one unlabelled change touched, before and after, without indentation, as a digest
 * (`before` is the document text before it; edits in pre-change coordinates). Independent of how
 * the editor split the change into edits, so a document shown in an editor (which receives a
 * minimised form) and one that is not compare equal. Undefined for changes that add no line break
 * (never AI when unlabelled).
 */
export function changeSignature(before: TextSource, edits: readonly TextEdit[]): string | undefined {
  if (edits.length === 0 || !edits.some((e) => e.text.includes('\n'))) return undefined;
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  // Whole lines around the change, read in pieces (this runs on the typing path of hosts without
  // edit sources: never the whole document).
  const start = lineStart(before, first.offset);
  const end = lineEnd(before, last.offset + last.deleteLength);
  const region = before.slice(start, end);
  const changed = applyEdits(
    region,
    sorted.map((e) => ({ ...e, offset: e.offset - start })),
  );
  const lines = (t: string) => t.split('\n').map((l) => l.trim());
  return sha256Hex(JSON.stringify([lines(region), lines(changed)]));
}

const STEP = 256;

function lineStart(text: TextSource, offset: number): number {
  for (let to = offset; to > 0; to -= STEP) {
    const from = Math.max(0, to - STEP);
    const i = text.slice(from, to).lastIndexOf('\n');
    if (i >= 0) return from + i + 1;
  }
  return 0;
}

function lineEnd(text: TextSource, offset: number): number {
  for (let from = offset; ; from += STEP) {
    const piece = text.slice(from, from + STEP);
    const i = piece.indexOf('\n');
    if (i >= 0) return from + i;
    if (piece.length < STEP) return from + piece.length;
  }
}

export interface SameChangeElsewhere {
  doc: string;
  /** Spans the change gave that document (to withdraw). */
  spanIds: string[];
}

interface Seen {
  doc: string;
  signature: string;
  at: number;
  spanIds: string[];
}

/** Recent unlabelled multi-line changes, across documents. */
export class RecentUnlabelledChanges {
  private seen: Seen[] = [];

  constructor(private readonly windowMs = SAME_CHANGE_WINDOW_MS) {}

  /**
   * An unlabelled change to `doc` about to be decided: the other documents that received the same
   * change within the window (each match extends it, so a long replace-all stays one), with the
   * spans it gave them. Those spans are handed out once.
   */
  note(doc: string, signature: string, now: number): SameChangeElsewhere[] {
    this.seen = this.seen.filter((s) => now - s.at <= this.windowMs);
    const others = this.seen.filter((s) => s.signature === signature && s.doc !== doc);
    const found = others.map((s) => ({ doc: s.doc, spanIds: s.spanIds }));
    for (const s of others) {
      s.at = now;
      s.spanIds = [];
    }
    this.seen.push({ doc, signature, at: now, spanIds: [] });
    if (this.seen.length > MAX_REMEMBERED) this.seen.shift();
    return found;
  }

  /** The spans the noted change gave `doc`, withdrawn if the same change reaches another document. */
  created(doc: string, signature: string, spanIds: readonly string[]): void {
    for (let i = this.seen.length - 1; i >= 0; i--) {
      const s = this.seen[i];
      if (s.doc !== doc || s.signature !== signature) continue;
      s.spanIds = [...spanIds];
      return;
    }
  }
}
