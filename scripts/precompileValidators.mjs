// esbuild plugin: every `src/core/**/*Validator.ts` module (a `validatorSpec` and a `createValidator`)
// is replaced in the bundles by the same validator compiled at build time with ajv's standalone code.
// A CLI process then pays neither ajv's compile (about 45 ms for the `.aiprov` schema) nor loading
// ajv's compiler, which matters to agent hooks and git hooks that start a process per event.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';

const VALIDATOR_MODULE = /[\\/]src[\\/]core[\\/].+Validator\.ts$/;

/**
 * How every aiprov bundle is built for Node. JSON schemas are imported as modules, so a bundle
 * needs no file reads at start-up.
 */
export const NODE_BUNDLE = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', loader: { '.json': 'json' } };

/** The module's `validatorSpec`, read by bundling the module alone and running it. */
async function loadSpec(file) {
  const built = await esbuild.build({
    ...NODE_BUNDLE,
    write: false,
    entryPoints: [file],
    external: ['ajv', 'ajv/*'],
    logLevel: 'silent',
    metafile: true,
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', built.outputFiles[0].text)(module, module.exports, createRequire(file));
  const spec = module.exports.validatorSpec;
  if (!spec?.schema || !spec.draft) throw new Error(`${file}: exports no validatorSpec`);
  // What the spec is built from (the schema file, the vocabularies), for --watch.
  const inputs = Object.keys(built.metafile.inputs).filter((input) => !input.includes('node_modules'));
  return { spec, inputs: inputs.map((input) => path.resolve(input)) };
}

/** The standalone CommonJS source of the spec's validator. */
export function standaloneSource(spec) {
  const options = { ...spec.options, code: { ...spec.options.code, source: true } };
  const ajv = spec.draft === '2020-12' ? new Ajv2020.default(options) : new Ajv.default(options);
  return standaloneCode.default(ajv, ajv.compile(spec.schema));
}

/** The module that takes the place of a `*Validator.ts` module in a bundle. */
export async function precompiledModule(file) {
  const { spec, inputs } = await loadSpec(file);
  const contents = [
    `// Compiled at build time from ${path.basename(file)} (scripts/precompileValidators.mjs).`,
    'const validate = (() => {',
    '  const module = { exports: {} };',
    standaloneSource(spec),
    '  return module.exports;',
    '})();',
    `export const validatorSpec = ${JSON.stringify(spec)};`,
    'export function createValidator() {',
    '  return validate;',
    '}',
  ].join('\n');
  return { contents, inputs };
}

/** @type {esbuild.Plugin} */
export const precompileValidators = {
  name: 'precompile-validators',
  setup(build) {
    build.onLoad({ filter: VALIDATOR_MODULE }, async (args) => {
      const { contents, inputs } = await precompiledModule(args.path);
      // The standalone code requires ajv's small runtime helpers (`ajv/dist/runtime/...`).
      return { contents, loader: 'js', resolveDir: path.dirname(args.path), watchFiles: inputs };
    });
  },
};
