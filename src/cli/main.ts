// The `aiprov` command-line tool. Each subcommand lives in its own file and calls the same core
// functions as the extension. (`aiprov hook` loads hookMain.ts instead: see cliLauncher.js.)
import { runAsProcess } from './processIO';
import { runCli } from './run';

runAsProcess(runCli);
