import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

describe('README', () => {
  it('commands, settings and violations tables match their sources (regenerate: node scripts/docs-tables.mjs)', async () => {
    const { updateReadme } = await import('../../scripts/docs-tables.mjs');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.equal(updateReadme(readme, pkg), readme);
  });

  it('gives the same test command that CI runs', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const ci = fs.readFileSync(path.join(root, '.ci/run'), 'utf8');
    assert.match(readme, /npm ci && npm test/);
    assert.match(ci, /^npm test$/m);
  });
});
