// Payloads as the agents' own references publish them, beyond the basic edit of everyAgent.test.ts:
// runners that also run hooks configured for another agent (Copilot CLI and Cursor read
// .claude/settings.json), Gemini CLI's tool result and transcript, Copilot's other file tools, and
// the fields an agent fills with a placeholder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCliCaptured as cli } from '../helpers/cli';
import { AGENT_LINES, AgentRepo, FIXTURES, HUMAN_LINE } from './agentRepo';

describe('aiprov hook: payloads as the agents publish them', () => {
  let repo: AgentRepo;
  beforeEach(() => (repo = new AgentRepo()));
  afterEach(() => repo.dispose());
  const spanOf = async () => {
    const live = (await repo.live())!;
    return { texts: AgentRepo.spanTexts(live, repo.read()), span: live.spans[0] };
  };

  it('Copilot CLI running the Claude Code hooks: its PreToolUse for a new file exits 0 (a failing preToolUse denies the tool)', async () => {
    const file = path.join(repo.root, 'src/mul.ts');
    const r = await cli(
      ['hook', 'claude-code'],
      repo.root,
      repo.payload('copilot-claude-settings-pre-tool-use-create.json', { FILE_PATH: file }),
    );
    assert.deepEqual([r.code, r.out, r.err], [0, '', '']);
  });

  it('Copilot CLI running the Claude Code hooks: its edit is recorded exactly and credited to Copilot, not Claude Code', async () => {
    repo.humanEditsLineOne();
    repo.agentInsertsGuard();
    const r = await cli(['hook', 'claude-code'], repo.root, repo.payload('copilot-claude-settings-post-tool-use-edit.json'));
    assert.deepEqual([r.code, r.err], [0, '']);
    const { texts, span } = await spanOf();
    assert.ok(repo.read().startsWith(HUMAN_LINE));
    assert.deepEqual(texts, [AGENT_LINES]);
    assert.deepEqual([span.tool, span.sessionId, span.confidence], ['GitHub Copilot CLI', 'copilot-session-8', 'certain']);
  });

  it('Cursor running the Claude Code hooks: the edit is credited to Cursor with its model and conversation', async () => {
    repo.humanEditsLineOne();
    repo.agentInsertsGuard();
    const r = await cli(['hook', 'claude-code'], repo.root, repo.payload('cursor-claude-settings-post-tool-use-edit.json'));
    assert.deepEqual([r.code, r.err], [0, '']);
    const { texts, span } = await spanOf();
    assert.deepEqual(texts, [AGENT_LINES]);
    assert.deepEqual([span.tool, span.model, span.sessionId], ['Cursor', 'claude-4.5-sonnet', 'c0nv-cursor-1']);
  });

  it('Claude Code MultiEdit: the originalFileContents its tool result carries is the exact pre-tool text', async () => {
    repo.humanEditsLineOne();
    const before = repo.read();
    repo.agentInsertsGuard();
    const payload = JSON.parse(repo.payload('claude-code-post-edit.json'));
    payload.tool_name = 'MultiEdit';
    payload.tool_input = { file_path: repo.file, edits: [{ old_string: 'x', new_string: 'not in the file' }] };
    payload.tool_response = { filePath: repo.file, edits: payload.tool_input.edits, originalFileContents: before, userModified: false };
    const r = await cli(['hook', 'claude-code'], repo.root, JSON.stringify(payload));
    assert.deepEqual([r.code, r.err], [0, '']);
    assert.deepEqual((await spanOf()).texts, [AGENT_LINES]);
  });

  it('a malformed before-tool payload exits 0, a malformed after-tool payload 1', async () => {
    const pre = await cli(
      ['hook', 'claude-code'],
      repo.root,
      JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: {} }),
    );
    assert.equal(pre.code, 0);
    assert.match(pre.err, /^aiprov hook: tool Write payload has no tool_input\.file_path\n$/);
    const post = await cli(
      ['hook', 'claude-code'],
      repo.root,
      JSON.stringify({ hook_event_name: 'PostToolUse', tool_name: 'Write', tool_input: {} }),
    );
    assert.equal(post.code, 1);
  });

  it('an event that is not a tool use (a hook also set on Stop or SessionStart) is ignored with exit 0', async () => {
    const stop = { session_id: 's', transcript_path: '/nonexistent', cwd: repo.root, hook_event_name: 'Stop', stop_hook_active: false };
    for (const agent of ['claude-code', 'codex', 'gemini']) {
      const r = await cli(['hook', agent], repo.root, JSON.stringify(stop));
      assert.deepEqual([agent, r.code, r.err], [agent, 0, '']);
    }
    assert.equal(await repo.live(), undefined);
  });

  it('Copilot postToolUseFailure (the error, no result) records nothing and says nothing', async () => {
    const payload = JSON.parse(repo.payload('copilot-post-tool-use-edit.json'));
    delete payload.toolResult;
    payload.error = 'old_str not found';
    const r = await cli(['hook', 'copilot'], repo.root, JSON.stringify(payload));
    assert.deepEqual([r.code, r.err], [0, '']);
    assert.equal(await repo.live(), undefined);
  });

  it('Gemini CLI replace whose strings Gemini corrected before applying: the tool result’s originalContent locates the edit exactly', async () => {
    repo.humanEditsLineOne();
    repo.agentInsertsGuard();
    const r = await cli(['hook', 'gemini'], repo.root, repo.payload('gemini-after-tool-replace-corrected.json', { CONTENT: repo.read() }));
    assert.deepEqual([r.code, r.out, r.err], [0, '{}\n', '']);
    const { texts, span } = await spanOf();
    assert.deepEqual(texts, [AGENT_LINES]);
    assert.deepEqual([span.tool, span.confidence], ['Gemini CLI', 'certain']);
  });

  it('Gemini CLI write_file without a BeforeTool snapshot: originalContent keeps the earlier human edit human', async () => {
    repo.humanEditsLineOne();
    const before = repo.read();
    const added = '\nexport function mul(a: number, b: number): number {\n  return a * b;\n}\n';
    repo.write(before + added);
    const payload = JSON.parse(repo.payload('gemini-after-tool-write-file.json', { CONTENT: repo.read() }));
    payload.tool_response.returnDisplay = { fileDiff: '', fileName: 'math.ts', originalContent: before, newContent: repo.read() };
    const r = await cli(['hook', 'gemini'], repo.root, JSON.stringify(payload));
    assert.deepEqual([r.code, r.err], [0, '']);
    const { texts, span } = await spanOf();
    assert.deepEqual(texts, [added]);
    assert.equal(span.confidence, 'certain');
  });

  it('Gemini CLI originalContent with LF line endings still locates the edit in a CRLF file', async () => {
    repo.write(repo.read().replace(/\n/g, '\r\n'));
    repo.git('commit', '-qam', 'crlf');
    const before = repo.read();
    repo.write(before.replace('  return a - b;', AGENT_LINES.replace(/\n/g, '\r\n') + '  return a - b;'));
    const payload = JSON.parse(repo.payload('gemini-after-tool-replace-corrected.json', { CONTENT: repo.read() }));
    payload.tool_response.returnDisplay.originalContent = before.replace(/\r\n/g, '\n');
    assert.equal((await cli(['hook', 'gemini'], repo.root, JSON.stringify(payload))).code, 0);
    assert.deepEqual((await spanOf()).texts, [AGENT_LINES.replace(/\n/g, '\r\n')]);
  });

  it('Gemini CLI: a tool that failed (tool_response.error) records nothing and says nothing', async () => {
    const payload = JSON.parse(repo.payload('gemini-after-tool-replace.json'));
    payload.tool_response = {
      llmContent: 'Failed to edit, 0 occurrences found',
      returnDisplay: 'Error',
      error: { message: '0 occurrences', type: 'edit_no_occurrence_found' },
    };
    const r = await cli(['hook', 'gemini'], repo.root, JSON.stringify(payload));
    assert.deepEqual([r.code, r.out, r.err], [0, '{}\n', '']);
    assert.equal(await repo.live(), undefined);
  });

  it('Gemini CLI: the model is read from the session transcript (JSONL, and the older single JSON document)', async () => {
    repo.agentInsertsGuard();
    const transcript = path.join(FIXTURES, 'gemini-transcript.jsonl');
    assert.equal(
      (
        await cli(
          ['hook', 'gemini'],
          repo.root,
          repo.payload('gemini-after-tool-replace-corrected.json', { TRANSCRIPT: transcript, CONTENT: repo.read() }),
        )
      ).code,
      0,
    );
    assert.equal((await spanOf()).span.model, 'gemini-2.5-pro');

    const legacy = path.join(repo.root, '.git', 'session-legacy.json');
    const lines = fs
      .readFileSync(transcript, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const messages = lines
      .filter((l) => typeof l.id === 'string')
      .map((m) => (m.type === 'gemini' ? { ...m, model: 'gemini-2.5-flash' } : m));
    fs.writeFileSync(legacy, JSON.stringify({ ...lines[0], messages }, null, 2));
    const second = repo.read().replace('  return a + b;', '  // Sum.\n  return a + b;');
    repo.write(second);
    const payload = JSON.parse(repo.payload('gemini-after-tool-replace.json', { CONTENT: second }));
    Object.assign(payload, {
      transcript_path: legacy,
      tool_input: { file_path: repo.file, old_string: '  return a + b;', new_string: '  // Sum.\n  return a + b;' },
    });
    assert.equal((await cli(['hook', 'gemini'], repo.root, JSON.stringify(payload))).code, 0);
    const live = (await repo.live())!;
    assert.deepEqual(
      live.spans.map((s) => s.model),
      ['gemini-2.5-flash', 'gemini-2.5-pro'],
    );
  });

  it('Claude Code: a synthetic transcript entry is not taken for the model', async () => {
    repo.agentInsertsGuard();
    const transcript = path.join(repo.root, '.git', 'transcript.jsonl');
    const synthetic = {
      type: 'assistant',
      message: { role: 'assistant', model: '<synthetic>', content: [{ type: 'text', text: 'API Error' }] },
    };
    fs.writeFileSync(
      transcript,
      fs.readFileSync(path.join(FIXTURES, 'claude-code-transcript.jsonl'), 'utf8') + JSON.stringify(synthetic) + '\n',
    );
    assert.equal(
      (await cli(['hook', 'claude-code'], repo.root, repo.payload('claude-code-post-edit.json', { TRANSCRIPT: transcript }))).code,
      0,
    );
    assert.equal((await spanOf()).span.model, 'claude-sonnet-4-5-20250929');
  });

  it('Cline: the "unknown" model slug it sends when it cannot resolve the model is not recorded as a model', async () => {
    repo.agentInsertsGuard();
    const payload = JSON.parse(repo.payload('cline-post-tool-use-replace-in-file.json'));
    payload.model = { provider: 'unknown', slug: 'unknown' };
    assert.equal((await cli(['hook', 'cline'], repo.root, JSON.stringify(payload))).code, 0);
    const { texts, span } = await spanOf();
    assert.deepEqual([texts, span.model], [[AGENT_LINES], undefined]);
  });

  it('Copilot CLI apply_patch (GPT models) is recorded from its patch', async () => {
    repo.humanEditsLineOne();
    repo.agentInsertsGuard();
    const patch = JSON.parse(repo.payload('codex-post-tool-use-apply-patch.json')).tool_input.command as string;
    for (const toolArgs of [JSON.stringify({ input: patch }), patch]) {
      const payload = JSON.parse(repo.payload('copilot-post-tool-use-edit.json'));
      Object.assign(payload, { toolName: 'apply_patch', toolArgs });
      const r = await cli(['hook', 'copilot'], repo.root, JSON.stringify(payload));
      assert.deepEqual([r.code, r.err], [0, '']);
      assert.deepEqual((await spanOf()).texts, [AGENT_LINES]);
      assert.equal((await spanOf()).span.tool, 'GitHub Copilot CLI');
    }
  });
});
