// Cursor: `afterFileEdit` (agent) and `afterTabFileEdit` (Tab completions) in .cursor/hooks.json
// (cursor.com/docs/agent/hooks): `file_path`, `edits[]` of {old_string, new_string} in the order
// applied, plus the common `conversation_id`, `generation_id`, `model`, `workspace_roots`.
import { asObject, ignored, str, type JsonObject, type ParsedPayload, textOf } from '../types';

export function parseCursor(payload: JsonObject): ParsedPayload {
  const event = str(payload.hook_event_name);
  if (event !== 'afterFileEdit' && event !== 'afterTabFileEdit') return ignored(`event ${event ?? '(none)'} is not a file edit`);
  const filePath = str(payload.file_path);
  if (!filePath) return { ok: false, reason: `${event} payload has no file_path` };
  if (!Array.isArray(payload.edits)) return { ok: false, reason: `${event} payload has no edits[]` };
  const edits = payload.edits.map((e) => {
    const o = asObject(e) ?? {};
    const line = Number(asObject(o.range)?.start_line_number);
    return { oldText: textOf(o.old_string), newText: textOf(o.new_string), ...(Number.isInteger(line) && line > 0 && { line }) };
  });
  const roots = Array.isArray(payload.workspace_roots) ? payload.workspace_roots : [];
  return {
    ok: true,
    event: {
      phase: 'post',
      toolName: event,
      files: [{ path: filePath, hint: { kind: 'replacements', edits } }],
      inlineCompletion: event === 'afterTabFileEdit',
      sessionId: str(payload.conversation_id),
      model: str(payload.model),
      cwd: str(roots[0]),
    },
  };
}
