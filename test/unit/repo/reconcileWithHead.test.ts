// What the user discards with reset, checkout or stash stays discarded: live state is reconciled
// with HEAD, so neither spans nor sign-offs come back at the next commit from .git/aiprov/live.
import * as assert from 'node:assert/strict';
import { parseSidecar } from '../../../src/core/format';
import { installGitHooks } from '../../../src/core/repo/gitHooks';
import { runCliCaptured } from '../helpers/cli';
import { makeRepo, recordAiInsert, type TestRepo, allowUnsignedReviews, withBundledCli } from '../helpers/gitRepo';

const BASE = 'export const a = 1;\n';
const AI = 'export function double(x: number) {\n  return x * 2;\n}\n';

describe('live state reconciled with HEAD (real git)', function () {
  this.timeout(60_000);
  const cli = withBundledCli();
  let repo: TestRepo;
  beforeEach(async () => {
    repo = makeRepo('aiprov-reconcile-');
    repo.write('src/a.ts', BASE);
    repo.write('src/b.ts', 'export const b = 1;\n');
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'init');
    await installGitHooks(repo.root, cli().command);
  });
  afterEach(() => repo.remove());

  const sidecarAt = (rev: string) => parseSidecar(repo.git('show', `${rev}:.aiprov/src/a.ts.aiprov`), 'sidecar');
  const hasSidecar = (rev: string) => repo.git('ls-tree', '--name-only', '-r', rev).split('\n').includes('.aiprov/src/a.ts.aiprov');

  it('git reset --hard discards a sign-off; the next commit does not bring it back', async () => {
    await recordAiInsert(repo, 'src/a.ts', BASE.length, AI, 'span-1');
    repo.git('add', 'src/a.ts');
    repo.git('commit', '-qm', 'ai');
    assert.equal(sidecarAt('HEAD').signoffs.length, 0);
    allowUnsignedReviews(repo);
    const review = await runCliCaptured(['signoff', '--no-sign', '--check', 'tests,rollback', 'src/a.ts'], repo.root);
    assert.equal(review.code, 0, review.err);
    repo.git('reset', '-q', '--hard');
    // A later human edit to the same file, committed through the hook.
    repo.write('src/a.ts', `// human\n${repo.read('src/a.ts')}`);
    repo.git('add', 'src/a.ts');
    repo.git('commit', '-qm', 'human edit');
    const after = sidecarAt('HEAD');
    assert.equal(after.signoffs.length, 0, 'the discarded sign-off stayed discarded');
    assert.deepEqual(
      after.spans.map((s) => s.id),
      ['span-1'],
    );
  });

  it('git stash keeps AI work aside and git stash pop brings its spans back', async () => {
    await recordAiInsert(repo, 'src/a.ts', BASE.length, AI, 'span-1');
    repo.git('stash', '-q');
    // While stashed, a human commits an edit to the same file: no AI span rides along.
    repo.write('src/a.ts', `${BASE}// human\n`);
    repo.git('add', 'src/a.ts');
    repo.git('commit', '-qm', 'human while stashed');
    assert.equal(hasSidecar('HEAD'), false);
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    repo.git('stash', 'pop', '-q');
    repo.git('add', 'src/a.ts');
    repo.git('commit', '-qm', 'ai after pop');
    assert.deepEqual(
      sidecarAt('HEAD').spans.map((s) => s.id),
      ['span-1'],
    );
  });

  it('git checkout of a file discards its AI text for good', async () => {
    await recordAiInsert(repo, 'src/a.ts', 0, AI, 'span-1');
    repo.git('checkout', '--', 'src/a.ts');
    repo.write('src/b.ts', 'export const b = 2;\n');
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'other file');
    assert.equal(hasSidecar('HEAD'), false);
    const blame = await runCliCaptured(['blame', 'src/a.ts'], repo.root);
    assert.equal(blame.code, 0, blame.err);
    assert.doesNotMatch(blame.out, /Copilot/);
  });
});
