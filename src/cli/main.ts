// The `aiprov` command-line tool. Each subcommand lives in its own file and calls the same core
// functions as the extension.
import { describeError } from './boundary';
import { runCli } from './run';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), stdin: process.stdin })
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    // runCli bounds every command; this only catches a failure of the dispatcher itself.
    process.stderr.write(`aiprov: ${describeError(err)}\n`);
    process.exitCode = 2;
  });
