// `aiprov hook <agent>`: called by a CLI agent's hook with its payload on stdin; records the edit.
import * as path from 'node:path';
import { parseClaudeCodePayload } from '../../core/agents/claudeCode';
import { recordAgentEdit } from '../../core/agents/recordAgentEdit';
import type { CliCommand, CliIO } from '../run';

const HELP = `Usage: aiprov hook <agent>

Reads the agent's hook payload on stdin and records the file edit it describes as AI-written
(live provenance under .git/aiprov). Agents: claude-code (PostToolUse for Write|Edit|MultiEdit).
Exits 0 even when there is nothing to record, so the agent is never blocked.
`;

async function readStdin(io: CliIO): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export const hookCommand: CliCommand = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(HELP);
    return 0;
  }
  const [agent] = args;
  if (agent !== 'claude-code') {
    io.stderr.write(`aiprov hook: unknown agent '${agent ?? ''}' (supported: claude-code)\n`);
    return 2;
  }
  const parsed = parseClaudeCodePayload(await readStdin(io));
  if (!parsed.ok) {
    io.stderr.write(`aiprov hook: ${parsed.reason}\n`);
    return 2;
  }
  if (!parsed.edit) return 0;
  const file = path.resolve(parsed.edit.cwd ?? io.cwd, parsed.edit.filePath);
  try {
    const r = await recordAgentEdit(file, {
      origin: 'externalAgent',
      confidence: 'certain',
      tool: 'Claude Code',
      ...(parsed.edit.sessionId && { sessionId: parsed.edit.sessionId }),
    });
    io.stdout.write(`aiprov: recorded ${r.charsAdded} AI characters in ${r.repoPath}\n`);
    return 0;
  } catch (err) {
    // Never block the agent: report and carry on.
    io.stderr.write(`aiprov hook: ${(err as Error).message}\n`);
    return 0;
  }
};
