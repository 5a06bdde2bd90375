// One lock per tracked file, under the git directory, taken around every read-modify-write of its
// live record and sidecar: concurrent hooks, CLIs and VS Code windows then merge their changes
// instead of the last writer winning. Lock names are digests, so any file name git accepts works.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { withLock, type LockOptions } from '../io/lock';

export function provenanceLockFile(gitDir: string, repoPath: string): string {
  return path.join(gitDir, 'aiprov', 'locks', `${createHash('sha1').update(repoPath, 'utf8').digest('hex')}.lock`);
}

/** Where aiprov's temporary files go: inside the git directory, never in the user's tree. */
export function aiprovTempDir(gitDir: string): string {
  return path.join(gitDir, 'aiprov', 'tmp');
}

export function withProvenanceLock<T>(gitDir: string, repoPath: string, body: () => Promise<T>, options?: LockOptions): Promise<T> {
  return withLock(provenanceLockFile(gitDir, repoPath), body, options);
}
