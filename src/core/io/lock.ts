// A lock file like git's index.lock: created exclusively (O_EXCL), holding who took it, removed on
// release. A lock whose owner died (same host, process gone) or that is older than `staleMs` is
// broken, so a killed hook never blocks the next commit.
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { processAlive } from './fileSystem';

export interface LockOptions {
  /** Give up waiting after this long (ms). */
  timeoutMs?: number;
  /** A lock older than this is taken to be abandoned, whoever holds it (ms). */
  staleMs?: number;
}

export class LockTimeoutError extends Error {
  constructor(
    readonly lockFile: string,
    holder: string,
  ) {
    super(`${lockFile} is held by ${holder || 'another process'}; if no aiprov or git command is running, remove it`);
    this.name = 'LockTimeoutError';
  }
}

interface Holder {
  pid: number;
  host: string;
  at: number;
}

async function readHolder(lockFile: string): Promise<{ text: string; holder?: Holder; mtimeMs: number } | undefined> {
  try {
    const [text, stat] = await Promise.all([fsp.readFile(lockFile, 'utf8'), fsp.stat(lockFile)]);
    try {
      return { text, holder: JSON.parse(text) as Holder, mtimeMs: stat.mtimeMs };
    } catch {
      return { text, mtimeMs: stat.mtimeMs }; // being written, or its writer died before writing
    }
  } catch {
    return undefined; // released meanwhile
  }
}

function isStale(seen: { holder?: Holder; mtimeMs: number }, staleMs: number): boolean {
  const age = Date.now() - (seen.holder?.at ?? seen.mtimeMs);
  if (age > staleMs) return true;
  if (!seen.holder) return Date.now() - seen.mtimeMs > 2000;
  return seen.holder.host === os.hostname() && !processAlive(seen.holder.pid);
}

/** Breaks a stale lock without deleting a fresh one that replaced it meanwhile. */
async function breakStale(lockFile: string, staleText: string): Promise<void> {
  const aside = `${lockFile}.${uuidv7()}.stale`;
  try {
    await fsp.rename(lockFile, aside);
  } catch {
    return; // someone else broke or released it
  }
  const moved = await fsp.readFile(aside, 'utf8').catch(() => '');
  if (moved !== staleText) await fsp.link(aside, lockFile).catch(() => undefined); // not the one we judged: put it back
  await fsp.rm(aside, { force: true });
}

/** One create-exclusive attempt; synchronous, as it is a few microseconds and must not interleave. */
function tryCreate(lockFile: string, me: Holder): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockFile, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    fs.mkdirSync(path.dirname(lockFile), { recursive: true });
    return tryCreate(lockFile, me);
  }
  try {
    fs.writeSync(fd, JSON.stringify({ ...me, at: Date.now() }));
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

async function acquire(lockFile: string, opts: Required<LockOptions>): Promise<void> {
  const me: Holder = { pid: process.pid, host: os.hostname(), at: Date.now() };
  const deadline = Date.now() + opts.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(lockFile, me)) return;
    const seen = await readHolder(lockFile);
    if (seen && isStale(seen, opts.staleMs)) {
      await breakStale(lockFile, seen.text);
      continue;
    }
    if (Date.now() > deadline)
      throw new LockTimeoutError(lockFile, seen?.holder ? `process ${seen.holder.pid} on ${seen.holder.host}` : '');
    // Short randomised back-off: contention is brief (one read-modify-write).
    await new Promise((r) => setTimeout(r, Math.min(50, 2 + attempt * 2) * (0.5 + Math.random())));
  }
}

/** Runs `body` while holding `lockFile`; the lock is released however `body` ends. */
export async function withLock<T>(lockFile: string, body: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const opts = { timeoutMs: options.timeoutMs ?? 30_000, staleMs: options.staleMs ?? 120_000 };
  await acquire(lockFile, opts);
  try {
    return await body();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}
