import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitBlobId } from '../../../src/core/digest';
import { buildSidecar, parseSidecar, spansOf } from '../../../src/core/format';
import { LiveStore } from '../../../src/core/live/store';
import { storeBlob } from '../../../src/core/repo/git';
import { installGitHooks, uninstallGitHooks } from '../../../src/core/repo/gitHooks';
import { SpanTracker } from '../../../src/core/spans/tracker';
import { COPILOT_ACCEPT, withBundledCli } from '../helpers/gitRepo';

const attribution = COPILOT_ACCEPT;

describe('export at commit (real git)', function () {
  this.timeout(30_000);
  let repo: string;
  const cli = withBundledCli();
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: repo,
      stdio: 'pipe',
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    }).toString();

  beforeEach(async () => {
    repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-export-')));
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'dev@example.com');
    git('config', 'user.name', 'Dev');
    git('config', 'commit.gpgsign', 'false');
    fs.mkdirSync(path.join(repo, 'src'));
    fs.writeFileSync(path.join(repo, 'src/a.ts'), 'export const a = 1;\n');
    fs.writeFileSync(path.join(repo, 'src/human.ts'), 'export const h = 1;\n');
    git('add', '-A');
    git('commit', '-qm', 'init');
    await installGitHooks(repo, cli().command);
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  /** What the extension does after an AI insertion: a live record plus the content in git's store. */
  async function aiInsert(repoPath: string, before: string, insertAt: number, text: string, id = `span-${repoPath}`): Promise<string> {
    const existing = await new LiveStore(path.join(repo, '.git')).read(repoPath);
    const tracker = new SpanTracker(existing && existing.blob === gitBlobId(before) ? spansOf(existing) : []);
    tracker.applyAiEdit({ offset: insertAt, deleteLength: 0, text }, attribution, id);
    const content = before.slice(0, insertAt) + text + before.slice(insertAt);
    fs.writeFileSync(path.join(repo, repoPath), content);
    await storeBlob(repo, content);
    await new LiveStore(path.join(repo, '.git')).write(buildSidecar(repoPath, content, tracker.spans()));
    return content;
  }

  const committedSidecar = (repoPath: string, rev = 'HEAD') => parseSidecar(git('show', `${rev}:.aiprov/${repoPath}.aiprov`), repoPath);

  it('a terminal commit carries an up-to-date sidecar and an AI-Assisted trailer', async () => {
    const ai = 'export function double(x: number) {\n  return x * 2;\n}\n';
    const content = await aiInsert('src/a.ts', 'export const a = 1;\n', 20, ai);
    git('add', 'src/a.ts');
    git('commit', '-qm', 'add double');
    const sidecar = committedSidecar('src/a.ts');
    assert.equal(sidecar.blob, git('rev-parse', 'HEAD:src/a.ts').trim());
    assert.equal(sidecar.blob, gitBlobId(content));
    assert.deepEqual(
      sidecar.spans.map((s) => content.slice(s.ranges[0].start, s.ranges[0].end)),
      [ai],
    );
    assert.match(git('log', '-1', '--format=%B'), /^AI-Assisted: 3 lines in 1 file \(GitHub Copilot\)$/m);
    assert.equal(git('status', '--porcelain'), '', 'working tree sidecar matches the index');
  });

  it('with partial staging, the sidecar describes the staged content, not the working tree', async () => {
    const ai = 'export const fromAi = [1, 2, 3];\n';
    const staged = await aiInsert('src/a.ts', 'export const a = 1;\n', 20, ai);
    // Stage this version, then keep editing the working tree (a human line above).
    git('add', 'src/a.ts');
    fs.writeFileSync(path.join(repo, 'src/a.ts'), '// not staged\n' + staged);
    git('commit', '-qm', 'partial');
    const sidecar = committedSidecar('src/a.ts');
    assert.equal(sidecar.blob, gitBlobId(staged));
    assert.deepEqual(
      sidecar.spans.map((s) => staged.slice(s.ranges[0].start, s.ranges[0].end)),
      [ai],
    );
  });

  it('a commit without AI lines gets no sidecar and says AI-Assisted: none', () => {
    fs.appendFileSync(path.join(repo, 'src/human.ts'), 'export const h2 = 2;\n');
    git('commit', '-qam', 'human only');
    assert.match(git('log', '-1', '--format=%B'), /^AI-Assisted: none$/m);
    assert.equal(git('ls-files', '.aiprov'), '');
  });

  it('a rename moves the sidecar', async () => {
    await aiInsert('src/a.ts', 'export const a = 1;\n', 20, 'export const ai = "generated";\n');
    git('add', 'src/a.ts');
    git('commit', '-qm', 'ai');
    git('mv', 'src/a.ts', 'src/renamed.ts');
    git('commit', '-qm', 'rename');
    assert.deepEqual(git('ls-files', '.aiprov').trim().split('\n'), ['.aiprov/src/renamed.ts.aiprov']);
    assert.equal(committedSidecar('src/renamed.ts').path, 'src/renamed.ts');
  });

  it('deleting every AI line removes the sidecar', async () => {
    await aiInsert('src/a.ts', 'export const a = 1;\n', 20, 'export const ai = "generated";\n');
    git('add', 'src/a.ts');
    git('commit', '-qm', 'ai');
    fs.writeFileSync(path.join(repo, 'src/a.ts'), 'export const a = 1;\n');
    git('commit', '-qam', 'drop ai');
    assert.equal(git('ls-files', '.aiprov'), '');
  });

  it('hooks that were already there still run, and uninstall restores them', async () => {
    await uninstallGitHooks(repo);
    const hook = path.join(repo, '.git/hooks/pre-commit');
    fs.writeFileSync(hook, '#!/bin/sh\necho ran >> "$(git rev-parse --show-toplevel)/.git/existing-hook-ran"\n', { mode: 0o755 });
    const installed = await installGitHooks(repo, cli().command);
    assert.deepEqual(installed.chained, ['pre-commit']);
    await aiInsert('src/a.ts', 'export const a = 1;\n', 20, 'export const ai = "generated";\n');
    git('add', 'src/a.ts');
    git('commit', '-qm', 'with existing hook');
    assert.ok(fs.existsSync(path.join(repo, '.git/existing-hook-ran')), 'existing hook ran');
    assert.ok(committedSidecar('src/a.ts'));
    await uninstallGitHooks(repo);
    assert.match(fs.readFileSync(hook, 'utf8'), /existing-hook-ran/);
    assert.ok(!fs.existsSync(path.join(repo, '.git/hooks/prepare-commit-msg')));
  });

  it('honours core.hooksPath', async () => {
    await uninstallGitHooks(repo);
    git('config', 'core.hooksPath', '.githooks');
    const r = await installGitHooks(repo, cli().command);
    assert.equal(r.dir, path.join(repo, '.githooks'));
    assert.ok(fs.existsSync(path.join(repo, '.githooks/pre-commit')));
  });

  it('the merge driver merges two branches that both changed a sidecar', async () => {
    execFileSync('node', [cli().file, 'merge-driver', 'install'], { cwd: repo, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
    git('add', '.gitattributes');
    git('commit', '-qm', 'merge driver');
    const base = 'line 1\nline 2\nline 3\nline 4\nline 5\nline 6\n';
    fs.writeFileSync(path.join(repo, 'src/m.ts'), base);
    git('add', 'src/m.ts');
    git('commit', '-qm', 'm');
    git('checkout', '-qb', 'other');
    await aiInsert('src/m.ts', base, base.length, 'theirs();\n', 'T');
    git('commit', '-qam', 'theirs');
    git('checkout', '-q', 'main');
    await new LiveStore(path.join(repo, '.git')).remove('src/m.ts');
    await aiInsert('src/m.ts', base, 0, 'ours();\n', 'O');
    git('commit', '-qam', 'ours');
    assert.match(git('show', 'other:.aiprov/src/m.ts.aiprov'), /"T"/);
    assert.match(git('show', 'HEAD:.aiprov/src/m.ts.aiprov'), /"O"/);
    git('merge', '-q', '--no-edit', 'other');
    const merged = fs.readFileSync(path.join(repo, 'src/m.ts'), 'utf8');
    assert.equal(merged, 'ours();\n' + base + 'theirs();\n');
    const sidecar = committedSidecar('src/m.ts');
    assert.equal(sidecar.blob, gitBlobId(merged));
    assert.deepEqual(sidecar.spans.map((s) => [s.id, merged.slice(s.ranges[0].start, s.ranges[0].end)]).sort(), [
      ['O', 'ours();\n'],
      ['T', 'theirs();\n'],
    ]);
  });
});
