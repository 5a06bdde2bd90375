// Pre-tool snapshots: for tools whose payload carries no edit (a whole-file Write, a notebook
// edit), the agent's pre-tool hook stores the file as it was, and the post-tool hook diffs against
// it. Kept under the git directory (never in the work tree), one small file per agent, session and
// path, removed when used; an old one (the tool failed, no post event came) is ignored.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '../io/atomicWrite';

const MAX_AGE_MS = 10 * 60 * 1000;

interface SnapshotFile {
  repoPath: string;
  takenAt: string;
  /** null: the file did not exist before the tool ran. */
  content: string | null;
}

function fileFor(gitDir: string, agent: string, sessionId: string | undefined, repoPath: string): string {
  const key = createHash('sha256')
    .update(`${agent}\0${sessionId ?? ''}\0${repoPath}`)
    .digest('hex')
    .slice(0, 40);
  return path.join(gitDir, 'aiprov', 'agent-snapshots', `${key}.json`);
}

export async function takeSnapshot(
  gitDir: string,
  agent: string,
  sessionId: string | undefined,
  repoPath: string,
  content: string | null,
  now = new Date(),
): Promise<void> {
  const record: SnapshotFile = { repoPath, takenAt: now.toISOString(), content };
  const file = fileFor(gitDir, agent, sessionId, repoPath);
  await writeFileAtomic(file, JSON.stringify(record), { durable: false });
  await removeStale(path.dirname(file), now);
}

/** Snapshots whose tool never reported back (it failed, the agent was stopped) are dropped here. */
async function removeStale(dir: string, now: Date): Promise<void> {
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat && now.getTime() - stat.mtimeMs > MAX_AGE_MS) await fs.rm(file, { force: true });
  }
}

/** The snapshot's content (null: there was no file), or undefined when there is no usable snapshot. Always removes it. */
export async function consumeSnapshot(
  gitDir: string,
  agent: string,
  sessionId: string | undefined,
  repoPath: string,
  now = new Date(),
): Promise<string | null | undefined> {
  const file = fileFor(gitDir, agent, sessionId, repoPath);
  let record: SnapshotFile;
  try {
    record = JSON.parse(await fs.readFile(file, 'utf8')) as SnapshotFile;
  } catch {
    return undefined;
  } finally {
    await fs.rm(file, { force: true });
  }
  if (record.repoPath !== repoPath || now.getTime() - Date.parse(record.takenAt) > MAX_AGE_MS) return undefined;
  return typeof record.content === 'string' || record.content === null ? record.content : undefined;
}
