// `aiprov hook <agent>`: called by a coding agent's hook with its payload on stdin; records exactly
// the agent's own change as AI. Never blocks the agent: problems go to stderr with exit 0, and only
// a malformed after-tool payload (the runner's fault) exits 1, which every agent treats as a
// non-blocking error.
import { handleAgentHook } from '../../core/agents/handleHook';
import { AGENT_IDS, AGENTS, isAgentId } from '../../core/agents/registry';
import type { CliCommand } from '../types';

const HELP = `Usage: aiprov hook <agent>

Reads the agent's hook payload on stdin and records the file edit it describes: only the text the
agent's tool wrote is AI (with the agent, its model and session); other changes on disk stay human.
Before-tool events store a snapshot of the file under .git/aiprov for tools whose payload does not
carry the edit. Agents: ${AGENT_IDS.join(', ')}.
Exits 0 when the edit was recorded or there is nothing to record, and on errors that are not the
agent's (reported on stderr); 1 when the payload of an after-tool event is malformed (a before-tool
event never fails, since some agents then deny the tool); 2 for an unknown agent.
Set AIPROV_HOOK_VERBOSE=1 to report what was recorded on stderr.
`;

export const hookCommand: CliCommand = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(HELP);
    return 0;
  }
  const [agent] = args;
  if (!isAgentId(agent)) {
    io.stderr.write(`aiprov hook: unknown agent '${agent ?? ''}' (supported: ${AGENT_IDS.join(', ')})\n`);
    return 2;
  }
  let stdin: string;
  try {
    stdin = await io.readStdin();
  } catch (err) {
    io.stderr.write(`aiprov hook: cannot read the payload (${(err as Error).message})\n`);
    return 0;
  }
  const outcome = await handleAgentHook(agent, stdin, io.cwd);
  for (const problem of outcome.problems) io.stderr.write(`aiprov hook: ${problem}\n`);
  if (process.env.AIPROV_HOOK_VERBOSE) {
    for (const r of outcome.recorded) io.stderr.write(`aiprov hook: recorded ${r.charsAdded} AI characters in ${r.repoPath}\n`);
    if (outcome.snapshots) io.stderr.write(`aiprov hook: ${outcome.snapshots} file(s) snapshotted before the tool runs\n`);
    if (outcome.skipped) io.stderr.write(`aiprov hook: ${outcome.skipped}\n`);
  }
  io.stdout.write(AGENTS[agent].reply);
  return outcome.payloadOk || outcome.preTool ? 0 : 1;
};
