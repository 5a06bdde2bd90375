// AI lines committed at a revision, for finding AI code copied out of files a change does not
// touch. Only files that contain one of the candidate lines (found by `git grep -F`, which is
// fast) have their sidecars read, so a commit or a verify run does not parse every sidecar.
import { AiLineIndex, nonBlankLength } from '../anchor/movedCode';
import { parseSidecar, repoPathOfSidecar, SIDECAR_DIR, sidecarPathFor, spansOf } from '../format';
import { git, gitText, readObjects } from './git';

/** Lines shorter than this (non-blank characters) are too common to narrow the search. */
const MIN_CANDIDATE_CHARS = 4;

export async function indexCommittedAi(
  repoRoot: string,
  rev: string,
  candidates: Iterable<string>,
  index = new AiLineIndex(),
): Promise<AiLineIndex> {
  const patterns = [
    ...new Set([...candidates].map((l) => l.trim()).filter((l) => nonBlankLength(l) >= MIN_CANDIDATE_CHARS && !l.includes('\n'))),
  ];
  if (patterns.length === 0) return index;
  let listing: string;
  try {
    listing = await gitText(repoRoot, ['ls-tree', '-r', '-z', '--name-only', '--end-of-options', rev, '--', SIDECAR_DIR]);
  } catch {
    return index; // no such revision yet (the first commit)
  }
  const withSidecar = new Set(
    listing
      .split('\0')
      .map((p) => repoPathOfSidecar(p))
      .filter((p): p is string => p !== undefined),
  );
  if (withSidecar.size === 0) return index;
  let matched: string;
  try {
    // `rev` is HEAD or a commit id git itself gave (git grep here refuses --end-of-options).
    matched = (await git(repoRoot, ['grep', '-l', '-z', '-F', '--no-color', '-I', '-f', '-', rev], patterns.join('\n') + '\n')).toString(
      'utf8',
    );
  } catch {
    return index; // exit 1: no file contains any candidate line
  }
  const prefix = `${rev}:`;
  const files = matched
    .split('\0')
    .map((p) => (p.startsWith(prefix) ? p.slice(prefix.length) : p))
    .filter((p) => withSidecar.has(p));
  const objects = await readObjects(
    repoRoot,
    files.flatMap((f) => [`${rev}:${f}`, `${rev}:${sidecarPathFor(f)}`]),
  );
  for (const file of files) {
    const content = objects.get(`${rev}:${file}`);
    const text = objects.get(`${rev}:${sidecarPathFor(file)}`);
    if (content === undefined || text === undefined) continue;
    try {
      index.add(file, content, spansOf(parseSidecar(text, sidecarPathFor(file), { content })));
    } catch {
      // An unreadable sidecar states no AI lines; verify reports it where it matters.
    }
  }
  return index;
}
