import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runAudit } from '../../../src/core/audit/audit';
import { execFileSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { runCli } from '../../../src/cli/run';
import { runCliCaptured } from '../helpers/cli';
import { plantRepo, TestRepo, testEnv, type Planted } from './plantedRepo';

const fixtures = path.resolve(__dirname, '../../fixtures/audit');

describe('aiprov audit on a repository with planted defects', function () {
  this.timeout(60_000);
  let p: Planted;
  before(() => (p = plantRepo()));
  after(() => p.repo.remove());
  const cli = (...args: string[]) => runCliCaptured(args, p.repo.root);

  it('reports exactly the planted links, classes, rates, change failure rate and time to restore', async () => {
    const r = await cli('audit', '--format', 'json', '--no-cache', '--incidents', path.join(fixtures, 'incidents.json'));
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out);
    const { c } = p;
    assert.deepEqual(
      report.links.map((l: { fix: string; inducing: string; file: string; line: number; class: string }) => [
        l.fix,
        l.inducing,
        l.file,
        l.line,
        l.class,
      ]),
      [
        [c.f1, c.a1, 'src/ai1.ts', 2, 'ai-signed-off'],
        [c.revert, c.a2, 'src/ai2.ts', 2, 'ai-unreviewed'],
        [c.revert, c.a2, 'src/ai2.ts', 3, 'ai-unreviewed'],
        [c.revert, c.a2, 'src/ai2.ts', 4, 'ai-unreviewed'],
        [c.f3, c.h1, 'src/human.ts', 4, 'human'],
        [c.f6, c.a3, 'src/ai3.ts', 2, 'ai-signed-off'],
      ],
    );
    assert.deepEqual(report.classes, {
      'ai-signed-off': { lines: 6, defectLines: 2, per1000: 333.333, inducingCommits: 2 },
      'ai-unreviewed': { lines: 3, defectLines: 3, per1000: 1000, inducingCommits: 1 },
      human: { lines: 9, defectLines: 1, per1000: 111.111, inducingCommits: 1 },
    });
    const { byAiShare, ...dora } = report.dora;
    assert.deepEqual(dora, {
      changes: 12,
      failedChanges: 3,
      changeFailureRate: 0.25,
      incidents: 3,
      openIncidents: 1,
      medianTimeToRestoreHours: 4,
    });
    assert.deepEqual(
      byAiShare.map((b: { aiShare: string; changes: number; failedChanges: number; medianTimeToRestoreHours: number | null }) => [
        b.aiShare,
        b.changes,
        b.failedChanges,
        b.medianTimeToRestoreHours,
      ]),
      [
        ['0%', 9, 1, 6],
        ['0-25%', 0, 0, null],
        ['25-50%', 0, 0, null],
        ['50-100%', 3, 2, 2],
      ],
    );
    assert.deepEqual(report.timeToSignOff, { spans: 3, signedOff: 2, medianHours: 1.5, p90Hours: 2.7 });
    // div() was signed off in the commit after it landed (no merge on a linear history): not "at merge".
    assert.deepEqual([report.totals.aiLines, report.totals.signedOffAiLines, report.totals.signedOffAtMergeAiLines], [9, 6, 3]);
    assert.deepEqual(report.problems, []);
  });

  it('counts whitespace-only and comment-only fixes as fixes without links', async () => {
    const report = JSON.parse((await cli('audit', '--format', 'json', '--no-cache')).out);
    const byCommit = new Map(report.fixes.map((f: { commit: string; via: string; links: number }) => [f.commit, [f.via, f.links]]));
    assert.deepEqual(byCommit.get(p.c.f4), ['pattern', 0]);
    assert.deepEqual(byCommit.get(p.c.f5), ['pattern', 0]);
    assert.deepEqual(byCommit.get(p.c.revert), ['revert', 3]);
    assert.equal(report.dora, undefined);
  });

  it('reads the incidents file as CSV with the same figures as JSON', async () => {
    const json = JSON.parse(
      (await cli('audit', '--format', 'json', '--no-cache', '--incidents', path.join(fixtures, 'incidents.json'))).out,
    );
    const csv = JSON.parse((await cli('audit', '--format', 'json', '--no-cache', '--incidents', path.join(fixtures, 'incidents.csv'))).out);
    assert.deepEqual(csv.dora, json.dora);
  });

  it('names a bad incidents file, its row and the reason, exits 2 and leaves the file as it was', async () => {
    const file = path.join(fixtures, 'incidents-bad.csv');
    const before = fs.readFileSync(file);
    const r = await cli('audit', '--incidents', file);
    assert.equal(r.code, 2);
    assert.equal(r.err, `aiprov audit: ${file}: row 2: detected must be an ISO-8601 date-time, got "yesterday"\n`);
    assert.deepEqual(fs.readFileSync(file), before);
  });

  it('passes revisions from input to git as data, never as options', async () => {
    const since = await cli('audit', '--no-cache', '--since=--output=evil');
    assert.equal(since.code, 2);
    assert.match(since.err, /^aiprov audit: --since --output=evil: not a commit in this repository, nor a date/);
    assert.equal(fs.existsSync(path.join(p.repo.root, 'evil')), false);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-audit-inc-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'inc.json'),
        JSON.stringify([{ id: 'X', detected: '2026-03-01T00:00:00Z', commits: ['--all', 'a1'] }]),
      );
      const r = await cli('audit', '--format', 'json', '--no-cache', '--incidents', path.join(dir, 'inc.json'));
      assert.equal(r.code, 0);
      assert.deepEqual(JSON.parse(r.out).problems, ['incident X: --all is not a commit in this repository']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--since audits only the later commits, still tracing fixes to older inducing commits', async () => {
    const report = JSON.parse((await cli('audit', '--format', 'json', '--no-cache', '--since', 's3')).out);
    assert.equal(report.commits, 6);
    assert.equal(report.range, 's3..HEAD');
    assert.equal(report.links.length, 6);
    // Inducing commits before the range are listed but not counted against the range's lines.
    assert.deepEqual(
      Object.values(report.classes).map((c) => (c as { defectLines: number }).defectLines),
      [0, 0, 0],
    );
    const byDate = JSON.parse((await cli('audit', '--format', 'json', '--no-cache', '--since', '2026-01-11')).out);
    assert.equal(byDate.commits, 5);
  });

  it('--since DATE means the whole day from UTC midnight, whatever the time of day the audit runs', async () => {
    const repo = TestRepo.create('aiprov-audit-since-');
    try {
      repo.write('a.ts', 'export const a = 1;\n');
      repo.commit('Initial commit', 0); // 2026-01-05T09:00Z
      repo.write('b.ts', 'export const b = 1;\n');
      repo.commit('Just after midnight', 15 + 1 / 120); // 2026-01-06T00:00:30Z
      repo.write('c.ts', 'export const c = 1;\n');
      repo.commit('Late that day', 23); // 2026-01-06T23:00:30Z
      // git alone reads a bare date at the current time of day, and would drop the first of these.
      const { report } = await runAudit(repo.root, { since: '2026-01-06' });
      assert.equal(report.commits, 2);
    } finally {
      repo.remove();
    }
  });

  it('writes the Markdown with its SVG charts, script-free', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-audit-md-'));
    try {
      const r = await cli('audit', '--no-cache', '--out', out, '--incidents', path.join(fixtures, 'incidents.json'));
      assert.equal(r.code, 0, r.err);
      const md = fs.readFileSync(path.join(out, 'audit.md'), 'utf8');
      for (const svg of ['audit-share.svg', 'audit-defects.svg', 'audit-signoff.svg']) {
        assert.ok(md.includes(`](${svg})`), svg);
        const text = fs.readFileSync(path.join(out, svg), 'utf8');
        assert.match(text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
        assert.doesNotMatch(text, /<script|<style|style=|on\w+=/i);
      }
      assert.match(md, /\| ai-unreviewed \| 3 \| 3 \| 1000 \| 1 \|/);
      assert.match(md, /3 of 12 changes caused an incident \(change failure rate 25%\); median time to restore 4 h/);
      assert.match(fs.readFileSync(path.join(out, 'audit-defects.svg'), 'utf8'), />333\.3 \(2 of 6\)</);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('--out writes the JSON or the CSV to a file in DIR instead of ignoring it', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-audit-out-'));
    try {
      for (const format of ['json', 'csv']) {
        const r = await cli('audit', '--no-cache', '--format', format, '--out', out);
        assert.equal(r.code, 0, r.err);
        assert.equal(r.out, `wrote ${path.join(out, `audit.${format}`)}\n`);
        const printed = await cli('audit', '--no-cache', '--format', format);
        assert.equal(fs.readFileSync(path.join(out, `audit.${format}`), 'utf8'), printed.out);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('lists one CSV row per link', async () => {
    const r = await cli('audit', '--format', 'csv', '--no-cache');
    const rows = r.out.trimEnd().split('\n');
    assert.equal(rows[0], 'fix,inducing,file,line,class,via,tool,model');
    assert.equal(rows.length, 7);
    assert.equal(rows[5], `${p.c.f3},${p.c.h1},src/human.ts,4,human,pattern,,`);
  });

  it('reports a fix naming a commit this repository lacks, and goes on', async () => {
    p.repo.write('src/app.ts', 'import { add } from "./ai1";\nexport const main = () => add(2, 2);\n');
    const fix = p.repo.commit('Use two\n\nFixes: deadbeefdead ("gone")\n');
    const report = JSON.parse((await cli('audit', '--format', 'json', '--no-cache')).out);
    assert.deepEqual(report.problems, [`fix ${fix.slice(0, 8)} names commit deadbeefdead, which is not in this repository`]);
    p.repo.git('reset', '-q', '--hard', 'HEAD~1');
  });
});

describe('audit edge cases', function () {
  this.timeout(60_000);
  let p: Planted;
  before(() => (p = plantRepo('aiprov-audit-edges-')));
  after(() => p.repo.remove());

  it('in a shallow clone, lines that trace to its edge are left out and reported', async () => {
    const shallow = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-audit-shallow-'));
    try {
      execFileSync('git', ['clone', '-q', '--depth', '3', `file://${p.repo.root}`, shallow], { env: testEnv, stdio: 'pipe' });
      const r = await runCliCaptured(['audit', '--format', 'json', '--no-cache'], shallow);
      assert.equal(r.code, 0, r.err);
      const report = JSON.parse(r.out);
      assert.deepEqual(report.links, []);
      assert.deepEqual(report.problems, [
        `commit ${p.c.f4.slice(0, 8)} is at the edge of a shallow clone: the lines it added are unknown and were not counted (fetch the full history)`,
        `fix ${p.c.f6.slice(0, 8)} names commit ${p.c.a3}, which is not in this repository`,
        `fix ${p.c.f6.slice(0, 8)}: 1 line(s) of src/ai3.ts trace to the edge of a shallow clone and were left out (fetch the full history)`,
      ]);
      assert.match(r.err, /^aiprov audit: note: commit [0-9a-f]{8} is at the edge of a shallow clone/);
    } finally {
      fs.rmSync(shallow, { recursive: true, force: true });
    }
  });

  it('shows a progress line on a terminal, and none when piped', async () => {
    const stderr = Object.assign(new PassThrough(), { isTTY: true });
    let err = '';
    stderr.on('data', (c) => (err += c));
    const code = await runCli(['audit', '--format', 'json', '--no-cache'], {
      stdout: new PassThrough(),
      stderr,
      readStdin: async () => '',
      cwd: p.repo.root,
    });
    assert.equal(code, 0);
    assert.equal(err, '\raiprov audit: 0/12 commits read\r\x1b[K');
    assert.equal((await runCliCaptured(['audit', '--format', 'json', '--no-cache'], p.repo.root)).err, '');
  });

  it('a line written by the root commit traces to it (a root is not a shallow edge)', async () => {
    p.repo.write('src/app.ts', 'import { add } from "./ai1";\nexport const main = () => add(1, 3);\n');
    const fix = p.repo.commit('fix: main adds three');
    const report = JSON.parse((await runCliCaptured(['audit', '--format', 'json', '--no-cache'], p.repo.root)).out);
    assert.deepEqual(
      report.links
        .filter((l: { fix: string }) => l.fix === fix)
        .map((l: { inducing: string; file: string; line: number; class: string }) => [l.inducing, l.file, l.line, l.class]),
      [[p.c.base, 'src/app.ts', 2, 'human']],
    );
    assert.deepEqual(report.problems, []);
  });

  it("keys the repository by origin's URL without scheme or credentials", async () => {
    p.repo.git('remote', 'add', 'origin', 'https://ci-bot:s3cret-token@github.com/org/app.git');
    const r = await runCliCaptured(['audit', '--format', 'json', '--no-cache'], p.repo.root);
    assert.equal(JSON.parse(r.out).repository, 'github.com/org/app');
    assert.doesNotMatch(r.out, /s3cret/);
    p.repo.git('remote', 'set-url', 'origin', 'git@gitlab.example.com:team/svc.git');
    assert.equal(
      JSON.parse((await runCliCaptured(['audit', '--format', 'json', '--no-cache'], p.repo.root)).out).repository,
      'gitlab.example.com/team/svc',
    );
    // A user name holding an `@`, and a token in the query: neither reaches the key.
    for (const url of [
      'https://ci@corp.example:s3cret-token@git.example.com/team/app.git',
      'https://git.example.com/team/app.git?private_token=s3cret-token',
    ]) {
      p.repo.git('remote', 'set-url', 'origin', url);
      const out = (await runCliCaptured(['audit', '--format', 'json', '--no-cache'], p.repo.root)).out;
      assert.equal(JSON.parse(out).repository, 'git.example.com/team/app');
      assert.doesNotMatch(out, /s3cret/);
    }
    p.repo.git('remote', 'remove', 'origin');
  });

  it('.aiprov/audit.json sets the fix patterns and the incidents file; options override it', async () => {
    const config = path.join(p.repo.root, '.aiprov/audit.json');
    fs.mkdirSync(path.join(p.repo.root, 'ops'), { recursive: true });
    fs.copyFileSync(path.join(fixtures, 'incidents.csv'), path.join(p.repo.root, 'ops/incidents.csv'));
    fs.writeFileSync(config, JSON.stringify({ fixPatterns: ['^Guard'], incidents: 'ops/incidents.csv' }));
    try {
      const report = JSON.parse((await runCliCaptured(['audit', '--format', 'json', '--no-cache'], path.join(p.repo.root, 'src'))).out);
      assert.deepEqual(
        report.fixes.map((f: { commit: string }) => f.commit),
        [p.c.f1, p.c.revert, p.c.f6],
      );
      assert.equal(report.dora.failedChanges, 3);
      const overridden = JSON.parse(
        (await runCliCaptured(['audit', '--format', 'json', '--no-cache', '--fix-pattern', '^fix:'], p.repo.root)).out,
      );
      const byPattern = overridden.fixes.filter((f: { via: string }) => f.via === 'pattern').map((f: { commit: string }) => f.commit);
      for (const fix of [p.c.f3, p.c.f4, p.c.f5]) assert.ok(byPattern.includes(fix), fix);
      const before = JSON.stringify({ incidents: '../outside.csv' });
      fs.writeFileSync(config, before);
      const r = await runCliCaptured(['audit'], p.repo.root);
      assert.deepEqual(
        [r.code, r.err],
        [2, 'aiprov audit: .aiprov/audit.json: "incidents" must be a path inside the repository, relative to its root\n'],
      );
      assert.equal(fs.readFileSync(config, 'utf8'), before);
      fs.writeFileSync(config, '{"fixPatterns": ["("]}');
      assert.match(
        (await runCliCaptured(['audit'], p.repo.root)).err,
        /^aiprov audit: \.aiprov\/audit\.json: fix pattern \/\(\/ is not a valid regular expression/,
      );
    } finally {
      fs.rmSync(config);
      fs.rmSync(path.join(p.repo.root, 'ops'), { recursive: true });
    }
  });

  it('a repository without commits is one line and exit 2', async () => {
    const empty = TestRepo.create('aiprov-audit-empty-');
    try {
      const r = await runCliCaptured(['audit'], empty.root);
      assert.deepEqual([r.code, r.err], [2, 'aiprov audit: the repository has no commits yet\n']);
    } finally {
      empty.remove();
    }
  });
});

describe('audit sign-off at merge', function () {
  this.timeout(60_000);

  it('counts AI lines signed off before their branch was merged apart from those signed off after', async () => {
    const repo = TestRepo.create('aiprov-audit-merge-');
    try {
      repo.write('.aiprov/allowed_signers', repo.seniors());
      repo.write('main.ts', 'export const main = 1;\n');
      repo.commit('Initial commit', 0);
      const one = 'export const one = 1;\nexport const uno = 1;\n';
      const two = 'export const two = 2;\nexport const dos = 2;\n';
      repo.git('checkout', '-q', '-b', 'one');
      repo.writeAi('one.ts', one, 'span-one', false);
      repo.commit('Add one');
      repo.writeAi('one.ts', one, 'span-one', true);
      repo.commit('Sign off one', 2);
      repo.git('checkout', '-q', 'main');
      repo.merge('one', 1);
      repo.git('checkout', '-q', '-b', 'two');
      repo.writeAi('two.ts', two, 'span-two', false);
      repo.commit('Add two');
      repo.git('checkout', '-q', 'main');
      repo.merge('two', 1);
      repo.writeAi('two.ts', two, 'span-two', true);
      repo.commit('Sign off two after the merge', 5);
      const { report } = await runAudit(repo.root);
      assert.deepEqual([report.totals.aiLines, report.totals.signedOffAiLines, report.totals.signedOffAtMergeAiLines], [4, 4, 2]);
      // 2 h on the branch for one; 1 h to the merge and 5 h more for two.
      assert.deepEqual(report.timeToSignOff, { spans: 2, signedOff: 2, medianHours: 4, p90Hours: 5.6 });
      assert.deepEqual(report.problems, []);
    } finally {
      repo.remove();
    }
  });
});

describe('audit cache', function () {
  this.timeout(60_000);
  let p: Planted;
  before(() => (p = plantRepo('aiprov-audit-cache-')));
  after(() => p.repo.remove());

  it('a re-run after new commits computes only the new ones, with the same figures as a fresh run', async () => {
    const gitDir = path.join(p.repo.root, '.git');
    const first = await runAudit(p.repo.root, { gitDir });
    assert.equal(first.computed, 12);
    const again = await runAudit(p.repo.root, { gitDir });
    assert.equal(again.computed, 0);
    assert.deepEqual(again.report, first.report);
    p.repo.write('src/human.ts', 'export const limit = 20;\n');
    p.repo.commit('fix: raise the limit');
    const after = await runAudit(p.repo.root, { gitDir });
    assert.equal(after.computed, 1);
    assert.deepEqual(after.report, (await runAudit(p.repo.root, {})).report);
    // Every code line the rewrite removed is traced: three from the human commit, one from a fix.
    assert.equal(after.report.classes.human.defectLines, 5);
  });

  it('a cache file that cannot be read is rebuilt', async () => {
    const gitDir = path.join(p.repo.root, '.git');
    const dir = path.join(gitDir, 'aiprov', 'audit');
    for (const f of fs.readdirSync(dir)) fs.writeFileSync(path.join(dir, f), '{"version":1,"facts":[tru');
    const run = await runAudit(p.repo.root, { gitDir });
    assert.equal(run.computed, run.report.commits);
    assert.deepEqual(run.report, (await runAudit(p.repo.root, {})).report);
  });

  it('a cache file that parses but holds facts of the wrong shape is rebuilt, not trusted', async () => {
    const gitDir = path.join(p.repo.root, '.git');
    const fresh = (await runAudit(p.repo.root, {})).report;
    const dir = path.join(gitDir, 'aiprov', 'audit');
    await runAudit(p.repo.root, { gitDir });
    const [file] = fs.readdirSync(dir).map((f) => path.join(dir, f));
    const good = fs.readFileSync(file, 'utf8');
    const damages: Array<(facts: Array<Record<string, unknown>>) => void> = [
      (facts) => (facts[3] = { sha: facts[3].sha }),
      (facts) => (facts[3].ai = null),
      (facts) => ((facts[3].edits as Array<Record<string, unknown>>)[0].hunks = 'x'),
      (facts) => (facts[6].fix = { via: 'trailer' }),
    ];
    for (const damage of damages) {
      const cache = JSON.parse(good) as { facts: Array<Record<string, unknown>> };
      damage(cache.facts);
      fs.writeFileSync(file, JSON.stringify(cache));
      const run = await runAudit(p.repo.root, { gitDir });
      assert.equal(run.computed, run.report.commits);
      assert.deepEqual(run.report, fresh);
    }
  });
});
