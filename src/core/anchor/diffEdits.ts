// Turns two versions of a text into the edits between them: a line diff first, then a character
// diff inside each changed hunk, all bounded so a huge rewrite degrades to "could not re-anchor"
// instead of freezing the editor.
import { diffChars, diffLines, type ChangeObject } from 'diff';
import type { TextEdit } from '../model';

export interface ReanchorLimits {
  /** Time budget for the whole diff. */
  maxMillis?: number;
  /** Larger inputs are refused outright. */
  maxChars?: number;
}

export type EditsResult = { ok: true; edits: TextEdit[] } | { ok: false; reason: string };

const DEFAULT_MAX_MILLIS = 250;
const DEFAULT_MAX_CHARS = 5_000_000;
/** Character refinement is skipped for hunks larger than this; they become one replacement. */
const MAX_REFINE_CHARS = 20_000;
/** A changed hunk is refined character by character only when at least this share survives. */
const MIN_SHARED_FOR_REFINEMENT = 0.5;

/** Edits in pre-change coordinates, non-overlapping and ascending, turning oldText into newText. */
export function diffToEdits(oldText: string, newText: string, limits: ReanchorLimits = {}): EditsResult {
  const maxChars = limits.maxChars ?? DEFAULT_MAX_CHARS;
  if (oldText.length + newText.length > maxChars) {
    return { ok: false, reason: `file too large to re-anchor (${oldText.length + newText.length} characters, limit ${maxChars})` };
  }
  if (oldText === newText) return { ok: true, edits: [] };
  const deadline = Date.now() + (limits.maxMillis ?? DEFAULT_MAX_MILLIS);

  // Common prefix and suffix cost nothing to diff; only the middle goes to the line diff.
  const prefix = commonPrefixAtLineStart(oldText, newText);
  const suffix = commonSuffixAtLineEnd(oldText, newText, prefix);
  const oldMid = oldText.slice(prefix, oldText.length - suffix);
  const newMid = newText.slice(prefix, newText.length - suffix);

  const lineChanges = diffLines(oldMid, newMid, { timeout: Math.max(1, deadline - Date.now()) });
  if (!lineChanges)
    return { ok: false, reason: `could not re-anchor: the diff exceeded its ${limits.maxMillis ?? DEFAULT_MAX_MILLIS} ms budget` };

  const edits: TextEdit[] = [];
  let offset = prefix;
  for (let i = 0; i < lineChanges.length; i++) {
    const change = lineChanges[i];
    if (!change.added && !change.removed) {
      offset += change.value.length;
      continue;
    }
    // Gather one hunk: consecutive removed/added changes.
    let removed = '';
    let added = '';
    for (; i < lineChanges.length && (lineChanges[i].added || lineChanges[i].removed); i++) {
      if (lineChanges[i].removed) removed += lineChanges[i].value;
      else added += lineChanges[i].value;
    }
    i--;
    const refined = refine(offset, removed, added, deadline);
    if (!refined.ok) return refined;
    edits.push(...refined.edits);
    offset += removed.length;
  }
  return { ok: true, edits };
}

function refine(offset: number, removed: string, added: string, deadline: number): EditsResult {
  const whole: TextEdit[] = [{ offset, deleteLength: removed.length, text: added }];
  if (removed.length === 0 || added.length === 0 || removed.length + added.length > MAX_REFINE_CHARS) return { ok: true, edits: whole };
  const remaining = deadline - Date.now();
  if (remaining <= 0) return { ok: false, reason: 'could not re-anchor: the diff exceeded its time budget' };
  const chars: ChangeObject<string>[] | undefined = diffChars(removed, added, { timeout: remaining });
  if (!chars) return { ok: true, edits: whole };
  // Texts that share little are a rewrite, not an edit: scattered single-character matches
  // would otherwise keep confetti of the old span alive.
  let same = 0;
  for (const c of chars) if (!c.added && !c.removed) same += c.value.length;
  if (same < MIN_SHARED_FOR_REFINEMENT * Math.max(removed.length, added.length)) return { ok: true, edits: whole };
  const edits: TextEdit[] = [];
  let at = offset;
  for (let i = 0; i < chars.length; i++) {
    if (!chars[i].added && !chars[i].removed) {
      at += chars[i].value.length;
      continue;
    }
    let del = 0;
    let ins = '';
    for (; i < chars.length && (chars[i].added || chars[i].removed); i++) {
      if (chars[i].removed) del += chars[i].value.length;
      else ins += chars[i].value;
    }
    i--;
    edits.push({ offset: at, deleteLength: del, text: ins });
    at += del;
  }
  return { ok: true, edits };
}

function commonPrefixAtLineStart(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // Back up to a line start so the line diff sees whole lines.
  while (i > 0 && a.charCodeAt(i - 1) !== 10) i--;
  return i;
}

function commonSuffixAtLineEnd(a: string, b: string, prefix: number): number {
  const max = Math.min(a.length, b.length) - prefix;
  let i = 0;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  // Keep whole lines: the suffix starts right after a newline (or at the end).
  while (i > 0 && a.charCodeAt(a.length - i - 1) !== 10) i--;
  return i;
}
