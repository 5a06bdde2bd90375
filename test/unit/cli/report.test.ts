import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCliCaptured } from '../helpers/cli';
import { buildSidecar, serializeSidecar, sidecarPathFor } from '../../../src/core/format';
import { createSignOff, signSignOff } from '../../../src/core/signoff';
import { SpanTracker } from '../../../src/core/spans/tracker';

describe('aiprov report and blame', function () {
  this.timeout(20_000);
  let repo: string;
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe', env }).toString();
  const cli = (...args: string[]) => runCliCaptured(args, repo);
  const HUMAN = 'const a = 1;\n';
  const COPILOT = 'function one() {\n  return 1;\n}\n';
  const CLAUDE = 'function two() {\n  return 2;\n}\n';

  let keys: string;
  before(async () => {
    repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-report-')));
    keys = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-report-keys-'));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'senior', '-f', path.join(keys, 'senior')]);
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'dev@example.com');
    git('config', 'user.name', 'Dev');
    git('config', 'commit.gpgsign', 'false');
    fs.writeFileSync(path.join(repo, 'base.txt'), 'base\n');
    git('add', '-A');
    git('commit', '-qm', 'base');
    const content = HUMAN + COPILOT + CLAUDE;
    const t = new SpanTracker();
    const at = (s: string) => content.indexOf(s);
    t.markAi(
      { start: at(COPILOT), end: at(COPILOT) + COPILOT.length },
      {
        origin: 'inlineCompletion',
        confidence: 'certain',
        tool: 'GitHub Copilot',
        author: 'dev@example.com',
        capturedAt: '2026-11-20T10:00:00.000Z',
      },
      'A',
    );
    t.markAi(
      { start: at(CLAUDE), end: at(CLAUDE) + CLAUDE.length },
      {
        origin: 'externalAgent',
        confidence: 'certain',
        tool: 'Claude Code',
        author: 'dev@example.com',
        capturedAt: '2026-11-20T10:00:00.000Z',
      },
      'B',
    );
    const spans = t.spans();
    const approval = await signSignOff(
      createSignOff({
        reviewer: { email: 'senior@example.com' },
        file: 'src/x.ts',
        spans: spans.filter((s) => s.id === 'A'),
        content,
        decision: 'approved',
        checklist: ['rollback', 'tests'],
      }),
      path.join(keys, 'senior'),
    );
    fs.mkdirSync(path.join(repo, 'src'));
    fs.writeFileSync(path.join(repo, 'src/x.ts'), content);
    fs.mkdirSync(path.join(repo, '.aiprov/src'), { recursive: true });
    fs.writeFileSync(path.join(repo, sidecarPathFor('src/x.ts')), serializeSidecar(buildSidecar('src/x.ts', content, spans, [approval])));
    fs.writeFileSync(
      path.join(repo, '.aiprov/allowed_signers'),
      `senior@example.com namespaces="aiprov" ${fs.readFileSync(path.join(keys, 'senior.pub'), 'utf8').trim()}\n`,
    );
    git('add', '-A');
    git('commit', '-qm', 'ai');
  });
  after(() => {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(keys, { recursive: true, force: true });
  });

  it('reports AI share, reviewed share and lines per tool', async () => {
    const r = await cli('report', '--since', 'main~1', '--format', 'json');
    assert.equal(r.code, 0);
    const report = JSON.parse(r.out);
    assert.deepEqual(
      report.files.map((f: { path: string; lines: number; aiLines: number; reviewedAiLines: number }) => [
        f.path,
        f.lines,
        f.aiLines,
        f.reviewedAiLines,
      ]),
      [['src/x.ts', 7, 6, 3]],
    );
    assert.deepEqual(report.totals.byTool, { 'Claude Code': 3, 'GitHub Copilot': 3 });
    const md = await cli('report', '--since', 'main~1');
    assert.match(md.out, /AI-written: \*\*6\*\* of 7 lines \(86%\); reviewed: \*\*3\*\* of them \(50%\)/);
    const csv = await cli('report', '--format', 'csv');
    assert.match(csv.out, /^src\/x\.ts,7,6,86%,3,50%,0,Claude Code;GitHub Copilot$/m);
  });

  it('report --since passes the revision to git as data, never as an option', async () => {
    const r = await cli('report', '--since=--output=evil');
    assert.equal(r.code, 2);
    assert.match(r.err, /^aiprov report: --since --output=evil: not a commit in this repository\n$/);
    assert.equal(fs.existsSync(path.join(repo, 'evil...HEAD')), false);
    assert.equal(fs.existsSync(path.join(repo, 'evil')), false);
  });

  it('blame marks each line with its tool and review state', async () => {
    const r = await cli('blame', 'src/x.ts');
    assert.equal(r.code, 0);
    const lines = r.out.trimEnd().split('\n');
    assert.match(lines[0], /^human\s+1 {2}const a = 1;$/);
    assert.match(lines[1], /^GitHub Copilot ✓\s+2 {2}function one\(\) \{$/);
    assert.match(lines[4], /^Claude Code\s+✗\s+5 {2}function two\(\) \{$/);
  });
});
