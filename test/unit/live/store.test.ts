import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSidecar, SidecarError } from '../../../src/core/format';
import { LiveStore } from '../../../src/core/live/store';
import { SpanTracker } from '../../../src/core/spans/tracker';

describe('LiveStore', () => {
  let gitDir: string;
  beforeEach(() => (gitDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-live-'))));
  afterEach(() => fs.rmSync(gitDir, { recursive: true, force: true }));

  it('writes, lists, reads back and removes live provenance per file', async () => {
    const store = new LiveStore(gitDir);
    const tracker = new SpanTracker();
    tracker.markAi(
      { start: 0, end: 5 },
      { origin: 'inlineCompletion', confidence: 'certain', capturedAt: '2026-11-01T10:00:00.000Z' },
      'A',
    );
    const sidecar = buildSidecar('src/deep/app.ts', 'hello world', tracker.spans());
    await store.write(sidecar);
    assert.deepEqual(await store.list(), ['src/deep/app.ts']);
    assert.deepEqual(await store.read('src/deep/app.ts'), JSON.parse(JSON.stringify(sidecar)));
    assert.equal(await store.read('src/other.ts'), undefined);
    await store.remove('src/deep/app.ts');
    assert.deepEqual(await store.list(), []);
  });

  it('reports a corrupt live file with its path and leaves it untouched', async () => {
    const store = new LiveStore(gitDir);
    const file = path.join(gitDir, 'aiprov/live/src/app.ts.aiprov');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"version": 1, "path": ');
    await assert.rejects(
      store.read('src/app.ts'),
      (err: unknown) => err instanceof SidecarError && err.code === 'syntax' && err.file === file,
    );
    assert.equal(fs.readFileSync(file, 'utf8'), '{"version": 1, "path": ');
  });

  it('refuses a repository path that escapes the store', async () => {
    await assert.rejects(new LiveStore(gitDir).read('../../etc/passwd'), /escapes the repository/);
  });
});
