// The agents aiprov takes hook payloads from: how each one's payload is read, how the agent is
// named in records, and what it expects on stdout from a hook that has nothing to say.
import { parseClaudeCode } from './adapters/claudeCode';
import { parseCline } from './adapters/cline';
import { parseCodex } from './adapters/codex';
import { parseCopilot } from './adapters/copilot';
import { parseCursor } from './adapters/cursor';
import { parseGemini } from './adapters/gemini';
import { parseOpenCode } from './adapters/opencode';
import { parseWindsurf } from './adapters/windsurf';
import type { JsonObject, ParsedPayload } from './types';

/**
 * The timeout the installed hooks declare to their agent. Above the longest a hook waits for a
 * file's lock (HOOK_LOCK_WAIT_MS), so an agent never kills a hook that is about to record.
 */
export const HOOK_TIMEOUT_S = 30;
/** Long enough for a queue of hooks from one agent turn to drain; a dead holder is detected at once. */
export const HOOK_LOCK_WAIT_MS = 20_000;

export const AGENT_IDS = ['claude-code', 'codex', 'gemini', 'cursor', 'copilot', 'cline', 'windsurf', 'opencode'] as const;
export type AgentId = (typeof AGENT_IDS)[number];

export interface AgentSpec {
  /** Recorded as the span's tool. */
  displayName: string;
  parse: (payload: JsonObject) => ParsedPayload;
  /** Printed on stdout after handling: some runners parse stdout as JSON and warn on anything else. */
  reply: string;
}

export const AGENTS: Record<AgentId, AgentSpec> = {
  'claude-code': { displayName: 'Claude Code', parse: parseClaudeCode, reply: '' },
  codex: { displayName: 'Codex', parse: parseCodex, reply: '' },
  gemini: { displayName: 'Gemini CLI', parse: parseGemini, reply: '{}\n' },
  cursor: { displayName: 'Cursor', parse: parseCursor, reply: '{}\n' },
  copilot: { displayName: 'GitHub Copilot CLI', parse: parseCopilot, reply: '' },
  cline: { displayName: 'Cline', parse: parseCline, reply: '{"cancel":false}\n' },
  windsurf: { displayName: 'Windsurf', parse: parseWindsurf, reply: '' },
  opencode: { displayName: 'OpenCode', parse: parseOpenCode, reply: '' },
};

export function isAgentId(name: string | undefined): name is AgentId {
  return (AGENT_IDS as readonly string[]).includes(name ?? '');
}
