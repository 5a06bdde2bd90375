// SZZ: for each fix in a batch of commits, the code lines it modified or deleted are traced with
// `git blame` at its parent to the commit and line that introduced them, and the AI span covering
// that line in the inducing commit's sidecar is noted. When the fix names commits (a Fixes:
// trailer, a revert), only lines tracing to those commits (or to what a named merge brought in)
// are kept.
import { gitText } from '../repo/git';
import { blameLines, type BlameOrigin } from './blame';
import { isCodeLine } from './codeLines';
import { isSidecarDir } from './sidecarPaths';
import type { LoggedCommit } from './diffLog';
import { fixClaim } from './fixes';
import type { GitClock } from './gitClock';
import type { BlamedLine, CommitFacts } from './model';
import { provenanceAt, provenanceKey } from './provenanceAt';
import { resolveCommits } from './resolve';

/** Runs `task` over `items` with at most `limit` in flight. */
async function pool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
}

/**
 * The commits each named merge brought in (itself, and what its other parents added over its first):
 * `git revert -m 1 <merge>` and `Fixes: <merge>` name the merge, while blame finds the commits on
 * the merged branch. Non-merges are left out.
 */
async function broughtIn(repoRoot: string, named: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (named.length === 0) return result;
  const withParents = await gitText(repoRoot, ['rev-list', '--no-walk=unsorted', '--parents', '--stdin'], named.join('\n') + '\n');
  for (const line of withParents.split('\n')) {
    const [sha, first, ...others] = line.split(' ');
    if (others.length === 0) continue;
    result.set(sha, (await gitText(repoRoot, ['rev-list', sha, `^${first}`])).split('\n').filter(Boolean));
  }
  return result;
}

interface BlameJob {
  commit: LoggedCommit;
  file: string;
  lines: number[];
  origins?: Map<number, BlameOrigin>;
  error?: string;
}

/** Sets `fix` on the facts of every fix among `logged`. */
export async function traceFixes(
  repoRoot: string,
  logged: readonly LoggedCommit[],
  facts: Map<string, CommitFacts>,
  patterns: readonly RegExp[],
  clock: GitClock,
  /** Commits at the edge of a shallow clone (blame gives them lines they did not write). */
  edges: ReadonlySet<string>,
): Promise<void> {
  const claims = new Map(
    logged.flatMap((c) => {
      const claim = c.parents.length === 1 ? fixClaim(c.message, patterns) : undefined;
      return claim ? [[c.sha, claim] as const] : [];
    }),
  );
  const resolved = await clock.time(() =>
    resolveCommits(
      repoRoot,
      [...claims.values()].flatMap((c) => c.refs),
    ),
  );
  const merges = await clock.time(() => broughtIn(repoRoot, [...new Set([...resolved.values()].filter((s): s is string => !!s))]));
  const jobs: BlameJob[] = [];
  for (const c of logged) {
    if (!claims.has(c.sha)) continue;
    for (const f of c.files) {
      if (!f.oldPath || isSidecarDir(f.oldPath)) continue;
      const lines = f.removed.filter((r) => isCodeLine(f.oldPath!, r.text)).map((r) => r.line);
      if (lines.length) jobs.push({ commit: c, file: f.oldPath, lines });
    }
  }
  await pool(jobs, 2, async (job) => {
    try {
      job.origins = await clock.time(() => blameLines(repoRoot, job.commit.parents[0], job.file, job.lines));
    } catch (err) {
      job.error = `blame of ${job.file} at ${job.commit.parents[0].slice(0, 8)} failed: ${(err as Error).message}`;
    }
  });
  const atEdge = (o: BlameOrigin) => !!o.boundary && edges.has(o.commit);
  const inducingProv = await provenanceAt(
    repoRoot,
    jobs.flatMap((j) => [...(j.origins?.values() ?? [])].map((o) => ({ rev: o.commit, file: o.file }))),
    clock,
  );
  for (const [sha, claim] of claims) {
    const fact = facts.get(sha)!;
    const named = new Set<string>();
    const traced = new Set<string>();
    for (const ref of claim.refs) {
      const full = resolved.get(ref);
      if (full) {
        named.add(full);
        for (const c of merges.get(full) ?? [full]) traced.add(c);
      } else {
        fact.problems.push(`fix ${sha.slice(0, 8)} names commit ${ref}, which is not in this repository`);
        fact.volatile = true;
      }
    }
    const blamed: BlamedLine[] = [];
    for (const job of jobs.filter((j) => j.commit.sha === sha)) {
      if (job.error) {
        fact.problems.push(job.error);
        fact.volatile = true;
      }
      const shallow = [...(job.origins?.values() ?? [])].filter(atEdge).length;
      if (shallow) fact.volatile = true;
      if (shallow)
        fact.problems.push(
          `fix ${sha.slice(0, 8)}: ${shallow} line(s) of ${job.file} trace to the edge of a shallow clone and were left out (fetch the full history)`,
        );
      for (const o of job.origins?.values() ?? []) {
        if (atEdge(o)) continue;
        if (traced.size && !traced.has(o.commit)) continue;
        if (o.commit === sha) continue;
        const p = inducingProv.get(provenanceKey(o.commit, o.file));
        const span = p?.spanAt(o.line);
        blamed.push({
          inducing: o.commit,
          file: o.file,
          line: o.line,
          span: span && { id: span.id, origin: span.origin, tool: span.tool, model: span.model },
          approvedAtInducing: !!span && !!p?.approvals.some((a) => a.spanId === span.id),
        });
      }
    }
    const names = [...named].map((n) => n.slice(0, 8)).join(', ');
    if (claim.refs.length && named.size && blamed.length === 0)
      fact.problems.push(
        jobs.some((j) => j.commit.sha === sha)
          ? `fix ${sha.slice(0, 8)} names ${names}, but none of the code lines it changed trace back there`
          : `fix ${sha.slice(0, 8)} names ${names}, but changes or deletes no code line to trace (it only adds)`,
      );
    blamed.sort((a, b) => a.inducing.localeCompare(b.inducing) || a.file.localeCompare(b.file) || a.line - b.line);
    fact.fix = { via: claim.via, refs: [...named], blamed };
  }
}
