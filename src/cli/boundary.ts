// The CLI's one error boundary: whatever a command throws becomes one line,
// `aiprov <command>: <message>`, and exit code 2. Errors that come from input (a bad sidecar,
// policy, path, revision, lock or argument) carry their own message; anything else is a bug in
// aiprov, said as such, with the stack only when AIPROV_DEBUG is set.
import { GitError } from '../core/repo/git';
import type { CliCommand, CliIO } from './types';

/** Errors no input explains: a bug in aiprov rather than a problem with what it was given. */
function isBug(err: Error): boolean {
  // node:util parseArgs reports usage problems as TypeErrors with an ERR_PARSE_ARGS_* code.
  if (String((err as NodeJS.ErrnoException).code ?? '').startsWith('ERR_PARSE_ARGS')) return false;
  return err instanceof TypeError || err instanceof ReferenceError;
}

export function describeError(err: unknown): string {
  if (err instanceof GitError) return `git ${err.args[0] ?? ''} failed: ${err.stderr.trim().split('\n')[0] || `exit ${err.exitCode}`}`;
  if (err instanceof Error) {
    const line = err.message.split('\n')[0];
    return isBug(err) ? `internal error: ${line} (set AIPROV_DEBUG=1 for details)` : line;
  }
  return String(err);
}

export async function runBounded(name: string, command: CliCommand, args: string[], io: CliIO): Promise<number> {
  try {
    return await command(args, io);
  } catch (err) {
    io.stderr.write(`aiprov ${name}: ${describeError(err)}\n`);
    if (process.env.AIPROV_DEBUG && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    return 2;
  }
}
