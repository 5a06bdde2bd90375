// Builds throwaway git repositories for the commit-hook and verify benchmarks.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Attribution } from '../src/core/model';
import { SpanTracker } from '../src/core/spans/tracker';

export const benchEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

export function gitIn(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, stdio: 'pipe', env: benchEnv, maxBuffer: 512 * 1024 * 1024 }).toString();
}

export function newRepo(prefix: string): string {
  const repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  gitIn(repo, 'init', '-q', '-b', 'main');
  gitIn(repo, 'config', 'user.email', 'dev@example.com');
  gitIn(repo, 'config', 'user.name', 'Dev');
  gitIn(repo, 'config', 'commit.gpgsign', 'false');
  return repo;
}

export function sourceFile(i: number, lines = 40): string {
  return Array.from({ length: lines }, (_, l) => `export const v${i}_${l} = ${l}; // file ${i}`).join('\n') + '\n';
}

export const benchAttribution: Attribution = {
  origin: 'inlineCompletion',
  confidence: 'certain',
  tool: 'GitHub Copilot',
  author: 'dev@example.com',
  capturedAt: '2026-11-20T10:00:00.000Z',
};

/** A tracker with one AI span over lines [from, to) of `content`. */
export function spanOverLines(content: string, from: number, to: number, id: string): SpanTracker {
  const starts = [0];
  for (let i = 0; i < content.length; i++) if (content[i] === '\n') starts.push(i + 1);
  const t = new SpanTracker();
  t.markAi({ start: starts[from], end: starts[to] }, benchAttribution, id);
  return t;
}
