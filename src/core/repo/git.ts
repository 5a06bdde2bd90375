// A small git runner: spawns `git` with arguments (never a shell), optional stdin, and turns a
// failure into a GitError that names the command and git's own message.
import { spawn } from 'node:child_process';

export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} failed (${exitCode}): ${stderr.trim() || 'no message'}`);
    this.name = 'GitError';
  }
}

/**
 * The environment of every git aiprov runs. `git replace` refs are ignored: they are a local view
 * that anyone who can push a ref (or a mirror fetch) brings along, and would let a branch change
 * what verify reads as the target's allowed_signers or a recorded version. Provenance is about the
 * objects themselves.
 */
function gitEnv(extraEnv: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_NO_REPLACE_OBJECTS: '1', ...extraEnv };
}

export function git(cwd: string, args: readonly string[], input?: string | Uint8Array, extraEnv: NodeJS.ProcessEnv = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: gitEnv(extraEnv),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.once('error', (e) => reject(new GitError(args, null, e.message)));
    child.once('close', (code) =>
      code === 0 ? resolve(Buffer.concat(out)) : reject(new GitError(args, code, Buffer.concat(err).toString())),
    );
    // git may exit before reading its input (not a repository, a lock held): its exit code and
    // message are the answer, and an unhandled EPIPE would kill the whole process.
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

/** Runs git and returns its exit code with its output, for commands whose non-zero exit is an answer. */
export function gitWithStatus(cwd: string, args: readonly string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: gitEnv() });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.once('error', (e) => reject(new GitError(args, null, e.message)));
    child.once('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString() }));
  });
}

export async function gitText(cwd: string, args: readonly string[], input?: string | Uint8Array): Promise<string> {
  return (await git(cwd, args, input)).toString('utf8');
}

export interface RepoLocation {
  repoRoot: string;
  /**
   * This working tree's own git directory (`--git-dir`: `.git`, or `.git/worktrees/<name>` for a
   * linked worktree), where its live provenance, locks and temporary files live: two worktrees
   * have different files at the same path, so they must not share one live record.
   */
  gitDir: string;
  /** The git directory shared by worktrees (`--git-common-dir`): objects, `info/exclude`, caches. */
  commonDir: string;
}

/** The repository containing `dir`, or undefined when it is not inside one. */
export async function locateRepo(dir: string): Promise<RepoLocation | undefined> {
  try {
    const [root, gitDir, common] = (
      await gitText(dir, ['rev-parse', '--path-format=absolute', '--show-toplevel', '--git-dir', '--git-common-dir'])
    )
      .trim()
      .split('\n');
    return root && gitDir && common ? { repoRoot: root, gitDir, commonDir: common } : undefined;
  } catch {
    return undefined;
  }
}

/** Stores content in git's object database (so it can be read back by blob id) and returns the id. */
export async function storeBlob(repoRoot: string, content: string): Promise<string> {
  return (await gitText(repoRoot, ['hash-object', '-w', '--stdin'], content)).trim();
}

/**
 * `content` as git would commit it at `repoPath`: clean filters and line-ending conversion
 * (core.autocrlf, eol attributes) applied, which is what sidecar offsets refer to.
 */
export async function committedForm(repoRoot: string, repoPath: string, content: string): Promise<string> {
  if (!content.includes('\r')) return content; // the only conversion aiprov's offsets care about
  const id = (await gitText(repoRoot, ['hash-object', '-w', '--stdin', `--path=${repoPath}`], content)).trim();
  return (await readBlob(repoRoot, id)) ?? content;
}

/** Content of a blob, or undefined when git does not have it. */
export async function readBlob(repoRoot: string, blob: string): Promise<string | undefined> {
  if (!/^[0-9a-f]{40,64}$/.test(blob)) return undefined;
  try {
    return await gitText(repoRoot, ['cat-file', 'blob', blob]);
  } catch {
    return undefined;
  }
}

export async function gitConfig(repoRoot: string, key: string): Promise<string | undefined> {
  try {
    return (await gitText(repoRoot, ['config', '--get', key])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads many objects in one git process (`git cat-file --batch`): each spec (`REV:path` or an
 * object id) maps to its bytes, or undefined when missing. Spawning git per file would dominate
 * `aiprov verify` on large changes.
 */
export async function readObjectBytes(repoRoot: string, specs: readonly string[]): Promise<Map<string, Buffer | undefined>> {
  const result = new Map<string, Buffer | undefined>();
  const unique = [...new Set(specs)];
  if (unique.length === 0) return result;
  // NUL-separated specs: a file name may contain a newline.
  const out = await git(repoRoot, ['cat-file', '--batch', '-z'], unique.join('\0') + '\0');
  let at = 0;
  for (const spec of unique) {
    // A missing object's line echoes the spec, which may itself contain a newline.
    const echoed = [' missing\n', ' ambiguous\n']
      .map((tail) => Buffer.from(spec + tail, 'utf8'))
      .find((line) => out.subarray(at, at + line.length).equals(line));
    if (echoed) {
      result.set(spec, undefined);
      at += echoed.length;
      continue;
    }
    const eol = out.indexOf(10, at);
    const header = out.subarray(at, eol).toString('utf8');
    at = eol + 1;
    const size = Number(header.split(' ')[2]);
    result.set(spec, out.subarray(at, at + size));
    at += size + 1;
  }
  return result;
}

/** readObjectBytes, as UTF-8 text. */
export async function readObjects(repoRoot: string, specs: readonly string[]): Promise<Map<string, string | undefined>> {
  const bytes = await readObjectBytes(repoRoot, specs);
  return new Map([...bytes].map(([spec, b]) => [spec, b?.toString('utf8')]));
}

/** The full commit id `revision` names, or undefined; the revision reaches git as data. */
export async function resolveCommit(repoRoot: string, revision: string): Promise<string | undefined> {
  if (!revision || revision.includes('\0')) return undefined;
  try {
    const id = (await gitText(repoRoot, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`])).trim();
    return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

export interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
}

/** Every entry of the tree of `rev`, recursively, by path (NUL-separated, so any name works). */
export async function listTree(repoRoot: string, rev: string): Promise<Map<string, TreeEntry>> {
  const out = (await git(repoRoot, ['ls-tree', '-r', '-z', '--full-tree', '--end-of-options', rev])).toString('utf8');
  const entries = new Map<string, TreeEntry>();
  for (const record of out.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid] = record.slice(0, tab).split(' ');
    entries.set(record.slice(tab + 1), { mode, type, oid });
  }
  return entries;
}

export interface NameStatus {
  /** A, M, D, R, C or T. */
  status: string;
  path: string;
  /** For renames and copies: where it came from. */
  from?: string;
}

/** Parses `git diff --name-status -z` output. */
export function parseNameStatus(out: string): NameStatus[] {
  const parts = out.split('\0').filter((p) => p.length > 0);
  const changes: NameStatus[] = [];
  for (let i = 0; i < parts.length;) {
    const status = parts[i++][0];
    if (status === 'R' || status === 'C') {
      const from = parts[i++];
      changes.push({ status, path: parts[i++], from });
    } else changes.push({ status, path: parts[i++] });
  }
  return changes;
}
