// "Export Now" and `aiprov export`: sidecars written from the working tree, each under its file's
// lock, with offsets on the content as git commits it.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { gitBlobId } from '../digest';
import { buildSidecar, parseSidecar, repoPathOfSidecar, serializeSidecar, SIDECAR_DIR, sidecarPathFor } from '../format';
import { writeFileAtomic } from '../io/atomicWrite';
import { aiprovTempDir, withProvenanceLock } from '../live/provenanceLock';
import { LiveStore } from '../live/store';
import { refused, sweepLitter, type ExportResult } from './exportCommon';
import { committedForm, gitText } from './git';
import { loadFileProvenance } from './provenance';

/**
 * "Export Now": writes sidecars from the working tree for every file with live provenance, and
 * re-exports every sidecar that describes other content than its file (after a rebase done
 * elsewhere, in a fresh clone), so a stale sidecar is fixed even where no live state exists.
 */
export async function exportWorkingTree(repoRoot: string, gitDir: string): Promise<ExportResult> {
  const result: ExportResult = { written: [], removed: [], problems: [], failures: [], sidecars: [] };
  await sweepLitter(repoRoot, gitDir);
  const live = await new LiveStore(gitDir).list();
  const tracked = (await gitText(repoRoot, ['ls-files', '-z', '--', SIDECAR_DIR]))
    .split('\0')
    .map(repoPathOfSidecar)
    .filter((p): p is string => p !== undefined);
  for (const repoPath of [...new Set([...live, ...tracked])].sort()) {
    let working: string;
    try {
      working = await fs.readFile(path.join(repoRoot, repoPath), 'utf8');
    } catch {
      if (live.includes(repoPath)) result.problems.push(`${repoPath}: has live provenance but no file in the working tree; left as is`);
      continue;
    }
    await withProvenanceLock(gitDir, repoPath, async () => {
      // Offsets refer to the content as git commits it (core.autocrlf, eol attributes).
      const content = await committedForm(repoRoot, repoPath, working);
      const provenance = await loadFileProvenance({ repoRoot, liveDir: gitDir, repoPath, content, isGit: true });
      if (refused(result, provenance)) return;
      if (!live.includes(repoPath) && provenance.source === 'committed' && (await sidecarDescribes(repoRoot, repoPath, content))) return;
      result.problems.push(...provenance.problems);
      if (provenance.spans.length === 0) return;
      const sidecar = buildSidecar(repoPath, content, provenance.spans, provenance.signoffs);
      const rel = sidecarPathFor(repoPath);
      await writeFileAtomic(path.join(repoRoot, rel), serializeSidecar(sidecar), { tempDir: aiprovTempDir(gitDir) });
      result.written.push(rel);
      result.sidecars.push(sidecar);
    });
  }
  return result;
}

/** Whether the working-tree sidecar already describes exactly `content` (nothing to re-export). */
async function sidecarDescribes(repoRoot: string, repoPath: string, content: string): Promise<boolean> {
  const text = await fs.readFile(path.join(repoRoot, sidecarPathFor(repoPath)), 'utf8').catch(() => '');
  try {
    return parseSidecar(text, repoPath).blob === gitBlobId(content);
  } catch {
    return false;
  }
}
