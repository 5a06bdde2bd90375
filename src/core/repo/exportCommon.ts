// What the export paths share: the result they report, refusal of files whose records could not
// be read, and the sweep of temporary files a killed writer left.
import * as path from 'node:path';
import { SIDECAR_DIR, type Sidecar } from '../format';
import { sweepTempFiles } from '../io/atomicWrite';
import { aiprovTempDir } from '../live/provenanceLock';
import { LiveStore } from '../live/store';
import type { FileProvenance } from './provenance';

/** A file whose provenance was not exported, and why; its records were left untouched. */
export interface ExportFailure {
  file: string;
  reason: string;
}

export interface ExportResult {
  written: string[];
  removed: string[];
  problems: string[];
  /** Files refused (an unreadable, invalid or newer-version record): a commit must not go on. */
  failures: ExportFailure[];
  /** The sidecars written for this export (staged ones, for the commit trailer). */
  sidecars: Sidecar[];
}

/** Records a refusal when `provenance` met a record it could not read; true when it did. */
export function refused(result: ExportResult, provenance: FileProvenance): boolean {
  for (const e of provenance.unreadable) result.failures.push({ file: e.file, reason: `${e.reason}; left untouched` });
  return provenance.unreadable.length > 0;
}

/** Removes temporary files a killed writer left (in the git directory and the sidecar folder). */
export async function sweepLitter(repoRoot: string, gitDir: string): Promise<void> {
  await Promise.all([
    sweepTempFiles(aiprovTempDir(gitDir)),
    sweepTempFiles(new LiveStore(gitDir).dir),
    sweepTempFiles(path.join(repoRoot, SIDECAR_DIR)),
  ]);
}
