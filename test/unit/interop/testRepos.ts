// Temporary git repositories for the interop tests, and what live provenance says about a file.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LiveStore } from '../../../src/core/live/store';

export const fixture = (...parts: string[]) => path.resolve(__dirname, '../../fixtures', ...parts);

const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, stdio: 'pipe', env }).toString();
}

export function gitWithInput(cwd: string, input: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, input, stdio: 'pipe', env }).toString();
}

/** `count` distinct numbered lines, so line numbers in a record are easy to check. */
export function numberedLines(count: number, tag = 'line'): string {
  return Array.from({ length: count }, (_, i) => `${tag} ${i + 1}\n`).join('');
}

export function tempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** A repository with the given files committed on `main`. */
export function makeRepo(dir: string, files: Record<string, string>): string {
  fs.mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'dev@example.com');
  git(dir, 'config', 'user.name', 'Dev');
  git(dir, 'config', 'commit.gpgsign', 'false');
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'files');
  return dir;
}

/** Attaches a git-ai note with its exact bytes, as git-ai's fast-import does (no reformatting). */
export function attachNote(repo: string, note: string, rev = 'HEAD'): void {
  const blob = gitWithInput(repo, note, 'hash-object', '-w', '--stdin').trim();
  git(repo, 'notes', '--ref=ai', 'add', '-C', blob, rev);
}

export interface LiveSpan {
  lines: number[];
  origin: string;
  confidence: string;
  tool?: string;
  model?: string;
  sessionId?: string;
}

/** The live spans of a file, each with its 1-based lines, ordered by first line. */
export async function liveSpans(repo: string, repoPath: string): Promise<LiveSpan[]> {
  const live = await new LiveStore(path.join(repo, '.git')).read(repoPath);
  return (live?.spans ?? [])
    .map((s) => ({
      lines: s.ranges.flatMap((r) => Array.from({ length: r.endLine - r.startLine + 1 }, (_, i) => r.startLine + i)),
      origin: s.origin,
      confidence: s.confidence,
      ...(s.tool && { tool: s.tool }),
      ...(s.model && { model: s.model }),
      ...(s.sessionId && { sessionId: s.sessionId }),
    }))
    .sort((a, b) => a.lines[0] - b.lines[0]);
}

/** 1-based lines start..end. */
export function lines(...runs: Array<[number, number] | number>): number[] {
  return runs.flatMap((r) => (typeof r === 'number' ? [r] : Array.from({ length: r[1] - r[0] + 1 }, (_, i) => r[0] + i)));
}
