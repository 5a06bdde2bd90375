// The git facts verify reads, with input kept as data: revisions are resolved once behind
// --end-of-options, paths only ever travel NUL-separated out of git (never into it), and objects
// are read by id, so any file name git accepts works.
import { git, gitText, readObjectBytes } from '../repo/git';

export interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
}

/** The full commit id `input` names, or an Error saying it names none. */
export async function resolveCommit(repoRoot: string, input: string): Promise<string> {
  try {
    return (await gitText(repoRoot, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${input}^{commit}`])).trim();
  } catch {
    throw new Error(`'${input}' is not a commit in this repository`);
  }
}

export async function mergeBase(repoRoot: string, a: string, b: string): Promise<string> {
  try {
    return (await gitText(repoRoot, ['merge-base', a, b])).trim();
  } catch {
    throw new Error(`${a.slice(0, 8)} and ${b.slice(0, 8)} have no common history: fetch the base branch's history (e.g. fetch-depth: 0)`);
  }
}

/** Every blob and link in the tree of `commit`, by path. */
export async function listTree(repoRoot: string, commit: string): Promise<Map<string, TreeEntry>> {
  const out = (await git(repoRoot, ['ls-tree', '-r', '-z', '--full-tree', commit])).toString('utf8');
  const entries = new Map<string, TreeEntry>();
  for (const record of out.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, type, oid] = record.slice(0, tab).split(' ');
    entries.set(record.slice(tab + 1), { mode, type, oid });
  }
  return entries;
}

/** Reads objects by id in one git process; a missing object maps to undefined. */
export function readBlobs(repoRoot: string, oids: Iterable<string>): Promise<Map<string, Buffer | undefined>> {
  return readObjectBytes(repoRoot, [...oids]);
}

export interface ChangedPath {
  path: string;
  /** The path before a rename or copy. */
  from?: string;
  status: string;
}

/** Paths that differ between two commits, with renames of ordinary files paired. */
export async function changedPaths(repoRoot: string, from: string, to: string): Promise<ChangedPath[]> {
  const fields = (await git(repoRoot, ['diff', '--name-status', '-M', '-z', '--no-ext-diff', '--no-textconv', from, to]))
    .toString('utf8')
    .split('\0');
  const changes: ChangedPath[] = [];
  for (let i = 0; i < fields.length - 1;) {
    const status = fields[i++];
    if (status[0] === 'R' || status[0] === 'C') {
      const old = fields[i++];
      changes.push({ path: fields[i++], from: old, status: status[0] });
    } else changes.push({ path: fields[i++], status: status[0] });
  }
  return changes;
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
