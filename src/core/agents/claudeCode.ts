// Claude Code's PostToolUse hook payload (JSON on stdin) for the file-writing tools.
export interface AgentFileEdit {
  agent: string;
  tool: string;
  filePath: string;
  sessionId?: string;
  cwd?: string;
}

export const CLAUDE_CODE_FILE_TOOLS = ['Write', 'Edit', 'MultiEdit', 'NotebookEdit'];

export type PayloadResult = { ok: true; edit: AgentFileEdit } | { ok: true; edit: undefined; why: string } | { ok: false; reason: string };

export function parseClaudeCodePayload(text: string): PayloadResult {
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    return { ok: false, reason: `hook payload is not JSON (${(err as Error).message})` };
  }
  if (!payload || typeof payload !== 'object') return { ok: false, reason: 'hook payload is not a JSON object' };
  const tool = payload.tool_name;
  if (typeof tool !== 'string') return { ok: false, reason: 'hook payload has no tool_name' };
  if (!CLAUDE_CODE_FILE_TOOLS.includes(tool)) return { ok: true, edit: undefined, why: `tool ${tool} does not write files` };
  const input = payload.tool_input as Record<string, unknown> | undefined;
  const filePath = input?.file_path ?? input?.notebook_path;
  if (typeof filePath !== 'string' || !filePath) return { ok: false, reason: `tool ${tool} payload has no tool_input.file_path` };
  return {
    ok: true,
    edit: {
      agent: 'claude-code',
      tool,
      filePath,
      ...(typeof payload.session_id === 'string' && { sessionId: payload.session_id }),
      ...(typeof payload.cwd === 'string' && { cwd: payload.cwd }),
    },
  };
}
