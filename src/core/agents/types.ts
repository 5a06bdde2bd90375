// What every agent's hook payload boils down to: which files the agent is about to change (pre) or
// has changed (post), what its own edit was where the payload says, and who made it.
import type { AgentId } from './registry';

/** The agent's own edit, as its payload describes it; used to rebuild the file as it was just before the tool ran. */
export type EditHint =
  /** Search/replace pairs applied in order (Edit, MultiEdit, Cursor/Windsurf edits[], patch hunks). */
  | { kind: 'replacements'; edits: Replacement[] }
  /** The whole file written; `created` when the payload says the file did not exist before. */
  | { kind: 'write'; created?: boolean }
  /** Nothing usable: only a pre-tool snapshot can tell what the agent changed. */
  | { kind: 'none' };

export interface Replacement {
  oldText: string;
  newText: string;
  replaceAll?: boolean;
  /** 1-based line the payload says the edit is on (Cursor Tab's `range`): breaks ties between places. */
  line?: number;
}

export interface AgentFileChange {
  /** As the payload gives it: absolute, or relative to the event's cwd. */
  path: string;
  hint: EditHint;
  /** The file as it was just before the tool ran, when the payload carries it (Claude Code's `originalFile`). */
  preImage?: string;
  /** The user changed the agent's proposal before it was applied: the text is partly theirs. */
  userModified?: boolean;
}

export interface AgentEvent {
  phase: 'pre' | 'post';
  /** The agent's tool that ran (Edit, apply_patch, write_to_file, ...). */
  toolName: string;
  files: AgentFileChange[];
  /**
   * The agent that made the edit, when it is not the one whose hook ran: Copilot CLI and Cursor
   * also run the hooks configured for Claude Code, with their own payloads.
   */
  agent?: AgentId;
  /** Tab completions in Cursor are inline completions, not agent edits. */
  inlineCompletion?: boolean;
  sessionId?: string;
  model?: string;
  /** Where the model can be read when the payload does not name it (Claude Code's transcript). */
  transcriptPath?: string;
  cwd?: string;
}

export type ParsedPayload = { ok: true; event: AgentEvent } | { ok: true; event: undefined; why: string } | { ok: false; reason: string };

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Parses stdin as a JSON object, or says why it is not one. */
export function parseJsonObject(text: string): { ok: true; value: JsonObject } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `hook payload is not JSON (${(err as Error).message})` };
  }
  const obj = asObject(value);
  return obj ? { ok: true, value: obj } : { ok: false, reason: 'hook payload is not a JSON object' };
}

export function ignored(why: string): ParsedPayload {
  return { ok: true, event: undefined, why };
}

/**
 * A payload without a tool: an event that is not a tool use (a session, prompt or stop event the
 * hook was also configured for) is ignored; anything else is malformed.
 */
export function noTool(payload: JsonObject, field: string): ParsedPayload {
  const event = payload.hook_event_name ?? payload.hookName;
  return typeof event === 'string' && event !== '' && !/tool/i.test(event)
    ? ignored(`event ${event} is not a tool use`)
    : { ok: false, reason: `hook payload has no ${field}` };
}

/**
 * The tool, its input and the file it names (the first of `pathKeys` in the input) when the
 * payload is about one of `fileTools`; otherwise the result to return.
 */
export function fileToolCall(
  payload: JsonObject,
  fileTools: readonly string[],
  pathKeys: readonly string[],
): { tool: string; input: JsonObject; filePath: string } | ParsedPayload {
  const tool = str(payload.tool_name);
  if (!tool) return noTool(payload, 'tool_name');
  if (!fileTools.includes(tool)) return ignored(`tool ${tool} does not write files`);
  const input = asObject(payload.tool_input) ?? {};
  const filePath = pathKeys.map((k) => str(input[k])).find((p) => p !== undefined);
  if (!filePath) return { ok: false, reason: `tool ${tool} payload has no tool_input.${pathKeys[0]}` };
  return { tool, input, filePath };
}

/** The first present value when it is text ('' otherwise): payload text, never "[object Object]". */
export function textOf(...values: unknown[]): string {
  for (const v of values) {
    if (v === undefined || v === null) continue;
    return typeof v === 'string' ? v : '';
  }
  return '';
}
