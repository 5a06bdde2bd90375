import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { buildSidecar, serializeSidecar, sidecarPathFor } from '../../../src/core/format';
import type { Attribution } from '../../../src/core/model';
import { sidecarsToTrace } from '../../../src/core/interop/agentTraceExport';
import { SpanTracker } from '../../../src/core/spans/tracker';
import { runCliCaptured } from '../helpers/cli';
import { deserialize, reserialize } from './gitAiSerializer';
import { fixture, git, liveSpans, lines, makeRepo, tempDir } from './testRepos';

interface Range {
  start_line: number;
  end_line: number;
  content_hash: string;
  contributor?: { type: string };
}
interface Record {
  version: string;
  id: string;
  timestamp: string;
  vcs: { revision: string };
  files: Array<{ path: string; conversations: Array<{ contributor: { type: string; model_id?: string }; ranges: Range[] }> }>;
  metadata: { 'dev.aiprov': { files: { [path: string]: Array<{ origin: string; tool: string; model?: string; sessionId?: string }> } } };
}

const BEFORE = [
  'import x from "x";',
  'function ai1() {',
  '  return 1;',
  '}',
  'const human = 2;',
  '',
  'function ai2() {',
  '  return 2;',
  '}',
  'function ai3() {',
  '  const a = 1;',
  '  const b = 2;',
  '  return a + b;',
  '}',
  '',
].join('\n');
const chat: Attribution = {
  origin: 'chatApply',
  confidence: 'certain',
  tool: 'GitHub Copilot Chat',
  sessionId: 'chat-session-7',
  author: 'dev@example.com',
  capturedAt: '2026-11-20T10:00:00.000Z',
};
const guessed: Attribution = {
  origin: 'heuristic',
  confidence: 'likely',
  tool: 'Cursor',
  model: 'gpt-x',
  capturedAt: '2026-11-20T11:00:00.000Z',
};
const agent: Attribution = {
  origin: 'externalAgent',
  confidence: 'certain',
  tool: 'Claude Code',
  model: 'claude-opus-4-5',
  sessionId: 'f00dcafe-1',
  capturedAt: '2026-11-20T12:00:00.000Z',
};
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Three spans: lines 2-4, 7-9, and 10-14 where a human typed inside line 12. */
function provenance(): { content: string; tracker: SpanTracker } {
  const tracker = new SpanTracker();
  const at = (s: string) => BEFORE.indexOf(s);
  tracker.markAi({ start: at('function ai1'), end: at('const human') }, chat, 'S1');
  tracker.markAi({ start: at('function ai2'), end: at('function ai3') }, guessed, 'S2');
  tracker.markAi({ start: at('function ai3'), end: BEFORE.length }, agent, 'S3');
  const typed = '/* checked */ ';
  const offset = at('const b');
  tracker.applyEdits([{ offset, deleteLength: 0, text: typed }]);
  return { content: BEFORE.slice(0, offset) + typed + BEFORE.slice(offset), tracker };
}

describe('interop: export to Agent Trace and git-ai, and back', function () {
  this.timeout(30_000);
  let dir: string;
  let repo: string;
  let content: string;
  beforeEach(() => {
    dir = tempDir('aiprov-export-');
    const p = provenance();
    content = p.content;
    repo = makeRepo(path.join(dir, 'a'), {
      'src/a.ts': content,
      [sidecarPathFor('src/a.ts')]: serializeSidecar(buildSidecar('src/a.ts', content, p.tracker.spans())),
    });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A fresh clone without the committed sidecars, so only the import can bring spans in. */
  const freshClone = () => {
    const clone = path.join(dir, 'b');
    git(dir, 'clone', '-q', repo, clone);
    fs.rmSync(path.join(clone, '.aiprov'), { recursive: true });
    return clone;
  };
  const expectedSpans = [
    { lines: lines([2, 4]), origin: 'chatApply', confidence: 'certain', tool: 'GitHub Copilot Chat', sessionId: 'chat-session-7' },
    { lines: lines([7, 9]), origin: 'heuristic', confidence: 'likely', tool: 'Cursor', model: 'gpt-x' },
    {
      lines: lines([10, 14]),
      origin: 'externalAgent',
      confidence: 'certain',
      tool: 'Claude Code',
      model: 'claude-opus-4-5',
      sessionId: 'f00dcafe-1',
    },
  ];

  it("exports an Agent Trace 0.1.0 record valid against the specification's schema", async () => {
    const r = await runCliCaptured(['export', '--format', 'agent-trace'], repo);
    assert.equal(r.code, 0, r.err);
    const raw: unknown = JSON.parse(r.out);
    const record = raw as Record;
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(
      JSON.parse(fs.readFileSync(fixture('agent-trace', 'trace-record.schema.json'), 'utf8')),
    );
    assert.ok(validate(raw), JSON.stringify(validate.errors));
    assert.equal(record.version, '0.1.0');
    assert.match(record.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.ok(!Number.isNaN(Date.parse(record.timestamp)) && /T.*Z$/.test(record.timestamp));
    assert.equal(record.vcs.revision, git(repo, 'rev-parse', 'HEAD').trim());
  });

  it('a model name longer than the schema allows for model_id stays valid: the model is kept in our metadata only', () => {
    const long = `custom-${'x'.repeat(300)}`;
    const t = new SpanTracker();
    t.markAi({ start: 0, end: content.indexOf('\n') + 1 }, { ...agent, model: long }, 'S1');
    const record = sidecarsToTrace([{ sidecar: buildSidecar('src/a.ts', content, t.spans()), content }], 'a'.repeat(40), '0.1.0');
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(
      JSON.parse(fs.readFileSync(fixture('agent-trace', 'trace-record.schema.json'), 'utf8')),
    );
    assert.ok(validate(record), JSON.stringify(validate.errors));
    assert.equal(record.files[0].conversations[0].contributor?.model_id, undefined);
    assert.equal((record as unknown as Record).metadata['dev.aiprov'].files['src/a.ts'][0].model, long);
  });

  it('a span a human edited inside gives non-overlapping ranges, the human-touched line mixed, each with the hash of its own lines', async () => {
    const record = JSON.parse((await runCliCaptured(['export', '--format', 'agent-trace'], repo)).out) as Record;
    const conversations = record.files[0].conversations;
    assert.deepEqual(
      conversations.map((c) => c.ranges.map((x) => [x.start_line, x.end_line, x.contributor?.type ?? c.contributor.type])),
      [
        [[2, 4, 'ai']],
        [[7, 9, 'ai']],
        [
          [10, 11, 'ai'],
          [12, 12, 'mixed'],
          [13, 14, 'ai'],
        ],
      ],
    );
    const all = conversations.flatMap((c) => c.ranges).sort((a, b) => a.start_line - b.start_line);
    for (let i = 1; i < all.length; i++) assert.ok(all[i].start_line > all[i - 1].end_line, 'ranges overlap');
    const fileLines = content.split('\n');
    for (const x of all) assert.equal(x.content_hash, `sha256:${sha256(fileLines.slice(x.start_line - 1, x.end_line).join('\n') + '\n')}`);
    // model_id as models.dev names it; the model exactly as recorded stays in our metadata.
    assert.deepEqual(
      conversations.map((c) => c.contributor.model_id),
      [undefined, 'openai/gpt-x', 'anthropic/claude-opus-4-5'],
    );
    assert.deepEqual(
      record.metadata['dev.aiprov'].files['src/a.ts'].map((m) => [m.origin, m.tool, m.sessionId]),
      [
        ['chatApply', 'GitHub Copilot Chat', 'chat-session-7'],
        ['heuristic', 'Cursor', undefined],
        ['externalAgent', 'Claude Code', 'f00dcafe-1'],
      ],
    );
  });

  it('Agent Trace round trip: export, then import into a fresh clone, keeps lines, tool, model, origin and session', async () => {
    const trace = path.join(dir, 'trace.json');
    fs.writeFileSync(trace, (await runCliCaptured(['export', '--format', 'agent-trace'], repo)).out);
    const clone = freshClone();
    const r = await runCliCaptured(['import', '--format', 'agent-trace', trace], clone);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '', 'every content_hash matches its lines');
    assert.deepEqual(await liveSpans(clone, 'src/a.ts'), expectedSpans);
  });

  it('re-anchors an exported record onto a file that changed since', async () => {
    const trace = path.join(dir, 'trace.json');
    fs.writeFileSync(trace, (await runCliCaptured(['export', '--format', 'agent-trace'], repo)).out);
    fs.writeFileSync(path.join(repo, 'src/a.ts'), '// a\n// b\n' + content);
    fs.rmSync(path.join(repo, '.aiprov'), { recursive: true });
    const r = await runCliCaptured(['import', '--format', 'agent-trace', trace], repo);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(
      (await liveSpans(repo, 'src/a.ts')).map((s) => s.lines),
      [lines([4, 6]), lines([9, 11]), lines([12, 16])],
    );
  });

  it("export --format git-ai prints a note in git-ai's layout and writes no notes unless asked", async () => {
    const r = await runCliCaptured(['export', '--format', 'git-ai'], repo);
    assert.equal(r.code, 0, r.err);
    assert.equal(git(repo, 'for-each-ref', 'refs/notes/'), '');
    const [attestations, json] = r.out.split('\n---\n');
    const entries = attestations.split('\n');
    assert.equal(entries[0], 'src/a.ts');
    assert.deepEqual(
      entries.slice(1).map((e) => e.replace(/^ {2}s_[0-9a-f]{14}::t_[0-9a-f]{14} /, '')),
      ['2-4', '7-9', '10-14'],
    );
    const meta = JSON.parse(json) as {
      schema_version: string;
      base_commit_sha: string;
      prompts: object;
      sessions: { [k: string]: { agent_id: { tool: string; id: string; model: string } } };
    };
    assert.equal(meta.schema_version, 'authorship/3.0.0');
    assert.equal(meta.base_commit_sha, git(repo, 'rev-parse', 'HEAD').trim());
    assert.deepEqual(meta.prompts, {});
    // Session keys as the standard derives them: "s_" + sha256("<tool>:<conversation id>")[0..14].
    const key = `s_${sha256('GitHub Copilot Chat:chat-session-7').slice(0, 14)}`;
    assert.ok(entries[1].startsWith(`  ${key}::t_`), entries[1]);
    assert.deepEqual(meta.sessions[key].agent_id, { tool: 'GitHub Copilot Chat', id: 'chat-session-7', model: 'unknown' });
  });

  it('export --format git-ai is exactly what git-ai itself writes for the same log: key order, null fields, sorted sessions', async () => {
    const note = (await runCliCaptured(['export', '--format', 'git-ai'], repo)).out.replace(/\n$/, '');
    assert.equal(reserialize(note), note);
    const meta = deserialize(note).metadata as { git_ai_version: unknown; sessions: { [k: string]: { human_author: unknown } } };
    assert.equal(meta.git_ai_version, null);
    // A span without an author gives human_author null, as git-ai's Option<String> writes it.
    assert.deepEqual(
      Object.values(meta.sessions)
        .map((x) => x.human_author)
        .sort(),
      ['dev@example.com', null, null],
    );
  });

  it('paths git-ai would misread are quoted so that git-ai and aiprov read them back as they are', async () => {
    const odd = ['---', '"quoted"', 'ends in a space ', 'tab\there'];
    const first = content.slice(0, content.indexOf('\n') + 1);
    const t = new SpanTracker();
    t.markAi({ start: 0, end: first.length }, agent, 'S9');
    for (const p of odd) {
      fs.writeFileSync(path.join(repo, p), content);
      fs.mkdirSync(path.dirname(path.join(repo, sidecarPathFor(p))), { recursive: true });
      fs.writeFileSync(path.join(repo, sidecarPathFor(p)), serializeSidecar(buildSidecar(p, content, t.spans())));
    }
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'odd names');
    const note = (await runCliCaptured(['export', '--format', 'git-ai'], repo)).out.replace(/\n$/, '');
    assert.deepEqual(
      deserialize(note)
        .attestations.map((a) => a.path)
        .sort(),
      [...odd, 'src/a.ts'].sort(),
    );
    assert.equal((await runCliCaptured(['export', '--format', 'git-ai', '--write-notes'], repo)).code, 0);
    fs.rmSync(path.join(repo, '.aiprov'), { recursive: true });
    const r = await runCliCaptured(['import', '--format', 'git-ai'], repo);
    assert.equal(r.code, 0, r.err);
    for (const p of odd)
      assert.deepEqual(
        (await liveSpans(repo, p)).map((s) => s.lines),
        [[1]],
        p,
      );
  });

  it('git-ai round trip: --write-notes attaches the exact note, a fresh clone imports it with lines, tool, model, origin and session', async () => {
    const printed = (await runCliCaptured(['export', '--format', 'git-ai'], repo)).out;
    const w = await runCliCaptured(['export', '--format', 'git-ai', '--write-notes'], repo);
    assert.equal(w.code, 0, w.err);
    assert.equal(git(repo, 'notes', '--ref=ai', 'show', 'HEAD'), printed.replace(/\n$/, ''));
    const clone = freshClone();
    git(clone, 'fetch', '-q', 'origin', 'refs/notes/ai:refs/notes/ai');
    const r = await runCliCaptured(['import', '--format', 'git-ai', 'HEAD'], clone);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(await liveSpans(clone, 'src/a.ts'), expectedSpans);
  });

  it('never replaces a note already on the commit without --force', async () => {
    git(repo, 'notes', '--ref=ai', 'add', '-m', 'written by git-ai', 'HEAD');
    const r = await runCliCaptured(['export', '--format', 'git-ai', '--write-notes'], repo);
    assert.equal(r.code, 2);
    assert.match(r.err, /already has a git-ai note in refs\/notes\/ai; left as it is/);
    assert.equal(git(repo, 'notes', '--ref=ai', 'show', 'HEAD'), 'written by git-ai\n');
    assert.equal((await runCliCaptured(['export', '--format', 'git-ai', '--write-notes', '--force'], repo)).code, 0);
    assert.match(git(repo, 'notes', '--ref=ai', 'show', 'HEAD'), /authorship\/3\.0\.0/);
  });

  it('export takes its revision as data, never as an option', async () => {
    const target = path.join(dir, 'created-by-git');
    const r = await runCliCaptured(['export', '--format', 'agent-trace', '--', `--output=${target}`], repo);
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown revision '--output=/);
    assert.equal(fs.existsSync(target), false);
  });

  it('quotes paths with spaces in git-ai notes, and reads them back', async () => {
    git(repo, 'mv', 'src/a.ts', 'src/my file.ts');
    git(repo, 'mv', sidecarPathFor('src/a.ts'), sidecarPathFor('src/my file.ts'));
    const sidecar = JSON.parse(fs.readFileSync(path.join(repo, sidecarPathFor('src/my file.ts')), 'utf8')) as { path: string };
    fs.writeFileSync(
      path.join(repo, sidecarPathFor('src/my file.ts')),
      JSON.stringify({ ...sidecar, path: 'src/my file.ts' }, null, 2) + '\n',
    );
    git(repo, 'commit', '-qam', 'rename');
    const note = (await runCliCaptured(['export', '--format', 'git-ai'], repo)).out;
    assert.equal(note.split('\n')[0], '"src/my file.ts"');
    assert.equal((await runCliCaptured(['export', '--format', 'git-ai', '--write-notes'], repo)).code, 0);
    fs.rmSync(path.join(repo, '.aiprov'), { recursive: true });
    const r = await runCliCaptured(['import', '--format', 'git-ai'], repo);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(
      (await liveSpans(repo, 'src/my file.ts')).map((s) => s.lines),
      [lines([2, 4]), lines([7, 9]), lines([10, 14])],
    );
  });

  it('exports a sidecar committed for older content re-anchored onto the commit, and leaves out an unreadable one with its reason', async () => {
    // Two lines added above without updating the sidecar (a commit made with --no-verify).
    fs.writeFileSync(path.join(repo, 'src/a.ts'), '// a\n// b\n' + content);
    fs.writeFileSync(path.join(repo, 'src/b.ts'), 'const b = 1;\n');
    fs.writeFileSync(path.join(repo, sidecarPathFor('src/b.ts')), '{"version": 1, "path": "src/b.ts", "spa');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'no hook');
    const r = await runCliCaptured(['export', '--format', 'agent-trace'], repo);
    assert.equal(r.code, 1);
    assert.match(r.err, /^aiprov export: .*src\/b\.ts\.aiprov.*not valid JSON.*; left out$/m);
    const record = JSON.parse(r.out) as Record;
    assert.deepEqual(
      record.files.map((f) => f.path),
      ['src/a.ts'],
    );
    assert.deepEqual(
      record.files[0].conversations.map((c) => c.ranges.map((x) => [x.start_line, x.end_line])),
      [
        [[4, 6]],
        [[9, 11]],
        [
          [12, 13],
          [14, 14],
          [15, 16],
        ],
      ],
    );
  });
});
