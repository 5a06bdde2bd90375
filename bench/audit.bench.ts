// `aiprov audit` on a generated repository of 10,000 commits with 500 fixes and 1,000 sidecars:
// the full audit, then a re-run after 10 new commits (the cache holds the rest), and the share of
// each run spent waiting on git.
import * as fs from 'node:fs';
import { runAudit } from '../src/core/audit/audit';
import { appendCommits, generateAuditRepo } from './auditRepo';
import { newRepo } from './gitRepos';
import type { Bench } from './types';

const SHAPE = { commits: 10_000, fixes: 500, sidecars: 1_000 };

const bench: Bench = async () => {
  const repo = newRepo('aiprov-bench-audit-');
  const t0 = performance.now();
  generateAuditRepo(repo, SHAPE);
  const generated = (performance.now() - t0) / 1000;
  const gitDir = `${repo}/.git`;
  const full = await runAudit(repo, { gitDir });
  appendCommits(repo, 10);
  const rerun = await runAudit(repo, { gitDir });
  fs.rmSync(repo, { recursive: true, force: true });
  const share = (r: typeof full) => `${Math.round((r.gitMs / r.totalMs) * 100)}% in git`;
  const r = full.report;
  return [
    {
      name: `full audit, ${r.commits} commits, ${r.fixes.length} fixes, ${SHAPE.sidecars} sidecars`,
      value: full.totalMs / 1000,
      unit: 's',
      target: 60,
      detail: `${share(full)}; ${r.links.length} links; repository generated in ${generated.toFixed(1)} s`,
    },
    {
      name: `re-run after 10 new commits (${rerun.computed} read)`,
      value: rerun.totalMs / 1000,
      unit: 's',
      target: 3,
      detail: share(rerun),
    },
  ];
};

export default bench;
