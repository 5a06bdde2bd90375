// The bundles carry each schema validator compiled at build time (scripts/precompileValidators.mjs)
// instead of ajv's compiler. These tests hold the two to the same verdicts and the same errors, so a
// record the extension or the CLI refuses is exactly the one the tested runtime validator refuses.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import type { ValidateFunction } from 'ajv';
import { compileValidator, type ValidatorSpec } from '../../../src/core/validation/validatorSpec';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures');

interface PluginModule {
  precompileValidators: esbuild.Plugin;
  NODE_BUNDLE: esbuild.BuildOptions;
}

/** Bundles `entry` as the real build does and runs it. */
async function bundled(entry: string): Promise<Record<string, unknown>> {
  const { precompileValidators, NODE_BUNDLE } = (await import(path.join(ROOT, 'scripts/precompileValidators.mjs'))) as PluginModule;
  const out = await esbuild.build({
    ...NODE_BUNDLE,
    write: false,
    entryPoints: [entry],
    plugins: [precompileValidators],
    logLevel: 'silent',
  });
  const text = out.outputFiles[0].text;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-validator-'));
  try {
    fs.writeFileSync(path.join(dir, 'bundle.js'), text);
    const file = path.join(dir, 'bundle.js');
    const load = createRequire(file);
    return { ...(load(file) as Record<string, unknown>), __text: text };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function validatorModules(dir = path.join(ROOT, 'src/core')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return validatorModules(full);
    return entry.name.endsWith('Validator.ts') ? [full] : [];
  });
}

/** Each parsable JSON document under these fixture folders (JSONL: each line). */
function jsonDocuments(...dirs: string[]): unknown[] {
  const docs: unknown[] = [];
  for (const dir of dirs) {
    for (const name of fs.readdirSync(path.join(FIXTURES, dir))) {
      const text = fs.readFileSync(path.join(FIXTURES, dir, name), 'utf8');
      const pieces = name.endsWith('.jsonl') ? text.split('\n') : [text];
      for (const piece of pieces) {
        try {
          docs.push(JSON.parse(piece));
        } catch {
          // Not JSON at all: the readers refuse it before any schema is asked.
        }
      }
    }
  }
  return docs;
}

/** Near misses of each document: a key dropped, a value of the wrong type, an unknown key. */
function mutations(doc: unknown): unknown[] {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return [doc];
  const out: unknown[] = [doc, { ...doc, unexpectedProperty: true }];
  for (const key of Object.keys(doc)) {
    const { [key]: value, ...rest } = doc as Record<string, unknown>;
    out.push(rest, { ...rest, [key]: typeof value === 'string' ? 7 : 'seven' });
    if (Array.isArray(value) && value.length) {
      out.push({ ...rest, [key]: [...value, value[0]] });
      out.push({ ...rest, [key]: value.map((item) => mutations(item)[2] ?? item) });
    }
  }
  return out;
}

const SAMPLES: Record<string, () => unknown[]> = {
  'sidecarValidator.ts': () => jsonDocuments('sidecars', 'unreadable-sidecars').flatMap(mutations),
  'agentTraceValidator.ts': () => jsonDocuments('agent-trace').flatMap(mutations),
  'policyValidator.ts': () =>
    [
      { version: 1 },
      { version: 1, origins: ['chat'], minSeniors: 2, checklist: [{ id: 'tests', label: 'Tests' }] },
      { version: 2 },
      { version: 1, origins: ['telepathy'] },
      { version: 1, minSeniors: 0 },
      { version: 1, checklist: [{ id: '', label: 'x' }] },
      [],
      null,
    ].flatMap(mutations),
};

describe('validators compiled at build time', () => {
  const modules = validatorModules();

  it('every validator module has cases here', () => {
    assert.deepEqual(modules.map((m) => path.basename(m)).sort(), Object.keys(SAMPLES).sort());
  });

  for (const file of modules) {
    const name = path.basename(file);
    it(`${name}: the bundled validator gives the runtime validator's verdicts and errors`, async () => {
      const built = await bundled(file);
      const { validatorSpec } = (await import(file)) as { validatorSpec: ValidatorSpec };
      const runtime = compileValidator(validatorSpec);
      const precompiled = (built.createValidator as () => ValidateFunction)();
      const samples = SAMPLES[name]();
      let refused = 0;
      for (const sample of samples) {
        const ok = runtime(sample);
        assert.equal(precompiled(sample), ok, JSON.stringify(sample).slice(0, 200));
        assert.deepEqual(precompiled.errors ?? null, runtime.errors ?? null);
        if (!ok) refused++;
      }
      // The samples must exercise both verdicts, or agreement would prove little.
      assert.ok(refused > 0 && refused < samples.length, `${refused} of ${samples.length} refused`);
    });
  }

  it('the bundled `.aiprov` reader carries no ajv compiler', async () => {
    const built = await bundled(path.join(ROOT, 'src/core/format/validate.ts'));
    const text = built.__text as string;
    assert.doesNotMatch(text, /function compileSchema\b/);
    const problems = (built.schemaProblems as (data: unknown) => string[])({ version: 1 });
    assert.ok(problems.length > 0 && problems.every((p) => typeof p === 'string'), problems.join('; '));
  });
});
