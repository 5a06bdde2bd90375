// Any file name git accepts works end to end: the hook writes its sidecar through NUL-separated
// plumbing and `aiprov signoff` records a review, with no "absolute"/"outside" false alarms.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSidecar } from '../../../src/core/format';
import { installGitHooks } from '../../../src/core/repo/gitHooks';
import { runCliCaptured } from '../helpers/cli';
import { makeRepo, recordAiInsert, type TestRepo, allowUnsignedReviews, withBundledCli } from '../helpers/gitRepo';

// The long one: its sidecar's name fits the file system's 255 bytes, a temporary name built from
// it would not.
const NAMES = ['evil\n.js', '..rc.js', 'a:1-2.js', '-rf.js', 'dir with space/ünïcödé "q".js', 'tab\there.js', `${'ü'.repeat(110)}.js`];
const AI = 'export function helper() {\n  return 42;\n}\n';

describe('odd file names (real git)', function () {
  this.timeout(60_000);
  const cli = withBundledCli();
  let repo: TestRepo;
  beforeEach(async () => {
    repo = makeRepo('aiprov-names-');
    repo.write('README.md', 'names\n');
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'init');
    await installGitHooks(repo.root, cli().command);
  });
  afterEach(() => repo.remove());

  it('the hook commits a sidecar for every name and signoff reviews it', async () => {
    for (const [i, name] of NAMES.entries()) await recordAiInsert(repo, name, 0, AI, `span-${i}`);
    repo.git('add', '--', ...NAMES);
    repo.git('commit', '-qm', 'odd names');
    for (const [i, name] of NAMES.entries()) {
      const committed = parseSidecar(repo.git('show', `HEAD:.aiprov/${name}.aiprov`), name);
      assert.equal(committed.path, name);
      assert.deepEqual(
        committed.spans.map((s) => [s.id, s.ranges[0].start, s.ranges[0].end]),
        [[`span-${i}`, 0, AI.length]],
        name,
      );
      allowUnsignedReviews(repo);
      const r = await runCliCaptured(['signoff', '--no-sign', '--check', 'tests,rollback', '--', name], repo.root);
      assert.equal(r.code, 0, `${JSON.stringify(name)}: ${r.err}`);
      assert.doesNotMatch(r.err, /absolute|outside|TypeError|at .*\.ts:\d+/);
      const reviewed = parseSidecar(fs.readFileSync(path.join(repo.root, '.aiprov', `${name}.aiprov`), 'utf8'), name);
      assert.equal(reviewed.signoffs.length, 1, name);
      for (const args of [[name], ['--', name]]) {
        const blamed = await runCliCaptured(['blame', ...args], repo.root);
        assert.equal(blamed.code, 0, `blame ${JSON.stringify(args)}: ${blamed.err}`);
        assert.match(blamed.out, /^GitHub Copilot . +1 {2}export function helper\(\) \{$/m, blamed.out);
      }
    }
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'reviews');
    assert.equal(repo.git('status', '--porcelain'), '');
  });

  it('a line range after an odd name still selects lines', async () => {
    await recordAiInsert(repo, 'a:1-2.js', 0, AI, 'span-a');
    allowUnsignedReviews(repo);
    const r = await runCliCaptured(['signoff', '--no-sign', '--check', 'tests,rollback', 'a:1-2.js:1-1'], repo.root);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /approved 1 AI span\(s\) in \.aiprov\/a:1-2\.js\.aiprov/);
  });
});
