// Reduces each replacement of a change event to the characters that actually changed. Editors and
// assistants often rewrite text with identical text (streamed line-by-line rewrites, a whole-document
// replacement on undo): taken literally, every rewritten character would look newly written.
import { diffToEdits } from '../anchor/diffEdits';
import type { TextEdit } from '../model';
import type { TextSource } from './textShadow';

/** Past this size a replacement is not diffed (it stays as given), so a huge rewrite cannot stall typing. */
const MAX_DIFF_CHARS = 2_000_000;
const DIFF_BUDGET_MS = 50;

/**
 * The edits of one change event (pre-change coordinates, non-overlapping) turned into minimal
 * edits: each replacement is diffed against the text it replaced. `before` is the document text
 * before the event. Returned edits are ascending and non-overlapping.
 */
export function minimalEdits(before: TextSource, edits: readonly TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const edit of [...edits].sort((a, b) => a.offset - b.offset))
    out.push(...minimiseOne(before.slice(edit.offset, edit.offset + edit.deleteLength), edit));
  return out;
}

function minimiseOne(replaced: string, edit: TextEdit): TextEdit[] {
  if (replaced.length === 0 || edit.text.length === 0) return [edit];
  if (replaced === edit.text) return [];
  // Lines first (several separate changes inside one replacement, e.g. a whole-document undo),
  // then characters inside each, so a suggestion that re-types the typed prefix keeps it human.
  const diff =
    replaced.length + edit.text.length > MAX_DIFF_CHARS
      ? undefined
      : diffToEdits(replaced, edit.text, { maxMillis: DIFF_BUDGET_MS, maxChars: MAX_DIFF_CHARS });
  const pieces = diff?.ok ? diff.edits : [{ offset: 0, deleteLength: replaced.length, text: edit.text }];
  return pieces.map((p) =>
    trim(replaced.slice(p.offset, p.offset + p.deleteLength), {
      offset: edit.offset + p.offset,
      deleteLength: p.deleteLength,
      text: p.text,
    }),
  );
}

/** Drops the characters a replacement shares with what it replaced at its start and end. */
function trim(replaced: string, edit: TextEdit): TextEdit {
  const text = edit.text;
  const max = Math.min(replaced.length, text.length);
  let prefix = 0;
  while (prefix < max && replaced.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && replaced.charCodeAt(replaced.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  return { offset: edit.offset + prefix, deleteLength: replaced.length - prefix - suffix, text: text.slice(prefix, text.length - suffix) };
}

/** The text after applying ascending, non-overlapping edits. */
export function applyEdits(before: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.offset - b.offset)) {
    out += before.slice(at, e.offset) + e.text;
    at = e.offset + e.deleteLength;
  }
  return out + before.slice(at);
}
