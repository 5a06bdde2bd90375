// `aiprov hook <agent>` on its own. Agents run it once per file edit and wait for it, so its bundle
// carries only what recording an edit needs (about a third of the full CLI's to load), behind the
// same error boundary as every other command.
import { runBounded } from './boundary';
import { hookCommand } from './commands/agentHook';
import { runAsProcess } from './processIO';

runAsProcess((argv, io) => runBounded('hook', hookCommand, argv.slice(1), io));
