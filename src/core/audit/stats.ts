// Small statistics shared by the audit figures.
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return round(s[lo] + (s[hi] - s[lo]) * (pos - lo));
}

export const median = (values: readonly number[]) => quantile(values, 0.5);

/** Rounds to 3 decimals so the JSON is stable and readable. */
export const round = (n: number) => Math.round(n * 1000) / 1000;

export const ratio = (part: number, whole: number) => (whole === 0 ? 0 : round(part / whole));

export const hoursBetween = (fromSeconds: number, toSeconds: number) => (toSeconds - fromSeconds) / 3600;

export const monthOf = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString().slice(0, 7);
