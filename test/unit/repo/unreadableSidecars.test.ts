// Never write over what could not be read: every command and hook that meets an unreadable,
// invalid or newer-version sidecar leaves it byte-identical and fails that file with exit 2,
// naming the file and the reason; the pre-commit hook refuses the commit.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSidecar, spansOf } from '../../../src/core/format';
import { LiveStore } from '../../../src/core/live/store';
import { storeBlob } from '../../../src/core/repo/git';
import { installGitHooks } from '../../../src/core/repo/gitHooks';
import { SpanTracker } from '../../../src/core/spans/tracker';
import { runCliCaptured } from '../helpers/cli';
import { isolatedGitEnv, makeRepo, type TestRepo, withBundledCli, COPILOT_ACCEPT } from '../helpers/gitRepo';

const fixtures = path.resolve(__dirname, '../../fixtures');
const appTs = fs.readFileSync(path.join(fixtures, 'sidecars/app.ts.txt'), 'utf8');
const SIDECAR = '.aiprov/src/app.ts.aiprov';
const attribution = COPILOT_ACCEPT;

type Case = { name: string; expect: RegExp; make: (file: string) => void };
const fromFixture = (rel: string, expect: RegExp): Case => ({
  name: rel,
  expect,
  make: (file) => fs.copyFileSync(path.join(fixtures, rel), file),
});
const CASES: Case[] = [
  fromFixture('sidecars/truncated.aiprov', /not valid JSON/),
  fromFixture('sidecars/wrong-version.aiprov', /version/),
  fromFixture('sidecars/future-version.aiprov', /newer aiprov: version 2/),
  fromFixture('sidecars/unknown-origin.aiprov', /origin/),
  fromFixture('sidecars/overlapping-ranges.aiprov', /overlaps/),
  fromFixture('sidecars/path-escapes.aiprov', /escapes the repository/),
  fromFixture('sidecars/path-absolute.aiprov', /absolute/),
  fromFixture('sidecars/range-past-end.aiprov', /past the end/),
  fromFixture('unreadable-sidecars/empty.aiprov', /not valid JSON/),
  fromFixture('unreadable-sidecars/byte-order-mark.aiprov', /not valid JSON/),
  fromFixture('unreadable-sidecars/binary-garbage.aiprov', /not valid JSON/),
  fromFixture('unreadable-sidecars/not-an-object.aiprov', /expected a JSON object/),
  fromFixture('unreadable-sidecars/version-missing.aiprov', /missing or invalid "version"/),
  fromFixture('unreadable-sidecars/version-string.aiprov', /missing or invalid "version"/),
  fromFixture('unreadable-sidecars/spans-not-a-list.aiprov', /spans/),
  fromFixture('unreadable-sidecars/future-version-with-signoff.aiprov', /newer aiprov: version 2/),
  {
    name: '50 MB sidecar',
    expect: /over the 10485760-byte limit/,
    make: (file) => fs.writeFileSync(file, Buffer.alloc(50 * 1024 * 1024, 0x20)),
  },
];

describe('unreadable sidecars are never written over (real git)', function () {
  this.timeout(60_000);
  const cli = withBundledCli();
  let repo: TestRepo;
  afterEach(() => repo.remove());

  /** A repository with src/app.ts committed, an AI insertion in live state and the bad sidecar. */
  async function setUp(make: (file: string) => void): Promise<Buffer> {
    repo = makeRepo('aiprov-unreadable-');
    repo.write('src/app.ts', appTs);
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'init');
    await installGitHooks(repo.root, cli().command);
    const ai = '// AI: a helpful comment\n';
    const content = ai + appTs;
    repo.write('src/app.ts', content);
    const t = new SpanTracker();
    t.markAi({ start: 0, end: ai.length }, attribution, 'span-1');
    await storeBlob(repo.root, content);
    await new LiveStore(repo.gitDir).write(buildSidecar('src/app.ts', content, spansOf(buildSidecar('src/app.ts', content, t.spans()))));
    const file = path.join(repo.root, SIDECAR);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    make(file);
    return fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file) : Buffer.alloc(0);
  }

  for (const c of CASES) {
    it(`${c.name}: commit refused, signoff and export exit 2, the file byte-identical`, async () => {
      const bytes = await setUp(c.make);
      const file = path.join(repo.root, SIDECAR);
      const head = repo.git('rev-parse', 'HEAD');
      repo.git('add', '-A');
      const commit = spawnSync('git', ['commit', '-m', 'with a bad sidecar'], { cwd: repo.root, env: isolatedGitEnv, encoding: 'utf8' });
      assert.notEqual(commit.status, 0, 'the commit must be refused');
      assert.match(commit.stderr, new RegExp(`aiprov pre-commit: ${SIDECAR.replace(/\./g, '\\.')}: .+left untouched`));
      assert.match(commit.stderr, c.expect);
      assert.equal(repo.git('rev-parse', 'HEAD'), head);
      assert.ok(fs.readFileSync(file).equals(bytes), 'working-tree sidecar byte-identical after the hook');

      const signoff = await runCliCaptured(['signoff', 'src/app.ts', '--no-sign'], repo.root);
      assert.equal(signoff.code, 2, signoff.err);
      assert.match(signoff.err, new RegExp(`^aiprov signoff: ${SIDECAR.replace(/\./g, '\\.')}: `, 'm'));
      assert.match(signoff.err, c.expect);
      assert.ok(fs.readFileSync(file).equals(bytes), 'byte-identical after signoff');

      const exported = await runCliCaptured(['export'], repo.root);
      assert.equal(exported.code, 2, exported.err);
      assert.match(exported.err, c.expect);
      assert.ok(fs.readFileSync(file).equals(bytes), 'byte-identical after export');

      await importAndBlameRefuse(SIDECAR, c.expect);
      assert.ok(fs.readFileSync(file).equals(bytes), 'byte-identical after import and blame');
    });
  }

  /** An Agent Trace record claiming src/app.ts's first line for an AI, as another tool writes it. */
  function traceRecord(): string {
    const file = path.join(repo.root, '.git', 'trace.json');
    const files = [{ path: 'src/app.ts', conversations: [{ contributor: { type: 'ai' }, ranges: [{ start_line: 1, end_line: 1 }] }] }];
    fs.writeFileSync(
      file,
      JSON.stringify({ version: '0.1.0', id: '550e8400-e29b-41d4-a716-446655440000', timestamp: '2026-01-25T10:00:00Z', files }),
    );
    return file;
  }

  /** import refuses the file (exit 2, nothing written) and blame exits 2, naming `shown`. */
  async function importAndBlameRefuse(shown: string, expect: RegExp): Promise<void> {
    const live = new LiveStore(repo.gitDir);
    const liveFile = path.join(live.dir, 'src/app.ts.aiprov');
    const liveBytes = fs.readFileSync(liveFile);
    const imported = await runCliCaptured(['import', '--format', 'agent-trace', traceRecord()], repo.root);
    assert.equal(imported.code, 2, imported.err);
    assert.match(imported.err, new RegExp(`^aiprov import: .*${shown.replace(/\./g, '\\.')}: .*left untouched, nothing imported$`, 'm'));
    assert.match(imported.err, expect);
    assert.doesNotMatch(imported.out, /imported \d+ span/);
    assert.ok(fs.readFileSync(liveFile).equals(liveBytes), 'the live record is not rewritten either');

    const blamed = await runCliCaptured(['blame', 'src/app.ts'], repo.root);
    assert.equal(blamed.code, 2, blamed.err);
    assert.match(blamed.err, new RegExp(`^aiprov blame: .*${shown.replace(/\./g, '\\.')}: `, 'm'));
    assert.match(blamed.err, expect);
    assert.equal(blamed.out, '', 'no listing that would show its AI lines as human');
  }

  it('an unreadable live record: import and blame refuse it and leave it byte-identical', async () => {
    await setUp(() => undefined);
    const liveFile = path.join(new LiveStore(repo.gitDir).dir, 'src/app.ts.aiprov');
    const truncated = fs.readFileSync(liveFile).subarray(0, 60);
    fs.writeFileSync(liveFile, truncated);
    await importAndBlameRefuse('aiprov/live/src/app.ts.aiprov', /not valid JSON/);
    assert.ok(fs.readFileSync(liveFile).equals(truncated));
  });

  it('a directory in the place of a sidecar: refused with the reason, nothing replaced', async () => {
    await setUp((file) => fs.mkdirSync(path.join(file, 'inner'), { recursive: true }));
    repo.git('add', 'src/app.ts');
    const commit = spawnSync('git', ['commit', '-m', 'x'], { cwd: repo.root, env: isolatedGitEnv, encoding: 'utf8' });
    assert.notEqual(commit.status, 0);
    assert.match(commit.stderr, /EISDIR/);
    assert.ok(fs.statSync(path.join(repo.root, SIDECAR, 'inner')).isDirectory());
  });
});
