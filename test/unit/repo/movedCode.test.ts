// A person moves or copies AI-written code to another file: the commit records it as AI there,
// with the source's attribution, so it is reviewed like any AI span (and verify, which reports
// moved code recorded as human, has nothing to report).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseSidecar, sidecarPathFor } from '../../../src/core/format';
import { exportStaged } from '../../../src/core/repo/export';
import { GateRepo } from '../helpers/gateRepo';

const AI =
  'export function retryForever(task: () => Promise<void>): Promise<void> {\n  return task().catch(() => retryForever(task));\n}\n';
const HUMAN = 'export const limit = 3;\n';

describe('moved and copied AI code at commit (real git)', function () {
  this.timeout(30_000);
  let repo: GateRepo;
  beforeEach(() => {
    repo = new GateRepo();
    repo.seedMain();
    repo.git('checkout', '-qb', 'feature');
    repo.writeAi('src/a.ts', AI, { before: HUMAN });
    repo.commitAll('ai');
  });
  afterEach(() => repo.dispose());

  const committedSpans = (rel: string) => {
    const content = repo.git('show', `HEAD:${rel}`);
    const sidecar = parseSidecar(repo.git('show', `HEAD:${sidecarPathFor(rel)}`), rel, { content });
    return sidecar.spans.map((s) => ({
      text: content.slice(s.ranges[0].start, s.ranges[s.ranges.length - 1].end),
      tool: s.tool,
      origin: s.origin,
    }));
  };

  it('code cut from an AI span and pasted into another file is committed as AI there', async () => {
    repo.write('src/a.ts', HUMAN);
    repo.write('src/b.ts', '// moved here\n' + AI);
    repo.git('add', '-A');
    const r = await exportStaged(repo.root, path.join(repo.root, '.git'));
    assert.deepEqual(r.failures, []);
    repo.git('commit', '-qm', 'move');
    assert.deepEqual(committedSpans('src/b.ts'), [{ text: AI.trimEnd(), tool: 'Claude Code', origin: 'chatApply' }]);
    const v = await repo.verify();
    assert.equal(v.code, 1);
    assert.match(v.out, /AI span at src\/b\.ts:2-4 \(Claude Code\) lacks a valid senior sign-off/);
    assert.doesNotMatch(v.out, /moved-ai-code|recorded as human/);
  });

  it('a copy keeps the original span and adds one in the other file; short common lines never count', async () => {
    repo.write('src/c.ts', '// copied\n' + AI + '}\n');
    repo.git('add', '-A');
    await exportStaged(repo.root, path.join(repo.root, '.git'));
    repo.git('commit', '-qm', 'copy');
    assert.equal(committedSpans('src/a.ts').length, 1);
    assert.deepEqual(
      committedSpans('src/c.ts').map((s) => s.text),
      [AI.trimEnd()],
    );
  });

  it('a human file that shares only a short line with AI code gets no sidecar', async () => {
    repo.write('src/d.ts', '}\n');
    repo.git('add', '-A');
    await exportStaged(repo.root, path.join(repo.root, '.git'));
    repo.git('commit', '-qm', 'human');
    assert.equal(repo.git('ls-tree', '--name-only', 'HEAD', sidecarPathFor('src/d.ts')), '');
  });
});
