import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSidecar, serializeSidecar, sidecarPathFor } from '../../../src/core/format';
import { LiveStore } from '../../../src/core/live/store';
import { locateRepo, storeBlob } from '../../../src/core/repo/git';
import { loadFileProvenance } from '../../../src/core/repo/provenance';
import { SpanTracker } from '../../../src/core/spans/tracker';

const attribution = { origin: 'inlineCompletion' as const, confidence: 'certain' as const, capturedAt: '2026-11-01T10:00:00.000Z' };

describe('loadFileProvenance', () => {
  let repo: string;
  beforeEach(() => {
    repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-repo-')));
    execFileSync('git', ['init', '-q'], { cwd: repo });
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('uses the live record when it describes exactly the current content', async () => {
    const loc = (await locateRepo(repo))!;
    assert.equal(loc.repoRoot, repo);
    const content = 'const a = 1;\nconst b = 2;\n';
    const t = new SpanTracker();
    t.markAi({ start: 13, end: 25 }, attribution, 'A');
    await new LiveStore(loc.gitDir).write(buildSidecar('src/x.ts', content, t.spans()));
    const p = await loadFileProvenance({ repoRoot: repo, liveDir: loc.gitDir, repoPath: 'src/x.ts', content, isGit: true });
    assert.equal(p.source, 'live');
    assert.deepEqual(
      p.spans.map((s) => s.ranges),
      [[{ start: 13, end: 25 }]],
    );
  });

  it('re-anchors a committed sidecar onto content edited since, reading the old content from git', async () => {
    const loc = (await locateRepo(repo))!;
    const old = 'const a = 1;\nconst b = 2;\n';
    await storeBlob(repo, old);
    const t = new SpanTracker();
    t.markAi({ start: 13, end: 25 }, attribution, 'A');
    const file = path.join(repo, sidecarPathFor('src/x.ts'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, serializeSidecar(buildSidecar('src/x.ts', old, t.spans())));
    const content = '// header\n' + old;
    const p = await loadFileProvenance({ repoRoot: repo, liveDir: loc.gitDir, repoPath: 'src/x.ts', content, isGit: true });
    assert.equal(p.source, 'committed');
    assert.deepEqual(
      p.spans.map((s) => content.slice(s.ranges[0].start, s.ranges[0].end)),
      ['const b = 2;'],
    );
    assert.deepEqual(p.problems, []);
  });

  it('reports, rather than guesses, when the described content is unknown to git', async () => {
    const loc = (await locateRepo(repo))!;
    const t = new SpanTracker();
    t.markAi({ start: 0, end: 4 }, attribution, 'A');
    await new LiveStore(loc.gitDir).write(buildSidecar('x.ts', 'never stored', t.spans()));
    const p = await loadFileProvenance({ repoRoot: repo, liveDir: loc.gitDir, repoPath: 'x.ts', content: 'other', isGit: true });
    assert.deepEqual(p.spans, []);
    assert.match(p.problems.join('\n'), /git does not have/);
  });

  it('a record describing exactly the current content wins over an older one', async () => {
    const loc = (await locateRepo(repo))!;
    const old = 'const a = 1;\n';
    await storeBlob(repo, old);
    const t = new SpanTracker();
    t.markAi({ start: 0, end: 5 }, attribution, 'OLD');
    await new LiveStore(loc.gitDir).write(buildSidecar('x.ts', old, t.spans()));
    const content = 'const a = 1;\nconst b = 2;\n';
    const fresh = new SpanTracker();
    fresh.markAi({ start: 13, end: 25 }, attribution, 'NEW');
    const file = path.join(repo, sidecarPathFor('x.ts'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, serializeSidecar(buildSidecar('x.ts', content, fresh.spans())));
    const p = await loadFileProvenance({ repoRoot: repo, liveDir: loc.gitDir, repoPath: 'x.ts', content, isGit: true });
    assert.equal(p.source, 'committed');
    assert.deepEqual(
      p.spans.map((s) => s.id),
      ['NEW'],
    );
  });
});
