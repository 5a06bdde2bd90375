// Runs a CLI entry as this process: its arguments, standard streams and working directory in, its
// result as the exit code. A failure outside the command's own boundary is still one line, exit 2.
import { describeError } from './boundary';
import { readProcessStdin } from './stdin';
import type { CliIO } from './types';

export function runAsProcess(run: (argv: string[], io: CliIO) => Promise<number>): void {
  run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), readStdin: readProcessStdin })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((err: unknown) => {
      process.stderr.write(`aiprov: ${describeError(err)}\n`);
      process.exitCode = 2;
    });
}
