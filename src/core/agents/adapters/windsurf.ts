// Windsurf (Cascade): `pre_write_code` / `post_write_code` hooks in .windsurf/hooks.json
// (docs.windsurf.com/windsurf/cascade/hooks): `agent_action_name`, `trajectory_id`,
// `execution_id`, `model_name`, and `tool_info` {file_path, edits[] of {old_string, new_string}}.
import { asObject, ignored, str, type JsonObject, type ParsedPayload, textOf } from '../types';

export function parseWindsurf(payload: JsonObject): ParsedPayload {
  const action = str(payload.agent_action_name);
  if (action !== 'post_write_code' && action !== 'pre_write_code') return ignored(`action ${action ?? '(none)'} does not write code`);
  const info = asObject(payload.tool_info) ?? {};
  const filePath = str(info.file_path);
  if (!filePath) return { ok: false, reason: `${action} payload has no tool_info.file_path` };
  const edits = (Array.isArray(info.edits) ? info.edits : []).map((e) => {
    const o = asObject(e) ?? {};
    return { oldText: textOf(o.old_string), newText: textOf(o.new_string) };
  });
  return {
    ok: true,
    event: {
      phase: action === 'pre_write_code' ? 'pre' : 'post',
      toolName: action,
      files: [{ path: filePath, hint: edits.length ? { kind: 'replacements', edits } : { kind: 'none' } }],
      sessionId: str(payload.trajectory_id),
      model: str(payload.model_name),
      cwd: str(payload.cwd),
    },
  };
}
