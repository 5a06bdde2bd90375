import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AiSpan, SignOff } from '../../../src/core/model';
import {
  createSignOff,
  DEFAULT_POLICY,
  evaluateSpans,
  isSenior,
  isStale,
  parseAllowedSigners,
  parsePolicy,
  signOffKey,
  signSignOff,
  verifySignOffs,
  type Policy,
  type VerifyOutcome,
} from '../../../src/core/signoff';

const author = 'junior@example.com';
const senior = 'senior@example.com';
const content = 'const a = 1;\nfunction ai() {\n  return 42;\n}\n';
const aiSpan: AiSpan = {
  id: 'span-1',
  attribution: { origin: 'inlineCompletion', confidence: 'certain', author, capturedAt: '2026-11-01T10:00:00.000Z' },
  ranges: [{ start: 13, end: content.length }],
  acceptedLength: content.length - 13,
};
const signers = parseAllowedSigners(`# seniors\n${senior} namespaces="aiprov" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKey\n`).signers;

const FILE = 'src/ai.ts';
/** The policy that accepts unsigned reviews: identities are self-declared emails. */
const UNSIGNED: Policy = { ...DEFAULT_POLICY, requireSignature: false };

function approve(email: string, overrides: Partial<SignOff> = {}, spans = [aiSpan], text = content): SignOff {
  return {
    ...createSignOff({
      reviewer: { email },
      file: FILE,
      spans,
      content: text,
      decision: 'approved',
      checklist: ['rollback', 'tests'],
      now: new Date('2026-11-02T10:00:00Z'),
    }),
    ...overrides,
  };
}

/** Signature outcomes as verifySignOffs would give them: each record good, with its own key. */
const goodSignatures = (records: SignOff[], fingerprint = (s: SignOff) => `SHA256:${s.reviewer.email}`) =>
  new Map<string, VerifyOutcome>(records.map((s) => [signOffKey(s), { ok: true, fingerprint: fingerprint(s) }]));

const evaluate = (
  signoffs: SignOff[],
  policy: Policy = UNSIGNED,
  text = content,
  spans = [aiSpan],
  verification?: ReadonlyMap<string, VerifyOutcome>,
) => evaluateSpans({ file: FILE, content: text, spans, signoffs, policy, signers, verification })[0];

describe('sign-off staleness', () => {
  it('a sign-off stays valid when its span only moves', () => {
    const s = approve(senior);
    const moved = '// new header\n' + content;
    assert.equal(isStale(s, moved, [{ ...aiSpan, ranges: [{ start: 27, end: moved.length }] }]), false);
  });

  it('a sign-off goes stale the moment the covered text changes', () => {
    const s = approve(senior);
    const edited = content.replace('42', '43');
    assert.equal(isStale(s, edited, [aiSpan]), true);
    assert.equal(evaluate([s], UNSIGNED, edited).state, 'stale');
  });

  it('a sign-off is stale when a covered span is gone', () => {
    assert.equal(isStale(approve(senior), content, []), true);
  });
});

describe('sign-off policy', () => {
  it('an unreviewed span needs a senior', () => {
    assert.equal(evaluate([]).state, 'unreviewed');
  });

  it('a senior approval counts', () => {
    const r = evaluate([approve(senior)]);
    assert.equal(r.state, 'approved');
    assert.equal(r.approvals.length, 1);
  });

  it("an approval that does not confirm every item of the policy's checklist does not count", () => {
    const r = evaluate([approve(senior, { checklist: ['tests'] })]);
    assert.equal(r.state, 'unreviewed');
    assert.match(r.problems.join(), /does not confirm the policy's checklist: rollback/);
    assert.equal(evaluate([approve(senior, { checklist: undefined })]).state, 'unreviewed');
    // A policy with its own checklist asks for exactly those items; an empty one asks for none.
    const custom: Policy = { ...UNSIGNED, checklist: [{ id: 'canary', label: 'Deployed to a canary first' }] };
    assert.equal(evaluate([approve(senior)], custom).state, 'unreviewed');
    assert.equal(evaluate([approve(senior, { checklist: ['canary'] })], custom).state, 'approved');
    assert.equal(evaluate([approve(senior, { checklist: undefined })], { ...UNSIGNED, checklist: [] }).state, 'approved');
  });

  it('a non-senior review is shown but never counted', () => {
    const r = evaluate([approve('someone@example.com')]);
    assert.equal(r.state, 'unreviewed');
    assert.equal(r.nonSenior.length, 1);
    assert.match(r.problems.join(), /not in \.aiprov\/allowed_signers/);
  });

  it('self-sign-off is forbidden by default, allowed when the policy says so', () => {
    const seniorAuthor: AiSpan = { ...aiSpan, attribution: { ...aiSpan.attribution, author: senior } };
    assert.equal(evaluate([approve(senior, {}, [seniorAuthor])], UNSIGNED, content, [seniorAuthor]).state, 'unreviewed');
    assert.equal(
      evaluate([approve(senior, {}, [seniorAuthor])], { ...UNSIGNED, forbidSelfSignOff: false }, content, [seniorAuthor]).state,
      'approved',
    );
  });

  it('the latest decision of a reviewer wins: changes requested, then revoked', () => {
    const requested = { ...approve(senior), id: 'r2', decision: 'changes-requested' as const, at: '2026-11-03T10:00:00.000Z' };
    assert.equal(evaluate([approve(senior), requested]).state, 'changes-requested');
    const revoked = { ...approve(senior), id: 'r3', decision: 'revoked' as const, at: '2026-11-04T10:00:00.000Z' };
    assert.equal(evaluate([approve(senior), revoked]).state, 'unreviewed');
  });

  it('minSeniors asks for that many distinct seniors', () => {
    const two = parseAllowedSigners(`${senior},lead@example.com ssh-ed25519 AAAAKey\n`).signers;
    const policy = { ...UNSIGNED, minSeniors: 2 };
    const r = evaluateSpans({ file: FILE, content, spans: [aiSpan], signoffs: [approve(senior)], policy, signers: two })[0];
    assert.equal(r.state, 'unreviewed');
    const r2 = evaluateSpans({
      file: FILE,
      content,
      spans: [aiSpan],
      signoffs: [approve(senior), { ...approve('lead@example.com'), id: 'x' }],
      policy,
      signers: two,
    })[0];
    assert.equal(r2.state, 'approved');
  });

  it('minSeniors counts keys, not emails: one key listed under two emails is one senior', () => {
    const records = [approve(senior), approve('lead@example.com')];
    const policy = { ...DEFAULT_POLICY, minSeniors: 2 };
    assert.equal(
      evaluate(
        records,
        policy,
        content,
        [aiSpan],
        goodSignatures(records, () => 'SHA256:same-key'),
      ).state,
      'unreviewed',
    );
    assert.equal(evaluate(records, policy, content, [aiSpan], goodSignatures(records)).state, 'approved');
  });

  it('spans outside the policy need nothing', () => {
    assert.equal(
      evaluate([], { ...DEFAULT_POLICY, confidences: ['certain'] }, content, [
        { ...aiSpan, attribution: { ...aiSpan.attribution, confidence: 'likely' } },
      ]).state,
      'not-required',
    );
  });

  it('by default only records whose signature verified count; unsigned ones never do', () => {
    const s = approve(senior);
    assert.equal(DEFAULT_POLICY.requireSignature, true);
    assert.equal(evaluate([s], DEFAULT_POLICY).state, 'unreviewed');
    assert.match(evaluate([s], DEFAULT_POLICY).problems.join(), /not signed/);
    const signed = { ...s, signature: 'sig' };
    assert.equal(
      evaluate([signed], DEFAULT_POLICY, content, [aiSpan], new Map([[signOffKey(signed), { ok: false, reason: 'bad' }]])).state,
      'unreviewed',
    );
    assert.equal(evaluate([signed], DEFAULT_POLICY, content, [aiSpan], goodSignatures([signed])).state, 'approved');
  });

  it('a record only counts for the file and span attribution it states', () => {
    const s = approve(senior);
    const ok = goodSignatures([s]);
    assert.equal(
      evaluateSpans({ file: 'src/other.ts', content, spans: [aiSpan], signoffs: [s], policy: DEFAULT_POLICY, signers, verification: ok })[0]
        .state,
      'unreviewed',
    );
    const relabelled: AiSpan = { ...aiSpan, attribution: { ...aiSpan.attribution, author: undefined } };
    const r = evaluate([s], DEFAULT_POLICY, content, [relabelled], ok);
    assert.equal(r.state, 'unreviewed');
    assert.match(r.problems.join(), /author is null but was "junior@example\.com"/);
  });

  it('a record that does not verify cannot withdraw a verified decision', () => {
    const requested = { ...approve(senior), decision: 'changes-requested' as const, at: '2026-11-03T10:00:00.000Z' };
    const forgedLater = { ...approve(senior), at: '2026-11-04T10:00:00.000Z', signature: 'forged' };
    const lead = approve('lead@example.com');
    const verification = goodSignatures([requested, lead]);
    assert.equal(evaluate([requested, lead, forgedLater], DEFAULT_POLICY, content, [aiSpan], verification).state, 'changes-requested');
  });

  it('parses a policy file with clear errors and defaults', () => {
    assert.equal(parsePolicy('{"version":1,"minSeniors":2}', 'p.json').minSeniors, 2);
    assert.equal(parsePolicy('{"version":1}', 'p.json').forbidSelfSignOff, true);
    assert.throws(() => parsePolicy('{"version":1,"minSeniors":0}', 'p.json'), /p\.json: \/minSeniors: must be >= 1/);
    assert.throws(() => parsePolicy('{', 'p.json'), /p\.json: not valid JSON/);
  });

  it('reads allowed_signers as ssh-keygen does: principal lists, wildcards, namespaces', () => {
    const parsed = parseAllowedSigners(
      'a@x.com,*@lead.example.com,!intern@lead.example.com namespaces="aiprov,git" ssh-ed25519 AAAA1\nb@x.com namespaces="git" ssh-ed25519 AAAA2\nbroken line\n',
    );
    assert.equal(parsed.errors.length, 1);
    assert.equal(isSenior('a@x.com', parsed.signers), true);
    assert.equal(isSenior('boss@lead.example.com', parsed.signers), true);
    assert.equal(isSenior('intern@lead.example.com', parsed.signers), false, '!principal excludes');
    assert.equal(isSenior('b@x.com', parsed.signers), false, 'namespace excludes aiprov');
  });
});

describe('sign-off signatures (ssh-keygen)', function () {
  this.timeout(20_000);
  let dir: string;
  let allowed: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-keys-'));
    for (const name of ['senior', 'mallory'])
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', path.join(dir, name)]);
    allowed = `${senior} namespaces="aiprov" ${fs.readFileSync(path.join(dir, 'senior.pub'), 'utf8').trim()}\n`;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a signed record verifies against the allowed signers', async () => {
    const signed = await signSignOff(approve(senior), path.join(dir, 'senior'));
    assert.match(signed.signature ?? '', /BEGIN SSH SIGNATURE/);
    const outcome = (await verifySignOffs([signed], allowed)).get(signOffKey(signed));
    assert.equal(outcome?.ok, true);
    assert.match(outcome?.fingerprint ?? '', /^SHA256:/);
  });

  it('a record edited after signing is rejected', async () => {
    const signed = await signSignOff(approve(senior), path.join(dir, 'senior'));
    const tampered = { ...signed, note: 'added later' };
    assert.equal((await verifySignOffs([tampered], allowed)).get(signOffKey(tampered))?.ok, false);
  });

  it("a record signed by a key not on the list, claiming a senior's email, is rejected", async () => {
    const forged = await signSignOff(approve(senior), path.join(dir, 'mallory'));
    assert.equal((await verifySignOffs([forged], allowed)).get(signOffKey(forged))?.ok, false);
  });

  it('a forged record reusing a genuine record id gets its own result', async () => {
    const genuine = await signSignOff(approve(senior), path.join(dir, 'senior'));
    const forged = { ...genuine, file: 'src/elsewhere.ts' };
    const results = await verifySignOffs([genuine, forged], allowed);
    assert.equal(results.get(signOffKey(genuine))?.ok, true);
    assert.equal(results.get(signOffKey(forged))?.ok, false);
  });
});
