import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LiveStore } from '../../../src/core/live/store';
import { runCliCaptured } from '../helpers/cli';

const payloads = path.resolve(__dirname, '../../fixtures/agent-payloads');

const cli = runCliCaptured;

function payload(name: string, file: string): string {
  return fs.readFileSync(path.join(payloads, name), 'utf8').replaceAll('FILE_PATH', file);
}

describe('aiprov hook claude-code', () => {
  let repo: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' }).toString();
  beforeEach(() => {
    repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-hook-')));
    git('init', '-q');
    git('config', 'user.email', 'dev@example.com');
    git('config', 'user.name', 'Dev');
    fs.mkdirSync(path.join(repo, 'src'));
    fs.writeFileSync(path.join(repo, 'src/math.ts'), 'export function add(a: number, b: number): number {\n  return a + b;\n}\n');
    git('add', '-A');
    git('-c', 'commit.gpgsign=false', 'commit', '-qm', 'init');
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('records exactly the lines an Edit added, attributed to Claude Code with its session', async () => {
    const file = path.join(repo, 'src/math.ts');
    const added = "  // Guard against NaN inputs from the form.\n  if (Number.isNaN(a) || Number.isNaN(b)) throw new Error('NaN');\n";
    const content = fs.readFileSync(file, 'utf8').replace('  return a + b;', added + '  return a + b;');
    fs.writeFileSync(file, content);
    const r = await cli(['hook', 'claude-code'], repo, payload('claude-code-edit.json', file));
    assert.equal(r.code, 0, r.err);
    const live = await new LiveStore(path.join(repo, '.git')).read('src/math.ts');
    assert.ok(live);
    assert.equal(live.spans.length, 1);
    const [span] = live.spans;
    assert.equal(content.slice(span.ranges[0].start, span.ranges[0].end), added);
    assert.deepEqual([span.origin, span.confidence, span.tool, span.sessionId, span.author], ['externalAgent', 'certain', 'Claude Code', 'abc123-session', 'dev@example.com']);
  });

  it('records a new file written whole as one AI span', async () => {
    const file = path.join(repo, 'src/sum.ts');
    const content = 'export function sum(xs: number[]): number {\n  return xs.reduce((a, b) => a + b, 0);\n}\n';
    fs.writeFileSync(file, content);
    assert.equal((await cli(['hook', 'claude-code'], repo, payload('claude-code-write.json', file))).code, 0);
    const live = await new LiveStore(path.join(repo, '.git')).read('src/sum.ts');
    assert.deepEqual(live?.spans.map((s) => [s.ranges[0].start, s.ranges[0].end]), [[0, content.length]]);
  });

  it('attributes every change on disk since the last record to the agent and keeps earlier spans in place', async () => {
    const file = path.join(repo, 'src/sum.ts');
    const first = 'export const one = 1;\n';
    fs.writeFileSync(file, first);
    await cli(['hook', 'claude-code'], repo, payload('claude-code-write.json', file));
    fs.writeFileSync(file, '// human header\n' + first + 'export const two = 2;\n');
    await cli(['hook', 'claude-code'], repo, payload('claude-code-edit.json', file));
    const content = fs.readFileSync(file, 'utf8');
    const live = await new LiveStore(path.join(repo, '.git')).read('src/sum.ts');
    assert.deepEqual(live?.spans.map((s) => content.slice(s.ranges[0].start, s.ranges[0].end)).sort(), ['// human header\n', first, 'export const two = 2;\n'].slice(0).sort());
  });

  it('ignores tools that do not write files and never blocks the agent', async () => {
    const r = await cli(['hook', 'claude-code'], repo, fs.readFileSync(path.join(payloads, 'claude-code-bash.json'), 'utf8'));
    assert.equal(r.code, 0);
    assert.deepEqual(await new LiveStore(path.join(repo, '.git')).list(), []);
    const outside = await cli(['hook', 'claude-code'], repo, payload('claude-code-write.json', path.join(os.tmpdir(), 'not-in-a-repo-xyz.ts')));
    assert.equal(outside.code, 0);
    assert.match(outside.err, /aiprov hook:/);
  });

  it('rejects a payload that is not JSON with a clear message', async () => {
    const r = await cli(['hook', 'claude-code'], repo, '{not json');
    assert.equal(r.code, 2);
    assert.match(r.err, /hook payload is not JSON/);
  });

  it('hooks install --agent claude-code keeps existing hooks and is idempotent', async () => {
    const settings = path.join(repo, '.claude/settings.local.json');
    fs.mkdirSync(path.dirname(settings));
    fs.writeFileSync(settings, JSON.stringify({ hooks: { PostToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'echo mine' }] }] }, model: 'x' }));
    assert.equal((await cli(['hooks', 'install', '--agent', 'claude-code'], repo)).code, 0);
    assert.equal((await cli(['hooks', 'install', '--agent', 'claude-code'], repo)).code, 0);
    const written = JSON.parse(fs.readFileSync(settings, 'utf8'));
    assert.equal(written.model, 'x');
    assert.equal(written.hooks.PostToolUse.length, 2);
    assert.equal(written.hooks.PostToolUse[0].hooks[0].command, 'echo mine');
    assert.match(written.hooks.PostToolUse[1].hooks[0].command, / hook claude-code$/);
    assert.equal(written.hooks.PostToolUse[1].matcher, 'Write|Edit|MultiEdit|NotebookEdit');
  });
});
