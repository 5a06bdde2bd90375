// `npm run bench`: runs every benchmark, prints a table, exits 1 if a figure misses its target.
import type { Bench, BenchResult } from './types';

const benches: Array<[string, () => Promise<{ default: Bench }>]> = [
  ['tracker', () => import('./tracker.bench')],
  ['reanchor', () => import('./reanchor.bench')],
  ['reanchor-without-blob', () => import('./reanchorWithoutBlob.bench')],
  ['capture', () => import('./capture.bench')],
  ['sidecar', () => import('./sidecar.bench')],
  ['commit', () => import('./commit.bench')],
  ['verify', () => import('./verify.bench')],
  ['interop', () => import('./interop.bench')],
  ['agent hook', () => import('./agentHook.bench')],
  ['audit', () => import('./audit.bench')],
];

function formatValue(r: BenchResult): string {
  const v = r.value >= 100 ? r.value.toFixed(0) : r.value >= 1 ? r.value.toFixed(2) : r.value.toPrecision(3);
  return `${v} ${r.unit}`;
}

async function main(): Promise<void> {
  const only = process.argv[2];
  let failed = 0;
  const rows: string[][] = [['benchmark', 'figure', 'target', 'verdict', 'detail']];
  for (const [group, load] of benches) {
    if (only && !group.includes(only)) continue;
    process.stderr.write(`running ${group}...\n`);
    const results = await (await load()).default();
    for (const r of results) {
      let verdict = '';
      if (r.target !== undefined) {
        const ok = r.higherIsBetter ? r.value >= r.target : r.value < r.target;
        verdict = ok ? 'PASS' : 'FAIL';
        if (!ok) failed++;
      }
      const target = r.target === undefined ? '' : `${r.higherIsBetter ? '>=' : '<'} ${r.target} ${r.unit}`;
      rows.push([`${group}: ${r.name}`, formatValue(r), target, verdict, r.detail ?? '']);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows)
    process.stdout.write(
      row
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd() + '\n',
    );
  if (failed) {
    process.stdout.write(`\n${failed} figure(s) missed their target\n`);
    process.exitCode = 1;
  }
}

void main();
