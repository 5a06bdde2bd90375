// Claude Code: PreToolUse / PostToolUse command hooks, JSON on stdin (`session_id`,
// `transcript_path`, `cwd`, `hook_event_name`, `tool_name`, `tool_input`, `tool_response`).
// Copilot CLI and Cursor also run the hooks in .claude/settings.json, mapping their tools to
// Claude's names but sending their own payloads: those edits are credited to them.
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
import { parseCopilot } from './copilot';

export const CLAUDE_CODE_FILE_TOOLS = ['Write', 'Edit', 'MultiEdit', 'NotebookEdit'];

export function parseClaudeCode(payload: JsonObject): ParsedPayload {
  if (fromCopilot(payload)) {
    const parsed = parseCopilot(payload);
    if (parsed.ok && parsed.event) parsed.event.agent = 'copilot';
    return parsed;
  }
  const call = fileToolCall(payload, CLAUDE_CODE_FILE_TOOLS, ['file_path', 'notebook_path']);
  if (!('tool' in call)) return call;
  const parsed = parseClaudeShaped(payload, call.tool, call.input, call.filePath);
  // Cursor's common fields (cursor.com/docs/agent/hooks): its conversation and model.
  if (parsed.ok && parsed.event && (str(payload.cursor_version) || str(payload.conversation_id))) {
    const roots = Array.isArray(payload.workspace_roots) ? payload.workspace_roots : [];
    parsed.event = {
      ...parsed.event,
      agent: 'cursor',
      sessionId: str(payload.conversation_id),
      model: str(payload.model),
      transcriptPath: undefined,
      cwd: str(payload.cwd) ?? str(roots[0]),
    };
  }
  return parsed;
}

/**
 * Copilot CLI's payload for a hook from .claude/settings.json (docs.github.com, Copilot hooks
 * reference): its tools' arguments (`path`, `old_str`/`new_str`, `file_text`, or a patch), never
 * Claude's `file_path`; and a `tool_result` where Claude Code sends `tool_response`.
 */
function fromCopilot(payload: JsonObject): boolean {
  const input = payload.tool_input;
  if (typeof input === 'string') return true;
  const args = asObject(input);
  if (!args || args.file_path !== undefined || args.notebook_path !== undefined) return false;
  return typeof args.path === 'string' || typeof args.input === 'string' || payload.tool_result !== undefined;
}

function parseClaudeShaped(payload: JsonObject, tool: string, input: JsonObject, filePath: string): ParsedPayload {
  const response = asObject(payload.tool_response);
  const file: AgentFileChange = { path: filePath, hint: hintFor(tool, input, response) };
  // Edit and Write report the file before the tool as `originalFile`, MultiEdit as `originalFileContents`.
  const original = response?.originalFile ?? response?.originalFileContents;
  if (typeof original === 'string') file.preImage = original;
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
