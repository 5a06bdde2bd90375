// SZZ on histories that real repositories have: unusual file names, the user's git configuration,
// merges that fixes name, shallow clones.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sidecarPathFor } from '../../../src/core/format';
import { runAudit } from '../../../src/core/audit/audit';
import { AI1, TestRepo } from './plantedRepo';

interface Link {
  fix: string;
  inducing: string;
  file: string;
  line: number;
  class: string;
}
const linkRows = (links: readonly Link[]) => links.map((l) => [l.fix, l.inducing, l.file, l.line, l.class]);

describe('audit SZZ edge cases', function () {
  this.timeout(60_000);
  let repo: TestRepo;
  beforeEach(() => (repo = TestRepo.create('aiprov-audit-szz-')));
  afterEach(() => repo.remove());

  it('counts and links the AI lines of a file whose name has a space in it', async () => {
    repo.write('src/app.ts', 'export const app = 1;\n');
    repo.commit('Initial commit', 0);
    repo.writeAi('src/my add.ts', AI1, 'span-space', false);
    const added = repo.commit('Add add()');
    repo.write('src/my add.ts', AI1.replace('a - b', 'a + b'));
    fs.rmSync(path.join(repo.root, sidecarPathFor('src/my add.ts')));
    const fix = repo.commit(`Correct add()\n\nFixes: ${added.slice(0, 12)}\n`);
    const { report } = await runAudit(repo.root);
    assert.deepEqual(report.problems, []);
    assert.equal(report.totals.aiLines, 3);
    assert.deepEqual(linkRows(report.links), [[fix, added, 'src/my add.ts', 2, 'ai-unreviewed']]);
  });

  it("gives the same links whatever the user's diff, log and blame settings", async () => {
    repo.write('a.ts', ['export const a = 1;', 'export const b = 2;', 'export const c = 3;', 'export const d = 4;', ''].join('\n'));
    const base = repo.commit('Initial commit', 0);
    repo.write('a.ts', ['export const a = 10;', 'export const b = 2;', 'export const c = 3;', 'export const d = 40;', ''].join('\n'));
    const fix = repo.commit('fix: a and d');
    const expected = [
      [fix, base, 'a.ts', 1, 'human'],
      [fix, base, 'a.ts', 4, 'human'],
    ];
    assert.deepEqual(linkRows((await runAudit(repo.root)).report.links), expected);
    repo.git('config', 'diff.noprefix', 'true');
    repo.git('config', 'diff.interHunkContext', '5');
    repo.git('config', 'log.showSignature', 'true');
    repo.git('config', 'blame.ignoreRevsFile', '.git-blame-ignore-revs'); // a file this repository lacks
    const { report } = await runAudit(repo.root);
    assert.deepEqual(report.problems, []);
    assert.deepEqual(linkRows(report.links), expected);
  });
});
