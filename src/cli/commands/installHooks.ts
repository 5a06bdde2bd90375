// `aiprov hooks install|uninstall`: git hooks; `--agent <name>|all [--scope project|local]`: the
// hook configuration of coding agents.
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { detectAgents } from '../../core/agents/install/detect';
import { installAgentHooks } from '../../core/agents/install/install';
import { uninstallAgentHooks } from '../../core/agents/install/uninstall';
import { AGENT_IDS, isAgentId, type AgentId } from '../../core/agents/registry';
import type { RepoLocation } from '../../core/repo/git';
import { installGitHooks, uninstallGitHooks } from '../../core/repo/gitHooks';
import { repoOrComplain } from '../repo';
import type { CliCommand, CliIO } from '../types';

const HELP = `Usage: aiprov hooks install|uninstall
       aiprov hooks install --agent <name>|all [--scope local|project] [--command <cmd>]
       aiprov hooks uninstall --agent <name>|all

install: git hooks (pre-commit exports sidecars for the staged content, prepare-commit-msg adds
  an AI-Assisted trailer), where git looks for hooks (core.hooksPath honoured); hooks already
  there keep running first. uninstall restores them.
--agent: configures a coding agent to report the files it writes to \`aiprov hook <name>\`,
  keeping hooks already configured; installing twice changes nothing. Agents:
  ${AGENT_IDS.join(', ')}; \`all\`: those whose configuration is found in the repository or
  the home directory.
--scope local (default): only this clone; the file written is git-ignored (.git/info/exclude),
  and the hook runs this aiprov by its absolute path.
--scope project: a file to commit so the whole team records agent edits; the hook runs
  \`npx --no-install aiprov\` (the project's own dependency).
--command: how the hook runs aiprov, instead of the default above.
uninstall --agent: removes aiprov's entries from the agent's files in both scopes, keeping every
  other hook; a file left empty is deleted, a chained Cline script put back.
`;

/** Agents whose hooks run only once a setting of their own is on (aiprov leaves those settings to the user). */
const ENABLE_NOTES: Partial<Record<AgentId, string>> = {
  codex: 'runs hooks with [features] hooks = true in config.toml (the default in recent releases), once trusted in /hooks',
  gemini: 'runs hooks unless "hooksConfig": {"enabled": false} (releases before hooks were on by default need it true)',
  cline: 'runs them once Hooks are enabled in its settings',
};

export const hooksCommand: CliCommand = async (args, io) => {
  // A usage problem (ERR_PARSE_ARGS_*) is reported by the CLI's error boundary.
  const parsed = parseArgs({
    args,
    allowPositionals: true,
    options: { agent: { type: 'string' }, scope: { type: 'string' }, command: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (parsed.values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const [action] = parsed.positionals;
  const agent = parsed.values.agent;
  if (action !== 'install' && action !== 'uninstall') {
    io.stderr.write(`aiprov hooks: expected 'install' or 'uninstall'\n\n${HELP}`);
    return 2;
  }
  const localCommand = `node ${JSON.stringify(process.argv[1] ?? 'aiprov')}`;
  if (!agent) {
    if (parsed.values.scope || parsed.values.command) {
      io.stderr.write(`aiprov hooks: --scope and --command go with --agent\n`);
      return 2;
    }
    const repo = await repoOrComplain(io, 'hooks');
    if (!repo) return 2;
    if (action === 'install') {
      const r = await installGitHooks(repo.repoRoot, localCommand);
      io.stdout.write(
        `aiprov: git hooks installed in ${r.dir}${r.chained.length ? ` (existing ${r.chained.join(', ')} kept and chained)` : ''}\n`,
      );
    } else {
      const r = await uninstallGitHooks(repo.repoRoot);
      io.stdout.write(`aiprov: git hooks removed from ${r.dir}${r.restored.length ? ` (restored ${r.restored.join(', ')})` : ''}\n`);
    }
    return 0;
  }
  return installForAgents(io, action, agent, parsed.values.scope ?? 'local', parsed.values.command ?? '', localCommand);
};

async function installForAgents(
  io: CliIO,
  action: string,
  agent: string,
  scope: string,
  command: string,
  localCommand: string,
): Promise<number> {
  if (agent !== 'all' && !isAgentId(agent)) {
    io.stderr.write(`aiprov hooks: unknown agent '${agent}' (supported: ${AGENT_IDS.join(', ')}, all)\n`);
    return 2;
  }
  if (scope !== 'local' && scope !== 'project') {
    io.stderr.write(`aiprov hooks: --scope must be local or project, not '${scope}'\n`);
    return 2;
  }
  const repo = await repoOrComplain(io, 'hooks');
  if (!repo) return 2;
  if (action === 'uninstall') return uninstallForAgents(io, repo, agent === 'all' ? [...AGENT_IDS] : [agent]);
  const agents: AgentId[] = agent === 'all' ? await detectAgents(repo.repoRoot, os.homedir()) : [agent];
  if (agents.length === 0) {
    io.stdout.write(`aiprov: no coding agent's configuration found; name one with --agent (${AGENT_IDS.join(', ')})\n`);
    return 0;
  }
  const run = command || (scope === 'project' ? 'npx --no-install aiprov' : localCommand);
  let failed = false;
  for (const id of agents) {
    try {
      const r = await installAgentHooks(id, repo, scope, run);
      const where = r.files.join(', ');
      const notes = r.notes.length ? ` (${r.notes.join('; ')})` : '';
      io.stdout.write(r.changed ? `aiprov: ${id} hooks written to ${where}${notes}\n` : `aiprov: ${id} hooks already in ${where}\n`);
      if (r.changed && ENABLE_NOTES[id]) io.stdout.write(`aiprov: ${id} ${ENABLE_NOTES[id]}\n`);
    } catch (err) {
      failed = true;
      io.stderr.write(`aiprov hooks: ${id}: ${(err as Error).message}\n`);
    }
  }
  return failed ? 2 : 0;
}

async function uninstallForAgents(io: CliIO, repo: RepoLocation, agents: AgentId[]): Promise<number> {
  let failed = false;
  let removed = 0;
  for (const id of agents) {
    try {
      const files = await uninstallAgentHooks(id, repo);
      removed += files.length;
      if (files.length) io.stdout.write(`aiprov: ${id} hooks removed from ${files.join(', ')}\n`);
    } catch (err) {
      failed = true;
      io.stderr.write(`aiprov hooks: ${id}: ${(err as Error).message}\n`);
    }
  }
  if (!removed && !failed) io.stdout.write(`aiprov: no aiprov agent hooks found\n`);
  return failed ? 2 : 0;
}
