// Re-anchoring a large file after scattered edits, beside `git diff --no-index` on the same pair.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diffToEdits, reanchorSpans } from '../src/core/anchor';
import type { AiSpan } from '../src/core/model';
import { seededRandom, sourceDocument } from './fixtures';
import { median, type Bench } from './types';

const LINES = 20_000;
const SPANS = 1_000;
const EDITS = 200;

function scatteredEdits(text: string, random: () => number): string {
  const lines = text.split('\n');
  for (let i = 0; i < EDITS; i++) {
    const at = Math.floor(random() * lines.length);
    const kind = random();
    if (kind < 0.4) lines[at] = lines[at].replace('compute', 'recompute');
    else if (kind < 0.7) lines.splice(at, 0, `  // inserted note ${i}`);
    else lines.splice(at, 1);
  }
  return lines.join('\n');
}

const bench: Bench = async () => {
  const random = seededRandom(7);
  const oldText = sourceDocument(LINES);
  const newText = scatteredEdits(oldText, random);
  const lineLength = Math.floor(oldText.length / LINES);
  const spans: AiSpan[] = Array.from({ length: SPANS }, (_, i) => ({
    id: `s${i}`,
    attribution: { origin: 'inlineCompletion', confidence: 'certain', capturedAt: new Date(0).toISOString() },
    ranges: [{ start: i * 20 * lineLength, end: i * 20 * lineLength + 3 * lineLength }],
    acceptedLength: 3 * lineLength,
  }));

  const times: number[] = [];
  let survivors = 0;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const r = reanchorSpans(oldText, newText, spans);
    times.push(performance.now() - t0);
    survivors = r.spans.length;
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-bench-'));
  fs.writeFileSync(path.join(dir, 'old.txt'), oldText);
  fs.writeFileSync(path.join(dir, 'new.txt'), newText);
  const gitTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    spawnSync('git', ['diff', '--no-index', '--no-color', 'old.txt', 'new.txt'], { cwd: dir, stdio: 'ignore' });
    gitTimes.push(performance.now() - t0);
  }
  fs.rmSync(dir, { recursive: true, force: true });

  // The bound: a pathological rewrite must give up quickly, not freeze.
  const junk = (seed: number) => {
    const r = seededRandom(seed);
    return Array.from({ length: 100_000 }, () => Math.floor(r() * 1e9).toString(36)).join('\n');
  };
  const a = junk(1);
  const b = junk(2);
  const t0 = performance.now();
  const gaveUp = diffToEdits(a, b);
  const giveUpMs = performance.now() - t0;

  const ours = median(times);
  const git = median(gitTimes);
  return [
    {
      name: `${LINES} lines, ${SPANS} spans, ${EDITS} scattered edits`,
      value: ours,
      unit: 'ms',
      target: 50,
      detail: `${survivors} spans survive`,
    },
    { name: 'git diff --no-index, same files (process included)', value: git, unit: 'ms' },
    { name: 're-anchor / git diff ratio', value: ours / git, unit: 'x', target: 2 },
    {
      name: `give-up time on a ${(a.length / 1e6).toFixed(1)} MB complete rewrite`,
      value: giveUpMs,
      unit: 'ms',
      target: 400,
      detail: gaveUp.ok ? 'finished' : 'gave up as designed',
    },
  ];
};

export default bench;
