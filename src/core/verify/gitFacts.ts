// The git facts verify reads, with input kept as data: revisions are resolved once behind
// --end-of-options, paths only ever travel NUL-separated out of git (never into it), and objects
// are read by id, so any file name git accepts works.
import { git, gitText, parseNameStatus, resolveCommit, type NameStatus } from '../repo/git';

/** The full commit id `input` names, or an Error saying it names none. */
export async function resolveCommitOrThrow(repoRoot: string, input: string): Promise<string> {
  const id = await resolveCommit(repoRoot, input);
  if (!id) throw new Error(`'${input}' is not a commit in this repository`);
  return id;
}

export async function mergeBase(repoRoot: string, a: string, b: string): Promise<string> {
  try {
    return (await gitText(repoRoot, ['merge-base', a, b])).trim();
  } catch {
    throw new Error(`${a.slice(0, 8)} and ${b.slice(0, 8)} have no common history: fetch the base branch's history (e.g. fetch-depth: 0)`);
  }
}

/** Paths that differ between two commits, with renames of ordinary files paired. */
export async function changedPaths(repoRoot: string, from: string, to: string): Promise<NameStatus[]> {
  return parseNameStatus(
    (await git(repoRoot, ['diff', '--name-status', '-M', '-z', '--no-ext-diff', '--no-textconv', from, to])).toString('utf8'),
  );
}

/** Commits in `from..to`, oldest first, with whether each is a merge and its AI-Assisted trailer. */
export async function commitsBetween(
  repoRoot: string,
  from: string,
  to: string,
): Promise<Array<{ oid: string; merge: boolean; trailer?: string }>> {
  const out = (
    await git(repoRoot, [
      'log',
      '-z',
      '--reverse',
      '--format=%H %P%x01%(trailers:key=AI-Assisted,valueonly,separator=%x02)',
      `${from}..${to}`,
    ])
  ).toString('utf8');
  return out
    .split('\0')
    .filter(Boolean)
    .map((record) => {
      const [ids, trailer] = record.split('\x01');
      const [oid, ...parents] = ids.trim().split(' ').filter(Boolean);
      const value = trailer?.trim();
      return { oid, merge: parents.length > 1, ...(value && { trailer: value }) };
    });
}

/** Ids of every version a path under `dir` had in the commits of `from..to` (deletions excluded). */
export async function versionsUnder(
  repoRoot: string,
  from: string,
  to: string,
  dir: string,
): Promise<Array<{ commit: string; path: string; oid: string }>> {
  const out = (
    await git(repoRoot, [
      'log',
      '-z',
      '--raw',
      '--no-renames',
      '--no-abbrev',
      '-m',
      '--format=%x01%H',
      `${from}..${to}`,
      '--',
      `:(literal)${dir}`,
    ])
  ).toString('utf8');
  const versions: Array<{ commit: string; path: string; oid: string }> = [];
  let commit = '';
  const fields = out.split('\0');
  for (let i = 0; i < fields.length; i++) {
    // A commit is announced by "\x01<id>"; each change follows as ":modes ids status" NUL path.
    const field = fields[i].replace(/^\n/, '');
    if (field.startsWith('\x01')) {
      commit = field.slice(1, 41);
      continue;
    }
    if (!field.startsWith(':')) continue;
    const [, , , newOid, status] = field.slice(1).split(' ');
    const path = fields[++i];
    if (status !== 'D' && !/^0+$/.test(newOid)) versions.push({ commit, path, oid: newOid });
  }
  return versions;
}
