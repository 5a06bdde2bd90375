// The text of a document as of its last change event, kept in chunks so that applying a keystroke
// costs a few kilobytes of copying instead of the whole document. Capture needs it to see what each
// replacement replaced; change events only carry the new text.
import type { TextEdit } from '../model';

const CHUNK = 4096;

export interface TextSource {
  slice(start: number, end: number): string;
  toString(): string;
}

export class TextShadow implements TextSource {
  private chunks: string[];
  private total: number;

  constructor(text: string) {
    this.chunks = split(text);
    this.total = text.length;
  }

  get length(): number {
    return this.total;
  }

  /** Applies one change event's edits (pre-change coordinates, non-overlapping). */
  apply(edits: readonly TextEdit[]): void {
    for (const e of [...edits].sort((a, b) => b.offset - a.offset)) this.replace(e);
  }

  slice(start: number, end: number): string {
    if (end <= start) return '';
    let out = '';
    let at = 0;
    for (const c of this.chunks) {
      const next = at + c.length;
      if (next > start && at < end) out += c.slice(Math.max(0, start - at), Math.min(c.length, end - at));
      if (next >= end) break;
      at = next;
    }
    return out;
  }

  toString(): string {
    return this.chunks.join('');
  }

  private replace(e: TextEdit): void {
    if (e.deleteLength === 0 && e.text.length === 0) return;
    // Find the chunk holding the edit's start; an edit spanning chunks merges them first.
    let at = 0;
    let i = 0;
    while (i < this.chunks.length - 1 && at + this.chunks[i].length < e.offset) at += this.chunks[i++].length;
    let j = i;
    let span = at + (this.chunks[i]?.length ?? 0);
    while (span < e.offset + e.deleteLength && j < this.chunks.length - 1) span += this.chunks[++j].length;
    const merged = this.chunks.slice(i, j + 1).join('');
    const local = e.offset - at;
    const updated = merged.slice(0, local) + e.text + merged.slice(local + e.deleteLength);
    const pieces = updated.length > 2 * CHUNK || j > i ? split(updated) : updated ? [updated] : [];
    this.chunks.splice(i, j - i + 1, ...pieces);
    if (this.chunks.length === 0) this.chunks.push('');
    this.total += e.text.length - e.deleteLength;
  }
}

function split(text: string): string[] {
  if (text.length <= CHUNK) return [text];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK) out.push(text.slice(i, i + CHUNK));
  return out;
}
