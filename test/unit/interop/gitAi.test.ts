import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCliCaptured } from '../helpers/cli';
import { reserialize } from './gitAiSerializer';
import { attachNote, fixture, git, liveSpans, lines, makeRepo, numberedLines, tempDir, type LiveSpan } from './testRepos';

const note = (name: string) => fs.readFileSync(fixture('git-ai', name), 'utf8');

/** What each corpus note states, file by file: the AI spans with their lines and agent. */
const sonnet = { tool: 'cursor', model: 'claude-3-sonnet', sessionId: 'session_123' };
const anonymous = { tool: 'git-ai' };
const CORPUS: Record<string, Record<string, Array<Partial<LiveSpan> & { lines: number[] }>>> = {
  'snap-expected_format.note': {
    'src/file.xyz': [
      { lines: lines(1, 2, [19, 222]), ...anonymous },
      { lines: lines([400, 405]), ...anonymous },
    ],
    'src/file2.xyz': [{ lines: lines([1, 111], 245, 260), ...anonymous }],
  },
  'snap-serialize_deserialize_roundtrip.note': {
    'src/file.xyz': [
      { lines: lines(1, 2, [19, 222]), ...anonymous },
      { lines: lines([400, 405]), ...anonymous },
    ],
    'src/file2.xyz': [{ lines: lines([1, 111], 245, 260), ...anonymous }],
  },
  'snap-file_names_with_spaces.note': {
    'src/my file.rs': [{ lines: lines([1, 10]), ...sonnet }],
    'docs/README (copy).md': [{ lines: [5], ...sonnet }],
    'test/file-with-dashes.js': [{ lines: lines([20, 25]), ...sonnet }],
  },
  'snap-legacy7-file_names_with_spaces.note': {
    'src/my file.rs': [{ lines: lines([1, 10]), ...sonnet }],
    'docs/README (copy).md': [{ lines: [5], ...sonnet }],
    'test/file-with-dashes.js': [{ lines: lines([20, 25]), ...sonnet }],
  },
  'snap-hash_always_maps_to_prompt.note': {
    'src/example.rs': [{ lines: lines([1, 10]), ...sonnet }],
  },
  'snap-serialize_deserialize_no_attestations.note': {},
  'spec-1.2.5-sessions.note': {
    // One session, two traces: two edits. Lines 42-50 are a known human's: not AI.
    'src/main.rs': [
      {
        lines: lines([1, 10], [15, 20]),
        tool: 'cursor',
        model: 'claude-sonnet-4-5-20250514',
        sessionId: '6ef2299e-a67f-432b-aa80-3d2fb4d28999',
      },
      {
        lines: lines(25, [30, 35]),
        tool: 'cursor',
        model: 'claude-sonnet-4-5-20250514',
        sessionId: '6ef2299e-a67f-432b-aa80-3d2fb4d28999',
      },
    ],
    'src/lib.rs': [{ lines: lines([1, 50]), tool: 'claude', model: 'claude-sonnet-4-5-20250514', sessionId: 'conv_abc123def456' }],
  },
  'spec-1.2.6-legacy.note': {
    'src/main.rs': [
      { lines: lines([1, 10], [15, 20]), tool: 'cursor', model: 'claude-4.5-opus', sessionId: '6ef2299e-a67f-432b-aa80-3d2fb4d28999' },
      { lines: lines(25, [30, 35]), tool: 'cursor', model: 'claude-3-sonnet', sessionId: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890' },
    ],
    'src/lib.rs': [{ lines: lines([1, 50]), tool: 'cursor', model: 'claude-4.5-opus', sessionId: '6ef2299e-a67f-432b-aa80-3d2fb4d28999' }],
  },
  'spec-1.2.7-mixed.note': {
    'src/main.rs': [{ lines: lines([1, 10]), tool: 'claude', model: 'claude-sonnet-4-5-20250514', sessionId: 'conv_abc123' }],
    'src/lib.rs': [{ lines: lines([1, 50]), tool: 'cursor', model: 'gpt-4', sessionId: 'old_session_id' }],
  },
};

const FILES = [
  'src/file.xyz',
  'src/file2.xyz',
  'src/my file.rs',
  'docs/README (copy).md',
  'test/file-with-dashes.js',
  'src/example.rs',
  'src/main.rs',
  'src/lib.rs',
];

describe('interop: git-ai authorship notes (authorship/3.0.0)', function () {
  this.timeout(30_000);
  let dir: string;
  let repo: string;
  beforeEach(() => {
    dir = tempDir('aiprov-gitai-');
    repo = makeRepo(path.join(dir, 'a'), Object.fromEntries(FILES.map((f) => [f, numberedLines(500)])));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const [name, expected] of Object.entries(CORPUS)) {
    it(`imports the corpus note ${name} verbatim with the exact lines and agents it states`, async () => {
      const text = note(name);
      attachNote(repo, text);
      const r = await runCliCaptured(['import', '--format', 'git-ai'], repo);
      assert.equal(r.code, 0, r.err);
      for (const file of FILES) {
        const spans = await liveSpans(repo, file);
        const want = (expected[file] ?? []).map((s) => ({ origin: 'imported', confidence: 'certain', ...s }));
        assert.deepEqual(spans, want, file);
      }
      // Import reads refs/notes/ai and never writes it.
      assert.equal(git(repo, 'notes', '--ref=ai', 'show', 'HEAD'), text);
      assert.equal(git(repo, 'rev-list', '--count', 'refs/notes/ai').trim(), '1');
    });
  }

  it("the transcription of git-ai's serializer used by the export tests writes every current-format corpus note back byte for byte", () => {
    const current = Object.keys(CORPUS).filter((n) => n !== 'snap-legacy7-file_names_with_spaces.note');
    for (const name of current) assert.equal(reserialize(note(name)), note(name), name);
  });

  it('a metadata-only note imports nothing, without error', async () => {
    attachNote(repo, note('snap-serialize_deserialize_no_attestations.note'));
    const r = await runCliCaptured(['import', '--format', 'git-ai', 'HEAD'], repo);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /attributes no lines to AI; nothing to import/);
    assert.equal(fs.existsSync(path.join(repo, '.git/aiprov/live')), false);
  });

  it('h_ known-human lines never become AI, and are reported as staying human', async () => {
    attachNote(repo, note('spec-1.2.7-mixed.note'));
    const r = await runCliCaptured(['import', '--format', 'git-ai'], repo);
    assert.match(r.out, /6 line\(s\) a known human wrote stay human/);
    const ai = (await liveSpans(repo, 'src/main.rs')).flatMap((s) => s.lines);
    assert.equal(ai.filter((l) => l >= 15 && l <= 20).length, 0);
  });

  it("reads a note as git-ai does: a line two entries name is the later one's, trailing white space is ignored", async () => {
    const prompt = (tool: string) => ({
      agent_id: { tool, id: `${tool}-1`, model: 'm' },
      human_author: null,
      total_additions: 0,
      total_deletions: 0,
      accepted_lines: 0,
      overriden_lines: 0,
    });
    const metadata = {
      schema_version: 'authorship/3.0.0',
      git_ai_version: '1.6.24',
      base_commit_sha: '',
      prompts: { aaaaaaaaaaaaaaaa: prompt('cursor'), bbbbbbbbbbbbbbbb: prompt('claude') },
      humans: { h_31dce776f88375: { author: 'Dev <dev@example.com>' } },
    };
    attachNote(
      repo,
      [
        'src/main.rs  ',
        '  aaaaaaaaaaaaaaaa 1-10 ',
        '  h_31dce776f88375 4-5',
        '  bbbbbbbbbbbbbbbb 9-12\t',
        '---',
        JSON.stringify(metadata, null, 2),
      ].join('\n'),
    );
    const r = await runCliCaptured(['import', '--format', 'git-ai'], repo);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(
      (await liveSpans(repo, 'src/main.rs')).map((s) => [s.lines, s.tool]),
      [
        [lines([1, 3], [6, 8]), 'cursor'],
        [lines([9, 12]), 'claude'],
      ],
    );
  });

  it('re-anchors a note of an older commit onto the current file', async () => {
    attachNote(repo, note('snap-hash_always_maps_to_prompt.note'));
    fs.writeFileSync(path.join(repo, 'src/example.rs'), '// new header\n// more\n' + numberedLines(500));
    const r = await runCliCaptured(['import', '--format', 'git-ai'], repo);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(
      (await liveSpans(repo, 'src/example.rs')).map((s) => s.lines),
      [lines([3, 12])],
    );
  });

  it('reports a malformed note, an unknown revision and a commit without a note, each with its reason', async () => {
    attachNote(repo, 'src/main.rs\n  nohash\n---\n{"schema_version":"authorship/3.0.0","base_commit_sha":"","prompts":{}}');
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'no note');
    const r = await runCliCaptured(['import', '--format', 'git-ai', 'HEAD~1', 'HEAD', 'no-such-rev', '--', '--output=x'], repo);
    assert.equal(r.code, 1);
    assert.match(r.err, /HEAD~1: src\/main\.rs: cannot read "nohash"/);
    assert.match(r.err, /HEAD: no git-ai note/);
    assert.match(r.err, /no-such-rev: unknown revision/);
    assert.match(r.err, /--output=x: unknown revision/);
    assert.equal(fs.existsSync(path.join(repo, 'x')), false);
  });

  it('refuses a note of another schema version rather than guessing', async () => {
    attachNote(repo, 'src/main.rs\n  abcd1234abcd1234 1-2\n---\n{"schema_version":"authorship/2.0.0","base_commit_sha":"","prompts":{}}');
    const r = await runCliCaptured(['import', '--format', 'git-ai'], repo);
    assert.equal(r.code, 1);
    assert.match(r.err, /unsupported git-ai schema_version "authorship\/2\.0\.0"/);
    assert.deepEqual(await liveSpans(repo, 'src/main.rs'), []);
  });

  it("imports the notes of a range or of the whole history, oldest first, each mapped onto today's file", async () => {
    const file = path.join(repo, 'src/main.rs');
    const noteFor = (key: string, range: string, tool: string) =>
      `src/main.rs\n  ${key} ${range}\n---\n${JSON.stringify({ schema_version: 'authorship/3.0.0', base_commit_sha: '', prompts: { [key]: { agent_id: { tool, id: `${tool}-1`, model: 'm' }, human_author: null, total_additions: 0, total_deletions: 0, accepted_lines: 0, overriden_lines: 0 } } }, null, 2)}`;
    attachNote(repo, noteFor('aaaaaaaaaaaaaaaa', '1-2', 'cursor')); // first commit: lines 1-2
    fs.writeFileSync(file, 'inserted\n' + numberedLines(500));
    git(repo, 'commit', '-qam', 'human line on top');
    fs.writeFileSync(file, 'inserted\n' + numberedLines(500) + 'appended by claude\n');
    git(repo, 'commit', '-qam', 'agent line at the end');
    attachNote(repo, noteFor('bbbbbbbbbbbbbbbb', '502', 'claude'));
    fs.writeFileSync(file, '// today\n' + fs.readFileSync(file, 'utf8'));

    const range = await runCliCaptured(['import', '--format', 'git-ai', 'HEAD~2..HEAD'], repo);
    assert.equal(range.code, 0, range.err);
    assert.deepEqual(
      (await liveSpans(repo, 'src/main.rs')).map((s) => [s.lines, s.tool]),
      [[[503], 'claude']],
    );

    fs.rmSync(path.join(repo, '.git/aiprov/live'), { recursive: true });
    const all = await runCliCaptured(['import', '--format', 'git-ai', '--all'], repo);
    assert.equal(all.code, 0, all.err);
    assert.deepEqual(
      (await liveSpans(repo, 'src/main.rs')).map((s) => [s.lines, s.tool]),
      [
        [[3, 4], 'cursor'],
        [[503], 'claude'],
      ],
    );
    assert.equal(git(repo, 'rev-list', '--count', 'refs/notes/ai').trim(), '2');

    const none = await runCliCaptured(['import', '--format', 'git-ai', 'HEAD~1..HEAD~1'], repo);
    assert.equal(none.code, 0);
    assert.match(none.out, /no commit there has a git-ai note/);
    assert.equal((await runCliCaptured(['import', '--format', 'git-ai', 'nowhere..HEAD'], repo)).code, 1);
    assert.equal((await runCliCaptured(['import', '--format', 'agent-trace', '--all'], repo)).code, 2);
  });
});
