// OpenCode: no command hooks; aiprov's plugin (src/agents-plugins/opencode/aiprov.js) forwards
// `tool.execute.before` / `tool.execute.after` as JSON: {hook_event_name, tool, sessionID, callID,
// args, directory, model}. Files are written by edit ({filePath, oldString, newString, replaceAll}),
// multiedit ({filePath, edits[]}), write ({filePath, content}) and patch/apply_patch ({patchText}).
import { asObject, ignored, str, type AgentFileChange, type JsonObject, type ParsedPayload, type Replacement, textOf } from '../types';
import { parseApplyPatch } from './applyPatch';

export function parseOpenCode(payload: JsonObject): ParsedPayload {
  const tool = str(payload.tool);
  if (!tool) return { ok: false, reason: 'hook payload has no tool' };
  const args = asObject(payload.args) ?? {};
  const filePath = str(args.filePath) ?? str(args.file_path) ?? '';
  let files: AgentFileChange[];
  if (tool === 'edit') files = [{ path: filePath, hint: { kind: 'replacements', edits: [replacement(args)] } }];
  else if (tool === 'multiedit') {
    const edits = (Array.isArray(args.edits) ? args.edits : []).map((e) => replacement(asObject(e) ?? {}));
    files = [{ path: filePath, hint: { kind: 'replacements', edits } }];
  } else if (tool === 'write') files = [{ path: filePath, hint: { kind: 'write' } }];
  else if (tool === 'patch' || tool === 'apply_patch') {
    const patch = parseApplyPatch(textOf(args.patchText, args.patch));
    if (!patch.ok) return { ok: false, reason: `${tool} payload: ${patch.reason}` };
    files = patch.files;
  } else return ignored(`tool ${tool} does not write files`);
  if (files.some((f) => !f.path)) return { ok: false, reason: `tool ${tool} payload has no args.filePath` };
  return {
    ok: true,
    event: {
      phase: payload.hook_event_name === 'tool.execute.before' ? 'pre' : 'post',
      toolName: tool,
      files,
      sessionId: str(payload.sessionID),
      model: str(payload.model),
      cwd: str(payload.directory),
    },
  };
}

function replacement(e: JsonObject): Replacement {
  return { oldText: textOf(e.oldString), newText: textOf(e.newString), replaceAll: e.replaceAll === true };
}
