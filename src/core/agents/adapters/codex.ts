// OpenAI Codex CLI: PreToolUse / PostToolUse command hooks (schema: openai/codex
// codex-rs/hooks/schema/generated/post-tool-use.command.input.schema.json). File edits arrive as
// tool `apply_patch` with the raw patch in `tool_input.command`; `model`, `session_id` and
// `turn_id` are top-level.
import { asObject, ignored, noTool, str, type JsonObject, type ParsedPayload } from '../types';
import { parseApplyPatch } from './applyPatch';

export function parseCodex(payload: JsonObject): ParsedPayload {
  const tool = str(payload.tool_name);
  if (!tool) return noTool(payload, 'tool_name');
  if (tool !== 'apply_patch') return ignored(`tool ${tool} does not write files`);
  const input = payload.tool_input;
  const patch =
    typeof input === 'string' ? input : (str(asObject(input)?.command) ?? str(asObject(input)?.input) ?? str(asObject(input)?.patch));
  if (!patch) return { ok: false, reason: 'apply_patch payload has no patch in tool_input.command' };
  const parsed = parseApplyPatch(patch);
  if (!parsed.ok) return { ok: false, reason: `apply_patch payload: ${parsed.reason}` };
  if (parsed.files.length === 0) return ignored('the patch adds or changes no file');
  return {
    ok: true,
    event: {
      phase: payload.hook_event_name === 'PreToolUse' ? 'pre' : 'post',
      toolName: tool,
      files: parsed.files,
      sessionId: str(payload.session_id),
      model: str(payload.model),
      cwd: str(payload.cwd),
    },
  };
}
