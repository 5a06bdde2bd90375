// Offsets of line starts, and the line holding an offset by binary search.
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 0-based index of the line containing `offset`. */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Maps a character offset of `content` to its 1-based line. */
export function lineLocator(content: string): (offset: number) => number {
  const starts = lineStarts(content);
  return (offset) => lineIndexAt(starts, offset) + 1;
}
