import { auditCommand } from './commands/audit';
import { importCommand } from './commands/import';
import { mergeDriverCommand } from './commands/mergeDriver';
import { blameCommand } from './commands/blame';
import { reportCommand } from './commands/report';
import { signoffCommand } from './commands/signoff';
import { verifyCommand } from './commands/verify';
import { exportCommand } from './commands/export';
import { gitHookCommand } from './commands/gitHookEntry';
import { hookCommand } from './commands/agentHook';
import { hooksCommand } from './commands/installHooks';
import { runBounded } from './boundary';
import type { CliCommand, CliIO } from './types';
import { CLI_VERSION } from './version';
// Dispatches `aiprov <command>` through the one error boundary. Exit codes: 0 clean, 1
// violations, 2 usage or I/O errors.
export type { CliCommand, CliIO } from './types';

const commands: Record<string, { summary: string; run: CliCommand }> = {
  hook: { summary: "Record a CLI agent's file edit from its hook payload on stdin", run: hookCommand },
  hooks: { summary: 'Install or remove git hooks; `--agent <name>|all` for coding-agent hooks', run: hooksCommand },
  export: { summary: 'Write .aiprov sidecars now (`--staged`: for the staged content)', run: exportCommand },
  signoff: { summary: 'Sign off (or request changes on) the AI spans of a file', run: signoffCommand },
  verify: { summary: 'Fail when AI spans in the change lack a valid senior sign-off (CI)', run: verifyCommand },
  report: { summary: 'AI share and reviewed share per file and tool (md, json, csv)', run: reportCommand },
  audit: { summary: 'AI provenance vs defects (SZZ), incidents and time to restore; tables for many repositories', run: auditCommand },
  blame: { summary: 'Each line of a file with its origin and sign-off state', run: blameCommand },
  'merge-driver': { summary: 'Merge .aiprov sidecars in git merges (`merge-driver install`)', run: mergeDriverCommand },
  import: { summary: 'Import AI attribution from Agent Trace records or git-ai notes', run: importCommand },
  'git-hook': { summary: 'What the installed git hooks call', run: gitHookCommand },
};

export function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`);
  return [
    'Usage: aiprov <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    "Run `aiprov <command> --help` for a command's options; `aiprov --version` prints the version.",
    '',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout.write(`${CLI_VERSION}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.stderr.write(`aiprov: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  return runBounded(name, command.run, rest, io);
}
