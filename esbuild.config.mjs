// Bundles the extension and the CLI (and, on request, benchmarks and integration tests).
// `--production` minifies; `--watch` rebuilds on change; `--bench` adds the benchmark entry.
import * as esbuild from 'esbuild';
import { cliBuildOptions, writeCliLauncher } from './scripts/cliBundles.mjs';
import { NODE_BUNDLE, precompileValidators } from './scripts/precompileValidators.mjs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

const common = {
  ...NODE_BUNDLE,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  plugins: [precompileValidators],
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  { ...common, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  cliBuildOptions('dist', common),
];

if (args.has('--bench')) {
  builds.push({ ...common, sourcemap: false, minify: false, entryPoints: { 'bench/run': 'bench/run.ts' }, outdir: 'dist' });
}

if (args.has('--tests')) {
  // Integration tests run inside the extension host, which loads plain CommonJS.
  builds.push({
    ...common,
    entryPoints: ['test/integration/**/*.ts'],
    outdir: 'out/test/integration',
    outbase: 'test/integration',
    external: ['vscode', 'mocha'],
  });
}

// The launcher (dist/cli.js) is a plain file: nothing to rebuild when watching.
writeCliLauncher('dist');
if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
