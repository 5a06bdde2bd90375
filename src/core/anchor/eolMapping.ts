// Texts that differ only in line endings (a CRLF working copy of LF-committed content, as
// core.autocrlf gives) map offsets exactly: each CRLF pair counts as one character of the
// normalised text. No diff is needed and nothing is lost.
import { normalizeEol } from '../digest';
import type { AiSpan, CharRange } from '../model';
import { firstIndexNotBefore } from '../text/search';

/** Offsets of the `\r` of every `\r\n` pair: the characters normalisation removes. */
function removedCarriageReturns(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) === 10) out.push(i);
  return out;
}

function countBelow(sorted: readonly number[], value: number): number {
  return firstIndexNotBefore(sorted.length, (i) => sorted[i] < value);
}

/** Offset mapping from `oldText` to `newText`, or undefined when they differ in more than line endings. */
export function eolOnlyMapping(oldText: string, newText: string): ((offset: number) => number) | undefined {
  if (oldText === newText || normalizeEol(oldText) !== normalizeEol(newText)) return undefined;
  const oldRemoved = removedCarriageReturns(oldText);
  // Normalised position of each removed `\r` in the new text (the `\n` it precedes).
  const newRemovedAt = removedCarriageReturns(newText).map((r, j) => r - j);
  return (offset) => {
    const normalised = offset - countBelow(oldRemoved, offset);
    return normalised + countBelow(newRemovedAt, normalised);
  };
}

export function mapSpansThrough(spans: readonly AiSpan[], map: (offset: number) => number): AiSpan[] {
  return spans
    .map((span) => ({
      ...span,
      ranges: span.ranges.map((r): CharRange => ({ start: map(r.start), end: map(r.end) })).filter((r) => r.end > r.start),
    }))
    .filter((span) => span.ranges.length > 0);
}
