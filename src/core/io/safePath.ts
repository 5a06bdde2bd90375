// A committed `.aiprov` symlink must not make aiprov write outside the repository: every existing
// component between the repository root and the target must be a real directory or file.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { FileError } from '../fileError';

export class UnsafePathError extends FileError {}

/** Throws UnsafePathError when any existing component of `rel` under `root` is a symbolic link. */
export async function assertNoSymlinks(root: string, rel: string): Promise<void> {
  const parts = rel.split('/');
  let at = root;
  for (let i = 0; i < parts.length; i++) {
    at = path.join(at, parts[i]);
    let stat;
    try {
      stat = await fs.lstat(at);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    if (stat.isSymbolicLink())
      throw new UnsafePathError(rel, `${parts.slice(0, i + 1).join('/')} is a symbolic link; aiprov refuses to write through it`);
  }
}
