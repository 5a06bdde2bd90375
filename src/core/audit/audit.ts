// `aiprov audit` in the core: lists the audited commits, computes facts for the ones the cache
// lacks (in batches, reporting progress), resolves incidents, and aggregates the report.
import * as path from 'node:path';
import { gitText } from '../repo/git';
import { aggregate } from './aggregate';
import { shallowEdges } from './blame';
import { cacheFile, readCache, writeCache } from './cache';
import { commitFacts } from './commitFacts';
import type { ResolvedIncident } from './dora';
import { compilePatterns, DEFAULT_FIX_PATTERNS } from './fixes';
import { GitClock } from './gitClock';
import type { AuditReport, CommitFacts, Incident } from './model';
import { parseInstant, splitRange } from './incidents';
import { resolveCommits } from './resolve';

export interface AuditOptions {
  /** A revision (audit the commits after it) or a date (commits since then). */
  since?: string;
  fixPatterns?: readonly string[];
  incidents?: readonly Incident[];
  /** The key under which rows are written (defaults to the repository directory's name). */
  repository?: string;
  /** The git directory for the cache; no cache when omitted. */
  gitDir?: string;
  batchSize?: number;
  /**
   * Before reading many new commits, write git's commit-graph with changed-path Bloom filters (as
   * `git gc` and `git maintenance` do): blame's history walk is several times faster with it.
   */
  commitGraph?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface AuditRun {
  report: AuditReport;
  /** Facts of the audited commits, parents first (the source of the tables). */
  commits: CommitFacts[];
  /** First-parent commits, oldest first (DORA's changes). */
  changes: string[];
  incidents?: ResolvedIncident[];
  /** Commits whose facts were computed in this run (the rest came from the cache). */
  computed: number;
  gitMs: number;
  totalMs: number;
}

const COMMIT_GRAPH_THRESHOLD = 200;
const CACHE_SAVE_EVERY_MS = 10_000;

async function rangeArgs(repoRoot: string, since: string | undefined): Promise<{ args: string[]; label: string }> {
  if (!since) return { args: ['HEAD'], label: 'HEAD' };
  const full = (await resolveCommits(repoRoot, [since])).get(since);
  if (full) return { args: ['HEAD', `^${full}`], label: `${since}..HEAD` };
  // git reads a bare date as that day at the current time of day, so the range would depend on
  // when the audit runs: hand git the instant instead (a bare date is UTC midnight, as is a time
  // without an offset, whatever the machine's time zone).
  const instant = parseInstant(since);
  if (instant !== undefined) return { args: [`--since=@${Math.floor(instant / 1000)}`, 'HEAD'], label: `since ${since}` };
  throw new Error(`--since ${since}: not a commit in this repository, nor a date (YYYY-MM-DD)`);
}

async function resolveIncidents(
  repoRoot: string,
  incidents: readonly Incident[],
  clock: GitClock,
  problems: string[],
): Promise<ResolvedIncident[]> {
  const ends = incidents.flatMap((i) => [...i.commits, ...(i.range ? splitRange(i.range)! : [])]);
  const resolved = await clock.time(() => resolveCommits(repoRoot, ends));
  const out: ResolvedIncident[] = [];
  for (const incident of incidents) {
    const causes: string[] = [];
    for (const c of incident.commits) {
      const full = resolved.get(c);
      if (full) causes.push(full);
      else problems.push(`incident ${incident.id}: ${c} is not a commit in this repository`);
    }
    if (incident.range) {
      const [a, b] = splitRange(incident.range)!.map((r) => resolved.get(r));
      if (a && b) causes.push(...(await clock.time(() => gitText(repoRoot, ['rev-list', b, `^${a}`]))).split('\n').filter(Boolean));
      else problems.push(`incident ${incident.id}: deploy range ${incident.range} names a revision that is not in this repository`);
    }
    out.push({ incident, causes });
  }
  return out;
}

export async function runAudit(repoRoot: string, options: AuditOptions = {}): Promise<AuditRun> {
  const t0 = performance.now();
  const clock = new GitClock();
  const patterns = compilePatterns(options.fixPatterns ?? DEFAULT_FIX_PATTERNS);
  const head = (await clock.time(() => gitText(repoRoot, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).catch(() => ''))).trim();
  if (!head) throw new Error('the repository has no commits yet');
  const range = await clock.time(() => rangeArgs(repoRoot, options.since));
  const order = (await clock.time(() => gitText(repoRoot, ['rev-list', '--topo-order', '--reverse', ...range.args])))
    .split('\n')
    .filter(Boolean);
  const changes = (await clock.time(() => gitText(repoRoot, ['rev-list', '--first-parent', '--reverse', ...range.args])))
    .split('\n')
    .filter(Boolean);

  const file = options.gitDir ? cacheFile(options.gitDir, { patterns: options.fixPatterns ?? DEFAULT_FIX_PATTERNS }) : undefined;
  const cache = file ? await readCache(file) : new Map<string, CommitFacts>();
  const edges = await shallowEdges(repoRoot);
  const missing = order.filter((sha) => !cache.has(sha));
  if (missing.length >= COMMIT_GRAPH_THRESHOLD && options.commitGraph !== false) {
    // Only an accelerator: a locked or read-only object store just means slower blame.
    await clock.time(() => gitText(repoRoot, ['commit-graph', 'write', '--reachable', '--changed-paths']).catch(() => ''));
  }
  const batch = options.batchSize ?? 500;
  let saved = performance.now();
  for (let i = 0; i < missing.length; i += batch) {
    options.onProgress?.(i, missing.length);
    for (const f of await commitFacts(repoRoot, missing.slice(i, i + batch), patterns, clock, edges)) cache.set(f.sha, f);
    // A long first run that is interrupted keeps what it learned.
    if (file && i + batch < missing.length && performance.now() - saved > CACHE_SAVE_EVERY_MS) {
      await writeCache(file, cache.values());
      saved = performance.now();
    }
  }
  options.onProgress?.(missing.length, missing.length);
  if (file && missing.length) await writeCache(file, cache.values());

  const commits = order.map((sha) => cache.get(sha)!).filter(Boolean);
  const problems: string[] = [];
  const incidents = options.incidents ? await resolveIncidents(repoRoot, options.incidents, clock, problems) : undefined;
  const report = aggregate({
    repository: options.repository ?? path.basename(repoRoot),
    head,
    range: range.label,
    commits,
    changes,
    incidents,
    problems,
  });
  return { report, commits, changes, incidents, computed: missing.length, gitMs: clock.ms, totalMs: performance.now() - t0 };
}
