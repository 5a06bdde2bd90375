// With core.autocrlf=true the working copy has CRLF and git commits LF: sidecar offsets and
// sign-off digests must refer to the committed (normalised) content, or verify rejects them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { coveredTextDigest, gitBlobId } from '../../../src/core/digest';
import { buildSidecar, parseSidecar, spansOf } from '../../../src/core/format';
import { LiveStore } from '../../../src/core/live/store';
import { storeBlob } from '../../../src/core/repo/git';
import { installGitHooks } from '../../../src/core/repo/gitHooks';
import { SpanTracker } from '../../../src/core/spans/tracker';
import { runCliCaptured } from '../helpers/cli';
import { makeRepo, type TestRepo, allowUnsignedReviews, withBundledCli, COPILOT_ACCEPT } from '../helpers/gitRepo';

const attribution = COPILOT_ACCEPT;
const HUMAN = 'const a = 1;\nconst b = 2;\n';
const AI = 'function sum(x: number, y: number) {\n  return x + y;\n}\n';

describe('core.autocrlf=true (real git)', function () {
  this.timeout(60_000);
  const cli = withBundledCli();
  let repo: TestRepo;
  beforeEach(async () => {
    repo = makeRepo('aiprov-crlf-');
    repo.git('config', 'core.autocrlf', 'true');
    repo.write('src/a.ts', HUMAN);
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'init');
    fs.rmSync(path.join(repo.root, 'src/a.ts'));
    repo.git('checkout', '--', 'src/a.ts');
    await installGitHooks(repo.root, cli().command);
  });
  afterEach(() => repo.remove());

  /** The editor inserts the AI text with the document's CRLF line endings, after the first line. */
  async function aiInsertCrlf(): Promise<void> {
    const working = repo.read('src/a.ts');
    assert.equal(working, HUMAN.replace(/\n/g, '\r\n'), 'git checked the file out with CRLF');
    const at = working.indexOf('\r\n') + 2;
    const aiCrlf = AI.replace(/\n/g, '\r\n');
    const content = working.slice(0, at) + aiCrlf + working.slice(at);
    repo.write('src/a.ts', content);
    const t = new SpanTracker();
    t.markAi({ start: at, end: at + aiCrlf.length }, attribution, 'span-1');
    await storeBlob(repo.root, content);
    await new LiveStore(repo.gitDir).write(buildSidecar('src/a.ts', content, t.spans()));
  }

  function committedSidecar() {
    const committed = repo.git('show', 'HEAD:src/a.ts');
    assert.ok(!committed.includes('\r'), 'git committed LF');
    const sidecar = parseSidecar(repo.git('show', 'HEAD:.aiprov/src/a.ts.aiprov'), 'sidecar', { content: committed });
    assert.equal(sidecar.blob, gitBlobId(committed));
    assert.deepEqual(
      sidecar.spans.map((s) => committed.slice(s.ranges[0].start, s.ranges[0].end)),
      [AI],
    );
    return { committed, sidecar };
  }

  it('signoff writes offsets of the committed LF content, so its sidecar is valid as committed', async () => {
    await aiInsertCrlf();
    allowUnsignedReviews(repo);
    const review = await runCliCaptured(['signoff', '--no-sign', '--check', 'tests,rollback', 'src/a.ts'], repo.root);
    assert.equal(review.code, 0, review.err);
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'ai with review, hook skipped', '--no-verify');
    const { committed, sidecar } = committedSidecar();
    assert.equal(sidecar.signoffs.length, 1);
    assert.equal(sidecar.signoffs[0].digest, coveredTextDigest(committed, spansOf(sidecar)));
  });

  it('the hook maps a CRLF live record exactly onto the committed LF content', async () => {
    await aiInsertCrlf();
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'ai');
    committedSidecar();
    assert.equal(repo.git('status', '--porcelain'), '');
  });

  it('export writes offsets of the committed content too', async () => {
    await aiInsertCrlf();
    const r = await runCliCaptured(['export'], repo.root);
    assert.equal(r.code, 0, r.err);
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'ai, exported by hand', '--no-verify');
    committedSidecar();
  });
});
