import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { runCliCaptured } from '../helpers/cli';
import { fixture, git, liveSpans, lines, makeRepo, numberedLines, tempDir } from './testRepos';

const readJson = (name: string): Record<string, unknown> => JSON.parse(fs.readFileSync(fixture('agent-trace', name), 'utf8'));
const HEADER = { version: '0.1.0', id: '550e8400-e29b-41d4-a716-446655440000', timestamp: '2026-01-25T10:00:00Z' };
const FILES = ['src/utils/parser.ts', 'src/utils/helpers.ts', 'src/app.ts', 'src/utils.ts', 'src/parser.ts', 'src/api.ts'];

describe('interop: Agent Trace import (specification 0.1.0)', function () {
  this.timeout(30_000);
  let dir: string;
  let repo: string;
  let head: string;
  /** Writes `records` (one per line) and imports them. */
  const importRecords = async (...records: unknown[]) => {
    const file = path.join(dir, 'trace.jsonl');
    fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    return runCliCaptured(['import', '--format', 'agent-trace', file], repo);
  };
  beforeEach(() => {
    dir = tempDir('aiprov-trace-');
    repo = makeRepo(path.join(dir, 'a'), Object.fromEntries(FILES.map((f) => [f, numberedLines(120)])));
    head = git(repo, 'rev-parse', 'HEAD').trim();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("the schema fixture is the specification's §6.1 schema, the one aiprov validates with, and both example records pass it", () => {
    const text = fs.readFileSync(fixture('agent-trace', 'trace-record.schema.json'), 'utf8');
    assert.equal(fs.readFileSync(path.resolve(__dirname, '../../../src/core/interop/agentTraceRecord.schema.json'), 'utf8'), text);
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(JSON.parse(text));
    for (const name of ['spec-6.2-example.json', 'spec-A-minimal.json'])
      assert.ok(validate(readJson(name)), `${name}: ${JSON.stringify(validate.errors)}`);
  });

  it('imports the §6.2 example record verbatim (revision adapted) with its lines, model and conversation', async () => {
    const record = readJson('spec-6.2-example.json');
    const r = await importRecords({ ...record, vcs: { type: 'git', revision: head } });
    assert.equal(r.code, 0, r.err);
    const conversation = 'https://api.cursor.com/v1/conversations/12345';
    assert.deepEqual(await liveSpans(repo, 'src/utils/parser.ts'), [
      {
        lines: lines([42, 67]),
        origin: 'imported',
        confidence: 'certain',
        tool: 'cursor',
        model: 'anthropic/claude-opus-4-5-20251101',
        sessionId: conversation,
      },
    ]);
    assert.deepEqual(await liveSpans(repo, 'src/utils/helpers.ts'), [
      {
        lines: lines([10, 25]),
        origin: 'imported',
        confidence: 'certain',
        tool: 'cursor',
        model: 'openai/gpt-4o',
        sessionId: conversation,
      },
    ]);
  });

  it('imports the Appendix A minimal record verbatim (no vcs: lines of the working tree)', async () => {
    const r = await runCliCaptured(['import', '--format', 'agent-trace', fixture('agent-trace', 'spec-A-minimal.json')], repo);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(await liveSpans(repo, 'src/app.ts'), [
      { lines: lines([1, 50]), origin: 'imported', confidence: 'certain', tool: 'Agent Trace' },
    ]);
  });

  it('imports the §6.3, §6.6 and §6.8 file fragments verbatim under a record header', async () => {
    const [f03, f05, f07] = ['spec-fragment-03.json', 'spec-fragment-05.json', 'spec-fragment-07.json'].map((n) => ({
      ...HEADER,
      ...readJson(n),
    }));
    const r = await importRecords(f03, f05, f07);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(
      (await liveSpans(repo, 'src/utils.ts')).map((s) => [s.lines, s.model, s.sessionId]),
      [
        [lines([10, 25], [30, 45], [80, 95]), 'anthropic/claude-sonnet-4-20250514', 'https://api.example.com/v1/conversations/abc'],
        [lines([50, 52]), 'openai/gpt-4o', 'https://api.example.com/v1/conversations/def'],
      ].sort((a, b) => (a[0] as number[])[0] - (b[0] as number[])[0]),
    );
    assert.deepEqual(
      (await liveSpans(repo, 'src/parser.ts')).map((s) => s.lines),
      [lines([10, 25])],
    );
    assert.deepEqual(
      (await liveSpans(repo, 'src/api.ts')).map((s) => s.lines),
      [lines([10, 50])],
    );
  });

  it('the §6.7 contributor and §7.2 metadata fragments are not records: reported with the reason', async () => {
    const r = await importRecords(readJson('spec-fragment-06.json'), readJson('spec-fragment-08.json'));
    assert.equal(r.code, 1);
    assert.match(r.err, /record 1: not an Agent Trace record: .*required property 'version'/);
    assert.match(r.err, /record 2: not an Agent Trace record/);
  });

  it('reads the reference implementation\'s "1.0" records with a warning, not a refusal', async () => {
    const text = fs.readFileSync(fixture('agent-trace', 'reference-trace-hook.jsonl'), 'utf8').replace('REVISION', head);
    const file = path.join(dir, 'traces.jsonl');
    fs.writeFileSync(file, text);
    const r = await runCliCaptured(['import', '--format', 'agent-trace', file], repo);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /warning: version "1\.0" is what the reference implementation writes/);
    assert.deepEqual(await liveSpans(repo, 'src/app.ts'), [
      {
        lines: lines([3, 5]),
        origin: 'imported',
        confidence: 'certain',
        tool: 'claude-code',
        model: 'anthropic/claude-sonnet-4-5-20250929',
        sessionId: 'file:///home/dev/.claude/projects/app/5d7e.jsonl',
      },
    ]);
  });

  describe("the reference implementation's traces.jsonl of a session: HEAD before the edit, the lines after it", () => {
    const agentLines = 'agent 1\nagent 2\nagent 3\n';
    /** Records as the reference hook appended them when the agent inserted 3 lines after line 2 on `head`. */
    const session = () => {
      const file = path.join(dir, 'traces.jsonl');
      fs.writeFileSync(file, fs.readFileSync(fixture('agent-trace', 'reference-session.jsonl'), 'utf8').replaceAll('REVISION', head));
      const original = fs.readFileSync(path.join(repo, 'src/app.ts'), 'utf8').split(/(?<=\n)/);
      fs.writeFileSync(path.join(repo, 'src/app.ts'), [...original.slice(0, 2), agentLines, ...original.slice(2)].join(''));
      return file;
    };
    const expectSpan = async (at: number[]) =>
      assert.deepEqual(await liveSpans(repo, 'src/app.ts'), [
        {
          lines: at,
          origin: 'imported',
          confidence: 'certain',
          tool: 'claude-code',
          model: 'anthropic/claude-sonnet-4-5-20250929',
          sessionId: 'file:///home/dev/.claude/projects/x/S1.jsonl',
        },
      ]);

    it('the edit not yet committed: its lines are those of the working tree, and session and shell events are no files', async () => {
      const r = await runCliCaptured(['import', '--format', 'agent-trace', session()], repo);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.err.match(/warning: version "1\.0"/g)?.length, 1, r.err);
      assert.doesNotMatch(r.err, /\.sessions|\.shell-history/);
      await expectSpan(lines([3, 5]));
    });

    it('the edit committed, then lines added above it: the lines of the commit that brought the edit, mapped onto today', async () => {
      const file = session();
      git(repo, 'commit', '-qam', 'agent edit');
      fs.writeFileSync(path.join(repo, 'src/app.ts'), '// one\n// two\n' + fs.readFileSync(path.join(repo, 'src/app.ts'), 'utf8'));
      git(repo, 'commit', '-qam', 'human lines on top');
      const r = await runCliCaptured(['import', '--format', 'agent-trace', file], repo);
      assert.equal(r.code, 0, r.err);
      await expectSpan(lines([5, 7]));
    });
  });

  it('human and unknown contributors give no AI lines; mixed ones are likely', async () => {
    const r = await importRecords({
      ...HEADER,
      files: [
        {
          path: 'src/app.ts',
          conversations: [
            {
              contributor: { type: 'ai' },
              ranges: [
                { start_line: 1, end_line: 3 },
                { start_line: 5, end_line: 6, contributor: { type: 'human' } },
              ],
            },
            { contributor: { type: 'human' }, ranges: [{ start_line: 10, end_line: 20 }] },
            { contributor: { type: 'unknown' }, ranges: [{ start_line: 30, end_line: 31 }] },
            { ranges: [{ start_line: 40, end_line: 41 }] },
            { contributor: { type: 'mixed' }, ranges: [{ start_line: 50, end_line: 51 }] },
          ],
        },
      ],
    });
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(
      (await liveSpans(repo, 'src/app.ts')).map((s) => [s.lines, s.confidence]),
      [
        [lines([1, 3]), 'certain'],
        [lines([50, 51]), 'likely'],
      ],
    );
  });

  it('a record for a revision this clone does not have says so per file and imports nothing', async () => {
    const record = readJson('spec-6.2-example.json');
    const r = await importRecords(record);
    assert.equal(r.code, 1);
    assert.match(
      r.err,
      /src\/utils\/parser\.ts: revision "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0" is not in this clone; nothing imported/,
    );
    assert.match(r.err, /src\/utils\/helpers\.ts: revision .* is not in this clone/);
    assert.deepEqual(await liveSpans(repo, 'src/utils/parser.ts'), []);
  });

  it('a revision taken from a record reaches git as data, never as an option', async () => {
    const target = path.join(dir, 'created-by-git');
    const record = { ...readJson('spec-6.2-example.json'), vcs: { type: 'git', revision: `--output=${target}` } };
    const r = await importRecords(record);
    assert.equal(r.code, 1);
    assert.equal(fs.existsSync(target), false);
    assert.match(r.err, /revision "--output=.*" is not in this clone/);
  });

  it('a record of another version control system is not read against git revisions', async () => {
    const r = await importRecords({ ...readJson('spec-6.2-example.json'), vcs: { type: 'jj', revision: 'kkmpptxz' } });
    assert.equal(r.code, 1);
    assert.match(r.err, /src\/utils\/parser\.ts: recorded against a jj revision, which git cannot read; nothing imported/);
  });

  it('reports bad records with the reason and still imports the good ones', async () => {
    const good = {
      ...HEADER,
      tool: { name: 'cursor', version: '1' },
      files: [{ path: 'src/app.ts', conversations: [{ contributor: { type: 'ai' }, ranges: [{ start_line: 2, end_line: 3 }] }] }],
    };
    const r = await importRecords(
      { ...good, version: '9.0' },
      {
        ...good,
        files: [{ path: '../outside.ts', conversations: [{ contributor: { type: 'ai' }, ranges: [{ start_line: 1, end_line: 1 }] }] }],
      },
      {
        ...good,
        files: [{ path: 'src/app.ts', conversations: [{ contributor: { type: 'ai' }, ranges: [{ start_line: 190, end_line: 195 }] }] }],
      },
      {
        ...good,
        files: [{ path: 'src/app.ts', conversations: [{ contributor: { type: 'ai' }, ranges: [{ start_line: 0, end_line: 1 }] }] }],
      },
      good,
    );
    assert.equal(r.code, 1);
    assert.match(r.err, /record 1: unsupported Agent Trace version "9\.0"/);
    assert.match(r.err, /record 2: \.\.\/outside\.ts: the path "\.\.\/outside\.ts" escapes the repository/);
    assert.match(r.err, /record 3: src\/app\.ts: lines 190-195 are past the end of the file \(120 lines\)/);
    assert.match(r.err, /record 4: not an Agent Trace record: \/files\/0\/conversations\/0\/ranges\/0\/start_line must be >= 1/);
    assert.deepEqual(await liveSpans(repo, 'src/app.ts'), [{ lines: [2, 3], origin: 'imported', confidence: 'certain', tool: 'cursor' }]);
  });

  it("a record naming git's own files, aiprov's records or a file reached through a symbolic link imports nothing there", async () => {
    fs.writeFileSync(path.join(dir, 'outside.txt'), numberedLines(5));
    fs.symlinkSync(path.join(dir, 'outside.txt'), path.join(repo, 'src/link.ts'));
    fs.symlinkSync(dir, path.join(repo, 'up'));
    const paths = ['.git/config', 'src/.GIT/config', '.aiprov/policy.json', 'src/link.ts', 'up/outside.txt'];
    fs.mkdirSync(path.join(repo, 'src/.GIT'));
    fs.writeFileSync(path.join(repo, 'src/.GIT/config'), 'x\n');
    fs.mkdirSync(path.join(repo, '.aiprov'));
    fs.writeFileSync(path.join(repo, '.aiprov/policy.json'), '{}\n');
    const r = await importRecords({
      ...HEADER,
      files: [...paths, 'src/app.ts'].map((p) => ({
        path: p,
        conversations: [{ contributor: { type: 'ai' }, ranges: [{ start_line: 1, end_line: 1 }] }],
      })),
    });
    assert.equal(r.code, 1);
    for (const p of paths) assert.match(r.err, new RegExp(`: ${p.replace(/\./g, '\\.')}: .*; skipped`), p);
    assert.deepEqual(
      (await liveSpans(repo, 'src/app.ts')).map((s) => s.lines),
      [[1]],
    );
    for (const p of paths) assert.deepEqual(await liveSpans(repo, p), [], p);
    assert.equal(fs.existsSync(path.join(repo, '.git/aiprov/live/.git')), false);
  });

  it('accepts X.Y and X.Y.Z 0.x versions', async () => {
    const base = {
      ...HEADER,
      files: [{ path: 'src/app.ts', conversations: [{ contributor: { type: 'ai' }, ranges: [{ start_line: 7, end_line: 7 }] }] }],
    };
    const r = await importRecords(
      { ...base, version: '0.1' },
      { ...base, version: '0.2.3', files: [{ path: 'src/api.ts', conversations: base.files[0].conversations }] },
    );
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    assert.deepEqual(
      (await liveSpans(repo, 'src/app.ts')).map((s) => s.lines),
      [[7]],
    );
    assert.deepEqual(
      (await liveSpans(repo, 'src/api.ts')).map((s) => s.lines),
      [[7]],
    );
  });

  it('checks sha256 content hashes against the lines they name: a mismatch is imported by line number with a warning', async () => {
    const text = numberedLines(120);
    const hashOf = (from: number, to: number) =>
      `sha256:${createHash('sha256')
        .update(
          text
            .split('\n')
            .slice(from - 1, to)
            .join('\n') + '\n',
        )
        .digest('hex')}`;
    const r = await importRecords({
      ...HEADER,
      vcs: { type: 'git', revision: head },
      files: [
        {
          path: 'src/app.ts',
          conversations: [
            {
              contributor: { type: 'ai' },
              ranges: [
                { start_line: 3, end_line: 4, content_hash: hashOf(3, 4) },
                { start_line: 8, end_line: 9, content_hash: hashOf(20, 21) },
                { start_line: 12, end_line: 12, content_hash: 'murmur3:9f2e8a1b' },
              ],
            },
          ],
        },
      ],
    });
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(r.err.trim().split('\n'), [
      `aiprov import: ${path.join(dir, 'trace.jsonl')}: warning: src/app.ts: lines 8-9 do not match the record's content_hash; imported by line number`,
    ]);
    assert.deepEqual(
      (await liveSpans(repo, 'src/app.ts')).map((s) => s.lines),
      [[3, 4, 8, 9, 12]],
    );
  });

  it('malformed values under our metadata key never reach the live store', async () => {
    const r = await importRecords({
      ...HEADER,
      files: [{ path: 'src/app.ts', conversations: [{ contributor: { type: 'ai' }, ranges: [{ start_line: 2, end_line: 2 }] }] }],
      metadata: {
        'dev.aiprov': {
          files: {
            'src/app.ts': [
              { span: 'x', origin: 'chatApply', confidence: 'likely', tool: 42, sessionId: { id: 1 }, capturedAt: 'yesterday' },
            ],
          },
        },
      },
    });
    assert.equal(r.code, 0, r.err);
    const [span] = await liveSpans(repo, 'src/app.ts');
    assert.deepEqual(span, { lines: [2], origin: 'chatApply', confidence: 'likely', tool: 'Agent Trace' });
  });

  it('reads records from stdin with -, and reports a file it cannot read', async () => {
    const r = await runCliCaptured(
      ['import', '--format', 'agent-trace', '-', path.join(dir, 'missing.json')],
      repo,
      fs.readFileSync(fixture('agent-trace', 'spec-A-minimal.json'), 'utf8'),
    );
    assert.equal(r.code, 1);
    assert.match(r.err, /missing\.json: cannot read it \(ENOENT\)/);
    assert.deepEqual(
      (await liveSpans(repo, 'src/app.ts')).map((s) => s.lines),
      [lines([1, 50])],
    );
  });

  it('a record file that starts with a byte order mark is read (JSON and JSONL)', async () => {
    const json = path.join(dir, 'bom.json');
    fs.writeFileSync(json, '\uFEFF' + fs.readFileSync(fixture('agent-trace', 'spec-A-minimal.json'), 'utf8'));
    const jsonl = path.join(dir, 'bom.jsonl');
    const record = (p: string) =>
      JSON.stringify({
        ...readJson('spec-A-minimal.json'),
        files: [{ ...(readJson('spec-A-minimal.json').files as object[])[0], path: p }],
      });
    fs.writeFileSync(jsonl, `\uFEFF${record('src/api.ts')}\r\n${record('src/utils.ts')}\r\n`);
    const r = await runCliCaptured(['import', '--format', 'agent-trace', json, jsonl], repo);
    assert.equal(r.code, 0, r.err);
    for (const p of ['src/app.ts', 'src/api.ts', 'src/utils.ts'])
      assert.deepEqual(
        (await liveSpans(repo, p)).map((s) => s.lines),
        [lines([1, 50])],
        p,
      );
  });

  it('a broken pretty-printed record is one error; a broken JSONL line is reported by number and the rest imports', async () => {
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, fs.readFileSync(fixture('agent-trace', 'spec-A-minimal.json'), 'utf8').replace('"files"', 'files'));
    const jsonl = path.join(dir, 'traces.jsonl');
    const minimal = JSON.stringify(readJson('spec-A-minimal.json'));
    fs.writeFileSync(jsonl, `${minimal}\n{"version": "0.1.0", "id": \n`);
    const r = await runCliCaptured(['import', '--format', 'agent-trace', broken, jsonl], repo);
    assert.equal(r.code, 1);
    assert.deepEqual(
      r.err
        .trim()
        .split('\n')
        .map((l) => l.replace(dir, 'DIR').replace(/ \(.*\)$/, '')),
      ['aiprov import: DIR/broken.json: not valid JSON', 'aiprov import: DIR/traces.jsonl record 2: line 2 is not valid JSON'],
    );
    assert.deepEqual(
      (await liveSpans(repo, 'src/app.ts')).map((s) => s.lines),
      [lines([1, 50])],
    );
  });
});
