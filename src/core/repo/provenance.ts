// The current spans of one file, from whatever record exists: the live record when it describes
// exactly this content, else the live or committed record re-anchored from the content it
// describes (read back from git by blob id). Problems are reported, never thrown away.
import * as path from 'node:path';
import { reanchorSpans } from '../anchor';
import { gitBlobId } from '../digest';
import { readSidecarFile, sidecarPathFor, spansOf, type Sidecar } from '../format';
import { LiveStore } from '../live/store';
import type { AiSpan, SignOff } from '../model';
import { readBlob } from './git';

export interface FileProvenance {
  spans: AiSpan[];
  signoffs: SignOff[];
  source: 'live' | 'committed' | 'none';
  problems: string[];
}

export interface FileProvenanceQuery {
  repoRoot: string;
  /** Where live provenance is kept (the git directory, or workspace storage outside git). */
  liveDir: string;
  repoPath: string;
  content: string;
  /** Whether `repoRoot` is a git repository whose committed sidecars and blobs can be read. */
  isGit: boolean;
}

export async function loadFileProvenance(q: FileProvenanceQuery): Promise<FileProvenance> {
  const problems: string[] = [];
  const blob = gitBlobId(q.content);
  let live: Sidecar | undefined;
  try {
    live = await new LiveStore(q.liveDir).read(q.repoPath);
  } catch (err) {
    problems.push((err as Error).message);
  }
  let committed: Sidecar | undefined;
  if (q.isGit) {
    const rel = sidecarPathFor(q.repoPath);
    const r = await readSidecarFile(path.join(q.repoRoot, rel), rel);
    if (r.ok) committed = r.sidecar;
    else if (r.error.code !== 'io') problems.push(r.error.message);
  }
  const signoffs = unionById(committed?.signoffs ?? [], live?.signoffs ?? []);

  const records = [[live, 'live'], [committed, 'committed']] as const;
  // A record that describes exactly this content wins; only then is one re-anchored.
  for (const [record, source] of records) {
    if (record?.blob === blob) return { spans: spansOf(record), signoffs, source, problems };
  }
  for (const [record, source] of records) {
    if (!record) continue;
    const old = q.isGit ? await readBlob(q.repoRoot, record.blob) : undefined;
    if (old === undefined) {
      problems.push(`${q.repoPath}: the ${source} record describes content ${record.blob.slice(0, 8)} that git does not have; its spans could not be re-anchored`);
      continue;
    }
    const moved = reanchorSpans(old, q.content, spansOf(record));
    if (moved.couldNotReanchor) problems.push(`${q.repoPath}: ${moved.couldNotReanchor}`);
    return { spans: moved.spans, signoffs, source, problems };
  }
  return { spans: [], signoffs, source: 'none', problems };
}

function unionById(a: readonly SignOff[], b: readonly SignOff[]): SignOff[] {
  const byId = new Map<string, SignOff>();
  for (const s of [...a, ...b]) byId.set(s.id, s);
  return [...byId.values()];
}
