import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('architecture', () => {
  it('core never imports vscode', () => {
    const offenders = filesUnder(path.join(root, 'src/core')).filter((f) =>
      /(from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\))/.test(fs.readFileSync(f, 'utf8')),
    );
    assert.deepEqual(
      offenders.map((f) => path.relative(root, f)),
      [],
    );
  });

  it('core and cli never import the extension adapter', () => {
    const offenders = [...filesUnder(path.join(root, 'src/core')), ...filesUnder(path.join(root, 'src/cli'))].filter((f) =>
      /from\s+['"][./]*\/extension\//.test(fs.readFileSync(f, 'utf8')),
    );
    assert.deepEqual(
      offenders.map((f) => path.relative(root, f)),
      [],
    );
  });

  it('no const enum anywhere (esbuild cannot inline them across files)', () => {
    const offenders = filesUnder(path.join(root, 'src')).filter((f) => /\bconst\s+enum\b/.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(
      offenders.map((f) => path.relative(root, f)),
      [],
    );
  });

  it('package.json contributes exactly the command ids declared in ids.ts', async () => {
    const { Commands } = await import('../../src/extension/ids');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const contributed = (pkg.contributes.commands as Array<{ command: string; category?: string }>).map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(Commands).sort());
    for (const c of pkg.contributes.commands) assert.equal(c.category, 'AI Provenance', `${c.command} category`);
  });

  it('engines.vscode matches the pinned @types/vscode', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.equal(pkg.engines.vscode, `^${pkg.devDependencies['@types/vscode']}`);
  });
});
