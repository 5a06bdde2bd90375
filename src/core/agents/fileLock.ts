// One hook at a time per file: agents may fire hooks for consecutive edits concurrently (Codex
// launches matching hooks in parallel), and two hooks reading the same record would each drop the
// other's span when writing. The lock is a file created exclusively under the git directory; a
// lock older than STALE_MS (its hook crashed) is taken over, and after WAIT_MS the hook goes ahead
// anyway rather than hold the agent up.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

const STALE_MS = 10_000;
const WAIT_MS = 3_000;
const POLL_MS = 15;

export async function withFileLock<T>(gitDir: string, repoPath: string, fn: () => Promise<T>, onTimeout: () => void): Promise<T> {
  const dir = path.join(gitDir, 'aiprov', 'locks');
  const lock = path.join(dir, `${createHash('sha256').update(repoPath).digest('hex').slice(0, 40)}.lock`);
  await fs.mkdir(dir, { recursive: true });
  const deadline = Date.now() + WAIT_MS;
  let held = false;
  while (!held) {
    try {
      await (await fs.open(lock, 'wx')).close();
      held = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = await fs.stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > STALE_MS) await fs.rm(lock, { force: true });
      else if (Date.now() > deadline) {
        onTimeout();
        break;
      } else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
  try {
    return await fn();
  } finally {
    if (held) await fs.rm(lock, { force: true });
  }
}
