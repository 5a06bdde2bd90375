// Brings AI line claims from another tool into live provenance: mapped onto the current file (re-
// anchored through the diff when they were recorded at another revision), merged with what is
// already known. Bad claims are reported one by one; good ones still import. A record whose
// revision this clone does not have imports nothing, and says so for each file.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { reanchorSpans } from '../anchor';
import { buildSidecar, checkRepoPath } from '../format';
import { LiveStore } from '../live/store';
import { storeBlob } from '../repo/git';
import { loadFileProvenance } from '../repo/provenance';
import { SpanTracker } from '../spans/tracker';
import { claimsToSpans, type LineClaim } from './claims';
import { fileAtCommit, resolveCommit } from './revisions';

export interface ImportResult {
  imported: Array<{ path: string; spans: number }>;
  problems: string[];
  /** Imported anyway, but worth a look (a content hash that does not match its lines). */
  warnings: string[];
}

export interface ImportSource {
  /** The revision the line numbers refer to; absent: the working tree. */
  revision?: string;
  /** The record's version control system, when it names one. */
  vcsType?: string;
}

export async function importClaims(
  repoRoot: string,
  gitDir: string,
  claims: readonly LineClaim[],
  source: ImportSource = {},
  now = new Date(),
): Promise<ImportResult> {
  const result: ImportResult = { imported: [], problems: [], warnings: [] };
  const byPath = new Map<string, LineClaim[]>();
  for (const c of claims) byPath.set(c.path, [...(byPath.get(c.path) ?? []), c]);
  if (byPath.size === 0) return result;

  let commit: string | undefined;
  if (source.vcsType && source.vcsType !== 'git') {
    for (const p of byPath.keys())
      result.problems.push(`${p}: recorded against a ${source.vcsType} revision, which git cannot read; nothing imported`);
    return result;
  }
  if (source.revision !== undefined) {
    commit = await resolveCommit(repoRoot, source.revision);
    if (!commit) {
      for (const p of byPath.keys())
        result.problems.push(`${p}: revision ${JSON.stringify(source.revision)} is not in this clone; nothing imported (fetch it first)`);
      return result;
    }
  }

  for (const [repoPath, fileClaims] of byPath) {
    const unsafe =
      checkRepoPath(repoPath) ?? (repoPath.includes('\n') ? `the path ${JSON.stringify(repoPath)} contains a line break` : undefined);
    if (unsafe) {
      result.problems.push(`${repoPath}: ${unsafe}; skipped`);
      continue;
    }
    let current: string;
    try {
      current = await fs.readFile(path.join(repoRoot, repoPath), 'utf8');
    } catch {
      result.problems.push(`${repoPath}: not in the working tree; skipped`);
      continue;
    }
    let recorded = current;
    if (commit) {
      const atCommit = await fileAtCommit(repoRoot, commit, repoPath);
      if (atCommit === undefined) {
        result.problems.push(`${repoPath}: not found at ${commit.slice(0, 8)}; skipped`);
        continue;
      }
      recorded = atCommit;
    }
    const made = claimsToSpans(recorded, fileClaims, now, uuidv7);
    result.problems.push(...made.problems);
    result.warnings.push(...made.warnings);
    const spans = recorded === current ? made.spans : reanchorSpans(recorded, current, made.spans).spans;
    if (spans.length === 0) continue;
    const known = await loadFileProvenance({ repoRoot, liveDir: gitDir, repoPath, content: current, isGit: true });
    const tracker = new SpanTracker(known.spans);
    for (const span of spans) for (const r of span.ranges) tracker.markAi(r, span.attribution, span.id, span.acceptedLength);
    await storeBlob(repoRoot, current);
    await new LiveStore(gitDir).write(buildSidecar(repoPath, current, tracker.spans(), known.signoffs));
    result.imported.push({ path: repoPath, spans: spans.length });
  }
  return result;
}
