// Which commits to read git-ai notes from: one revision, a range (`A..B`, `A...B`) or the whole
// history of HEAD, oldest first, so that when their lines are mapped onto today's files a newer
// note wins over an older one. Revisions reach git after `--end-of-options`.
import { gitText } from '../repo/git';
import { resolveCommit } from './revisions';

export const GIT_AI_NOTES_REF = 'refs/notes/ai';

/** Commits that carry a note in refs/notes/ai (empty when the ref does not exist). */
async function annotated(repoRoot: string): Promise<Set<string>> {
  const list = await gitText(repoRoot, ['notes', `--ref=${GIT_AI_NOTES_REF}`, 'list']).catch(() => '');
  return new Set(
    list
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ')[1]),
  );
}

export type CommitSelection = { ok: true; commits: string[]; range: boolean } | { ok: false; reason: string };

/** `spec` is a revision, a range, or undefined for every annotated commit reachable from HEAD. */
export async function selectCommits(repoRoot: string, spec: string | undefined): Promise<CommitSelection> {
  if (spec !== undefined && !spec.includes('..')) {
    const commit = await resolveCommit(repoRoot, spec);
    return commit ? { ok: true, commits: [commit], range: false } : { ok: false, reason: 'unknown revision' };
  }
  let listed: string;
  try {
    listed = await gitText(repoRoot, ['rev-list', '--reverse', '--topo-order', '--end-of-options', spec ?? 'HEAD']);
  } catch {
    return { ok: false, reason: spec === undefined ? 'HEAD has no commits' : 'unknown revision range' };
  }
  const withNotes = await annotated(repoRoot);
  return { ok: true, commits: listed.split('\n').filter((c) => withNotes.has(c)), range: true };
}
