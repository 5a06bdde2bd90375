// Binary search over sorted data, in one place.

/** The first index in 0..count whose item is not `before` the sought place (count when none). */
export function firstIndexNotBefore(count: number, before: (index: number) => boolean): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
