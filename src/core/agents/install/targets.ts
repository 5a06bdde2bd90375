// Where and how each agent is told to call `aiprov hook <agent>`: its configuration file (project
// and, where the agent has one, local variant) and the change to make to it.
import { addFlatHook, addMatcherHook, objectAt } from './hookEntries';
import { HOOK_TIMEOUT_S, type AgentId } from '../registry';
import type { JsonObject } from '../types';

export type Scope = 'project' | 'local';

export interface JsonTarget {
  kind: 'json';
  /** Repository-relative. */
  file: string;
  /** Whether `file` is the agent's own per-developer file (git-ignored by aiprov either way in local scope). */
  nativeLocal?: boolean;
  /** Adds the hooks to the parsed file; returns whether anything changed. */
  apply: (config: JsonObject, command: string) => boolean;
}

export interface ScriptTarget {
  kind: 'script';
  /** Repository-relative executable files, one per event (Cline). */
  files: Array<{ file: string; event: string }>;
}

export interface PluginTarget {
  kind: 'plugin';
  file: string;
}

export type InstallTarget = JsonTarget | ScriptTarget | PluginTarget;

/** aiprov's own entry: `… hook <agent>` run through aiprov (by name, or the bundled cli.js by path). */
export const ourCommand = (agent: AgentId) => (command: string) =>
  command.trimEnd().endsWith(` hook ${agent}`) && /aiprov|cli\.js/.test(command);

const hookCommand = (command: string, agent: AgentId) => `${command} hook ${agent}`;

export function targetFor(agent: AgentId, scope: Scope): InstallTarget {
  switch (agent) {
    case 'claude-code':
      return {
        kind: 'json',
        file: scope === 'local' ? '.claude/settings.local.json' : '.claude/settings.json',
        nativeLocal: scope === 'local',
        // Only whole-file writes need the file as it was before; edits carry their own text.
        apply: (config, command) =>
          addPrePostHooks(
            config,
            agent,
            { type: 'command', command: hookCommand(command, agent), timeout: HOOK_TIMEOUT_S },
            { event: 'PostToolUse', matcher: 'Write|Edit|MultiEdit|NotebookEdit' },
            { event: 'PreToolUse', matcher: 'Write|NotebookEdit' },
          ),
      };
    case 'codex':
      return {
        kind: 'json',
        file: '.codex/hooks.json',
        apply: (config, command) =>
          addMatcherHook(
            objectAt(config, 'hooks'),
            'PostToolUse',
            '^apply_patch$',
            { type: 'command', command: hookCommand(command, agent), timeout: HOOK_TIMEOUT_S },
            ourCommand(agent),
          ),
      };
    case 'gemini':
      return {
        kind: 'json',
        file: '.gemini/settings.json',
        apply: (config, command) =>
          addPrePostHooks(
            config,
            agent,
            { type: 'command', command: hookCommand(command, agent), name: 'aiprov', timeout: HOOK_TIMEOUT_S * 1000 },
            { event: 'AfterTool', matcher: '^(write_file|replace)$' },
            { event: 'BeforeTool', matcher: '^write_file$' },
          ),
      };
    case 'cursor':
      return {
        kind: 'json',
        file: '.cursor/hooks.json',
        apply: (config, command) =>
          addVersion1Hooks(
            config,
            agent,
            ['afterFileEdit', 'afterTabFileEdit'],
            { command: hookCommand(command, agent), timeout: HOOK_TIMEOUT_S },
            'command',
          ),
      };
    case 'copilot':
      return {
        kind: 'json',
        file: '.github/hooks/aiprov.json',
        apply: (config, command) =>
          // `bash` runs on Linux and macOS (and in the cloud agent), `powershell` on Windows.
          addVersion1Hooks(
            config,
            agent,
            ['postToolUse'],
            { type: 'command', bash: hookCommand(command, agent), powershell: hookCommand(command, agent), timeoutSec: HOOK_TIMEOUT_S },
            'bash',
          ),
      };
    case 'windsurf':
      return {
        kind: 'json',
        file: '.windsurf/hooks.json',
        apply: (config, command) =>
          addFlatHook(
            objectAt(config, 'hooks'),
            'post_write_code',
            { command: hookCommand(command, agent), show_output: false },
            'command',
            ourCommand(agent),
          ),
      };
    case 'cline':
      return {
        kind: 'script',
        files: [
          { file: '.clinerules/hooks/PostToolUse', event: 'PostToolUse' },
          { file: '.clinerules/hooks/PreToolUse', event: 'PreToolUse' },
        ],
      };
    case 'opencode':
      return { kind: 'plugin', file: '.opencode/plugins/aiprov.js' };
  }
}

/** The after-tool hook and the before-tool one (for a snapshot), both pointing at aiprov. */
function addPrePostHooks(
  config: JsonObject,
  agent: AgentId,
  handler: JsonObject,
  post: { event: string; matcher: string },
  pre: { event: string; matcher: string },
): boolean {
  const hooks = objectAt(config, 'hooks');
  const addedPost = addMatcherHook(hooks, post.event, post.matcher, handler, ourCommand(agent));
  const addedPre = addMatcherHook(hooks, pre.event, pre.matcher, handler, ourCommand(agent));
  return addedPost || addedPre;
}

/** Hook files of format version 1 (Cursor, Copilot): the version said, one flat entry per event. */
function addVersion1Hooks(config: JsonObject, agent: AgentId, events: readonly string[], entry: JsonObject, commandKey: string): boolean {
  let changed = false;
  if (config.version === undefined) {
    config.version = 1;
    changed = true;
  }
  const hooks = objectAt(config, 'hooks');
  for (const event of events) changed = addFlatHook(hooks, event, entry, commandKey, ourCommand(agent)) || changed;
  return changed;
}
