// Small file-system facts shared by the writers.
import * as fs from 'node:fs/promises';

/** True when something (a file, folder or link, even a dangling one) is at `file`. */
export async function pathExists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  );
}

/** Whether process `pid` on this host is still running (EPERM: it runs as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
