// One measured figure. `target` is checked by the runner: lower is better unless `higherIsBetter`.
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target?: number;
  higherIsBetter?: boolean;
  /** Free text shown beside the figure, e.g. the baseline it was compared with. */
  detail?: string;
}

export type Bench = () => Promise<BenchResult[]>;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
