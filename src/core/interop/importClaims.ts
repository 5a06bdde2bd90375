// Brings AI line claims from another tool into live provenance: mapped onto the current file (re-
// anchored through the diff when they were recorded at another revision), merged with what is
// already known. Bad claims are reported one by one; good ones still import. A record whose
// revision this clone does not have imports nothing, and says so for each file. Each file is read
// and written under its provenance lock, and a file whose live record or sidecar cannot be read
// imports nothing (listed in `unreadable`), so no record is written over what could not be read.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { reanchorSpans } from '../anchor';
import { buildSidecar, checkRepoPath, SIDECAR_DIR } from '../format';
import { withProvenanceLock } from '../live/provenanceLock';
import { LiveStore } from '../live/store';
import { gitText, storeBlob } from '../repo/git';
import { loadFileProvenance } from '../repo/provenance';
import { SpanTracker } from '../spans/tracker';
import { claimsToSpans, type LineClaim } from './claims';
import { fileAtCommit, resolveCommit } from './revisions';

export interface ImportResult {
  imported: Array<{ path: string; spans: number }>;
  problems: string[];
  /** Imported anyway, but worth a look (a content hash that does not match its lines). */
  warnings: string[];
  /** Files not imported because a record of theirs cannot be read (left byte-identical). */
  unreadable: Array<{ file: string; reason: string }>;
}

export interface ImportSource {
  /** The revision the line numbers refer to; absent: the working tree. */
  revision?: string;
  /** The record's version control system, when it names one. */
  vcsType?: string;
  /**
   * The lines are the file's as an edit made on `revision` left it, not yet committed (the Agent
   * Trace reference implementation records `git rev-parse HEAD` when the edit happens): they are
   * read against the first commit after `revision` that changed the file, else the working tree.
   */
  linesAfterRevision?: boolean;
}

/** Paths a record may name but that are no source file aiprov tracks. */
function notTrackable(repoPath: string): string | undefined {
  if (repoPath.includes('\n')) return `the path ${JSON.stringify(repoPath)} contains a line break`;
  const parts = repoPath.split('/');
  if (parts.some((p) => p.toLowerCase() === '.git')) return `the path "${repoPath}" is inside a .git folder`;
  if (parts[0] === SIDECAR_DIR) return `the path "${repoPath}" is in aiprov's own ${SIDECAR_DIR} folder`;
  return undefined;
}

/** A record's path is read from the working tree only as a file there, never through a symbolic link. */
async function notARegularFile(repoRoot: string, repoPath: string): Promise<string | undefined> {
  const abs = path.join(repoRoot, repoPath);
  try {
    if ((await fs.lstat(abs)).isSymbolicLink()) return 'a symbolic link, not a file';
    const real = await fs.realpath(abs);
    const root = await fs.realpath(repoRoot);
    if (!real.startsWith(root + path.sep)) return 'reached through a symbolic link that leads outside the repository';
  } catch {
    return undefined; // not there: said when it is read
  }
  return undefined;
}

/** The oldest commit after `commit` in HEAD's history that changed `repoPath`, if any. */
async function firstChangeAfter(repoRoot: string, commit: string, repoPath: string): Promise<string | undefined> {
  const listed = await gitText(repoRoot, [
    'rev-list',
    '--reverse',
    '--topo-order',
    '--end-of-options',
    `${commit}..HEAD`,
    '--',
    `:(literal)${repoPath}`,
  ]).catch(() => '');
  return listed.split('\n')[0] || undefined;
}

export async function importClaims(
  repoRoot: string,
  gitDir: string,
  claims: readonly LineClaim[],
  source: ImportSource = {},
  now = new Date(),
): Promise<ImportResult> {
  const result: ImportResult = { imported: [], problems: [], warnings: [], unreadable: [] };
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
    const unsafe = checkRepoPath(repoPath) ?? notTrackable(repoPath) ?? (await notARegularFile(repoRoot, repoPath));
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
    const at = commit && (source.linesAfterRevision ? await firstChangeAfter(repoRoot, commit, repoPath) : commit);
    if (at) {
      const atCommit = await fileAtCommit(repoRoot, at, repoPath);
      if (atCommit === undefined) {
        result.problems.push(`${repoPath}: not found at ${at.slice(0, 8)}; skipped`);
        continue;
      }
      recorded = atCommit;
    }
    const made = claimsToSpans(recorded, fileClaims, now, uuidv7);
    result.problems.push(...made.problems);
    result.warnings.push(...made.warnings);
    const spans = recorded === current ? made.spans : reanchorSpans(recorded, current, made.spans).spans;
    if (spans.length === 0) continue;
    const imported = await withProvenanceLock(gitDir, repoPath, async () => {
      const known = await loadFileProvenance({ repoRoot, liveDir: gitDir, repoPath, content: current, isGit: true });
      if (known.unreadable.length) {
        for (const e of known.unreadable) result.unreadable.push({ file: e.file, reason: `${e.reason}; left untouched, nothing imported` });
        return false;
      }
      const tracker = new SpanTracker(known.spans);
      for (const span of spans) for (const r of span.ranges) tracker.markAi(r, span.attribution, span.id, span.acceptedLength);
      await storeBlob(repoRoot, current);
      await new LiveStore(gitDir).write(buildSidecar(repoPath, current, tracker.spans(), known.signoffs));
      return true;
    });
    if (imported) result.imported.push({ path: repoPath, spans: spans.length });
  }
  return result;
}
