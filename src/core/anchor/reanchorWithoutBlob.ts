// Re-anchoring when the content a record describes is NOT available (a fresh clone of a rebased
// branch, a rebase done by a server): each span is looked for again from its recorded positions,
// moved by whole lines (lines inserted or deleted above it), and accepted only where its exact
// text (sha256 of its extent) is found. A span whose text really changed is reported, never guessed.
import { sha256Hex } from '../digest';
import { lineIndexAt, lineStarts } from '../text/lines';

export interface RecordedRange {
  start: number;
  end: number;
  /** 1-based, inclusive, as recorded. */
  startLine: number;
  endLine: number;
}

export interface RecordedSpan {
  id: string;
  ranges: readonly RecordedRange[];
  /** sha256 of the extent text (first range start to last range end), line endings normalised. */
  sha256: string;
}

export interface NotFoundSpan {
  id: string;
  reason: string;
}

export interface ReanchorWithoutBlobResult<T extends RecordedSpan> {
  /** Spans found again, with ranges (and lines) moved to where their text now is. */
  spans: T[];
  notFound: NotFoundSpan[];
}

export interface ReanchorWithoutBlobLimits {
  /** Characters hashed in all before giving up on the spans not yet found (bounds a rewrite). */
  maxHashedChars?: number;
}

/**
 * Finds each recorded span in `content`: where it was, else shifted by whole lines, nearest first.
 * Spans never overlap in the result; ranges inside a span keep their relative positions.
 */
export function reanchorWithoutBlob<T extends RecordedSpan>(
  content: string,
  recorded: readonly T[],
  limits: ReanchorWithoutBlobLimits = {},
): ReanchorWithoutBlobResult<T> {
  const starts = lineStarts(content);
  const lastOffsetOfLine = (k: number) => (k + 1 < starts.length ? starts[k + 1] - 1 : content.length - 1);
  const lineOf = (offset: number) => lineIndexAt(starts, offset);
  let budget = limits.maxHashedChars ?? 32_000_000;
  const taken: Array<{ start: number; end: number }> = [];
  const free = (start: number, end: number) => taken.every((t) => end <= t.start || t.end <= start);
  const result: ReanchorWithoutBlobResult<T> = { spans: [], notFound: [] };
  // Lines inserted above move every later span by at least as much: start from the shift found last.
  let lastShift = 0;

  for (const [index, span] of recorded.entries()) {
    if (span.ranges.length === 0) continue;
    const first = span.ranges[0];
    const last = span.ranges[span.ranges.length - 1];
    const length = last.end - first.start;
    // Each span gets a fair share of what is left, so one rewritten span cannot starve the rest.
    let allowance = budget / (recorded.length - index);
    const matches = (p: number): boolean => {
      if (p < 0 || p + length > content.length) return false;
      allowance -= length;
      budget -= length;
      // The overlap check only on a digest match: it is the rarer and costlier test.
      return sha256Hex(content.slice(p, p + length)) === span.sha256 && free(p, p + length);
    };
    let found: number | undefined = matches(first.start) ? first.start : undefined;
    let foundShift = 0;
    const s0 = first.startLine - 1;
    const e0 = last.endLine - 1;
    // Whole-line moves: start and end lines shift together; try the nearest shifts first.
    for (let step = 0; found === undefined && allowance > 0 && step <= 2 * starts.length; step++) {
      const dLine = lastShift + (step % 2 === 0 ? step / 2 : -(step + 1) / 2);
      const s = s0 + dLine;
      const e = e0 + dLine;
      if (s < 0 || e >= starts.length) continue;
      const lo = Math.max(starts[s] - first.start, starts[e] - (last.end - 1));
      const hi = Math.min(lastOffsetOfLine(s) - first.start, lastOffsetOfLine(e) - (last.end - 1));
      for (let delta = lo; delta <= hi && allowance > 0; delta++) {
        if (delta !== 0 && matches(first.start + delta)) {
          found = first.start + delta;
          foundShift = dLine;
          break;
        }
      }
    }
    if (found === undefined) {
      result.notFound.push({
        id: span.id,
        reason:
          allowance > 0
            ? 'its text is not in the file any more (changed, or moved other than by whole lines)'
            : 'the search for its text ran out of budget',
      });
      continue;
    }
    const delta = found - first.start;
    if (found !== first.start) lastShift = foundShift;
    taken.push({ start: found, end: found + length });
    const ranges = span.ranges.map((r) => ({
      ...r,
      start: r.start + delta,
      end: r.end + delta,
      startLine: lineOf(r.start + delta) + 1,
      endLine: lineOf(r.end + delta - 1) + 1,
    }));
    result.spans.push({ ...span, ranges });
  }
  return result;
}
