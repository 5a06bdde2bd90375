// `aiprov verify` on a repository with 2,000 sidecars and 500 changed files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSidecar, serializeSidecar, sidecarPathFor } from '../src/core/format';
import { createSignOff } from '../src/core/signoff';
import { verifyChange } from '../src/core/verify/verify';
import { gitIn, newRepo, sourceFile, spanOverLines } from './gitRepos';
import { median, type Bench } from './types';

const SIDECARS = 2_000;
const CHANGED = 500;

function writeFile(repo: string, i: number, content: string, signed: boolean): void {
  const rel = `src/f${i}.ts`;
  const spans = spanOverLines(content, 5, 15, `s${i}`).spans();
  const signoffs = signed ? [createSignOff({ reviewer: { email: 'senior@example.com' }, spans, content, decision: 'approved', now: new Date('2026-11-21T00:00:00Z') })] : [];
  fs.writeFileSync(path.join(repo, rel), content);
  fs.writeFileSync(path.join(repo, sidecarPathFor(rel)), serializeSidecar(buildSidecar(rel, content, spans, signoffs)));
}

const bench: Bench = async () => {
  const repo = newRepo('aiprov-bench-verify-');
  fs.mkdirSync(path.join(repo, 'src'));
  fs.mkdirSync(path.join(repo, '.aiprov/src'), { recursive: true });
  fs.writeFileSync(path.join(repo, '.aiprov/allowed_signers'), 'senior@example.com namespaces="aiprov" ssh-ed25519 AAAAKey\n');
  for (let i = 0; i < SIDECARS; i++) writeFile(repo, i, sourceFile(i), true);
  gitIn(repo, 'add', '-A');
  gitIn(repo, 'commit', '-qm', 'base');
  gitIn(repo, 'checkout', '-qb', 'feature');
  for (let i = 0; i < CHANGED; i++) writeFile(repo, i, sourceFile(i) + `export const extra${i} = true;\n`, true);
  gitIn(repo, 'add', '-A');
  gitIn(repo, 'commit', '-qm', 'change');

  const times: number[] = [];
  let checked = 0;
  let violations = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const report = await verifyChange(repo, 'main');
    times.push(performance.now() - t0);
    checked = report.spansChecked;
    violations = report.violations.length;
  }
  fs.rmSync(repo, { recursive: true, force: true });
  return [{ name: `${SIDECARS} sidecars, ${CHANGED} changed files`, value: median(times) / 1000, unit: 's', target: 2, detail: `${checked} spans checked, ${violations} violations` }];
};

export default bench;
