// Everyday history rewrites keep provenance valid: after a rebase onto a moved main (in the same
// clone, and in a fresh clone of a branch rebased elsewhere), a cherry-pick, an amend and a squash,
// HEAD's sidecar describes HEAD's file and the sign-off on unchanged text still holds.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { coveredTextDigest, gitBlobId } from '../../../src/core/digest';
import { parseSidecar, spansOf } from '../../../src/core/format';
import { installGitHooks } from '../../../src/core/repo/gitHooks';
import { loadFileProvenance } from '../../../src/core/repo/provenance';
import { runCliCaptured } from '../helpers/cli';
import { isolatedGitEnv, makeRepo, recordAiInsert, type TestRepo, allowUnsignedReviews, withBundledCli } from '../helpers/gitRepo';

const BASE = Array.from({ length: 12 }, (_, i) => `export const line${i} = ${i};\n`).join('');
const AI = 'export function clamp(x: number, lo: number, hi: number) {\n  return Math.min(hi, Math.max(lo, x));\n}\n';
const AI2 = 'export const twice = (x: number) => x * 2;\n';
const UPSTREAM = '// upstream: licence header\n// upstream: second line\n';
const at = BASE.indexOf('export const line6');

/** HEAD's sidecar for src/a.ts, checked to describe HEAD's file; its span texts and sign-off state. */
function headState(repo: TestRepo, rev = 'HEAD') {
  const content = repo.git('show', `${rev}:src/a.ts`);
  const sidecar = parseSidecar(repo.git('show', `${rev}:.aiprov/src/a.ts.aiprov`), 'sidecar', { content });
  assert.equal(sidecar.blob, gitBlobId(content), `the sidecar at ${rev} describes the file at ${rev}`);
  const texts = sidecar.spans.map((s) => content.slice(s.ranges[0].start, s.ranges[s.ranges.length - 1].end)).sort();
  const signoffsValid = sidecar.signoffs.map(
    (so) =>
      so.digest ===
      coveredTextDigest(
        content,
        spansOf(sidecar).filter((s) => so.spans.includes(s.id)),
      ),
  );
  return { content, sidecar, texts, signoffsValid };
}

describe('provenance through rebase, cherry-pick, amend and squash (real git)', function () {
  this.timeout(90_000);
  const cli = withBundledCli();
  let repo: TestRepo;
  beforeEach(async () => {
    repo = makeRepo('aiprov-rewrite-');
    repo.write('src/a.ts', BASE);
    allowUnsignedReviews(repo);
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'base');
    await installGitHooks(repo.root, cli().command);
    repo.git('checkout', '-qb', 'feature');
    await recordAiInsert(repo, 'src/a.ts', at, AI, 'AI-1');
    repo.git('commit', '-qam', 'feature: AI clamp');
    const review = await runCliCaptured(['signoff', '--no-sign', '--check', 'tests,rollback', 'src/a.ts'], repo.root);
    assert.equal(review.code, 0, review.err);
    repo.git('commit', '-qam', 'review');
    // main moves: other lines of the same file change upstream.
    repo.git('checkout', '-q', 'main');
    repo.write('src/a.ts', UPSTREAM + BASE.replace('line11 = 11', 'line11 = 1100'));
    repo.git('commit', '-qam', 'upstream edits');
    repo.git('checkout', '-q', 'feature');
  });
  afterEach(() => repo.remove());

  it('rebase onto a moved main in the same clone', () => {
    repo.git('rebase', '-q', 'main');
    const s = headState(repo);
    assert.ok(s.content.startsWith(UPSTREAM) && s.content.includes('line11 = 1100'));
    assert.deepEqual(s.texts, [AI]);
    assert.deepEqual(s.signoffsValid, [true], 'the sign-off on unchanged text stays valid');
    assert.equal(repo.git('status', '--porcelain'), '');
  });

  it('a branch rebased elsewhere (no aiprov there), in a fresh clone where the old content is gone', async () => {
    // A server-side rebase: another clone without hooks rebases and pushes.
    const remote = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-remote-')));
    const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-server-')));
    const fresh = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-fresh-')));
    try {
      const run = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: isolatedGitEnv, stdio: 'pipe' }).toString();
      run(remote, 'init', '-q', '--bare');
      repo.git('push', '-q', remote, 'main', 'feature');
      run(work, 'clone', '-q', remote, '.');
      run(work, 'checkout', '-q', '-b', 'feature', 'origin/feature');
      run(work, '-c', 'user.email=server@example.com', '-c', 'user.name=Server', 'rebase', '-q', 'origin/main');
      run(work, 'push', '-q', '--force', 'origin', 'feature');
      run(fresh, 'clone', '-q', '--no-local', '--single-branch', '-b', 'feature', remote, '.');
      const clone = makeRepo('', fresh);
      const stale = parseSidecar(clone.read('.aiprov/src/a.ts.aiprov'), 'stale');
      assert.notEqual(stale.blob, gitBlobId(clone.read('src/a.ts')), 'the pushed sidecar describes the pre-rebase content');
      assert.throws(() => clone.git('cat-file', '-e', stale.blob), 'the content it names is not in the fresh clone');

      const loaded = await loadFileProvenance({
        repoRoot: fresh,
        liveDir: clone.gitDir,
        repoPath: 'src/a.ts',
        content: clone.read('src/a.ts'),
        isGit: true,
      });
      assert.deepEqual(loaded.problems, []);
      assert.deepEqual(
        loaded.spans.map((s) => clone.read('src/a.ts').slice(s.ranges[0].start, s.ranges[0].end)),
        [AI],
      );

      const r = await runCliCaptured(['export'], fresh);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /wrote \.aiprov\/src\/a\.ts\.aiprov/);
      clone.git('commit', '-qam', 'aiprov export');
      const s = headState(clone);
      assert.deepEqual(s.texts, [AI]);
      assert.deepEqual(s.signoffsValid, [true]);
    } finally {
      for (const d of [remote, work, fresh]) fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('cherry-pick of the AI commit onto the moved main', () => {
    const pick = repo.git('rev-parse', 'feature~1').trim();
    repo.git('checkout', '-q', 'main');
    repo.git('cherry-pick', pick);
    const s = headState(repo);
    assert.deepEqual(s.texts, [AI]);
    assert.equal(repo.git('log', '-1', '--format=%s'), 'feature: AI clamp\n', 'the same commit message');
    assert.equal(repo.git('status', '--porcelain'), '');
  });

  it('cherry-pick of several commits (A..B) onto the moved main', () => {
    const base = repo.git('merge-base', 'main', 'feature').trim();
    repo.git('checkout', '-q', 'main');
    repo.git('cherry-pick', `${base}..feature`);
    assert.equal(repo.git('rev-list', '--count', `${base}..HEAD`).trim(), '3', 'upstream and both picked commits');
    const s = headState(repo);
    assert.deepEqual(s.texts, [AI]);
    assert.deepEqual(s.signoffsValid, [true], 'the sign-off on unchanged text stays valid');
    assert.equal(repo.git('log', '-1', '--format=%s'), 'review\n');
    assert.equal(repo.git('status', '--porcelain'), '');
  });

  it('amend with a human edit above the AI span', () => {
    repo.write('src/a.ts', `// a human note\n${repo.read('src/a.ts')}`);
    repo.git('commit', '-q', '-a', '--amend', '--no-edit');
    const s = headState(repo);
    assert.deepEqual(s.texts, [AI]);
    assert.deepEqual(s.signoffsValid, [true]);
  });

  it("amend that changes another file or only the message keeps the commit's AI-Assisted trailer", () => {
    repo.git('checkout', '-q', 'feature~1');
    const trailer = () => repo.git('log', '-1', '--format=%(trailers:key=AI-Assisted,valueonly)').trim();
    assert.equal(trailer(), '3 lines in 1 file (GitHub Copilot)');
    repo.write('notes.txt', 'a human note\n');
    repo.git('add', 'notes.txt');
    repo.git('commit', '-q', '--amend', '--no-edit');
    assert.equal(trailer(), '3 lines in 1 file (GitHub Copilot)', 'the amended commit still carries the AI it lands');
    repo.git('commit', '-q', '--amend', '-m', 'feature: AI clamp, reworded');
    assert.equal(trailer(), '3 lines in 1 file (GitHub Copilot)');
    assert.equal(repo.git('log', '-1', '--format=%s'), 'feature: AI clamp, reworded\n');
    assert.equal(repo.git('status', '--porcelain'), '');
  });

  it('interactive rebase squashing two AI commits onto the moved main', async () => {
    await recordAiInsert(repo, 'src/a.ts', repo.read('src/a.ts').indexOf('export const line3'), AI2, 'AI-2');
    repo.git('commit', '-qam', 'feature: AI twice');
    execFileSync('git', ['rebase', '-q', '-i', 'main'], {
      cwd: repo.root,
      stdio: 'pipe',
      env: { ...isolatedGitEnv, GIT_SEQUENCE_EDITOR: 'sed -i -e "2,3s/^pick/squash/"', GIT_EDITOR: 'true' },
    });
    assert.equal(repo.git('rev-list', '--count', 'main..HEAD').trim(), '1', 'squashed into one commit');
    const s = headState(repo);
    assert.deepEqual(s.texts, [AI, AI2].sort());
    assert.deepEqual(s.signoffsValid, [true]);
    assert.equal(repo.git('status', '--porcelain'), '');
  });
});
