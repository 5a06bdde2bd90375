// Claude Code: PreToolUse / PostToolUse command hooks, JSON on stdin (`session_id`,
// `transcript_path`, `cwd`, `hook_event_name`, `tool_name`, `tool_input`, `tool_response`).
import {
  asObject,
  fileToolCall,
  str,
  type AgentFileChange,
  type EditHint,
  type JsonObject,
  type ParsedPayload,
  type Replacement,
  textOf,
} from '../types';

export const CLAUDE_CODE_FILE_TOOLS = ['Write', 'Edit', 'MultiEdit', 'NotebookEdit'];

export function parseClaudeCode(payload: JsonObject): ParsedPayload {
  const call = fileToolCall(payload, CLAUDE_CODE_FILE_TOOLS, ['file_path', 'notebook_path']);
  if (!('tool' in call)) return call;
  const { tool, input, filePath } = call;
  const response = asObject(payload.tool_response);
  const file: AgentFileChange = { path: filePath, hint: hintFor(tool, input, response) };
  if (typeof response?.originalFile === 'string') file.preImage = response.originalFile;
  if (response?.userModified === true) file.userModified = true;
  return {
    ok: true,
    event: {
      phase: payload.hook_event_name === 'PreToolUse' ? 'pre' : 'post',
      toolName: tool,
      files: [file],
      sessionId: str(payload.session_id),
      transcriptPath: str(payload.transcript_path),
      cwd: str(payload.cwd),
    },
  };
}

function hintFor(tool: string, input: JsonObject, response: JsonObject | undefined): EditHint {
  if (tool === 'Edit') return { kind: 'replacements', edits: [replacement(input)] };
  if (tool === 'MultiEdit' && Array.isArray(input.edits)) {
    return { kind: 'replacements', edits: input.edits.map((e) => replacement(asObject(e) ?? {})) };
  }
  if (tool === 'Write') return { kind: 'write', created: response?.type === 'create' };
  return { kind: 'none' };
}

function replacement(e: JsonObject): Replacement {
  return { oldText: textOf(e.old_string), newText: textOf(e.new_string), replaceAll: e.replace_all === true };
}
