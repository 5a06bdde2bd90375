// Real conflicting merges with aiprov's merge driver and hooks: both sides' AI spans end up on the
// merged file whether the conflict is resolved by hand or with -X ours / -X theirs, also when one
// branch has a commit made with --no-verify (its sidecar stale). Never a silent loss.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { gitBlobId } from '../../../src/core/digest';
import { parseSidecar } from '../../../src/core/format';
import { LiveStore } from '../../../src/core/live/store';
import { installGitHooks } from '../../../src/core/repo/gitHooks';
import { isolatedGitEnv, makeRepo, recordAiInsert, type TestRepo, withBundledCli } from '../helpers/gitRepo';

const BASE = 'function a() {\n  return 1;\n}\n\nfunction b() {\n  return 2;\n}\n';
const OURS_AI = '// main: cache the result\nconst cache = new Map();\n';
const THEIRS_AI = '// feature: log every call\nconst log = [];\n';
const at = BASE.indexOf('\nfunction b') + 1; // both branches insert here: a real conflict

/** A repository with aiprov's git hooks and its sidecar merge driver installed, as a team sets it up. */
async function repoWithDriver(prefix: string, cli: { command: string; file: string }): Promise<TestRepo> {
  const repo = makeRepo(prefix);
  await installGitHooks(repo.root, cli.command);
  execFileSync('node', [cli.file, 'merge-driver', 'install'], { cwd: repo.root, env: isolatedGitEnv, stdio: 'pipe' });
  return repo;
}

describe('merge driver on conflicting source files (real git)', function () {
  this.timeout(60_000);
  const cli = withBundledCli();
  let repo: TestRepo;
  beforeEach(async () => {
    repo = await repoWithDriver('aiprov-merge-', cli());
    repo.write('src/m.ts', BASE);
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'base');
    repo.git('checkout', '-qb', 'feature');
    await recordAiInsert(repo, 'src/m.ts', at, THEIRS_AI, 'THEIRS');
    repo.git('commit', '-qam', 'feature: AI logging');
    repo.git('checkout', '-q', 'main');
    await new LiveStore(repo.gitDir).remove('src/m.ts');
    await recordAiInsert(repo, 'src/m.ts', at, OURS_AI, 'OURS');
    repo.git('commit', '-qam', 'main: AI cache');
  });
  afterEach(() => repo.remove());

  const merge = (...args: string[]) =>
    spawnSync('git', ['merge', '--no-edit', ...args, 'feature'], { cwd: repo.root, env: isolatedGitEnv, encoding: 'utf8' });
  /** The committed sidecar's spans as [id, text], checked to describe the committed file. */
  function committedSpans(): Array<[string, string]> {
    const content = repo.git('show', 'HEAD:src/m.ts');
    const sidecar = parseSidecar(repo.git('show', 'HEAD:.aiprov/src/m.ts.aiprov'), 'sidecar', { content });
    assert.equal(sidecar.blob, gitBlobId(content), 'the sidecar describes the committed merge result');
    return sidecar.spans.map((s): [string, string] => [s.id, content.slice(s.ranges[0].start, s.ranges[s.ranges.length - 1].end)]).sort();
  }

  it('resolved by hand keeping both: both spans on the merged file', () => {
    const r = merge();
    assert.notEqual(r.status, 0, 'the source file conflicts');
    assert.match(r.stdout + r.stderr, /CONFLICT \(content\): Merge conflict in src\/m\.ts/);
    assert.doesNotMatch(r.stdout + r.stderr, /CONFLICT.*\.aiprov/, 'the sidecar itself merged');
    repo.write('src/m.ts', BASE.slice(0, at) + OURS_AI + THEIRS_AI + BASE.slice(at));
    repo.git('add', 'src/m.ts');
    repo.git('commit', '-q', '--no-edit');
    assert.deepEqual(committedSpans(), [
      ['OURS', OURS_AI],
      ['THEIRS', THEIRS_AI],
    ]);
  });

  it('resolved by hand with an edit inside one side: the edited span keeps its untouched text', () => {
    merge();
    const edited = THEIRS_AI.replace('every call', 'each call');
    repo.write('src/m.ts', BASE.slice(0, at) + OURS_AI + edited + BASE.slice(at));
    repo.git('add', 'src/m.ts');
    repo.git('commit', '-q', '--no-edit');
    const spans = committedSpans();
    assert.deepEqual(
      spans.map(([id]) => id),
      ['OURS', 'THEIRS'],
    );
    assert.equal(spans[0][1], OURS_AI);
  });

  for (const side of ['ours', 'theirs'] as const) {
    it(`-X ${side}: the kept side's span on the merged file, the sidecar up to date`, () => {
      const r = merge('-X', side);
      assert.equal(r.status, 0, r.stderr);
      const content = repo.read('src/m.ts');
      assert.equal(content, BASE.slice(0, at) + (side === 'ours' ? OURS_AI : THEIRS_AI) + BASE.slice(at));
      assert.deepEqual(committedSpans(), side === 'ours' ? [['OURS', OURS_AI]] : [['THEIRS', THEIRS_AI]]);
      assert.equal(repo.git('status', '--porcelain'), '', 'index and working tree follow the re-exported sidecar');
      assert.equal(repo.git('log', '-1', '--format=%P').trim().split(' ').length, 2, 'still a merge commit');
    });
  }

  it('a --no-verify commit on the branch (stale sidecar) loses no span in the merge', async () => {
    repo.git('checkout', '-q', 'feature');
    await new LiveStore(repo.gitDir).remove('src/m.ts');
    // A human adds lines above everything and commits without the hook: the sidecar is stale.
    repo.write('src/m.ts', `// header line 1\n// header line 2\n${repo.read('src/m.ts')}`);
    repo.git('commit', '-qam', 'header', '--no-verify');
    const extra = '// feature: second AI helper\nconst retry = 3;\n';
    const content = repo.read('src/m.ts');
    await recordAiInsert(repo, 'src/m.ts', content.length, extra, 'THEIRS-2');
    repo.git('commit', '-qam', 'feature: another AI span');
    repo.git('checkout', '-q', 'main');
    await new LiveStore(repo.gitDir).remove('src/m.ts');
    merge();
    const resolved = `// header line 1\n// header line 2\n${BASE.slice(0, at)}${OURS_AI}${THEIRS_AI}${BASE.slice(at)}${extra}`;
    repo.write('src/m.ts', resolved);
    repo.git('add', 'src/m.ts');
    repo.git('commit', '-q', '--no-edit');
    assert.deepEqual(committedSpans(), [
      ['OURS', OURS_AI],
      ['THEIRS', THEIRS_AI],
      ['THEIRS-2', extra],
    ]);
  });

  it('a side that cannot be mapped fails that sidecar with the reason, never a silent loss', () => {
    repo.git('checkout', '-q', 'feature');
    // Their sidecar names content nobody has, and its span's text is not in their file.
    const broken = JSON.parse(repo.read('.aiprov/src/m.ts.aiprov'));
    broken.blob = '1'.repeat(40);
    broken.spans[0].sha256 = 'f'.repeat(64);
    repo.write('.aiprov/src/m.ts.aiprov', JSON.stringify(broken, null, 2) + '\n');
    repo.git('commit', '-qam', 'a sidecar edited by hand', '--no-verify');
    repo.git('checkout', '-q', 'main');
    const r = merge();
    assert.notEqual(r.status, 0);
    assert.match(
      r.stderr,
      /aiprov merge-driver: \.aiprov\/src\/m\.ts\.aiprov: 1 span\(s\) of their side describe content git does not have/,
    );
    assert.match(r.stdout, /CONFLICT \(add\/add\): Merge conflict in \.aiprov\/src\/m\.ts\.aiprov/);
    assert.equal(
      repo.git('ls-files', '-u', '--', '.aiprov/src/m.ts.aiprov').trim().split('\n').length,
      2,
      'both sides kept in the index for the user',
    );
  });
});

describe('merge driver with a rename on one side (real git)', function () {
  this.timeout(60_000);
  const cli = withBundledCli();
  let repo: TestRepo;
  const LINES = Array.from({ length: 20 }, (_, i) => `export const line${i} = ${i};\n`).join('');
  const AI_1 = 'export const first = compute(1);\n';
  const AI_2 = 'export const second = compute(2);\n';
  beforeEach(async () => {
    repo = await repoWithDriver('aiprov-merge-rename-', cli());
    repo.write('src/old.ts', LINES);
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'base');
    await recordAiInsert(repo, 'src/old.ts', LINES.indexOf('export const line5'), AI_1, 'FIRST');
    repo.git('commit', '-qam', 'AI first');
    // One branch renames the file (and changes a line far from the spans)...
    repo.git('checkout', '-qb', 'rename');
    repo.git('mv', 'src/old.ts', 'src/new.ts');
    repo.write('src/new.ts', repo.read('src/new.ts').replace('line19 = 19', 'line19 = 1900'));
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'rename');
    // ...the other adds a second AI span under the old name.
    repo.git('checkout', '-q', 'main');
    await recordAiInsert(repo, 'src/old.ts', repo.read('src/old.ts').indexOf('export const line15'), AI_2, 'SECOND');
    repo.git('commit', '-qam', 'AI second');
  });
  afterEach(() => repo.remove());

  /** The sidecar committed for src/new.ts: it must name src/new.ts and describe it. */
  function renamedSpans(): string[] {
    assert.equal(repo.git('ls-tree', '-r', '--name-only', 'HEAD', '--', '.aiprov').trim(), '.aiprov/src/new.ts.aiprov');
    const content = repo.git('show', 'HEAD:src/new.ts');
    const sidecar = parseSidecar(repo.git('show', 'HEAD:.aiprov/src/new.ts.aiprov'), 'sidecar', { content });
    assert.equal(sidecar.path, 'src/new.ts', 'the merged sidecar names the file it sits beside');
    assert.equal(sidecar.blob, gitBlobId(content));
    return sidecar.spans.map((s) => content.slice(s.ranges[0].start, s.ranges[s.ranges.length - 1].end)).sort();
  }

  for (const [into, from] of [
    ['main', 'rename'],
    ['rename', 'main'],
  ] as const) {
    it(`merging ${from} into ${into}: both spans on the renamed file`, () => {
      repo.git('checkout', '-q', into);
      const r = spawnSync('git', ['merge', '--no-edit', from], { cwd: repo.root, env: isolatedGitEnv, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.deepEqual(renamedSpans(), [AI_1, AI_2].sort());
      assert.equal(repo.git('status', '--porcelain'), '');
    });
  }
});
