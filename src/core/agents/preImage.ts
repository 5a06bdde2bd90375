// Rebuilds the file as it was just before the agent's tool ran, from the file now and the edit the
// payload describes: each search/replace pair is undone, last first. Whatever else differs from
// the last record was changed by someone else (a human) and stays theirs.
import type { EditHint, Replacement } from './types';

/** More candidate positions than this for one replacement are not each tried; the nearest wins. */
const MAX_CANDIDATES = 64;

/**
 * The pre-tool text, or undefined when the payload's edit cannot be found in the file (reformatted
 * since, or the hint carries no edit). `known` (the last recorded text) breaks ties between
 * several places the new text occurs.
 */
export function rebuildPreImage(after: string, hint: EditHint, known: string): string | undefined {
  if (hint.kind === 'write') return hint.created ? '' : undefined;
  if (hint.kind !== 'replacements' || hint.edits.length === 0) return undefined;
  const crlf = after.includes('\r\n');
  let text = after;
  for (const raw of [...hint.edits].reverse()) {
    // Deleting text attributes nothing; skipping it leaves the deletion to the human diff, which
    // removes the same characters.
    if (raw.newText === '') continue;
    const edit = crlf && !raw.newText.includes('\r\n') ? toCrlf(raw) : raw;
    const undone = undo(text, edit, known) ?? (edit !== raw ? undo(text, raw, known) : undefined);
    if (undone === undefined) return undefined;
    text = undone;
  }
  return text;
}

function toCrlf(e: Replacement): Replacement {
  return { ...e, oldText: e.oldText.replace(/\r?\n/g, '\r\n'), newText: e.newText.replace(/\r?\n/g, '\r\n') };
}

function undo(text: string, edit: Replacement, known: string): string | undefined {
  const at = occurrences(text, edit.newText);
  if (at.length === 0) return undoCore(text, edit);
  if (edit.replaceAll) {
    let out = text;
    for (const i of [...at].reverse()) out = out.slice(0, i) + edit.oldText + out.slice(i + edit.newText.length);
    return out;
  }
  const apply = (i: number) => text.slice(0, i) + edit.oldText + text.slice(i + edit.newText.length);
  if (at.length === 1) return apply(at[0]);
  // The agent's search text had to be unique before the edit: prefer the place that makes it so,
  // then the one nearest to where the search text sits in the last recorded version.
  const tried = at.slice(0, MAX_CANDIDATES);
  const unique = edit.oldText ? tried.filter((i) => occurrences(apply(i), edit.oldText, 2).length === 1) : [];
  const pool = unique.length ? unique : at;
  const anchor = edit.line !== undefined ? lineRange(text, edit.line) : edit.oldText ? pointRange(known.indexOf(edit.oldText)) : undefined;
  if (!anchor) return apply(pool[0]);
  const distance = (i: number) => (i < anchor.start ? anchor.start - i : i > anchor.end ? i - anchor.end : 0);
  return apply(pool.reduce((a, b) => (distance(b) < distance(a) ? b : a)));
}

/**
 * The file changed around the edit since (a later edit of the same region, a formatter): the text
 * the agent actually inserted — its new text without what it shares with the old at both ends —
 * is undone on its own, provided it occurs exactly once.
 */
function undoCore(text: string, edit: Replacement): string | undefined {
  let start = 0;
  while (start < edit.oldText.length && start < edit.newText.length && edit.oldText[start] === edit.newText[start]) start++;
  let end = 0;
  while (
    end < edit.oldText.length - start &&
    end < edit.newText.length - start &&
    edit.oldText[edit.oldText.length - 1 - end] === edit.newText[edit.newText.length - 1 - end]
  )
    end++;
  const inserted = edit.newText.slice(start, edit.newText.length - end);
  if (inserted.trim() === '' || (start === 0 && end === 0)) return undefined;
  const at = occurrences(text, inserted, 2);
  if (at.length !== 1) return undefined;
  return text.slice(0, at[0]) + edit.oldText.slice(start, edit.oldText.length - end) + text.slice(at[0] + inserted.length);
}

/** Where to look first: the characters of a 1-based line. */
function lineRange(text: string, line: number): { start: number; end: number } {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const newline = text.indexOf('\n', start);
    if (newline < 0) break;
    start = newline + 1;
  }
  const newline = text.indexOf('\n', start);
  return { start, end: newline < 0 ? text.length : newline };
}

function pointRange(at: number): { start: number; end: number } | undefined {
  return at < 0 ? undefined : { start: at, end: at };
}

function occurrences(text: string, needle: string, limit = Infinity): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i >= 0 && out.length < limit; i = text.indexOf(needle, i + Math.max(1, needle.length))) out.push(i);
  return out;
}
