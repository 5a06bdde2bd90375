// Runs the integration suite in desktop VS Code downloaded by @vscode/test-electron (needs internet).
// Exit code 3 means VS Code could not be downloaded, so the caller can fall back to code-server.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { createFixtureWorkspace } from './workspace.mjs';

const root = path.resolve(import.meta.dirname, '../..');
let vscodeExecutablePath;
try {
  vscodeExecutablePath = await downloadAndUnzipVSCode({ version: process.env.AIPROV_VSCODE_VERSION ?? 'stable', timeout: 20_000 });
} catch (err) {
  console.error(`desktop VS Code could not be downloaded: ${err?.message ?? err}`);
  process.exit(3);
}
const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-it-'));
try {
  const workspace = createFixtureWorkspace(path.join(stateDir, 'workspace'));
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: [root, path.join(root, 'test/fixtures/fake-assistant')],
    extensionTestsPath: path.join(root, 'out/test/integration/index'),
    launchArgs: [
      workspace,
      '--disable-workspace-trust',
      '--user-data-dir',
      path.join(stateDir, 'user-data'),
      '--extensions-dir',
      path.join(stateDir, 'extensions'),
    ],
    extensionTestsEnv: { AIPROV_TEST_GREP: process.env.AIPROV_TEST_GREP ?? '' },
  });
  process.exitCode = 0;
} catch (err) {
  console.error(`integration tests failed: ${err?.message ?? err}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(stateDir, { recursive: true, force: true });
}
