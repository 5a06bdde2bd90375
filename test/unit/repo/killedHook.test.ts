// A pre-commit hook killed mid-write leaves no litter in the user's tree, and the next commit
// neither trips over its lock nor keeps its temporary files.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installGitHooks } from '../../../src/core/repo/gitHooks';
import { isolatedGitEnv, makeRepo, recordAiInsert, type TestRepo, withBundledCli } from '../helpers/gitRepo';

const FILES = 60;

describe('a killed pre-commit hook (real git)', function () {
  this.timeout(120_000);
  const cli = withBundledCli();
  let repo: TestRepo;
  beforeEach(async () => {
    repo = makeRepo('aiprov-killed-');
    for (let i = 0; i < FILES; i++) repo.write(`src/f${i}.ts`, `export const v${i} = ${i};\n`);
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'init');
    await installGitHooks(repo.root, cli().command);
    for (let i = 0; i < FILES; i++)
      await recordAiInsert(repo, `src/f${i}.ts`, 0, `// AI line for file ${i}\nexport const ai${i} = ${i * 2};\n`, `span-${i}`);
    repo.git('add', '-A');
  });
  afterEach(() => repo.remove());

  /** Starts `git commit` and SIGKILLs its whole process group as soon as the hook starts writing. */
  function commitKilledMidWrite(): Promise<void> {
    const aiprovDir = path.join(repo.gitDir, 'aiprov');
    const writing = () =>
      ['locks', 'tmp'].some((d) => (fs.existsSync(path.join(aiprovDir, d)) ? fs.readdirSync(path.join(aiprovDir, d)).length > 0 : false));
    return new Promise((resolve) => {
      const child = spawn('git', ['commit', '-qm', 'killed'], { cwd: repo.root, env: isolatedGitEnv, detached: true, stdio: 'ignore' });
      let exited = false;
      child.once('exit', () => {
        exited = true;
        resolve();
      });
      const poll = () => {
        if (exited) return;
        if (writing()) process.kill(-child.pid!, 'SIGKILL');
        else setImmediate(poll);
      };
      poll();
    });
  }

  it('no temporary file in the tree, and the next commit goes through and sweeps the rest', async () => {
    await commitKilledMidWrite();
    const head = repo.git('log', '--format=%s', '-1');
    assert.equal(head, 'init\n', 'the killed commit did not happen');
    fs.rmSync(path.join(repo.gitDir, 'index.lock'), { force: true }); // git's own, left by the kill
    const untracked = repo
      .git('status', '--porcelain', '--untracked-files=all')
      .split('\n')
      .filter((l) => l.startsWith('??'));
    assert.deepEqual(
      untracked.filter((l) => l.endsWith('.tmp')),
      [],
      'no temporary file in the tree',
    );

    repo.git('add', '-A');
    repo.git('commit', '-qm', 'again');
    assert.equal(repo.git('log', '--format=%s', '-1'), 'again\n');
    assert.equal(repo.git('ls-tree', '-r', '--name-only', 'HEAD', '.aiprov').trim().split('\n').length, FILES);
    const leftovers = ['locks', 'tmp'].flatMap((d) =>
      fs.existsSync(path.join(repo.gitDir, 'aiprov', d)) ? fs.readdirSync(path.join(repo.gitDir, 'aiprov', d)) : [],
    );
    assert.deepEqual(leftovers, [], 'stale locks broken, temporary files swept');
    assert.equal(repo.git('status', '--porcelain', '--untracked-files=all'), '');
  });
});
