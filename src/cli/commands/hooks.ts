// `aiprov hooks install --agent <name>`: writes the agent's hook configuration.
import { parseArgs } from 'node:util';
import { installAgentHooks, SUPPORTED_AGENTS, type SupportedAgent } from '../../core/agents/install';
import { installGitHooks, uninstallGitHooks } from '../../core/repo/gitHooks';
import { repoOrComplain } from '../repo';
import type { CliCommand } from '../run';

const HELP = `Usage: aiprov hooks install|uninstall
       aiprov hooks install --agent <name>

install: git hooks (pre-commit exports sidecars for the staged content, prepare-commit-msg adds
  an AI-Assisted trailer), where git looks for hooks (core.hooksPath honoured); hooks already
  there keep running first. uninstall restores them.
--agent: configures a CLI agent to report the files it writes, keeping hooks already configured.
  Agents: ${SUPPORTED_AGENTS.join(', ')} (writes .claude/settings.local.json).
`;

export const hooksCommand: CliCommand = async (args, io) => {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { agent: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    io.stderr.write(`aiprov hooks: ${(err as Error).message}\n`);
    return 2;
  }
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
  const cliCommand = `node ${JSON.stringify(process.argv[1] ?? 'aiprov')}`;
  if (!agent) {
    const repo = await repoOrComplain(io, 'hooks');
    if (!repo) return 2;
    if (action === 'install') {
      const r = await installGitHooks(repo.repoRoot, cliCommand);
      io.stdout.write(`aiprov: git hooks installed in ${r.dir}${r.chained.length ? ` (existing ${r.chained.join(', ')} kept and chained)` : ''}\n`);
    } else {
      const r = await uninstallGitHooks(repo.repoRoot);
      io.stdout.write(`aiprov: git hooks removed from ${r.dir}${r.restored.length ? ` (restored ${r.restored.join(', ')})` : ''}\n`);
    }
    return 0;
  }
  if (action !== 'install') {
    io.stderr.write(`aiprov hooks: --agent goes with install\n`);
    return 2;
  }
  if (!(SUPPORTED_AGENTS as readonly string[]).includes(agent)) {
    io.stderr.write(`aiprov hooks: unknown agent '${agent}' (supported: ${SUPPORTED_AGENTS.join(', ')})\n`);
    return 2;
  }
  const repo = await repoOrComplain(io, 'hooks');
  if (!repo) return 2;
  try {
    const r = await installAgentHooks(agent as SupportedAgent, repo.repoRoot, cliCommand);
    io.stdout.write(r.changed ? `aiprov: ${agent} hooks written to ${r.file}\n` : `aiprov: ${agent} hooks already in ${r.file}\n`);
    return 0;
  } catch (err) {
    io.stderr.write(`aiprov hooks: ${(err as Error).message}\n`);
    return 2;
  }
};
