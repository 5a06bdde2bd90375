#!/usr/bin/env node
// Packs the `aiprov` command-line tool on its own: the CLI bundled by esbuild (its runtime
// libraries inside it), the OpenCode plugin it installs, a package.json with no
// dependencies, README and LICENSE. Prints the path of the `npm pack` tarball, which installs into
// any project (`npm install <tarball>`) or globally, offline, and gives a working `aiprov`.
//
//   node scripts/pack-cli.mjs [--out DIR]      (default: dist/cli-package)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCli, CLI_FILES } from './cliBundles.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const out = path.resolve(outArg > 0 ? process.argv[outArg + 1] : path.join(root, 'dist/cli-package'));
const stage = path.join(out, 'package');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
// Files the CLI reads at run time beside its bundle, at the same place relative to it as in this
// repository (`aiprov hooks install --agent opencode` copies the OpenCode plugin).
const RUNTIME_FILES = ['src/agents-plugins/opencode/aiprov.js'];

fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(stage, { recursive: true });
await buildCli(stage, { minify: true, logLevel: 'warning' });

const cliPackage = {
  name: pkg.name,
  version: pkg.version,
  description:
    'aiprov command-line tool: verify that AI-written code has a senior sign-off (CI gate), reports, blame, git hooks, Agent Trace and git-ai interop.',
  license: pkg.license,
  keywords: pkg.keywords,
  bin: { aiprov: 'cli.js' },
  files: [...CLI_FILES, ...RUNTIME_FILES, 'README.md', 'LICENSE'],
  engines: { node: pkg.engines.node },
};
fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(cliPackage, null, 2) + '\n');
for (const file of [...RUNTIME_FILES, 'README.md', 'LICENSE']) {
  fs.mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
  fs.copyFileSync(path.join(root, file), path.join(stage, file));
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const packed = JSON.parse(
  execFileSync(npm, ['pack', '--json', '--pack-destination', out], { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
);
process.stdout.write(path.join(out, packed[0].filename) + '\n');
