// Bundles the extension and the CLI (and, on request, benchmarks and integration tests).
// `--production` minifies; `--watch` rebuilds on change; `--bench` adds the benchmark entry.
import * as esbuild from 'esbuild';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  // JSON schemas are imported as modules so the bundle needs no file reads at start-up.
  loader: { '.json': 'json' },
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  { ...common, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  {
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    // DuckDB ships a native binary: the CLI loads the installed package on demand (Parquet,
    // --query); it is never bundled, and the extension never reaches it.
    external: ['@duckdb/node-api'],
    banner: { js: '#!/usr/bin/env node' },
  },
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

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
