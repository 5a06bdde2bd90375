// `aiprov hook`: robustness and the cases around the agent's own edit (edits between tool calls,
// edits the agent's payload cannot be found for, files outside the repository, bad payloads).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCliCaptured as cli } from '../helpers/cli';
import { AGENT_LINES, AgentRepo, HUMAN_LINE } from './agentRepo';

describe('aiprov hook', () => {
  let repo: AgentRepo;
  beforeEach(() => (repo = new AgentRepo()));
  afterEach(() => repo.dispose());

  it('a human edit between two agent edits stays human, and the first agent span keeps its place', async () => {
    repo.agentInsertsGuard();
    assert.equal((await cli(['hook', 'cursor'], repo.root, repo.payload('cursor-after-file-edit.json'))).code, 0);
    repo.humanEditsLineOne();
    const added = '  return (a - b) | 0;';
    repo.write(repo.read().replace('  return a - b;', added));
    const second = JSON.stringify({
      hook_event_name: 'afterFileEdit',
      conversation_id: 'c2',
      model: 'm2',
      workspace_roots: [repo.root],
      file_path: repo.file,
      edits: [{ old_string: '  return a - b;', new_string: added }],
    });
    assert.equal((await cli(['hook', 'cursor'], repo.root, second)).code, 0);
    const live = (await repo.live())!;
    const content = repo.read();
    assert.ok(content.startsWith(HUMAN_LINE));
    // The agent kept `a - b` as it was: only the characters it added around it are its own.
    assert.deepEqual(AgentRepo.spanTexts(live, content), [AGENT_LINES, '(', ') | 0']);
  });

  it('codex: one patch that adds a file and updates another records both, paths relative to the session cwd', async () => {
    repo.agentInsertsGuard();
    const added = 'export const version = 2;\n';
    fs.writeFileSync(path.join(repo.root, 'src/version.ts'), added);
    const payload = JSON.parse(repo.payload('codex-post-tool-use-apply-patch.json'));
    payload.tool_input.command = payload.tool_input.command.replace(
      '*** Update File:',
      `*** Add File: src/version.ts\n+${added.trimEnd()}\n*** Update File:`,
    );
    const r = await cli(['hook', 'codex'], repo.root, JSON.stringify(payload));
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(AgentRepo.spanTexts((await repo.live())!, repo.read()), [AGENT_LINES]);
    assert.deepEqual(AgentRepo.spanTexts((await repo.live('src/version.ts'))!, added), [added]);
  });

  it('claude-code MultiEdit without originalFile (older releases): the edits are undone last first, every one the agent’s', async () => {
    repo.humanEditsLineOne();
    repo.agentInsertsGuard();
    repo.write(repo.read().replace('  return a + b;', '  return a + b; // sum'));
    const payload = JSON.parse(repo.payload('claude-code-post-edit.json'));
    payload.tool_name = 'MultiEdit';
    payload.tool_response = { filePath: repo.file };
    payload.tool_input = {
      file_path: repo.file,
      edits: [
        { old_string: '  return a - b;', new_string: AGENT_LINES + '  return a - b;' },
        { old_string: '  return a + b;', new_string: '  return a + b; // sum' },
      ],
    };
    assert.equal((await cli(['hook', 'claude-code'], repo.root, JSON.stringify(payload))).code, 0);
    assert.deepEqual(AgentRepo.spanTexts((await repo.live())!, repo.read()), [' // sum', AGENT_LINES]);
  });

  it('hooks fired concurrently for two consecutive edits of one file keep both spans', async () => {
    const second = '  return (a - b) | 0;';
    repo.agentInsertsGuard();
    repo.write(repo.read().replace('  return a - b;', second));
    const payload = (oldText: string, newText: string) =>
      JSON.stringify({
        hook_event_name: 'afterFileEdit',
        conversation_id: 'c',
        model: 'm',
        workspace_roots: [repo.root],
        file_path: repo.file,
        edits: [{ old_string: oldText, new_string: newText }],
      });
    const results = await Promise.all([
      cli(['hook', 'cursor'], repo.root, payload('  return a - b;', AGENT_LINES + '  return a - b;')),
      cli(['hook', 'cursor'], repo.root, payload('  return a - b;', second)),
    ]);
    assert.deepEqual(
      results.map((r) => [r.code, r.err]),
      [
        [0, ''],
        [0, ''],
      ],
    );
    assert.deepEqual(AgentRepo.spanTexts((await repo.live())!, repo.read()), [AGENT_LINES, '(', ') | 0']);
    assert.deepEqual(fs.readdirSync(path.join(repo.root, '.git/aiprov/locks')), [], 'locks are released');
  });

  it('a snapshot whose tool never reported back is ignored when old and cleared by the next one', async () => {
    const snapshots = path.join(repo.root, '.git/aiprov/agent-snapshots');
    const pre = (name: string) =>
      JSON.stringify({
        session_id: 's',
        hook_event_name: 'PreToolUse',
        tool_name: 'Write',
        tool_input: { file_path: path.join(repo.root, name), content: 'x' },
      });
    assert.equal((await cli(['hook', 'claude-code'], repo.root, pre('src/a.ts'))).code, 0);
    const [old] = fs.readdirSync(snapshots);
    const hourAgo = new Date(Date.now() - 3600_000);
    fs.utimesSync(path.join(snapshots, old), hourAgo, hourAgo);
    assert.equal((await cli(['hook', 'claude-code'], repo.root, pre('src/b.ts'))).code, 0);
    assert.equal(fs.readdirSync(snapshots).length, 1);
    assert.ok(!fs.existsSync(path.join(snapshots, old)));
  });

  it('reads the model of the last assistant message from the Claude Code transcript', async () => {
    repo.agentInsertsGuard();
    await cli(['hook', 'claude-code'], repo.root, repo.payload('claude-code-post-edit.json'));
    assert.equal((await repo.live())!.spans[0].model, 'claude-sonnet-4-5-20250929');
  });

  it('records no model when the transcript cannot be read, and still records the edit', async () => {
    repo.agentInsertsGuard();
    const r = await cli(
      ['hook', 'claude-code'],
      repo.root,
      repo.payload('claude-code-post-edit.json', { TRANSCRIPT: path.join(repo.root, 'missing.jsonl') }),
    );
    assert.equal(r.code, 0, r.err);
    const [span] = (await repo.live())!.spans;
    assert.equal(span.model, undefined);
    assert.equal(span.tool, 'Claude Code');
  });

  it('uses Claude Code’s originalFile as the exact pre-tool text when the payload carries it', async () => {
    repo.humanEditsLineOne();
    const before = repo.read();
    repo.agentInsertsGuard();
    const payload = JSON.parse(repo.payload('claude-code-post-edit.json'));
    payload.tool_response.originalFile = before;
    payload.tool_input = { file_path: repo.file, old_string: 'x', new_string: 'not in the file' };
    assert.equal((await cli(['hook', 'claude-code'], repo.root, JSON.stringify(payload))).code, 0);
    assert.deepEqual(AgentRepo.spanTexts((await repo.live())!, repo.read()), [AGENT_LINES]);
  });

  it('an edit the user reworked before it was applied (Gemini modified_by_user) is only likely AI', async () => {
    repo.agentInsertsGuard();
    const gemini = JSON.parse(repo.payload('gemini-after-tool-replace.json'));
    gemini.tool_input.modified_by_user = true;
    assert.equal((await cli(['hook', 'gemini'], repo.root, JSON.stringify(gemini))).code, 0);
    assert.deepEqual(
      (await repo.live())!.spans.map((s) => [s.tool, s.confidence]),
      [['Gemini CLI', 'likely']],
    );
  });

  it('an edit whose text is not in the file records nothing as AI, says why, and still exits 0', async () => {
    repo.humanEditsLineOne();
    const r = await cli(['hook', 'windsurf'], repo.root, repo.payload('windsurf-post-write-code.json'));
    assert.equal(r.code, 0);
    assert.match(r.err, /^aiprov hook: src\/math\.ts: the agent's edit was not found in the file/);
    assert.deepEqual((await repo.live())!.spans, []);
  });

  it('ignores tools that write no files', async () => {
    const r = await cli(['hook', 'claude-code'], repo.root, repo.payload('claude-code-bash.json'));
    assert.deepEqual([r.code, r.out, r.err], [0, '', '']);
    assert.equal(await repo.live(), undefined);
  });

  it('reports a file outside any repository on stderr and exits 0', async () => {
    const outside = path.join(fs.realpathSync(os.tmpdir()), `aiprov-not-a-repo-${process.pid}.ts`);
    fs.writeFileSync(outside, 'x\n');
    try {
      const r = await cli(['hook', 'claude-code'], repo.root, repo.payload('claude-code-post-edit.json', { FILE_PATH: outside }));
      assert.equal(r.code, 0);
      assert.match(r.err, /^aiprov hook: .*not-a-repo.* is not inside a git repository\n$/);
    } finally {
      fs.rmSync(outside, { force: true });
    }
  });

  it('a symlink leading out of the repository is refused, and the file it leads to is not stored in git', async () => {
    const outside = path.join(fs.realpathSync(os.tmpdir()), `aiprov-outside-${process.pid}.ts`);
    const secret = `export const token = 'not for this repository ${process.pid}';\n`;
    fs.writeFileSync(outside, secret);
    const link = path.join(repo.root, 'src/linked.ts');
    fs.symlinkSync(outside, link);
    try {
      const r = await cli(['hook', 'claude-code'], repo.root, repo.payload('claude-code-post-edit.json', { FILE_PATH: link }));
      assert.equal(r.code, 0);
      assert.match(r.err, /^aiprov hook: .*linked\.ts is outside the repository /);
      const blob = repo.git('hash-object', '--', outside).trim();
      assert.throws(() => repo.git('cat-file', '-e', blob), 'the outside file must not be written into the object store');
    } finally {
      fs.rmSync(outside, { force: true });
    }
  });

  it('a symlink to a file inside the repository records the edit under the file it leads to, with the author and blob', async () => {
    const link = path.join(repo.root, 'math-link.ts');
    fs.symlinkSync(repo.file, link);
    repo.agentInsertsGuard();
    const r = await cli(['hook', 'claude-code'], repo.root, repo.payload('claude-code-post-edit.json', { FILE_PATH: link }));
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    const live = (await repo.live())!;
    assert.deepEqual(AgentRepo.spanTexts(live, repo.read()), [AGENT_LINES]);
    assert.equal(live.spans[0].author, 'dev@example.com');
    assert.equal(repo.git('cat-file', 'blob', live.blob), repo.read());
  });

  it('reports a file the agent deleted since on stderr and exits 0', async () => {
    fs.rmSync(repo.file);
    const r = await cli(['hook', 'gemini'], repo.root, repo.payload('gemini-after-tool-replace.json'));
    assert.equal(r.code, 0);
    assert.match(r.err, /ENOENT/);
  });

  it('a file name with a leading dash or spaces reaches git as data: its committed AI span and the human edit are kept', async () => {
    for (const name of ['-rf.ts', 'sp ace.ts']) {
      const rel = `src/${name}`;
      const file = path.join(repo.root, rel);
      const edit = (before: string, added: string) => {
        fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(before, before + added));
        return JSON.stringify({
          hook_event_name: 'afterFileEdit',
          conversation_id: 'c',
          workspace_roots: [repo.root],
          file_path: file,
          edits: [{ old_string: before, new_string: before + added }],
        });
      };
      fs.writeFileSync(file, 'const a = 1;\n');
      assert.equal((await cli(['hook', 'cursor'], repo.root, edit('const a = 1;\n', 'const b = 2;\n'))).code, 0);
      repo.git('add', '--', rel);
      assert.equal((await cli(['export', '--staged'], repo.root)).code, 0);
      repo.git('commit', '-qm', `add ${JSON.stringify(name)}`);
      // A fresh clone: no live record, the committed sidecar and the index are all there is.
      fs.rmSync(path.join(repo.root, '.git/aiprov/live'), { recursive: true, force: true });
      fs.writeFileSync(file, '// human\n' + fs.readFileSync(file, 'utf8'));
      const r = await cli(['hook', 'cursor'], repo.root, edit('const b = 2;\n', 'const c = 3;\n'));
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(
        AgentRepo.spanTexts((await repo.live(rel))!, fs.readFileSync(file, 'utf8')),
        ['const b = 2;\n', 'const c = 3;\n'],
        name,
      );
    }
  });

  it('a payload that is not JSON is the runner’s fault: one line on stderr, exit 1 (never the blocking 2)', async () => {
    const r = await cli(['hook', 'gemini'], repo.root, '{not json');
    assert.equal(r.code, 1);
    assert.match(r.err, /^aiprov hook: hook payload is not JSON \(.*\)\n$/);
    assert.equal(r.out, '{}\n');
  });

  it('an unknown agent is a usage error', async () => {
    const r = await cli(['hook', 'vim'], repo.root, '{}');
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      /^aiprov hook: unknown agent 'vim' \(supported: claude-code, codex, gemini, cursor, copilot, cline, windsurf, opencode\)\n$/,
    );
  });

  it('a committed sidecar that cannot be read is reported and left byte-identical; the agent edit is still recorded', async () => {
    const sidecar = path.join(repo.root, '.aiprov/src/math.ts.aiprov');
    fs.mkdirSync(path.dirname(sidecar), { recursive: true });
    fs.writeFileSync(sidecar, '{"version": 9}');
    repo.agentInsertsGuard();
    const r = await cli(['hook', 'windsurf'], repo.root, repo.payload('windsurf-post-write-code.json'));
    assert.equal(r.code, 0);
    assert.match(r.err, /^aiprov hook: .*math\.ts\.aiprov.*\n$/);
    assert.equal(fs.readFileSync(sidecar, 'utf8'), '{"version": 9}');
    assert.deepEqual(AgentRepo.spanTexts((await repo.live())!, repo.read()), [AGENT_LINES]);
  });

  it('a broken live record is reported and left byte-identical', async () => {
    const liveFile = path.join(repo.root, '.git/aiprov/live/src/math.ts.aiprov');
    fs.mkdirSync(path.dirname(liveFile), { recursive: true });
    fs.writeFileSync(liveFile, '{"version": 1, "spans": [');
    repo.agentInsertsGuard();
    const r = await cli(['hook', 'codex'], repo.root, repo.payload('codex-post-tool-use-apply-patch.json'));
    assert.equal(r.code, 0);
    assert.match(r.err, /math\.ts\.aiprov/);
    assert.equal(fs.readFileSync(liveFile, 'utf8'), '{"version": 1, "spans": [');
  });
});
