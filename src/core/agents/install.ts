// Writes a CLI agent's hook configuration so it reports file edits to `aiprov hook <agent>`,
// merging with hooks already there instead of replacing them.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '../io/atomicWrite';

export const SUPPORTED_AGENTS = ['claude-code'] as const;
export type SupportedAgent = (typeof SUPPORTED_AGENTS)[number];

interface HookEntry {
  matcher?: string;
  hooks?: Array<{ type: string; command: string }>;
}

/**
 * Claude Code reads `.claude/settings.local.json` (per developer, not committed), so the command
 * can name this machine's aiprov. Returns the file written and whether anything changed.
 */
export async function installAgentHooks(agent: SupportedAgent, repoRoot: string, command: string): Promise<{ file: string; changed: boolean }> {
  const file = path.join(repoRoot, '.claude', 'settings.local.json');
  let settings: Record<string, unknown> = {};
  try {
    settings = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`${file}: cannot read it (${(err as Error).message}); left untouched`);
  }
  const hooks = (settings.hooks ?? {}) as Record<string, HookEntry[]>;
  const post = hooks.PostToolUse ?? [];
  const hookCommand = `${command} hook ${agent}`;
  if (post.some((entry) => entry.hooks?.some((h) => h.command === hookCommand))) return { file, changed: false };
  post.push({ matcher: 'Write|Edit|MultiEdit|NotebookEdit', hooks: [{ type: 'command', command: hookCommand }] });
  settings.hooks = { ...hooks, PostToolUse: post };
  await writeFileAtomic(file, JSON.stringify(settings, null, 2) + '\n');
  return { file, changed: true };
}
