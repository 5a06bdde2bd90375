// Cline: executable hook scripts named PreToolUse / PostToolUse in .clinerules/hooks/
// (docs.cline.bot/features/hooks/hook-reference): `clineVersion`, `hookName`, `taskId`,
// `workspaceRoots`, `model` {provider, slug}, and `preToolUse` / `postToolUse` {toolName,
// parameters}. Files are written by write_to_file ({path, content}), replace_in_file ({path,
// diff}) and apply_patch ({input}).
import { asObject, ignored, str, type AgentFileChange, type JsonObject, type ParsedPayload, textOf } from '../types';
import { parseApplyPatch } from './applyPatch';
import { parseSearchReplace } from './searchReplace';

const known = (value: string | undefined) => (value === 'unknown' ? undefined : value);

export function parseCline(payload: JsonObject): ParsedPayload {
  const pre = payload.hookName === 'PreToolUse';
  const body = asObject(pre ? payload.preToolUse : payload.postToolUse);
  if (!body) return ignored(`hook ${textOf(payload.hookName) || '(none)'} is not a tool use`);
  const tool = str(body.toolName);
  if (!tool) return { ok: false, reason: 'hook payload has no toolName' };
  const params = asObject(body.parameters) ?? {};
  let files: AgentFileChange[];
  if (tool === 'write_to_file') files = [{ path: str(params.path) ?? '', hint: { kind: 'write' } }];
  else if (tool === 'replace_in_file')
    files = [{ path: str(params.path) ?? '', hint: { kind: 'replacements', edits: parseSearchReplace(textOf(params.diff)) } }];
  else if (tool === 'apply_patch') {
    const patch = parseApplyPatch(textOf(params.input, params.patch));
    if (!patch.ok) return { ok: false, reason: `apply_patch payload: ${patch.reason}` };
    files = patch.files;
  } else return ignored(`tool ${tool} does not write files`);
  if (files.some((f) => !f.path)) return { ok: false, reason: `tool ${tool} payload has no parameters.path` };
  if (!pre && body.success === false) return ignored(`tool ${tool} did not succeed`);
  const model = asObject(payload.model);
  const roots = Array.isArray(payload.workspaceRoots) ? payload.workspaceRoots : [];
  return {
    ok: true,
    event: {
      phase: pre ? 'pre' : 'post',
      toolName: tool,
      files,
      sessionId: str(payload.taskId),
      // Cline reports "unknown" when it cannot resolve the model (src/core/hooks/hook-model-context.ts).
      model: known(str(model?.slug) ?? str(payload.model)),
      cwd: str(roots[0]),
    },
  };
}
