// Hook overhead: `git commit` of 200 staged files (50 with AI spans) with aiprov's hooks against
// the same commit without them.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSidecar } from '../src/core/format';
import { LiveStore } from '../src/core/live/store';
import { installGitHooks } from '../src/core/repo/gitHooks';
import { benchEnv, gitIn, newRepo, sourceFile, spanOverLines } from './gitRepos';
import { median, type Bench } from './types';

const FILES = 200;
const AI_FILES = 50;

async function prepare(withHooks: boolean): Promise<string> {
  const repo = newRepo('aiprov-bench-commit-');
  fs.mkdirSync(path.join(repo, 'src'));
  fs.writeFileSync(path.join(repo, 'README'), 'bench\n');
  gitIn(repo, 'add', '-A');
  gitIn(repo, 'commit', '-qm', 'init');
  const store = new LiveStore(path.join(repo, '.git'));
  for (let i = 0; i < FILES; i++) {
    const content = sourceFile(i);
    fs.writeFileSync(path.join(repo, `src/f${i}.ts`), content);
    if (i < AI_FILES) await store.write(buildSidecar(`src/f${i}.ts`, content, spanOverLines(content, 5, 15, `s${i}`).spans()));
  }
  gitIn(repo, 'add', '-A');
  if (withHooks) await installGitHooks(repo, `node ${JSON.stringify(path.resolve(__dirname, '..', 'cli.js'))}`);
  return repo;
}

function timeCommit(repo: string): number {
  const t0 = performance.now();
  execFileSync('git', ['commit', '-qm', 'bench'], { cwd: repo, stdio: 'pipe', env: benchEnv });
  return performance.now() - t0;
}

const bench: Bench = async () => {
  const plain: number[] = [];
  const hooked: number[] = [];
  let sidecars = 0;
  for (let round = 0; round < 3; round++) {
    const a = await prepare(false);
    const b = await prepare(true);
    plain.push(timeCommit(a));
    hooked.push(timeCommit(b));
    sidecars = gitIn(b, 'ls-files', '.aiprov').trim().split('\n').length;
    fs.rmSync(a, { recursive: true, force: true });
    fs.rmSync(b, { recursive: true, force: true });
  }
  const p = median(plain);
  const h = median(hooked);
  return [
    { name: `git commit, ${FILES} staged files, no hooks`, value: p, unit: 'ms' },
    {
      name: `git commit with aiprov hooks (${AI_FILES} files with AI spans)`,
      value: h,
      unit: 'ms',
      detail: `${sidecars} sidecars committed`,
    },
    { name: 'time the hooks add', value: h - p, unit: 'ms', target: 300 },
    { name: 'with hooks / without', value: h / p, unit: 'x' },
  ];
};

export default bench;
