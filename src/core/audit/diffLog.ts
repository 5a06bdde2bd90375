// Reads commits with their patches in one git process (`git log --no-walk --stdin -p -U0 -w`) and
// parses them: per file, the old-side lines removed and the new-side lines added, with their text.
// Whitespace-only changes are left out by `-w`, as SZZ requires.
import { git } from '../repo/git';

export interface ChangedLine {
  line: number;
  text: string;
}

export interface FileDiff {
  oldPath?: string;
  newPath?: string;
  removed: ChangedLine[];
  added: ChangedLine[];
  /** `-U0` hunk headers: [oldStart, oldCount, newStart, newCount]. */
  hunks: Array<[number, number, number, number]>;
}

export interface LoggedCommit {
  sha: string;
  parents: string[];
  authorTime: number;
  commitTime: number;
  message: string;
  files: FileDiff[];
}

const FORMAT = '--format=%x00C%x00%H%x00%P%x00%at%x00%ct%x00%B%x00';

/** The commits named by `shas` (full ids), each with its patch against its first parent. */
export async function logCommits(repoRoot: string, shas: readonly string[]): Promise<LoggedCommit[]> {
  if (shas.length === 0) return [];
  const out = await git(
    repoRoot,
    [
      '-c',
      'core.quotepath=off',
      'log',
      '--no-walk=unsorted',
      '--stdin',
      '-p',
      '--diff-merges=first-parent',
      '-U0',
      '-w',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--find-renames',
      // The parser needs git's defaults whatever the user's configuration says: `a/` and `b/`
      // prefixes (diff.noprefix, diff.srcPrefix), hunks that never merge across unchanged lines
      // (diff.interHunkContext), and no signature check output (log.showSignature).
      '--src-prefix=a/',
      '--dst-prefix=b/',
      '--inter-hunk-context=0',
      '--no-show-signature',
      FORMAT,
    ],
    shas.join('\n') + '\n',
  );
  return parseLog(out.toString('utf8'));
}

export function parseLog(text: string): LoggedCommit[] {
  const t = text.split('\0');
  const commits: LoggedCommit[] = [];
  for (let i = 1; i + 5 < t.length && t[i] === 'C'; i += 7) {
    commits.push({
      sha: t[i + 1],
      parents: t[i + 2] ? t[i + 2].split(' ') : [],
      authorTime: Number(t[i + 3]),
      commitTime: Number(t[i + 4]),
      message: t[i + 5],
      files: parsePatch(t[i + 6] ?? ''),
    });
  }
  return commits;
}

/** Undoes git's C-style quoting of unusual paths (`"a\tb"`, octal UTF-8 bytes). */
export function unquotePath(p: string): string {
  if (!p.startsWith('"')) return p;
  const bytes: number[] = [];
  const body = p.slice(1, -1);
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const n = body[++i];
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(escapes[n] ?? n.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

function sidePath(raw: string, prefix: string): string | undefined {
  // git ends a `---`/`+++` name that contains a space with a tab (for patch(1)); a name that
  // itself ends with a tab is quoted, so one trailing tab is never part of the name.
  const name = raw.endsWith('\t') ? raw.slice(0, -1) : raw;
  if (name === '/dev/null') return undefined;
  const p = unquotePath(name);
  return p.startsWith(prefix) ? p.slice(prefix.length) : p;
}

export function parsePatch(patch: string): FileDiff[] {
  const files: FileDiff[] = [];
  let file: FileDiff | undefined;
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  for (const line of patch.split('\n')) {
    if (line.startsWith('diff --git ')) {
      file = { removed: [], added: [], hunks: [] };
      files.push(file);
      inHunk = false;
      continue;
    }
    if (!file) continue;
    if (inHunk && line.startsWith('-')) file.removed.push({ line: oldLine++, text: line.slice(1) });
    else if (inHunk && line.startsWith('+')) file.added.push({ line: newLine++, text: line.slice(1) });
    else if (line.startsWith('@@ ')) {
      const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (m) {
        oldLine = Number(m[1]);
        newLine = Number(m[3]);
        file.hunks.push([oldLine, m[2] === undefined ? 1 : Number(m[2]), newLine, m[4] === undefined ? 1 : Number(m[4])]);
        inHunk = true;
      }
    } else if (!inHunk && line.startsWith('--- ')) file.oldPath = sidePath(line.slice(4), 'a/');
    else if (!inHunk && line.startsWith('+++ ')) file.newPath = sidePath(line.slice(4), 'b/');
    else if (!inHunk && line.startsWith('rename from ')) file.oldPath = unquotePath(line.slice(12));
    else if (!inHunk && line.startsWith('rename to ')) file.newPath = unquotePath(line.slice(10));
  }
  return files;
}
