// The sidecars committed at a revision, each with the file text its ranges describe, for export.
// A sidecar written for other content (a commit made with --no-verify) is re-anchored from the
// content it names when git still has it, and left out with a reason otherwise.
import { reanchorSpans } from '../anchor';
import { gitBlobId } from '../digest';
import { buildSidecar, parseSidecar, repoPathOfSidecar, SIDECAR_DIR, spansOf } from '../format';
import { gitText, readBlob, readObjects } from '../repo/git';
import type { DescribedSidecar } from './agentTraceExport';

export async function committedSidecars(repoRoot: string, commit: string): Promise<{ files: DescribedSidecar[]; problems: string[] }> {
  const problems: string[] = [];
  const listed = (await gitText(repoRoot, ['ls-tree', '-r', '-z', '--name-only', '--end-of-options', commit, '--', SIDECAR_DIR]))
    .split('\0')
    .filter(Boolean);
  const pairs: Array<{ sidecarPath: string; repoPath: string }> = [];
  for (const sidecarPath of listed) {
    const repoPath = repoPathOfSidecar(sidecarPath);
    if (!repoPath) continue;
    if (sidecarPath.includes('\n')) problems.push(`${sidecarPath}: a path with a line break; left out`);
    else pairs.push({ sidecarPath, repoPath });
  }
  const objects = await readObjects(
    repoRoot,
    pairs.flatMap((p) => [`${commit}:${p.sidecarPath}`, `${commit}:${p.repoPath}`]),
  );
  const files: DescribedSidecar[] = [];
  for (const { sidecarPath, repoPath } of pairs) {
    const content = objects.get(`${commit}:${repoPath}`);
    if (content === undefined) {
      problems.push(`${sidecarPath}: ${repoPath} is not in the commit; left out`);
      continue;
    }
    try {
      const sidecar = parseSidecar(objects.get(`${commit}:${sidecarPath}`) ?? '', sidecarPath);
      if (sidecar.blob === gitBlobId(content)) {
        parseSidecar(objects.get(`${commit}:${sidecarPath}`) ?? '', sidecarPath, { content });
        files.push({ sidecar, content });
        continue;
      }
      const described = await readBlob(repoRoot, sidecar.blob);
      if (described === undefined) {
        problems.push(
          `${sidecarPath}: describes content ${sidecar.blob.slice(0, 8)} that git no longer has, not ${repoPath} as committed; left out`,
        );
        continue;
      }
      const moved = reanchorSpans(described, content, spansOf(sidecar)).spans;
      files.push({ sidecar: buildSidecar(repoPath, content, moved, sidecar.signoffs), content });
    } catch (err) {
      problems.push(`${(err as Error).message}; left out`);
    }
  }
  return { files, problems };
}
