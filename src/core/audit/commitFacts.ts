// Learns what one batch of commits did: code lines added per AI span and by humans, the spans their
// sidecars approve, and for fixes, each code line they modified or deleted traced with `git blame`
// at the fix's parent to the inducing commit and line, with the AI span covering it there.
import { SIDECAR_DIR } from '../format';
import { blameLines, shallowEdges, type BlameOrigin } from './blame';
import { isCodeLine } from './codeLines';
import { logCommits, type LoggedCommit } from './diffLog';
import { fixClaim } from './fixes';
import { GitClock } from './gitClock';
import { HUMAN_LINE, NOT_COUNTED, type BlamedLine, type CommitFacts } from './model';
import { provenanceAt, provenanceKey } from './provenanceAt';
import { resolveCommits } from './resolve';

const SIDECAR = /^\.aiprov\/(.+)\.aiprov$/;
const isSidecarDir = (p: string) => p.startsWith(`${SIDECAR_DIR}/`);

/** Runs `task` over `items` with at most `limit` in flight. */
async function pool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await task(items[next++]);
  }));
}

interface BlameJob {
  commit: LoggedCommit;
  file: string;
  lines: number[];
  origins?: Map<number, BlameOrigin>;
  error?: string;
}

export async function commitFacts(repoRoot: string, shas: readonly string[], patterns: readonly RegExp[], clock = new GitClock()): Promise<CommitFacts[]> {
  const logged = await clock.time(() => logCommits(repoRoot, shas));
  const facts = new Map<string, CommitFacts>();
  const pairs: Array<{ rev: string; file: string }> = [];
  for (const c of logged) {
    facts.set(c.sha, { sha: c.sha, parents: c.parents, authorTime: c.authorTime, commitTime: c.commitTime, subject: c.message.split('\n')[0], humanLines: 0, ai: [], approvals: [], edits: [], problems: [] });
    for (const f of c.files) {
      const sidecarOf = f.newPath && SIDECAR.exec(f.newPath)?.[1];
      if (sidecarOf) pairs.push({ rev: c.sha, file: sidecarOf });
      else if (c.parents.length < 2 && f.newPath && f.added.length && !isSidecarDir(f.newPath)) pairs.push({ rev: c.sha, file: f.newPath });
    }
  }
  const prov = await provenanceAt(repoRoot, pairs, clock);

  // Lines added, by span; the approvals each commit's sidecars carry; and each file's hunks, for
  // following lines until they are rewritten (a merge's lines, diffed against its first parent,
  // are followed but not counted again).
  for (const c of logged) {
    const fact = facts.get(c.sha)!;
    const merge = c.parents.length > 1;
    const seen = new Set<string>();
    for (const f of c.files) {
      const file = f.newPath;
      const sidecarOf = file && SIDECAR.exec(file)?.[1];
      const target = sidecarOf || (file && !isSidecarDir(file) ? file : undefined);
      const p = target ? prov.get(provenanceKey(c.sha, target)) : undefined;
      if (target && p && !seen.has(target)) {
        seen.add(target);
        fact.approvals.push(...p.approvals);
        if (p.problem) fact.problems.push(p.problem);
      }
      if ((file && isSidecarDir(file)) || (f.oldPath && isSidecarDir(f.oldPath))) continue;
      const kinds: number[] = [];
      for (const added of f.added) {
        if (merge || !file || !isCodeLine(file, added.text)) {
          kinds.push(NOT_COUNTED);
          continue;
        }
        const span = p?.spanAt(added.line);
        if (!span) {
          fact.humanLines++;
          kinds.push(HUMAN_LINE);
          continue;
        }
        let index = fact.ai.findIndex((a) => a.spanId === span.id && a.file === file);
        if (index < 0) index = fact.ai.push({ spanId: span.id, file, lines: 0, origin: span.origin, confidence: span.confidence, tool: span.tool, model: span.model }) - 1;
        fact.ai[index].lines++;
        kinds.push(index);
      }
      if (f.hunks.length || f.oldPath !== f.newPath) fact.edits.push({ from: f.oldPath, to: f.newPath, hunks: f.hunks.flat(), kinds });
    }
  }

  // Fixes: blame the code lines each one modified or deleted, at its parent.
  const claims = new Map(logged.flatMap((c) => {
    const claim = c.parents.length === 1 ? fixClaim(c.message, patterns) : undefined;
    return claim ? [[c.sha, claim] as const] : [];
  }));
  const resolved = await clock.time(() => resolveCommits(repoRoot, [...claims.values()].flatMap((c) => c.refs)));
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
  const edges = jobs.some((j) => [...(j.origins?.values() ?? [])].some((o) => o.boundary)) ? await clock.time(() => shallowEdges(repoRoot)) : new Set<string>();
  const atEdge = (o: BlameOrigin) => !!o.boundary && edges.has(o.commit);
  const inducingProv = await provenanceAt(repoRoot, jobs.flatMap((j) => [...(j.origins?.values() ?? [])].map((o) => ({ rev: o.commit, file: o.file }))), clock);
  for (const [sha, claim] of claims) {
    const fact = facts.get(sha)!;
    const named = new Set<string>();
    for (const ref of claim.refs) {
      const full = resolved.get(ref);
      if (full) named.add(full);
      else fact.problems.push(`fix ${sha.slice(0, 8)} names commit ${ref}, which is not in this repository`);
    }
    const blamed: BlamedLine[] = [];
    for (const job of jobs.filter((j) => j.commit.sha === sha)) {
      if (job.error) fact.problems.push(job.error);
      const shallow = [...(job.origins?.values() ?? [])].filter(atEdge).length;
      if (shallow) fact.problems.push(`fix ${sha.slice(0, 8)}: ${shallow} line(s) of ${job.file} trace to the edge of a shallow clone and were left out (fetch the full history)`);
      for (const o of job.origins?.values() ?? []) {
        if (atEdge(o)) continue;
        if (named.size && !named.has(o.commit)) continue;
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
    if (claim.refs.length && named.size && blamed.length === 0) fact.problems.push(`fix ${sha.slice(0, 8)} names ${[...named].map((n) => n.slice(0, 8)).join(', ')}, but none of the code lines it changed trace back there`);
    blamed.sort((a, b) => a.inducing.localeCompare(b.inducing) || a.file.localeCompare(b.file) || a.line - b.line);
    fact.fix = { via: claim.via, refs: [...named], blamed };
  }
  return shas.flatMap((s) => (facts.has(s) ? [facts.get(s)!] : []));
}
