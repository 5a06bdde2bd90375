// Evidence about what an edit nobody labelled actually wrote, for deciding whether an assistant
// wrote it. Human-driven edits that arrive unlabelled (refactorings, sorting, organize imports,
// replace-all, format) rewrite, move or respace text that is already there; an assistant's insert
// brings new lines of code in one place.
import type { TextEdit } from '../model';

export interface InsertionEvidence {
  /** Non-blank inserted lines whose content (ignoring indentation) is not already in the document. */
  newLines: number;
  /** Line breaks inserted. */
  lineBreaks: number;
  insertedChars: number;
  /** Separate places the (minimal) edits touch. */
  places: number;
  /** The edits removed non-blank text: they replace code that was there (find and replace, refactorings). */
  replacedCode: boolean;
}

/** `before` is the document text before the edits; `edits` are minimal (see minimalEdits). */
export function insertionEvidence(before: string, edits: readonly TextEdit[]): InsertionEvidence {
  let lineBreaks = 0;
  let insertedChars = 0;
  let places = 0;
  let replacedCode = false;
  const inserted: string[] = [];
  for (const e of edits) {
    if (e.text.length === 0 && e.deleteLength === 0) continue;
    places++;
    if (e.deleteLength > 0 && /\S/.test(before.slice(e.offset, e.offset + e.deleteLength))) replacedCode = true;
    insertedChars += e.text.length;
    for (let i = 0; i < e.text.length; i++) if (e.text.charCodeAt(i) === 10) lineBreaks++;
    if (e.text.trim()) inserted.push(completeLines(before, e));
  }
  if (inserted.length === 0) return { newLines: 0, lineBreaks, insertedChars, places, replacedCode };
  const existing = new Set(before.split('\n').map((l) => l.trim()));
  let newLines = 0;
  for (const text of inserted) {
    for (const line of text.split('\n')) {
      const t = line.trim();
      if (t && !existing.has(t)) newLines++;
    }
  }
  return { newLines, lineBreaks, insertedChars, places, replacedCode };
}

/** The inserted text widened to whole lines of the result, so a line re-joined from moved parts compares whole. */
function completeLines(before: string, e: TextEdit): string {
  const lineStart = before.lastIndexOf('\n', e.offset - 1) + 1;
  let lineEnd = before.indexOf('\n', e.offset + e.deleteLength);
  if (lineEnd < 0) lineEnd = before.length;
  return before.slice(lineStart, e.offset) + e.text + before.slice(e.offset + e.deleteLength, lineEnd);
}
