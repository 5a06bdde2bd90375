// `aiprov verify` on a repository with 2,000 sidecars and 500 changed files, every AI span signed
// off with a real SSH key: signatures checked with ssh-keygen, history walked, base compared.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSidecar, serializeSidecar, sidecarPathFor } from '../src/core/format';
import type { SignOff } from '../src/core/model';
import { createSignOff, signSignOff } from '../src/core/signoff';
import { verifyChange } from '../src/core/verify/verify';
import { gitIn, newRepo, sourceFile, spanOverLines } from './gitRepos';
import { median, type Bench } from './types';

const SIDECARS = 2_000;
const CHANGED = 500;

async function pool<T>(items: readonly T[], width: number, body: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await body(items[next++]);
    }),
  );
}

const bench: Bench = async () => {
  const repo = newRepo('aiprov-bench-verify-');
  const key = path.join(repo, '..', `${path.basename(repo)}-key`);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'senior', '-f', key]);
  fs.mkdirSync(path.join(repo, 'src'));
  fs.mkdirSync(path.join(repo, '.aiprov/src'), { recursive: true });
  fs.writeFileSync(
    path.join(repo, '.aiprov/allowed_signers'),
    `senior@example.com namespaces="aiprov" ${fs.readFileSync(`${key}.pub`, 'utf8').trim()}\n`,
  );
  const records: SignOff[] = new Array(SIDECARS);
  const spansOf = (i: number, content: string) => spanOverLines(content, 5, 15, `s${i}`).spans();
  await pool([...Array(SIDECARS).keys()], 4, async (i) => {
    const rel = `src/f${i}.ts`;
    const content = sourceFile(i);
    records[i] = await signSignOff(
      createSignOff({
        reviewer: { email: 'senior@example.com' },
        file: rel,
        spans: spansOf(i, content),
        content,
        decision: 'approved',
        checklist: ['rollback', 'tests'],
        now: new Date('2026-11-21T00:00:00Z'),
      }),
      key,
    );
    fs.writeFileSync(path.join(repo, rel), content);
    fs.writeFileSync(path.join(repo, sidecarPathFor(rel)), serializeSidecar(buildSidecar(rel, content, spansOf(i, content), [records[i]])));
  });
  gitIn(repo, 'add', '-A');
  gitIn(repo, 'commit', '-qm', 'base');
  gitIn(repo, 'checkout', '-qb', 'feature');
  // Each changed file gains a human line below its reviewed span: the sign-off stays valid.
  for (let i = 0; i < CHANGED; i++) {
    const rel = `src/f${i}.ts`;
    const content = sourceFile(i) + `export const extra${i} = true;\n`;
    fs.writeFileSync(path.join(repo, rel), content);
    fs.writeFileSync(path.join(repo, sidecarPathFor(rel)), serializeSidecar(buildSidecar(rel, content, spansOf(i, content), [records[i]])));
  }
  gitIn(repo, 'add', '-A');
  gitIn(repo, 'commit', '-qm', 'change');

  const times: number[] = [];
  let detail = '';
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const report = await verifyChange(repo, 'main');
    times.push(performance.now() - t0);
    detail = `${report.spansApproved}/${report.spansChecked} spans signed off (every signature checked), ${report.violations.length} violations`;
    // The figure is for a change that passes: every signature checked and counted.
    if (report.violations.length || report.spansApproved !== report.spansChecked) throw new Error(`verify did not pass: ${detail}`);
  }
  fs.rmSync(repo, { recursive: true, force: true });
  fs.rmSync(key, { force: true });
  fs.rmSync(`${key}.pub`, { force: true });
  return [{ name: `${SIDECARS} sidecars, ${CHANGED} changed files, signed`, value: median(times) / 1000, unit: 's', target: 2, detail }];
};

export default bench;
