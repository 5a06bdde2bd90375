import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { buildSidecar, sidecarPathFor, spansOf } from '../../../src/core/format';
import { SpanTracker } from '../../../src/core/spans/tracker';
import { GateRepo, JUNIOR, SENIOR } from '../helpers/gateRepo';
import { runCliCaptured } from '../helpers/cli';

const BASE = 'export const a = 1;\n';
const AI = 'export function risky(): void {\n  process.exit(0);\n}\n';
const FILE = 'src/a.ts';

describe('aiprov verify (real git, real ssh-keygen)', function () {
  this.timeout(30_000);
  let repo: GateRepo;

  /** On a feature branch: src/a.ts gains an AI span accepted by `author`, with its sidecar. */
  function featureWithAiSpan(author = JUNIOR): string {
    repo.git('checkout', '-qb', 'feature');
    const content = repo.writeAi(FILE, AI, { before: BASE, id: 'span-risky', attribution: { author } });
    repo.commitAll('ai change');
    return content;
  }

  beforeEach(() => {
    repo = new GateRepo();
    repo.write(FILE, BASE);
    repo.seedMain();
  });
  afterEach(() => repo.dispose());

  it('fails a change whose AI span has no sign-off, naming the file and lines', async () => {
    featureWithAiSpan();
    const r = await repo.verify();
    assert.equal(r.code, 1);
    assert.match(r.out, /AI span at src\/a\.ts:2-4 \(Claude Code\) lacks a valid senior sign-off/);
  });

  it('passes a change a senior signed off with their key', async () => {
    featureWithAiSpan();
    await repo.signOff(FILE, { email: SENIOR }, 'senior');
    const r = await repo.verify();
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /OK — 1 file\(s\), 1\/1 AI span\(s\) signed off/);
  });

  it('fails when the AI code changed after the sign-off (stale)', async () => {
    const content = featureWithAiSpan();
    await repo.signOff(FILE, { email: SENIOR }, 'senior');
    const sidecar = repo.sidecar(FILE);
    const edited = content.replace('process.exit(0)', 'process.exit(1)');
    const tracker = new SpanTracker(spansOf(sidecar));
    tracker.applyEdits([{ offset: content.indexOf('0)'), deleteLength: 1, text: '1' }]);
    repo.write(FILE, edited);
    repo.writeSidecar(FILE, buildSidecar(FILE, edited, tracker.spans(), sidecar.signoffs));
    repo.commitAll('edit after review');
    const r = await repo.verify();
    assert.equal(r.code, 1);
    assert.match(r.out, /has only stale sign-offs/);
  });

  it('fails a self-signed span', async () => {
    featureWithAiSpan(SENIOR);
    await repo.signOff(FILE, { email: SENIOR }, 'senior');
    const r = await repo.verify();
    assert.equal(r.code, 1);
    assert.match(r.out, /self-sign-off is forbidden/);
  });

  it('fails a sign-off by someone whose key is not listed', async () => {
    featureWithAiSpan();
    await repo.signOff(FILE, { email: 'colleague@example.com' }, 'mallory');
    const r = await repo.verify();
    assert.equal(r.code, 1);
    assert.match(r.out, /approved by colleague@example\.com does not count: ssh-keygen/);
  });

  it('ignores seniors the branch adds to allowed_signers itself, and says when they take effect', async () => {
    featureWithAiSpan();
    fs.appendFileSync(path.join(repo.root, '.aiprov/allowed_signers'), repo.signerLine('friend@example.com', 'mallory'));
    repo.commitAll('add a friend');
    await repo.signOff(FILE, { email: 'friend@example.com' }, 'mallory');
    const r = await repo.verify();
    assert.equal(r.code, 1);
    assert.match(r.out, /this change edits \.aiprov\/allowed_signers; it takes effect after it is merged/);
  });

  it('fails a record signed by another key than the senior listed for that email', async () => {
    featureWithAiSpan();
    await repo.signOff(FILE, { email: SENIOR }, 'mallory');
    const forged = await repo.verify();
    assert.equal(forged.code, 1);
    assert.match(forged.out, /does not count: ssh-keygen/);
  });

  it('reports a sidecar that does not describe the committed file when its spans cannot be found', async () => {
    featureWithAiSpan();
    // Edited inside the AI span without the hook, and the described content is not in this clone.
    repo.write(FILE, repo.read(FILE).replace('process.exit(0)', 'process.exit(2)'));
    const sidecar = repo.sidecar(FILE);
    repo.writeSidecar(FILE, { ...sidecar, blob: '0123456789abcdef0123456789abcdef01234567' });
    repo.commitAll('skip hook');
    const r = await repo.verify();
    assert.equal(r.code, 1);
    assert.match(
      r.out,
      /describes content 01234567, but src\/a\.ts at HEAD is [0-9a-f]{8} \(not in this clone\) and its spans cannot all be found there/,
    );
  });

  it('finds spans again by position and text when the described content is not in the clone', async () => {
    featureWithAiSpan();
    await repo.signOff(FILE, { email: SENIOR }, 'senior');
    // As after a rebase done elsewhere: lines above the span, and a blob this clone never had.
    repo.write(FILE, '// upstream\n// more upstream\n' + repo.read(FILE));
    const sidecar = repo.sidecar(FILE);
    repo.writeSidecar(FILE, { ...sidecar, blob: '0123456789abcdef0123456789abcdef01234567' });
    repo.commitAll('rebased elsewhere');
    const r = await repo.verify();
    assert.equal(r.code, 0, r.out);
  });

  it('moves spans of a sidecar that describes an earlier version of the file git still has', async () => {
    featureWithAiSpan();
    await repo.signOff(FILE, { email: SENIOR }, 'senior');
    // A commit made without the hook: a line added above, the sidecar not exported again.
    repo.write(FILE, '// header\n' + repo.read(FILE));
    repo.commitAll('header without the hook');
    const r = await repo.verify();
    assert.equal(r.code, 0, r.out);
  });

  it('reports a deleted sidecar whose AI code stayed', async () => {
    featureWithAiSpan();
    await repo.signOff(FILE, { email: SENIOR }, 'senior');
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--ff-only', 'feature');
    repo.git('checkout', '-qb', 'sneaky');
    repo.git('rm', '-q', sidecarPathFor(FILE));
    fs.appendFileSync(path.join(repo.root, FILE), '// touch\n');
    repo.commitAll('drop provenance');
    const r = await repo.verify();
    assert.equal(r.code, 1);
    assert.match(r.out, /AI span span-risky .* recorded at the base [0-9a-f]{8} is still at src\/a\.ts:2-4 but no longer recorded as AI/);
  });

  it('reports a malformed sidecar with its reason', async () => {
    featureWithAiSpan();
    repo.write(sidecarPathFor(FILE), '{"version": 7}');
    repo.commitAll('break it');
    const r = await repo.verify();
    assert.equal(r.code, 1);
    assert.match(r.out, /newer aiprov: version 7/);
  });

  it('SARIF output validates against the SARIF 2.1.0 schema; github output annotates lines', async () => {
    featureWithAiSpan();
    const sarif = await repo.verify('--format', 'sarif');
    assert.equal(sarif.code, 1);
    const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../fixtures/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const validate = new AjvDraft04({ strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);
    const raw: unknown = JSON.parse(sarif.out);
    assert.ok(validate(raw), JSON.stringify(validate.errors?.slice(0, 3)));
    const log = JSON.parse(sarif.out) as {
      runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { region: { startLine: number } } }> }> }>;
    };
    assert.equal(log.runs[0].results[0].locations[0].physicalLocation.region.startLine, 2);
    const gh = await repo.verify('--format', 'github');
    assert.match(gh.out, /^::error file=src\/a\.ts,line=2,endLine=4,title=aiprov unreviewed::/m);
  });

  it('exits 2 with a clear message on usage errors', async () => {
    const badFormat = await repo.verify('--format', 'xml');
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.err, /^aiprov verify: .*xml.*\n$/);
    const badBase = await runCliCaptured(['verify', '--base', 'no-such-branch'], repo.root);
    assert.equal(badBase.code, 2);
    assert.match(badBase.err, /^aiprov verify: .*no-such-branch.*\n$/);
    assert.doesNotMatch(badFormat.err + badBase.err, /\n\s+at /, 'no stack trace');
  });
});
