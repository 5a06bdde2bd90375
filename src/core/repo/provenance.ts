// The current spans of one file, from whatever record exists: the live record when it describes
// exactly this content, else the live or committed record re-anchored from the content it
// describes (read back from git by blob id, or found again by exact text when git does not have
// it). Problems are reported, never thrown away; a record that cannot be read is named in
// `unreadable` so that no writer replaces it.
import * as path from 'node:path';
import { reanchorSpans, reanchorWithoutBlob } from '../anchor';
import { eolOnlyMapping, mapSpansThrough } from '../anchor/eolMapping';
import { gitBlobId, normalizeEol } from '../digest';
import { readSidecarFile, SidecarError, sidecarPathFor, spansOf, type Sidecar } from '../format';
import { LiveStore } from '../live/store';
import type { AiSpan, SignOff } from '../model';
import { gitText, readBlob } from './git';
import { pathExists } from '../io/fileSystem';

export interface FileProvenance {
  spans: AiSpan[];
  signoffs: SignOff[];
  source: 'live' | 'committed' | 'none';
  problems: string[];
  /** Records that exist but could not be read (truncated, invalid, newer version, too large). */
  unreadable: SidecarError[];
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

/** The blob id of `repoPath` at HEAD, or undefined (no HEAD, or not there). */
async function headBlobOf(repoRoot: string, repoPath: string): Promise<string | undefined> {
  try {
    return (await gitText(repoRoot, ['rev-parse', '--verify', '-q', '--end-of-options', `HEAD:${repoPath}`])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Spans of `record` found again in `content` by their recorded positions and exact text. */
function withoutBlob(record: Sidecar, content: string): { spans: AiSpan[]; notFound: string[] } {
  const normalised = normalizeEol(content);
  const found = reanchorWithoutBlob(normalised, record.spans);
  let spans = spansOf({ ...record, spans: found.spans });
  const back = eolOnlyMapping(normalised, content);
  if (back) spans = mapSpansThrough(spans, back);
  return { spans, notFound: found.notFound.map((n) => `span ${n.id}: ${n.reason}`) };
}

export async function loadFileProvenance(q: FileProvenanceQuery): Promise<FileProvenance> {
  const problems: string[] = [];
  const unreadable: SidecarError[] = [];
  const blob = gitBlobId(q.content);
  let live: Sidecar | undefined;
  try {
    live = await new LiveStore(q.liveDir).read(q.repoPath);
  } catch (err) {
    problems.push((err as Error).message);
    if (err instanceof SidecarError) unreadable.push(err);
  }
  let committed: Sidecar | undefined;
  if (q.isGit) {
    const rel = sidecarPathFor(q.repoPath);
    const r = await readSidecarFile(path.join(q.repoRoot, rel), rel);
    if (r.ok) committed = r.sidecar;
    else if (r.error.code !== 'io' || (await pathExists(path.join(q.repoRoot, rel)))) {
      problems.push(r.error.message);
      unreadable.push(r.error);
    }
  }
  // Reconcile with HEAD: when the file is back to its committed content (reset, checkout, stash)
  // a live record of other content describes work the user discarded; it must not come back.
  if (q.isGit && live && live.blob !== blob) {
    const head = await headBlobOf(q.repoRoot, q.repoPath);
    if (head !== undefined && (head === blob || head === gitBlobId(normalizeEol(q.content)))) live = undefined;
  }
  // In a repository every sign-off is written to the working-tree sidecar; one found only in the
  // live record was discarded with that sidecar (reset, checkout) and stays discarded.
  const signoffs = q.isGit
    ? [...(committed?.signoffs ?? live?.signoffs ?? [])]
    : unionById(committed?.signoffs ?? [], live?.signoffs ?? []);

  const liveFile = path.join(new LiveStore(q.liveDir).dir, `${q.repoPath}.aiprov`);
  // Each record's own content (when git has it): ranges past its end make the record invalid.
  const described = new Map<Sidecar, string | undefined>();
  for (const [record, file] of [
    [live, liveFile],
    [committed, sidecarPathFor(q.repoPath)],
  ] as const) {
    if (!record) continue;
    const text = record.blob === blob ? q.content : q.isGit ? await readBlob(q.repoRoot, record.blob) : undefined;
    const past = text === undefined ? undefined : pastTheEnd(record, text, file);
    if (past) return { spans: [], signoffs, source: 'none', problems: [...problems, past.message], unreadable: [...unreadable, past] };
    described.set(record, text);
  }
  const records = [
    [live, 'live'],
    [committed, 'committed'],
  ] as const;
  // A record that describes exactly this content wins; only then is one re-anchored.
  for (const [record, source] of records) {
    if (record?.blob === blob) return { spans: spansOf(record), signoffs, source, problems, unreadable };
  }
  for (const [record, source] of records) {
    if (!record) continue;
    const old = described.get(record);
    if (old === undefined) {
      const found = withoutBlob(record, q.content);
      for (const n of found.notFound)
        problems.push(`${q.repoPath}: the ${source} record describes content ${record.blob.slice(0, 8)} that git does not have, and ${n}`);
      return { spans: found.spans, signoffs, source, problems, unreadable };
    }
    const moved = reanchorSpans(old, q.content, spansOf(record));
    if (moved.couldNotReanchor) problems.push(`${q.repoPath}: ${moved.couldNotReanchor}`);
    return { spans: moved.spans, signoffs, source, problems, unreadable };
  }
  return { spans: [], signoffs, source: 'none', problems, unreadable };
}

/** A record whose ranges reach past the end of the very content it names is invalid, not stale. */
function pastTheEnd(record: Sidecar, described: string, file: string): SidecarError | undefined {
  for (const span of record.spans) {
    for (const r of span.ranges) {
      if (r.end > described.length)
        return new SidecarError(
          file,
          'range',
          `span ${span.id} ends at character ${r.end}, past the end of the content it describes (${described.length} characters)`,
        );
    }
  }
  return undefined;
}

function unionById(a: readonly SignOff[], b: readonly SignOff[]): SignOff[] {
  const byId = new Map<string, SignOff>();
  for (const s of [...a, ...b]) byId.set(s.id, s);
  return [...byId.values()];
}
