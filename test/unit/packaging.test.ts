import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

describe('packaging', () => {
  it('the VSIX holds only the bundle, media and the documents (allow-list .vscodeignore)', function () {
    this.timeout(60_000);
    const root = path.resolve(__dirname, '../..');
    const files = execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root })
      .toString()
      .split('\n')
      .filter(Boolean);
    const unexpected = files.filter((f) => !/^(dist\/(extension|cli)\.js|media\/.+|package\.json|README\.md|CHANGELOG\.md|LICENSE)$/.test(f));
    assert.deepEqual(unexpected, []);
    for (const required of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) assert.ok(files.includes(required), required);
  });
});
