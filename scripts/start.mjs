// `npm start`: builds the extension, creates a demo git repository and opens it in a real VS Code
// with AI Provenance loaded from source and the fake AI assistant installed. Desktop VS Code
// (`code --extensionDevelopmentPath`) when a `code` binary is on PATH, else code-server on
// 127.0.0.1 (installed offline on first use) with its URL printed.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer, workbenchUrl } from './test-host/codeServer.mjs';
import { createFixtureWorkspace } from './test-host/workspace.mjs';

const root = path.resolve(import.meta.dirname, '..');
const demoDir = path.join(root, '.demo');
const workspace = createFixtureWorkspace(path.join(demoDir, 'workspace'));
execFileSync(process.execPath, ['esbuild.config.mjs'], { cwd: root, stdio: 'inherit' });

const hasCode = spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (hasCode && process.env.AIPROV_START_HOST !== 'code-server') {
  spawn(
    'code',
    ['--extensionDevelopmentPath', root, '--extensionDevelopmentPath', path.join(root, 'test/fixtures/fake-assistant'), workspace],
    { stdio: 'inherit' },
  );
} else {
  const cache = execFileSync('bash', [path.join(root, 'scripts/test-host/install.sh')], { stdio: ['ignore', 'pipe', 'inherit'] })
    .toString()
    .trim();
  const stateDir = path.join(demoDir, 'code-server');
  fs.mkdirSync(stateDir, { recursive: true });
  const server = await startCodeServer({
    cache,
    stateDir,
    port: Number(process.env.PORT ?? 0),
    installExtensions: [path.join(root, 'test/fixtures/fake-assistant')],
    settings: { 'workbench.colorTheme': 'Default Dark Modern' },
  });
  const url = workbenchUrl(server.url, { folder: workspace, extensionDevelopmentPath: root });
  console.log(`\nAI Provenance demo is running. Open this URL in a browser:\n\n  ${url}\n`);
  console.log('In src/app.ts, type "f" on the empty line under "// fake-ai: greet" and press Tab');
  console.log('to accept the fake suggestion. Press Ctrl+C here to stop.\n');
  const stop = () => server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
