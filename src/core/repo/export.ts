// Export at commit: for each staged file, map its provenance onto the STAGED content (which may
// differ from the working tree after partial staging), write `.aiprov/<path>.aiprov` with that
// blob id and stage it. Sidecars of deleted files, or of files with no AI spans left, are removed;
// renames move the sidecar.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { buildSidecar, parseSidecar, serializeSidecar, SIDECAR_DIR, sidecarPathFor, type Sidecar } from '../format';
import { writeFileAtomic } from '../io/atomicWrite';
import { LiveStore } from '../live/store';
import { silentLogger, type Logger } from '../log';
import { git, gitText } from './git';
import { loadFileProvenance } from './provenance';

export interface StagedChange {
  status: 'A' | 'M' | 'D' | 'R' | 'C' | 'T';
  path: string;
  /** For renames and copies: where it came from. */
  from?: string;
}

export interface ExportResult {
  written: string[];
  removed: string[];
  problems: string[];
  /** The sidecars now staged for files in this commit, for the commit trailer. */
  sidecars: Sidecar[];
}

/** Staged changes against HEAD (or against the empty tree before the first commit). */
export async function stagedChanges(repoRoot: string): Promise<StagedChange[]> {
  const out = await gitText(repoRoot, ['diff', '--cached', '--name-status', '-M', '-z', '--no-ext-diff']);
  const parts = out.split('\0').filter((p) => p.length > 0);
  const changes: StagedChange[] = [];
  for (let i = 0; i < parts.length; ) {
    const status = parts[i++][0] as StagedChange['status'];
    if (status === 'R' || status === 'C') {
      const from = parts[i++];
      changes.push({ status, path: parts[i++], from });
    } else {
      changes.push({ status, path: parts[i++] });
    }
  }
  return changes;
}

async function stagedContent(repoRoot: string, repoPath: string): Promise<string> {
  return (await git(repoRoot, ['show', `:${repoPath}`])).toString('utf8');
}

async function stageSidecar(repoRoot: string, sidecar: Sidecar): Promise<string> {
  const rel = sidecarPathFor(sidecar.path);
  const text = serializeSidecar(sidecar);
  const blob = (await gitText(repoRoot, ['hash-object', '-w', '--stdin'], text)).trim();
  await git(repoRoot, ['update-index', '--add', '--cacheinfo', `100644,${blob},${rel}`]);
  // Keep the working tree in step with the index so `git status` stays clean.
  await writeFileAtomic(path.join(repoRoot, rel), text);
  return rel;
}

async function unstageSidecar(repoRoot: string, repoPath: string): Promise<string | undefined> {
  const rel = sidecarPathFor(repoPath);
  const inIndex = (await gitText(repoRoot, ['ls-files', '--cached', '--', rel])).trim();
  let existed = false;
  try {
    await fs.rm(path.join(repoRoot, rel));
    existed = true;
  } catch {}
  if (inIndex) await git(repoRoot, ['update-index', '--force-remove', '--', rel]);
  return inIndex || existed ? rel : undefined;
}

export async function exportStaged(repoRoot: string, gitDir: string, logger: Logger = silentLogger): Promise<ExportResult> {
  const result: ExportResult = { written: [], removed: [], problems: [], sidecars: [] };
  for (const change of await stagedChanges(repoRoot)) {
    if (change.path.startsWith(`${SIDECAR_DIR}/`)) continue;
    if (change.status === 'D') {
      const removed = await unstageSidecar(repoRoot, change.path);
      if (removed) result.removed.push(removed);
      continue;
    }
    const content = await stagedContent(repoRoot, change.path);
    if (content.includes('\0')) continue; // binary
    let provenance = await loadFileProvenance({ repoRoot, liveDir: gitDir, repoPath: change.path, content, isGit: true });
    if (change.status === 'R' && change.from) {
      if (provenance.source === 'none') provenance = await loadFileProvenance({ repoRoot, liveDir: gitDir, repoPath: change.from, content, isGit: true });
      const removed = await unstageSidecar(repoRoot, change.from);
      if (removed) result.removed.push(removed);
    }
    result.problems.push(...provenance.problems);
    if (provenance.spans.length === 0) {
      if (provenance.source !== 'none') {
        const removed = await unstageSidecar(repoRoot, change.path);
        if (removed) result.removed.push(removed);
      }
      continue;
    }
    const sidecar = buildSidecar(change.path, content, provenance.spans, provenance.signoffs);
    result.written.push(await stageSidecar(repoRoot, sidecar));
    result.sidecars.push(sidecar);
  }
  for (const p of result.problems) logger.warn(p);
  return result;
}

/** `AI-Assisted: 42 lines in 3 files (copilot, claude-code)`, or undefined when nothing is AI. */
export function aiTrailer(sidecars: readonly Sidecar[]): string | undefined {
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
  if (lines === 0) return undefined;
  return `AI-Assisted: ${lines} line${lines === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (${[...tools].sort().join(', ')})`;
}

/** The sidecars staged for the files this commit changes, read from the index. */
export async function stagedSidecars(repoRoot: string): Promise<Sidecar[]> {
  const out: Sidecar[] = [];
  for (const change of await stagedChanges(repoRoot)) {
    if (change.status === 'D' || change.path.startsWith(`${SIDECAR_DIR}/`)) continue;
    const rel = sidecarPathFor(change.path);
    try {
      out.push(parseSidecar((await git(repoRoot, ['show', `:${rel}`])).toString('utf8'), rel));
    } catch {
      // no sidecar staged for this file
    }
  }
  return out;
}

/** "Export Now": writes sidecars for every file with live provenance, from the working tree. */
export async function exportWorkingTree(repoRoot: string, gitDir: string): Promise<ExportResult> {
  const result: ExportResult = { written: [], removed: [], problems: [], sidecars: [] };
  for (const repoPath of await new LiveStore(gitDir).list()) {
    let content: string;
    try {
      content = await fs.readFile(path.join(repoRoot, repoPath), 'utf8');
    } catch {
      result.problems.push(`${repoPath}: has live provenance but no file in the working tree; left as is`);
      continue;
    }
    const provenance = await loadFileProvenance({ repoRoot, liveDir: gitDir, repoPath, content, isGit: true });
    result.problems.push(...provenance.problems);
    if (provenance.spans.length === 0) continue;
    const sidecar = buildSidecar(repoPath, content, provenance.spans, provenance.signoffs);
    const rel = sidecarPathFor(repoPath);
    await writeFileAtomic(path.join(repoRoot, rel), serializeSidecar(sidecar));
    result.written.push(rel);
    result.sidecars.push(sidecar);
  }
  return result;
}
