import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runAudit } from '../../../src/core/audit/audit';
import { sidecarPathFor } from '../../../src/core/format';
import { TestRepo } from './plantedRepo';

const DAY = 24;

describe('audit durability (lines rewritten within 30 and 90 days)', function () {
  this.timeout(60_000);
  let repo: TestRepo;
  before(() => {
    repo = TestRepo.create('aiprov-audit-durability-');
    repo.write('h.ts', 'export const a = 1;\nexport const b = 2;\nexport const c = 3;\nexport const d = 4;\n');
    repo.writeAi('ai.ts', 'export const w = 1;\nexport const x = 2;\nexport const y = 3;\nexport const z = 4;\n', 'span-ai', false);
    repo.commit('Day 0: human and AI lines', 0);
    // Day 10: one AI line rewritten (the sidecar goes, so the new line is human).
    repo.write('ai.ts', 'export const w = 1;\nexport const x = 20;\nexport const y = 3;\nexport const z = 4;\n');
    fs.rmSync(path.join(repo.root, sidecarPathFor('ai.ts')));
    repo.commit('Day 10: rewrite an AI line', 10 * DAY);
    repo.commit('Day 20: branch point', 10 * DAY);
    // A branch renames the human file, then rewrites one of its day-0 lines on day 50.
    repo.git('checkout', '-q', '-b', 'side');
    repo.git('mv', 'h.ts', 'lib.ts');
    repo.commit('Day 21: rename', DAY);
    repo.git('checkout', '-q', 'main');
    repo.write('x.ts', 'export const x = 0;\n');
    repo.commit('Day 25: elsewhere on main', 4 * DAY);
    repo.git('checkout', '-q', 'side');
    repo.write('lib.ts', 'export const a = 10;\nexport const b = 2;\nexport const c = 3;\nexport const d = 4;\n');
    repo.commit('Day 50: rewrite a human line', 25 * DAY);
    repo.git('checkout', '-q', 'main');
    repo.merge('side', 10 * DAY);
    repo.write('y.ts', 'export const y = 0;\n');
    repo.commit('Day 200: too young to judge', 140 * DAY);
  });
  after(() => repo.remove());

  it('follows lines through a rename on a branch and its merge, and judges only lines old enough', async () => {
    const { report } = await runAudit(repo.root);
    assert.deepEqual(report.durability['ai-unreviewed'], {
      lines: 4,
      observable30d: 4,
      rewritten30d: 1,
      share30d: 0.25,
      observable90d: 4,
      rewritten90d: 1,
      share90d: 0.25,
    });
    // Human: 4 on day 0 (one rewritten on day 50), 1 each on days 10, 25 and 50; the day-200 line is too young.
    assert.deepEqual(report.durability.human, {
      lines: 8,
      observable30d: 7,
      rewritten30d: 0,
      share30d: 0,
      observable90d: 7,
      rewritten90d: 1,
      share90d: 0.143,
    });
    assert.equal(report.totals.humanLines, 8);
    assert.deepEqual(report.problems, []);
  });
});
