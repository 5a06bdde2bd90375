// Gemini CLI: BeforeTool / AfterTool command hooks (google-gemini/gemini-cli docs/hooks/reference.md):
// `session_id`, `transcript_path`, `cwd`, `hook_event_name`, `tool_name`, `tool_input`, and after
// the tool `tool_response` {llmContent, returnDisplay, error?}. Files are written by `write_file`
// ({file_path, content, modified_by_user}) and `replace` ({file_path, old_string, new_string,
// allow_multiple — expected_replacements in older releases}). Their `returnDisplay` is a file diff
// whose `originalContent` is the file just before the tool wrote it (null: a new file) — exact even
// where `replace` corrected the model's old_string/new_string before applying them. The model is
// read from the transcript.
import {
  asObject,
  fileToolCall,
  ignored,
  str,
  type AgentFileChange,
  type EditHint,
  type JsonObject,
  type ParsedPayload,
  textOf,
} from '../types';

export const GEMINI_FILE_TOOLS = ['write_file', 'replace'];

export function parseGemini(payload: JsonObject): ParsedPayload {
  const call = fileToolCall(payload, GEMINI_FILE_TOOLS, ['file_path', 'absolute_path']);
  if (!('tool' in call)) return call;
  const { tool, input, filePath } = call;
  const pre = payload.hook_event_name === 'BeforeTool';
  const response = asObject(payload.tool_response);
  if (!pre && response?.error !== undefined && response.error !== null) return ignored(`tool ${tool} failed`);
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
  const file: AgentFileChange = { path: filePath, hint, userModified: input.modified_by_user === true };
  const diff = asObject(response?.returnDisplay);
  if (diff && typeof diff.originalContent === 'string') file.preImage = diff.originalContent;
  else if (diff && diff.originalContent === null && typeof diff.newContent === 'string') file.hint = { kind: 'write', created: true };
  return {
    ok: true,
    event: {
      phase: pre ? 'pre' : 'post',
      toolName: tool,
      files: [file],
      sessionId: str(payload.session_id),
      transcriptPath: str(payload.transcript_path),
      cwd: str(payload.cwd),
    },
  };
}
