// GitHub Copilot CLI / coding agent: `postToolUse` hooks in .github/hooks/*.json
// (docs.github.com, "Hooks configuration" and the CLI command reference): `sessionId`, `timestamp`,
// `cwd`, `toolName`, `toolArgs` (a JSON string or an object), `toolResult` {resultType}; the
// PascalCase `PostToolUse` variant sends the same in snake_case. Files are written by `create` ({path, file_text}) and `edit`
// ({path, old_str, new_str}); str_replace_editor-style `command` arguments are understood too.
import { asObject, ignored, str, type EditHint, type JsonObject, type ParsedPayload, textOf } from '../types';

export function parseCopilot(payload: JsonObject): ParsedPayload {
  const tool = str(payload.toolName) ?? str(payload.tool_name);
  if (!tool) return { ok: false, reason: 'hook payload has no toolName' };
  const raw = payload.toolArgs ?? payload.tool_input ?? payload.toolInput;
  let args: JsonObject | undefined;
  if (typeof raw === 'string') {
    try {
      args = asObject(JSON.parse(raw));
    } catch {
      return { ok: false, reason: `tool ${tool}: toolArgs is not JSON` };
    }
  } else args = asObject(raw);
  args ??= {};
  const command = str(args.command) ?? tool;
  const filePath = str(args.path) ?? str(args.file_path) ?? str(args.filePath);
  let hint: EditHint;
  if (command === 'create' || tool === 'create') hint = { kind: 'write', created: true };
  else if (command === 'edit' || command === 'str_replace') {
    hint = {
      kind: 'replacements',
      edits: [{ oldText: textOf(args.old_str, args.old_string), newText: textOf(args.new_str, args.new_string) }],
    };
  } else if (command === 'insert') hint = { kind: 'replacements', edits: [{ oldText: '', newText: textOf(args.new_str) }] };
  else return ignored(`tool ${tool} does not write files`);
  if (!filePath) return { ok: false, reason: `tool ${tool} payload has no path in toolArgs` };
  const result = asObject(payload.toolResult) ?? asObject(payload.tool_result);
  const outcome = result?.resultType ?? result?.result_type;
  if (outcome !== undefined && outcome !== 'success') return ignored(`tool ${tool} did not succeed (${JSON.stringify(outcome)})`);
  return {
    ok: true,
    event: {
      phase: 'post',
      toolName: tool,
      files: [{ path: filePath, hint }],
      sessionId: str(payload.sessionId) ?? str(payload.session_id),
      cwd: str(payload.cwd),
    },
  };
}
