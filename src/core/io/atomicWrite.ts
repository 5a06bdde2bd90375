// Writes that never leave a half-written file: write a temporary file beside the target, flush it
// to disk, then rename over the target (atomic on POSIX file systems).
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { v7 as uuidv7 } from 'uuid';

function tempPathFor(absPath: string): string {
  return path.join(path.dirname(absPath), `.${path.basename(absPath)}.${uuidv7()}.tmp`);
}

export interface AtomicWriteOptions {
  /** fsync before the rename (durable across a crash). Readers never see a partial file either way. */
  durable?: boolean;
}

export async function writeFileAtomic(absPath: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  await fsp.mkdir(path.dirname(absPath), { recursive: true });
  const temp = tempPathFor(absPath);
  try {
    const handle = await fsp.open(temp, 'w');
    try {
      await handle.writeFile(data);
      if (options.durable !== false) await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(temp, absPath);
  } catch (err) {
    await fsp.rm(temp, { force: true });
    throw err;
  }
}

export function writeFileAtomicSync(absPath: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(absPath), { recursive: true });
  const temp = tempPathFor(absPath);
  try {
    const fd = fs.openSync(temp, 'w');
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, absPath);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}
