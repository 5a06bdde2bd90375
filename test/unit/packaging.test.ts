import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

describe('packaging', () => {
  it('the VSIX holds only the bundle, the files the bundled CLI reads, media and the documents (allow-list .vscodeignore)', function () {
    this.timeout(60_000);
    const root = path.resolve(__dirname, '../..');
    const files = execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], {
      cwd: root,
    })
      .toString()
      .split('\n')
      .filter(Boolean);
    const unexpected = files.filter(
      (f) =>
        !/^(dist\/(extension|cli|cli-main|cli-hook)\.js|src\/agents-plugins\/opencode\/aiprov\.js|media\/.+|package\.json|README\.md|CHANGELOG\.md|LICENSE)$/.test(
          f,
        ),
    );
    assert.deepEqual(unexpected, []);
    // The bundled CLI copies the OpenCode plugin when it installs that agent's hook.
    // The extension installs hooks that run dist/cli.js, which loads one of the two CLI bundles.
    for (const required of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'src/agents-plugins/opencode/aiprov.js',
      'dist/extension.js',
      'dist/cli.js',
      'dist/cli-main.js',
      'dist/cli-hook.js',
    ])
      assert.ok(files.includes(required), required);
  });

  it('packaging builds a VSIX (the production bundle runs through vscode:prepublish)', function () {
    this.timeout(120_000);
    const root = path.resolve(__dirname, '../..');
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-vsix-')), 'aiprov.vsix');
    execFileSync(
      process.execPath,
      [
        path.join(root, 'node_modules/@vscode/vsce/vsce'),
        'package',
        '--no-dependencies',
        '--allow-missing-repository',
        '--no-rewrite-relative-links',
        '-o',
        out,
      ],
      { cwd: root, stdio: 'pipe' },
    );
    const size = fs.statSync(out).size;
    assert.ok(size > 10_000 && size < 5_000_000, `VSIX of ${size} bytes`);
    // A VSIX is a zip: it starts with the local file header signature.
    assert.equal(fs.readFileSync(out).subarray(0, 4).toString('hex'), '504b0304');
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });
});
