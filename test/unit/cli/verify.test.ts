import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { runCliCaptured } from '../helpers/cli';
import { buildSidecar, parseSidecar, serializeSidecar, sidecarPathFor, spansOf } from '../../../src/core/format';
import type { Reviewer } from '../../../src/core/model';
import { createSignOff, signSignOff } from '../../../src/core/signoff';
import { SpanTracker } from '../../../src/core/spans/tracker';

const SENIOR = 'senior@example.com';
const JUNIOR = 'junior@example.com';
const BASE = 'export const a = 1;\n';
const AI = 'export function risky(): void {\n  process.exit(0);\n}\n';

describe('aiprov verify (real git)', function () {
  this.timeout(30_000);
  let repo: string;
  let keys: string;
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe', env }).toString();
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
    fs.writeFileSync(path.join(repo, rel), text);
  };
  const commitAll = (msg: string) => {
    git('add', '-A');
    git('commit', '-qm', msg);
  };

  const verify = (...args: string[]) => runCliCaptured(['verify', '--base', 'main', ...args], repo);

  /** On a feature branch: src/a.ts gains an AI span accepted by `author`, with its sidecar. */
  function featureWithAiSpan(author = JUNIOR): string {
    git('checkout', '-qb', 'feature');
    const content = BASE + AI;
    const tracker = new SpanTracker();
    tracker.markAi({ start: BASE.length, end: content.length }, { origin: 'chatApply', confidence: 'certain', tool: 'Claude Code', author, capturedAt: '2026-11-20T10:00:00.000Z' }, 'span-risky');
    write('src/a.ts', content);
    write(sidecarPathFor('src/a.ts'), serializeSidecar(buildSidecar('src/a.ts', content, tracker.spans())));
    commitAll('ai change');
    return content;
  }

  async function signOff(reviewer: Reviewer, key?: string, decision: 'approved' | 'changes-requested' = 'approved'): Promise<void> {
    const rel = sidecarPathFor('src/a.ts');
    const content = fs.readFileSync(path.join(repo, 'src/a.ts'), 'utf8');
    const sidecar = parseSidecar(fs.readFileSync(path.join(repo, rel), 'utf8'), rel);
    let record = createSignOff({ reviewer, spans: spansOf(sidecar), content, decision, checklist: ['tests', 'rollback'] });
    if (key) record = await signSignOff(record, key);
    write(rel, serializeSidecar({ ...sidecar, signoffs: [...sidecar.signoffs, record] }));
    commitAll(`review by ${reviewer.email}`);
  }

  beforeEach(() => {
    repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-verify-')));
    keys = path.join(repo, '..', `${path.basename(repo)}-keys`);
    fs.mkdirSync(keys);
    for (const name of ['senior', 'mallory']) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', path.join(keys, name)]);
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', JUNIOR);
    git('config', 'user.name', 'Junior');
    git('config', 'commit.gpgsign', 'false');
    write('src/a.ts', BASE);
    write('.aiprov/allowed_signers', `${SENIOR} namespaces="aiprov" ${fs.readFileSync(path.join(keys, 'senior.pub'), 'utf8').trim()}\n`);
    commitAll('base');
  });
  afterEach(() => {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(keys, { recursive: true, force: true });
  });

  it('fails a change whose AI span has no sign-off, naming the file and lines', async () => {
    featureWithAiSpan();
    const r = await verify();
    assert.equal(r.code, 1);
    assert.match(r.out, /AI span at src\/a\.ts:2-4 \(Claude Code\) lacks a valid senior sign-off/);
  });

  it('passes a change a senior signed off', async () => {
    featureWithAiSpan();
    await signOff({ email: SENIOR });
    const r = await verify();
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /OK — 1 file\(s\), 1\/1 AI span\(s\) signed off/);
  });

  it('fails when the AI code changed after the sign-off (stale)', async () => {
    const content = featureWithAiSpan();
    await signOff({ email: SENIOR });
    const rel = sidecarPathFor('src/a.ts');
    const sidecar = parseSidecar(fs.readFileSync(path.join(repo, rel), 'utf8'), rel);
    const edited = content.replace('process.exit(0)', 'process.exit(1)');
    const tracker = new SpanTracker(spansOf(sidecar));
    const at = content.indexOf('0)');
    tracker.applyEdits([{ offset: at, deleteLength: 1, text: '1' }]);
    write('src/a.ts', edited);
    write(rel, serializeSidecar(buildSidecar('src/a.ts', edited, tracker.spans(), sidecar.signoffs)));
    commitAll('edit after review');
    const r = await verify();
    assert.equal(r.code, 1);
    assert.match(r.out, /has only stale sign-offs/);
  });

  it('fails a self-signed span', async () => {
    featureWithAiSpan(SENIOR);
    await signOff({ email: SENIOR });
    const r = await verify();
    assert.equal(r.code, 1);
    assert.match(r.out, /self-sign-off is forbidden/);
  });

  it('fails a non-senior sign-off', async () => {
    featureWithAiSpan();
    await signOff({ email: 'colleague@example.com' });
    const r = await verify();
    assert.equal(r.code, 1);
    assert.match(r.out, /colleague@example\.com is not in \.aiprov\/allowed_signers/);
  });

  it('ignores seniors the branch adds to allowed_signers itself', async () => {
    featureWithAiSpan();
    fs.appendFileSync(path.join(repo, '.aiprov/allowed_signers'), `${JUNIOR.replace('junior', 'friend')} namespaces="aiprov" ${fs.readFileSync(path.join(keys, 'mallory.pub'), 'utf8').trim()}\n`);
    commitAll('add a friend');
    await signOff({ email: 'friend@example.com' });
    assert.equal((await verify()).code, 1);
  });

  it('with signatures required, passes a signed record and fails a forged one', async () => {
    git('checkout', '-q', 'main');
    write('.aiprov/policy.json', JSON.stringify({ version: 1, requireSignature: true }));
    commitAll('require signatures');
    featureWithAiSpan();
    await signOff({ email: SENIOR }, path.join(keys, 'mallory'));
    const forged = await verify();
    assert.equal(forged.code, 1);
    assert.match(forged.out, /does not verify/);
    await signOff({ email: SENIOR }, path.join(keys, 'senior'));
    const signed = await verify();
    assert.equal(signed.code, 0, signed.out);
  });

  it('reports a sidecar that does not describe the committed file', async () => {
    featureWithAiSpan();
    fs.appendFileSync(path.join(repo, 'src/a.ts'), '// edited with --no-verify\n');
    commitAll('skip hook');
    const r = await verify();
    assert.equal(r.code, 1);
    assert.match(r.out, /describes content .* but src\/a\.ts at HEAD is/);
  });

  it('reports a deleted sidecar whose AI code stayed', async () => {
    featureWithAiSpan();
    await signOff({ email: SENIOR });
    git('checkout', '-q', 'main');
    git('merge', '-q', '--ff-only', 'feature');
    git('checkout', '-qb', 'sneaky');
    git('rm', '-q', '.aiprov/src/a.ts.aiprov');
    fs.appendFileSync(path.join(repo, 'src/a.ts'), '// touch\n');
    commitAll('drop provenance');
    const r = await verify();
    assert.equal(r.code, 1);
    assert.match(r.out, /was deleted but 1 AI span\(s\) it recorded are still in src\/a\.ts/);
  });

  it('reports a malformed sidecar with its reason', async () => {
    featureWithAiSpan();
    write(sidecarPathFor('src/a.ts'), '{"version": 7}');
    commitAll('break it');
    const r = await verify();
    assert.equal(r.code, 1);
    assert.match(r.out, /newer aiprov: version 7/);
  });

  it('SARIF output validates against the SARIF 2.1.0 schema; github output annotates lines', async () => {
    featureWithAiSpan();
    const sarif = await verify('--format', 'sarif');
    assert.equal(sarif.code, 1);
    const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../fixtures/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const validate = new AjvDraft04({ strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);
    const raw: unknown = JSON.parse(sarif.out);
    assert.ok(validate(raw), JSON.stringify(validate.errors?.slice(0, 3)));
    const log = JSON.parse(sarif.out) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { region: { startLine: number } } }> }> }> };
    assert.equal(log.runs[0].results[0].locations[0].physicalLocation.region.startLine, 2);
    const gh = await verify('--format', 'github');
    assert.match(gh.out, /^::error file=src\/a\.ts,line=2,endLine=4,title=aiprov unreviewed::/m);
  });

  it('exits 2 with a clear message on usage errors', async () => {
    const badFormat = await verify('--format', 'xml');
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.err, /^aiprov verify: .*xml.*\n$/);
    const badBase = await runCliCaptured(['verify', '--base', 'no-such-branch'], repo);
    assert.equal(badBase.code, 2);
    assert.match(badBase.err, /^aiprov verify: .*no-such-branch.*\n$/);
    assert.doesNotMatch(badFormat.err + badBase.err, /\n\s+at /, 'no stack trace');
  });
});
