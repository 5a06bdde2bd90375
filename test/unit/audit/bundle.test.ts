import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

describe('DuckDB stays a CLI-only dependency', () => {
  const root = path.resolve(__dirname, '../../..');

  it('the extension bundle holds no DuckDB, and the CLI loads the installed package instead of bundling it', function () {
    this.timeout(60_000);
    execFileSync(process.execPath, ['esbuild.config.mjs'], { cwd: root, stdio: 'pipe' });
    const extension = fs.readFileSync(path.join(root, 'dist/extension.js'), 'utf8');
    assert.doesNotMatch(extension, /duckdb/i);
    for (const bundle of ['dist/cli-main.js', 'dist/cli-hook.js'])
      assert.doesNotMatch(fs.readFileSync(path.join(root, bundle), 'utf8'), /duckdb\.node/, bundle);
    // The built CLI reaches the installed package and its native binary.
    const out = execFileSync(
      process.execPath,
      [path.join(root, 'dist/cli.js'), 'audit', '--query', 'SELECT 6 * 7 AS answer', '--format', 'json'],
      { cwd: root },
    ).toString();
    assert.deepEqual(JSON.parse(out), [{ answer: 42 }]);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.ok(pkg.optionalDependencies['@duckdb/node-api'], 'optional, so installs without a prebuilt binary still work');
    assert.equal(pkg.dependencies['@duckdb/node-api'], undefined);
  });
});
