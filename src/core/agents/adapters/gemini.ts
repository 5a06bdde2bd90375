// Gemini CLI: BeforeTool / AfterTool command hooks (google-gemini/gemini-cli docs/hooks/reference.md):
// `session_id`, `transcript_path`, `cwd`, `hook_event_name`, `tool_name`, `tool_input`. Files are
// written by `write_file` ({file_path, content, modified_by_user}) and `replace` ({file_path,
// old_string, new_string, allow_multiple — expected_replacements in older releases}).
import { fileToolCall, str, type EditHint, type JsonObject, type ParsedPayload, textOf } from '../types';

export const GEMINI_FILE_TOOLS = ['write_file', 'replace'];

export function parseGemini(payload: JsonObject): ParsedPayload {
  const call = fileToolCall(payload, GEMINI_FILE_TOOLS, ['file_path', 'absolute_path']);
  if (!('tool' in call)) return call;
  const { tool, input, filePath } = call;
  const hint: EditHint =
    tool === 'replace'
      ? {
          kind: 'replacements',
          edits: [
            {
              oldText: textOf(input.old_string),
              newText: textOf(input.new_string),
              replaceAll: input.allow_multiple === true || Number(input.expected_replacements ?? 1) > 1,
            },
          ],
        }
      : { kind: 'write' };
  return {
    ok: true,
    event: {
      phase: payload.hook_event_name === 'BeforeTool' ? 'pre' : 'post',
      toolName: tool,
      files: [{ path: filePath, hint, userModified: input.modified_by_user === true }],
      sessionId: str(payload.session_id),
      cwd: str(payload.cwd),
    },
  };
}
