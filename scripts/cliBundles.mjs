// How the `aiprov` CLI is built, in one place for the project's build, the standalone CLI package
// and the tests: two bundles and the launcher that picks one. Agents run `aiprov hook` once per
// file edit and wait for it, so that command has a bundle of only what it needs (cli-hook.js, about
// a third of the full CLI's to load); every other command loads cli-main.js.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { NODE_BUNDLE, precompileValidators } from './precompileValidators.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What a built CLI consists of, relative to its folder. */
export const CLI_FILES = ['cli.js', 'cli-main.js', 'cli-hook.js'];

/**
 * esbuild options for the two bundles, written to `outdir`.
 * @param {string} outdir
 * @param {esbuild.BuildOptions} [options] e.g. minify, sourcemap, logLevel
 * @returns {esbuild.BuildOptions}
 */
export function cliBuildOptions(outdir, options = {}) {
  return {
    ...NODE_BUNDLE,
    plugins: [precompileValidators],
    ...options,
    entryPoints: { 'cli-main': path.join(root, 'src/cli/main.ts'), 'cli-hook': path.join(root, 'src/cli/hookMain.ts') },
    outdir,
    // DuckDB ships a native binary: the CLI loads the installed package on demand (Parquet,
    // --query); it is never bundled, and the extension never reaches it.
    external: ['@duckdb/node-api'],
  };
}

/** Writes the launcher, `cli.js`, beside the bundles; returns its path. */
export function writeCliLauncher(outdir) {
  const file = path.join(outdir, 'cli.js');
  fs.mkdirSync(outdir, { recursive: true });
  fs.copyFileSync(path.join(root, 'src/cli/cliLauncher.js'), file);
  fs.chmodSync(file, 0o755);
  return file;
}

/** Builds the CLI into `outdir`; returns the launcher's path. */
export async function buildCli(outdir, options = {}) {
  await esbuild.build(cliBuildOptions(outdir, options));
  return writeCliLauncher(outdir);
}
