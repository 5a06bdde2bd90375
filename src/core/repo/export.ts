// Export at commit: for each staged file, map its provenance onto the STAGED content (which may
// differ from the working tree after partial staging), write `.aiprov/<path>.aiprov` with that
// blob id and stage it. Sidecars of deleted files, or of files with no AI spans left, are removed;
// renames move the sidecar. Each file's read-modify-write holds its provenance lock; a record that
// cannot be read is never written over: the file is listed in `failures` and left byte-identical.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { buildSidecar, parseSidecar, repoPathOfSidecar, serializeSidecar, SIDECAR_DIR, sidecarPathFor, type Sidecar } from '../format';
import { writeFileAtomic } from '../io/atomicWrite';
import { aiprovTempDir, withProvenanceLock } from '../live/provenanceLock';
import { LiveStore } from '../live/store';
import { silentLogger, type Logger } from '../log';
import { git, gitText, parseNameStatus, readObjects } from './git';
import { refused, sweepLitter, type ExportFailure, type ExportResult } from './exportCommon';
import { sidecarsForMovedCode } from './exportMovedCode';
import { loadFileProvenance } from './provenance';

export { exportWorkingTree } from './exportWorkingTree';
export { sweepLitter, type ExportFailure, type ExportResult };

export interface StagedChange {
  status: 'A' | 'M' | 'D' | 'R' | 'C' | 'T';
  path: string;
  /** For renames and copies: where it came from. */
  from?: string;
}

/** Staged changes against HEAD (or against the empty tree before the first commit). */
export async function stagedChanges(repoRoot: string): Promise<StagedChange[]> {
  return parseNameStatus(await gitText(repoRoot, ['diff', '--cached', '--name-status', '-M', '-z', '--no-ext-diff'])) as StagedChange[];
}

export async function exportStaged(repoRoot: string, gitDir: string, logger: Logger = silentLogger): Promise<ExportResult> {
  const result: ExportResult = { written: [], removed: [], problems: [], failures: [], sidecars: [] };
  await sweepLitter(repoRoot, gitDir);
  // Only files with live provenance or a sidecar need work; one git process reads them all.
  const live = new Set(await new LiveStore(gitDir).list());
  const tracked = new Set(
    (await gitText(repoRoot, ['ls-files', '-z', '--', SIDECAR_DIR]))
      .split('\0')
      .filter(Boolean)
      .map((p) => p.slice(SIDECAR_DIR.length + 1, -'.aiprov'.length)),
  );
  const relevant = (p: string | undefined) => p !== undefined && (live.has(p) || tracked.has(p));
  const all = await stagedChanges(repoRoot);
  const changes = all.filter((c) => !c.path.startsWith(`${SIDECAR_DIR}/`) && (relevant(c.path) || relevant(c.from)));
  // A staged sidecar whose file is not itself changed (a merge resolved to our side) is still
  // checked against the staged content.
  const listed = new Set(changes.map((c) => c.path));
  for (const c of all) {
    const file = c.status !== 'D' ? repoPathOfSidecar(c.path) : undefined;
    if (file !== undefined && !listed.has(file) && tracked.has(file)) {
      changes.push({ status: 'M', path: file });
      listed.add(file);
    }
  }
  const staged = await readObjects(
    repoRoot,
    changes.filter((c) => c.status !== 'D').map((c) => `:${c.path}`),
  );

  const toStage: Sidecar[] = [];
  const toRemove: string[] = [];
  const tempDir = aiprovTempDir(gitDir);
  await Promise.all(
    changes.map(async (change) => {
      if (change.status === 'D') {
        toRemove.push(change.path);
        return;
      }
      const content = staged.get(`:${change.path}`);
      if (content === undefined || content.includes('\0')) return;
      // Read, map and write the working-tree sidecar under the file's lock, so a concurrent
      // writer's change is either in what we read or made after our write, never lost.
      await withProvenanceLock(gitDir, change.path, async () => {
        let provenance = await loadFileProvenance({ repoRoot, liveDir: gitDir, repoPath: change.path, content, isGit: true });
        if (refused(result, provenance)) return;
        if (change.status === 'R' && change.from) {
          if (provenance.source === 'none') {
            provenance = await loadFileProvenance({ repoRoot, liveDir: gitDir, repoPath: change.from, content, isGit: true });
            if (refused(result, provenance)) return;
          }
          toRemove.push(change.from);
        }
        result.problems.push(...provenance.problems);
        if (provenance.spans.length === 0) {
          if (provenance.source !== 'none') toRemove.push(change.path);
          return;
        }
        const sidecar = buildSidecar(change.path, content, provenance.spans, provenance.signoffs);
        // The working-tree copy (so `git status` stays clean); the durable copy is the blob.
        await writeFileAtomic(path.join(repoRoot, sidecarPathFor(sidecar.path)), serializeSidecar(sidecar), { durable: false, tempDir });
        toStage.push(sidecar);
      });
    }),
  );
  // Code moved or copied out of AI spans stays AI in the file it landed in.
  for (const moved of await sidecarsForMovedCode({ repoRoot, changes: all, sidecars: new Map(toStage.map((s) => [s.path, s])) })) {
    await withProvenanceLock(gitDir, moved.path, () =>
      writeFileAtomic(path.join(repoRoot, sidecarPathFor(moved.path)), serializeSidecar(moved), { durable: false, tempDir }),
    );
    const at = toStage.findIndex((s) => s.path === moved.path);
    if (at >= 0) toStage[at] = moved;
    else toStage.push(moved);
    result.problems.push(`${moved.path}: code moved or copied from AI-written spans is recorded as AI`);
  }
  toStage.sort((a, b) => (a.path < b.path ? -1 : 1));

  // One hash-object and one update-index for all of them; paths go as arguments and NUL-separated
  // records, since a file name may contain a newline.
  if (toStage.length) {
    const rels = toStage.map((s) => sidecarPathFor(s.path));
    const ids = (await gitText(repoRoot, ['hash-object', '-w', '--no-filters', '--', ...rels])).trim().split('\n');
    await git(repoRoot, ['update-index', '-z', '--add', '--index-info'], rels.map((rel, i) => `100644 ${ids[i]}\t${rel}\0`).join(''));
    result.written.push(...rels);
    result.sidecars.push(...toStage);
  }
  const removals = toRemove.filter((p) => tracked.has(p) || live.has(p)).map(sidecarPathFor);
  for (const rel of removals) await fs.rm(path.join(repoRoot, rel), { force: true });
  const inIndex = removals.filter((rel) => tracked.has(rel.slice(SIDECAR_DIR.length + 1, -'.aiprov'.length)));
  if (inIndex.length) await git(repoRoot, ['update-index', '--force-remove', '--', ...inIndex]);
  result.removed.push(...inIndex);
  for (const p of result.problems) logger.warn(p);
  return result;
}

/**
 * `AI-Assisted: 42 lines in 3 files (copilot, claude-code)`, or `AI-Assisted: none`: every commit
 * made through the hooks says so, so one made without them stands out (requireAiAssistedTrailer).
 */
export function aiTrailer(sidecars: readonly Sidecar[]): string {
  let lines = 0;
  let files = 0;
  const tools = new Set<string>();
  for (const sidecar of sidecars) {
    const covered = new Set<number>();
    for (const span of sidecar.spans) {
      for (const r of span.ranges) for (let l = r.startLine; l <= r.endLine; l++) covered.add(l);
      tools.add(span.tool ?? span.origin);
    }
    if (covered.size === 0) continue;
    lines += covered.size;
    files++;
  }
  if (lines === 0) return 'AI-Assisted: none';
  return `AI-Assisted: ${lines} line${lines === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (${[...tools].sort().join(', ')})`;
}

/** The sidecars staged for the files this commit changes, read from the index. */
export async function stagedSidecars(repoRoot: string): Promise<Sidecar[]> {
  const files = (await stagedChanges(repoRoot))
    .filter((c) => c.status !== 'D' && !c.path.startsWith(`${SIDECAR_DIR}/`))
    .map((c) => sidecarPathFor(c.path));
  const out: Sidecar[] = [];
  for (const [spec, text] of await readObjects(
    repoRoot,
    files.map((rel) => `:${rel}`),
  )) {
    if (text === undefined) continue;
    try {
      out.push(parseSidecar(text, spec.slice(1)));
    } catch {
      // an unreadable sidecar adds nothing to the trailer; verify reports it
    }
  }
  return out;
}
