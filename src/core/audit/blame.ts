// Traces lines of one file at one revision to the commits that introduced them:
// `git blame --porcelain -w -L n,n ... <rev> -- <path>` (whitespace-only changes are not blamed).
// Git marks root commits and the edge of a shallow clone as boundaries; the caller tells them apart.
import * as fs from 'node:fs/promises';
import { git, GitError, gitText } from '../repo/git';
import { unquotePath } from './diffLog';

export interface BlameOrigin {
  commit: string;
  /** Path in `commit`. */
  file: string;
  /** 1-based line in `commit`'s version of `file`. */
  line: number;
  /** Git marked the commit a boundary: a root commit, or the edge of a shallow clone. */
  boundary?: boolean;
}

const HEADER = /^([0-9a-f]{40,64}) (\d+) (\d+)(?: \d+)?$/;
const OBJECT_ID = /^[0-9a-f]{40,64}$/;

const probes = new Map<string, Promise<boolean>>();

/** Whether this git's blame accepts `flag`; older gits print usage (exit 129) for one they lack. */
function blameTakes(repoRoot: string, flag: string): Promise<boolean> {
  let probe = probes.get(flag);
  if (!probe) {
    probe = git(repoRoot, ['blame', '--porcelain', flag, '4b825dc642cb6eb9a060e54bf8d69288fbee4904', '--', 'x'])
      .then(() => true)
      .catch((err: unknown) => !(err instanceof GitError && err.exitCode === 129));
    probes.set(flag, probe);
  }
  return probe;
}

/** Collapses sorted line numbers into `-L start,end` arguments. */
export function lineRanges(lines: readonly number[]): string[] {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const args: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    args.push('-L', `${sorted[i]},${sorted[j]}`);
    i = j + 1;
  }
  return args;
}

export async function blameLines(repoRoot: string, rev: string, file: string, lines: readonly number[]): Promise<Map<number, BlameOrigin>> {
  const result = new Map<number, BlameOrigin>();
  if (lines.length === 0) return result;
  // The revision is always a full object id read from git itself, so it can never be an option.
  if (!OBJECT_ID.test(rev)) throw new Error(`blame: ${rev} is not a full commit id`);
  const eoo = (await blameTakes(repoRoot, '--end-of-options')) ? ['--end-of-options'] : [];
  // blame.ignoreRevsFile (often set globally) would make the links depend on who runs the audit,
  // and fails every blame in a repository that lacks the file it names.
  const noIgnoreRevs = (await blameTakes(repoRoot, '--no-ignore-revs-file')) ? ['--no-ignore-revs-file'] : [];
  const out = (
    await git(repoRoot, [
      '-c',
      'core.quotepath=off',
      'blame',
      '--porcelain',
      '-w',
      ...noIgnoreRevs,
      ...lineRanges(lines),
      ...eoo,
      rev,
      '--',
      file,
    ])
  ).toString('utf8');
  return parsePorcelain(out);
}

/** Commits at the edge of a shallow clone (none in a full clone): they did not write what blame gives them. */
export async function shallowEdges(repoRoot: string): Promise<Set<string>> {
  try {
    const file = (await gitText(repoRoot, ['rev-parse', '--path-format=absolute', '--git-path', 'shallow'])).trim();
    return new Set((await fs.readFile(file, 'utf8')).split('\n').filter(Boolean));
  } catch {
    return new Set();
  }
}

export function parsePorcelain(out: string): Map<number, BlameOrigin> {
  const result = new Map<number, BlameOrigin>();
  const fileOf = new Map<string, string>();
  const boundaries = new Set<string>();
  let cur: { commit: string; orig: number; final: number; file?: string } | undefined;
  for (const line of out.split('\n')) {
    const h = HEADER.exec(line);
    if (h) {
      cur = { commit: h[1], orig: Number(h[2]), final: Number(h[3]), file: fileOf.get(h[1]) };
    } else if (cur && line.startsWith('filename ')) {
      cur.file = unquotePath(line.slice(9));
      fileOf.set(cur.commit, cur.file);
    } else if (cur && line === 'boundary') {
      boundaries.add(cur.commit);
    } else if (cur && line.startsWith('\t')) {
      if (cur.file !== undefined)
        result.set(cur.final, {
          commit: cur.commit,
          file: cur.file,
          line: cur.orig,
          ...(boundaries.has(cur.commit) ? { boundary: true } : {}),
        });
      cur = undefined;
    }
  }
  return result;
}
