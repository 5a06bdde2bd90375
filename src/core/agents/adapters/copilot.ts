// GitHub Copilot CLI / cloud agent: `postToolUse` hooks in .github/hooks/*.json
// (docs.github.com/en/copilot/reference/hooks-reference): `sessionId`, `timestamp`, `cwd`,
// `toolName`, `toolArgs` (a JSON string, or an object), `toolResult` {resultType}; the PascalCase
// `PostToolUse` / `PreToolUse` variant (VS Code compatible) sends `session_id`, `tool_name`,
// `tool_input`, `tool_result` {result_type} — and, for hooks read from .claude/settings.json,
// Claude's tool names (`Write` for create; `Edit` for edit, str_replace_editor and apply_patch).
// Files are written by `create` ({path, file_text}), `edit` ({path, old_str, new_str}),
// `str_replace_editor` ({command: create|str_replace|insert, path, ...}) and `apply_patch` (the
// patch itself, or {input}).
import { asObject, ignored, noTool, str, type AgentFileChange, type EditHint, type JsonObject, type ParsedPayload, textOf } from '../types';
import { parseApplyPatch } from './applyPatch';

const BEGIN_PATCH = /^\s*\*\*\* Begin Patch/;

export function parseCopilot(payload: JsonObject): ParsedPayload {
  const tool = str(payload.toolName) ?? str(payload.tool_name);
  if (!tool) return noTool(payload, 'toolName');
  const raw = payload.toolArgs ?? payload.tool_input ?? payload.toolInput;
  let args: JsonObject | undefined;
  let patch: string | undefined;
  if (typeof raw === 'string') {
    if (BEGIN_PATCH.test(raw)) patch = raw;
    else {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (typeof parsed === 'string' && BEGIN_PATCH.test(parsed)) patch = parsed;
        else args = asObject(parsed);
      } catch {
        return { ok: false, reason: `tool ${tool}: toolArgs is not JSON` };
      }
    }
  } else args = asObject(raw);
  args ??= {};
  patch ??= [args.input, args.patch, args.patchText].find((p): p is string => typeof p === 'string' && BEGIN_PATCH.test(p));
  const pre = /^pre/i.test(textOf(payload.hook_event_name));
  const result = asObject(payload.toolResult) ?? asObject(payload.tool_result);
  const outcome = result?.resultType ?? result?.result_type;
  if (!pre && outcome !== undefined && outcome !== 'success') return ignored(`tool ${tool} did not succeed (${JSON.stringify(outcome)})`);
  // postToolUseFailure: the same fields, and the `error` instead of a result.
  if (!pre && result === undefined && payload.error !== undefined) return ignored(`tool ${tool} failed`);
  let files: AgentFileChange[];
  if (patch !== undefined) {
    const parsed = parseApplyPatch(patch);
    if (!parsed.ok) return { ok: false, reason: `apply_patch payload: ${parsed.reason}` };
    if (parsed.files.length === 0) return ignored('the patch adds or changes no file');
    files = parsed.files;
  } else {
    const hint = hintFor(tool, args);
    if (!hint) return ignored(`tool ${tool} does not write files`);
    const filePath = str(args.path) ?? str(args.file_path) ?? str(args.filePath);
    if (!filePath) return { ok: false, reason: `tool ${tool} payload has no path in toolArgs` };
    files = [{ path: filePath, hint }];
  }
  return {
    ok: true,
    event: {
      phase: pre ? 'pre' : 'post',
      toolName: tool,
      files,
      sessionId: str(payload.sessionId) ?? str(payload.session_id),
      cwd: str(payload.cwd),
    },
  };
}

/** What the tool did, from its name (or str_replace_editor's `command`) and, failing that, its arguments' shape. */
function hintFor(tool: string, args: JsonObject): EditHint | undefined {
  const command = str(args.command) ?? tool.toLowerCase();
  if (command === 'create' || (command === 'write' && typeof args.file_text === 'string')) return { kind: 'write', created: true };
  if (command === 'edit' || command === 'str_replace' || typeof args.old_str === 'string') {
    return {
      kind: 'replacements',
      edits: [{ oldText: textOf(args.old_str, args.old_string), newText: textOf(args.new_str, args.new_string) }],
    };
  }
  if (command === 'insert') return { kind: 'replacements', edits: [{ oldText: '', newText: textOf(args.new_str) }] };
  if (command === 'write') return { kind: 'write' };
  return undefined;
}
