// For every supported agent: an unrecorded human edit, then the agent's edit and its real-shaped
// payload through `aiprov hook <agent>`, then a commit. The committed sidecar must hold exactly
// the agent's lines, with its tool, model and session.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCliCaptured as cli } from '../helpers/cli';
import { AGENT_LINES, AgentRepo, HUMAN_LINE } from './agentRepo';

interface Case {
  agent: string;
  fixture: string;
  tool: string;
  model?: string;
  sessionId?: string;
}

const CASES: Case[] = [
  {
    agent: 'claude-code',
    fixture: 'claude-code-post-edit.json',
    tool: 'Claude Code',
    model: 'claude-sonnet-4-5-20250929',
    sessionId: '9f1c2d3e-claude-session',
  },
  {
    agent: 'codex',
    fixture: 'codex-post-tool-use-apply-patch.json',
    tool: 'Codex',
    model: 'gpt-5.1-codex',
    sessionId: '0199a7e2-codex-session',
  },
  { agent: 'gemini', fixture: 'gemini-after-tool-replace.json', tool: 'Gemini CLI', sessionId: 'gemini-session-42' },
  { agent: 'cursor', fixture: 'cursor-after-file-edit.json', tool: 'Cursor', model: 'claude-4.5-sonnet', sessionId: 'c0nv-cursor-1' },
  { agent: 'copilot', fixture: 'copilot-post-tool-use-edit.json', tool: 'GitHub Copilot CLI', sessionId: 'copilot-session-8' },
  {
    agent: 'cline',
    fixture: 'cline-post-tool-use-replace-in-file.json',
    tool: 'Cline',
    model: 'claude-sonnet-4-5',
    sessionId: 'task-cline-77',
  },
  { agent: 'windsurf', fixture: 'windsurf-post-write-code.json', tool: 'Windsurf', model: 'SWE-1.5', sessionId: 'traj-windsurf-5' },
  {
    agent: 'opencode',
    fixture: 'opencode-tool-execute-after-edit.json',
    tool: 'OpenCode',
    model: 'claude-sonnet-4-5',
    sessionId: 'ses_opencode_3',
  },
];

describe('aiprov hook <agent>: only the agent’s own edit is AI', () => {
  let repo: AgentRepo;
  beforeEach(() => (repo = new AgentRepo()));
  afterEach(() => repo.dispose());
  const exportStaged = async () => {
    const r = await cli(['export', '--staged'], repo.root);
    assert.equal(r.code, 0, r.err);
  };

  for (const c of CASES) {
    it(`${c.agent}: a human edit to line 1 stays human; the committed sidecar holds exactly the agent's lines with tool and model`, async () => {
      repo.humanEditsLineOne();
      repo.agentInsertsGuard();
      const r = await cli(['hook', c.agent], repo.root, repo.payload(c.fixture));
      assert.equal(r.code, 0, r.err);
      assert.equal(r.err, '');
      const sidecar = await repo.committedSidecar(exportStaged);
      const content = repo.read();
      assert.ok(content.startsWith(HUMAN_LINE));
      assert.deepEqual(AgentRepo.spanTexts(sidecar, content), [AGENT_LINES]);
      const [span] = sidecar.spans;
      assert.deepEqual(
        {
          origin: span.origin,
          confidence: span.confidence,
          tool: span.tool,
          model: span.model,
          sessionId: span.sessionId,
          author: span.author,
        },
        { origin: 'externalAgent', confidence: 'certain', tool: c.tool, model: c.model, sessionId: c.sessionId, author: 'dev@example.com' },
      );
      assert.deepEqual(
        span.ranges.map((x) => [x.startLine, x.endLine]),
        [[7, 8]],
      );
    });
  }

  it('replies on stdout the way each runner expects (JSON for Gemini, Cursor and Cline, nothing for the others)', async () => {
    const replies: Record<string, string> = {};
    for (const c of CASES) replies[c.agent] = (await cli(['hook', c.agent], repo.root, repo.payload(c.fixture))).out;
    assert.deepEqual(replies, {
      'claude-code': '',
      codex: '',
      gemini: '{}\n',
      cursor: '{}\n',
      copilot: '',
      cline: '{"cancel":false}\n',
      windsurf: '',
      opencode: '',
    });
  });

  it('cursor afterTabFileEdit records the Tab completion as an inline completion, not an agent edit', async () => {
    repo.humanEditsLineOne();
    repo.write(repo.read().replace('  return a - b;', '  // Reject NaN so callers see the bad input.\n  return a - b;'));
    const r = await cli(['hook', 'cursor'], repo.root, repo.payload('cursor-after-tab-file-edit.json'));
    assert.equal(r.code, 0, r.err);
    const live = await repo.live();
    assert.deepEqual(AgentRepo.spanTexts(live!, repo.read()), ['  // Reject NaN so callers see the bad input.\n']);
    assert.deepEqual([live!.spans[0].origin, live!.spans[0].tool, live!.spans[0].model], ['inlineCompletion', 'Cursor Tab', 'cursor-tab']);
  });

  it('copilot create records the new file whole', async () => {
    const file = path.join(repo.root, 'src/mul.ts');
    const text = 'export function mul(a: number, b: number): number {\n  return a * b;\n}\n';
    fs.writeFileSync(file, text);
    const r = await cli(['hook', 'copilot'], repo.root, repo.payload('copilot-post-tool-use-create.json', { FILE_PATH: file }));
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(AgentRepo.spanTexts((await repo.live('src/mul.ts'))!, text), [text]);
  });

  // Whole-file writes carry no edit: the pre-tool hook's snapshot tells the agent's change apart.
  const WRITES = [
    { agent: 'claude-code', pre: 'claude-code-pre-write.json', post: 'claude-code-post-write.json', tool: 'Claude Code' },
    { agent: 'gemini', pre: 'gemini-before-tool-write-file.json', post: 'gemini-after-tool-write-file.json', tool: 'Gemini CLI' },
    { agent: 'cline', pre: 'cline-pre-tool-use-write-to-file.json', post: 'cline-post-tool-use-write-to-file.json', tool: 'Cline' },
  ];
  const MUL = '\nexport function mul(a: number, b: number): number {\n  return a * b;\n}\n';
  for (const w of WRITES) {
    it(`${w.agent}: a whole-file write is diffed against the pre-tool snapshot, so the human's earlier edit stays human`, async () => {
      repo.humanEditsLineOne();
      const content = repo.read() + MUL;
      const pre = await cli(['hook', w.agent], repo.root, repo.payload(w.pre, { CONTENT: content }));
      assert.equal(pre.code, 0, pre.err);
      assert.equal(await repo.live(), undefined, 'the pre-tool event records nothing');
      assert.ok(fs.readdirSync(path.join(repo.root, '.git/aiprov/agent-snapshots')).length === 1);
      repo.write(content);
      const post = await cli(['hook', w.agent], repo.root, repo.payload(w.post, { CONTENT: content }));
      assert.equal(post.code, 0, post.err);
      const live = (await repo.live())!;
      assert.deepEqual(AgentRepo.spanTexts(live, content), [MUL]);
      assert.deepEqual([live.spans[0].tool, live.spans[0].confidence], [w.tool, 'certain']);
      assert.deepEqual(fs.readdirSync(path.join(repo.root, '.git/aiprov/agent-snapshots')), [], 'the snapshot is used up');
    });
  }

  it('a whole-file write without a snapshot credits everything since the last record, as likely only', async () => {
    repo.humanEditsLineOne();
    const content = repo.read() + MUL;
    repo.write(content);
    const r = await cli(['hook', 'claude-code'], repo.root, repo.payload('claude-code-post-write.json', { CONTENT: content }));
    assert.equal(r.code, 0, r.err);
    const live = (await repo.live())!;
    assert.deepEqual(
      live.spans.map((s) => s.confidence),
      ['likely', 'likely'],
    );
  });
});
