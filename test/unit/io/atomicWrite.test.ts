import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { sweepTempFiles, writeFileAtomic } from '../../../src/core/io/atomicWrite';

describe('atomic writes', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-atomic-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates parent folders and leaves no temporary files behind', async () => {
    const target = path.join(dir, 'a/b/c.aiprov');
    await writeFileAtomic(target, 'one');
    await writeFileAtomic(path.join(dir, 'a/b/d.aiprov'), 'two');
    assert.equal(fs.readFileSync(target, 'utf8'), 'one');
    assert.deepEqual(fs.readdirSync(path.join(dir, 'a/b')).sort(), ['c.aiprov', 'd.aiprov']);
  });

  it('a reader never sees a partial file while writes race', async () => {
    const target = path.join(dir, 'x.aiprov');
    const big = (ch: string) => ch.repeat(2_000_000);
    await writeFileAtomic(target, big('a'));
    let reads = 0;
    let stop = false;
    const reader = (async () => {
      while (!stop) {
        const text = fs.readFileSync(target, 'utf8');
        assert.ok(text === big('a') || text === big('b') || text === big('c'), `partial read of ${text.length} chars`);
        reads++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (const ch of ['b', 'c', 'b', 'c']) await writeFileAtomic(target, big(ch));
    stop = true;
    await reader;
    assert.ok(reads > 0);
  });

  it('a failed write leaves the old file intact', async () => {
    const target = path.join(dir, 'keep.aiprov');
    fs.writeFileSync(target, 'old');
    // Writing to a path whose parent is a file fails before the rename.
    await assert.rejects(writeFileAtomic(path.join(target, 'child'), 'new'));
    assert.equal(fs.readFileSync(target, 'utf8'), 'old');
    // A rename that fails (the target is a folder) keeps the target and removes the temporary file.
    const folder = path.join(dir, 'folder.aiprov');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'inside'), 'old');
    await assert.rejects(writeFileAtomic(folder, 'new'));
    assert.equal(fs.readFileSync(path.join(folder, 'inside'), 'utf8'), 'old');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['folder.aiprov', 'keep.aiprov']);
  });
});

describe('temporary files a crash leaves behind', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-sweep-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes through a temporary directory so the target folder never holds one', async () => {
    const target = path.join(dir, 'tree/.aiprov/a.ts.aiprov');
    await writeFileAtomic(target, 'x', { tempDir: path.join(dir, 'git/aiprov/tmp') });
    assert.equal(fs.readFileSync(target, 'utf8'), 'x');
    assert.deepEqual(fs.readdirSync(path.dirname(target)), ['a.ts.aiprov']);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'git/aiprov/tmp')), []);
  });

  it('sweeps the temporary files of dead writers, keeps those of live ones and everything else', async () => {
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
    const uuid = '01936f4e-8a2b-7c3d-9e4f-0123456789ab';
    const sub = path.join(dir, 'src');
    fs.mkdirSync(sub);
    const abandoned = path.join(sub, `.a.ts.aiprov.${dead}.${uuid}.tmp`);
    const inFlight = path.join(sub, `.b.ts.aiprov.${process.ppid}.${uuid}.tmp`);
    const legacyOld = path.join(dir, `.c.ts.aiprov.${uuid}.tmp`);
    const userFile = path.join(dir, 'notes.tmp');
    for (const f of [abandoned, inFlight, legacyOld, userFile]) fs.writeFileSync(f, '');
    const old = new Date(Date.now() - 3_600_000);
    fs.utimesSync(legacyOld, old, old);
    const removed = await sweepTempFiles(dir);
    assert.deepEqual(removed.sort(), [abandoned, legacyOld].sort());
    assert.ok(fs.existsSync(inFlight) && fs.existsSync(userFile));
  });
});
