import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LockTimeoutError, withLock } from '../../../src/core/io/lock';

/** The pid of a process that has exited (so the lock it "held" is abandoned). */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
}

describe('lock files (create-exclusive, stale detection)', () => {
  let dir: string;
  let lock: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-lock-'));
    lock = path.join(dir, 'locks', 'x.lock');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('serialises bodies: no two run at once, and the lock is gone afterwards', async () => {
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        withLock(lock, async () => {
          most = Math.max(most, ++inside);
          await new Promise((r) => setImmediate(r));
          inside--;
        }),
      ),
    );
    assert.equal(most, 1);
    assert.equal(fs.existsSync(lock), false);
  });

  it('releases the lock when the body throws', async () => {
    await assert.rejects(
      withLock(lock, async () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(fs.existsSync(lock), false);
  });

  it('breaks a lock whose holder died (a killed hook does not block the next commit)', async () => {
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    fs.writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: os.hostname(), at: Date.now() }));
    assert.equal(await withLock(lock, async () => 'ran', { timeoutMs: 2000 }), 'ran');
  });

  it('breaks a lock older than the stale age whoever holds it', async () => {
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    fs.writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: 'another-host', at: Date.now() - 10_000 }));
    assert.equal(await withLock(lock, async () => 'ran', { timeoutMs: 2000, staleMs: 5_000 }), 'ran');
  });

  it('waits for a live holder and then names it when giving up', async () => {
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    fs.writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: os.hostname(), at: Date.now() }));
    await assert.rejects(
      withLock(lock, async () => 'ran', { timeoutMs: 200 }),
      (err: unknown) => err instanceof LockTimeoutError && /held by process \d+/.test(err.message),
    );
    assert.ok(fs.existsSync(lock), 'a live holder keeps its lock');
  });
});
