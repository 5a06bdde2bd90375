import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { buildSidecar, lineLocator, serializeSidecar, sidecarPathFor } from '../../../src/core/format';
import { LiveStore } from '../../../src/core/live/store';
import { SpanTracker } from '../../../src/core/spans/tracker';
import { runCliCaptured } from '../helpers/cli';

const CONTENT = ['import x from "x";', 'function ai1() {', '  return 1;', '}', 'const human = 2;', '', 'function ai2() {', '  return 2;', '}', ''].join('\n');
const attribution = { origin: 'chatApply' as const, confidence: 'certain' as const, tool: 'GitHub Copilot Chat', capturedAt: '2026-11-20T10:00:00.000Z' };

/** 1-based line numbers covered by the live spans of a file. */
async function liveAiLines(repo: string, repoPath: string): Promise<number[]> {
  const live = await new LiveStore(path.join(repo, '.git')).read(repoPath);
  const lines = new Set<number>();
  for (const s of live?.spans ?? []) for (const r of s.ranges) for (let l = r.startLine; l <= r.endLine; l++) lines.add(l);
  return [...lines].sort((a, b) => a - b);
}

describe('interop: Agent Trace and git-ai notes', function () {
  this.timeout(30_000);
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  let dir: string;
  let repo: string;
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe', env }).toString();

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-interop-')));
    repo = path.join(dir, 'a');
    fs.mkdirSync(path.join(repo, 'src'), { recursive: true });
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'config', 'user.email', 'dev@example.com');
    git(repo, 'config', 'user.name', 'Dev');
    git(repo, 'config', 'commit.gpgsign', 'false');
    fs.writeFileSync(path.join(repo, 'src/a.ts'), CONTENT);
    const t = new SpanTracker();
    const at = (s: string) => CONTENT.indexOf(s);
    t.markAi({ start: at('function ai1'), end: at('const human') }, attribution, 'S1');
    t.markAi({ start: at('function ai2'), end: CONTENT.length }, { ...attribution, model: 'gpt-x' }, 'S2');
    fs.mkdirSync(path.join(repo, '.aiprov/src'), { recursive: true });
    fs.writeFileSync(path.join(repo, sidecarPathFor('src/a.ts')), serializeSidecar(buildSidecar('src/a.ts', CONTENT, t.spans())));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'ai code');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exports a record that validates against the Agent Trace schema', async () => {
    const r = await runCliCaptured(['export', '--format', 'agent-trace'], repo);
    assert.equal(r.code, 0, r.err);
    const raw: unknown = JSON.parse(r.out);
    const record = JSON.parse(r.out) as { vcs: { revision: string }; files: Array<{ conversations: Array<{ ranges: Array<{ start_line: number; end_line: number }> }> }>; metadata: Record<string, { spans: Record<string, Array<{ tool: string }>> }> };
    const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../fixtures/agent-trace/trace-record.schema.json'), 'utf8'));
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(schema);
    assert.ok(validate(raw), JSON.stringify(validate.errors));
    assert.equal(record.vcs.revision, git(repo, 'rev-parse', 'HEAD').trim());
    assert.deepEqual(record.files[0].conversations.map((c) => c.ranges.map((x) => [x.start_line, x.end_line])), [[[2, 4]], [[7, 9]]]);
    assert.equal(record.metadata['dev.aiprov'].spans['src/a.ts'][0].tool, 'GitHub Copilot Chat');
  });

  it('round trip: sidecars -> Agent Trace -> import into a fresh clone gives the same AI line set', async () => {
    const trace = path.join(dir, 'trace.json');
    fs.writeFileSync(trace, (await runCliCaptured(['export', '--format', 'agent-trace'], repo)).out);
    const clone = path.join(dir, 'b');
    git(dir, 'clone', '-q', repo, clone);
    fs.rmSync(path.join(clone, '.aiprov'), { recursive: true });
    const r = await runCliCaptured(['import', '--format', 'agent-trace', trace], clone);
    assert.equal(r.code, 0, r.err);
    const committed = JSON.parse(fs.readFileSync(path.join(repo, sidecarPathFor('src/a.ts')), 'utf8')) as { spans: Array<{ ranges: Array<{ startLine: number; endLine: number }> }> };
    const expected = committed.spans.flatMap((s) => s.ranges.flatMap((x) => Array.from({ length: x.endLine - x.startLine + 1 }, (_, i) => x.startLine + i))).sort((a, b) => a - b);
    assert.deepEqual(await liveAiLines(clone, 'src/a.ts'), expected);
  });

  it('re-anchors records of an older revision onto the current file', async () => {
    const trace = path.join(dir, 'trace.json');
    fs.writeFileSync(trace, (await runCliCaptured(['export', '--format', 'agent-trace'], repo)).out);
    fs.writeFileSync(path.join(repo, 'src/a.ts'), '// a\n// b\n' + CONTENT);
    await runCliCaptured(['import', '--format', 'agent-trace', trace], repo);
    assert.deepEqual(await liveAiLines(repo, 'src/a.ts'), [4, 5, 6, 9, 10, 11]);
  });

  it('reports bad records with the reason and still imports the good ones', async () => {
    // Only the other tool's record: no aiprov sidecar of our own.
    fs.rmSync(path.join(repo, '.aiprov'), { recursive: true });
    const good = { version: '0.1', id: '01a2b3c4-0000-7000-8000-000000000000', timestamp: '2026-11-20T10:00:00Z', tool: { name: 'cursor', version: '1' }, files: [{ path: 'src/a.ts', conversations: [{ contributor: { type: 'ai' }, ranges: [{ start_line: 2, end_line: 3 }] }] }] };
    const lines = [
      { ...good, version: '9.0' },
      { ...good, files: [{ path: '../outside.ts', conversations: [{ contributor: { type: 'ai' }, ranges: [{ start_line: 1, end_line: 1 }] }] }] },
      { ...good, files: [{ path: 'src/a.ts', conversations: [{ contributor: { type: 'ai' }, ranges: [{ start_line: 90, end_line: 95 }] }] }] },
      good,
    ].map((r) => JSON.stringify(r));
    const file = path.join(dir, 'mixed.jsonl');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const r = await runCliCaptured(['import', '--format', 'agent-trace', file], repo);
    assert.equal(r.code, 1);
    assert.match(r.err, /record 1: unsupported Agent Trace version "9\.0"/);
    assert.match(r.err, /record 2: \.\.\/outside\.ts: the path "\.\.\/outside\.ts" escapes the repository/);
    assert.match(r.err, /record 3: src\/a\.ts: lines 90-95 are past the end of the file/);
    assert.deepEqual(await liveAiLines(repo, 'src/a.ts'), [2, 3]);
    const live = await new LiveStore(path.join(repo, '.git')).read('src/a.ts');
    assert.deepEqual(live?.spans.map((s) => [s.origin, s.tool]), [['imported', 'cursor']]);
  });

  it('imports a hand-written git-ai note and leaves the note untouched', async () => {
    fs.rmSync(path.join(repo, '.aiprov'), { recursive: true });
    const note = 'src/a.ts\n  a1b2c3d4 2-3,7\n---\n{"schema_version":"authorship/3.0.0","base_commit_sha":"abc","prompts":{"a1b2c3d4":{"agent_id":{"tool":"cursor","id":"sess-1","model":"claude-4"}}}}\n';
    git(repo, 'notes', '--ref=ai', 'add', '-m', note, 'HEAD');
    const r = await runCliCaptured(['import', '--format', 'git-ai'], repo);
    assert.equal(r.code, 0, r.err);
    const live = await new LiveStore(path.join(repo, '.git')).read('src/a.ts');
    const lineOf = lineLocator(CONTENT);
    assert.deepEqual(live?.spans.map((s) => [lineOf(s.ranges[0].start), s.tool, s.model, s.sessionId]), [[2, 'git-ai (cursor)', 'claude-4', 'sess-1'], [7, 'git-ai (cursor)', 'claude-4', 'sess-1']]);
    assert.equal(git(repo, 'notes', '--ref=ai', 'show', 'HEAD'), note);
  });

  it('reports a malformed git-ai note with its reason', async () => {
    git(repo, 'notes', '--ref=ai', 'add', '-m', 'src/a.ts\n  nohash\n', 'HEAD');
    const r = await runCliCaptured(['import', '--format', 'git-ai'], repo);
    assert.equal(r.code, 1);
    assert.match(r.err, /cannot read "nohash"/);
  });
});
