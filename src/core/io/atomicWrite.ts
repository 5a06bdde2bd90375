// Writes that never leave a half-written file: write a temporary file, flush it to disk, then
// rename over the target (atomic on POSIX file systems). Temporary names carry the writer's pid,
// so one left by a killed process is recognised and swept (sweepTempFiles).
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { processAlive } from './fileSystem';

const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;
/** Before temporary names carried a pid. */
const LEGACY_TEMP_NAME = /^\..+\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;

/**
 * At most 40 characters of the target's name (160 bytes): with the pid and uuid that make it
 * unique, a temporary name stays within the 255 bytes a file name may have, whatever the target's.
 */
function tempPathFor(absPath: string, dir = path.dirname(absPath)): string {
  const name = [...path.basename(absPath)].slice(0, 40).join('');
  return path.join(dir, `.${name}.${process.pid}.${uuidv7()}.tmp`);
}

export interface AtomicWriteOptions {
  /** fsync before the rename (durable across a crash). Readers never see a partial file either way. */
  durable?: boolean;
  /**
   * Where the temporary file goes (e.g. inside the git directory, so a crash leaves nothing in the
   * user's tree). Falls back to beside the target when the two are on different file systems.
   */
  tempDir?: string;
}

async function writeTemp(temp: string, data: string | Uint8Array, durable: boolean): Promise<void> {
  const handle = await fsp.open(temp, 'w');
  try {
    await handle.writeFile(data);
    if (durable) await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function writeFileAtomic(absPath: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  await fsp.mkdir(path.dirname(absPath), { recursive: true });
  if (options.tempDir) await fsp.mkdir(options.tempDir, { recursive: true });
  let temp = tempPathFor(absPath, options.tempDir);
  try {
    await writeTemp(temp, data, options.durable !== false);
    try {
      await fsp.rename(temp, absPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      await fsp.rm(temp, { force: true });
      temp = tempPathFor(absPath);
      await writeTemp(temp, data, options.durable !== false);
      await fsp.rename(temp, absPath);
    }
  } catch (err) {
    await fsp.rm(temp, { force: true });
    throw err;
  }
}

/**
 * Removes temporary files that a killed writer left under `dir` (recursively): those whose
 * process is gone, and old-style ones older than `legacyAgeMs`. Returns the paths removed.
 */
export async function sweepTempFiles(dir: string, legacyAgeMs = 10 * 60_000): Promise<string[]> {
  const removed: string[] = [];
  const walk = async (d: string): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await fsp.readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) {
        await walk(full);
        continue;
      }
      const m = TEMP_NAME.exec(e.name);
      let abandoned = false;
      if (m) abandoned = Number(m[1]) !== process.pid && !processAlive(Number(m[1]));
      else if (LEGACY_TEMP_NAME.test(e.name))
        abandoned = Date.now() - (await fsp.stat(full).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs > legacyAgeMs;
      if (abandoned) {
        await fsp.rm(full, { force: true });
        removed.push(full);
      }
    }
  };
  await walk(dir);
  return removed;
}
