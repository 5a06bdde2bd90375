// Learns what one batch of commits did: code lines added per AI span and by humans, the spans their
// sidecars approve, each file's hunks (for durability) and, for fixes, the lines they trace to.
import { isCodeLine } from './codeLines';
import { logCommits } from './diffLog';
import { GitClock } from './gitClock';
import { HUMAN_LINE, NOT_COUNTED, type CommitFacts } from './model';
import { provenanceAt, provenanceKey } from './provenanceAt';
import { isSidecarDir, SIDECAR } from './sidecarPaths';
import { traceFixes } from './szz';

export async function commitFacts(
  repoRoot: string,
  shas: readonly string[],
  patterns: readonly RegExp[],
  clock = new GitClock(),
  /** Commits at the edge of a shallow clone: git shows them as roots, adding every file they hold. */
  edges: ReadonlySet<string> = new Set(),
): Promise<CommitFacts[]> {
  const logged = await clock.time(() => logCommits(repoRoot, shas));
  const facts = new Map<string, CommitFacts>();
  const pairs: Array<{ rev: string; file: string }> = [];
  for (const c of logged) {
    facts.set(c.sha, {
      sha: c.sha,
      parents: c.parents,
      authorTime: c.authorTime,
      commitTime: c.commitTime,
      subject: c.message.split('\n')[0],
      humanLines: 0,
      ai: [],
      approvals: [],
      edits: [],
      problems: [],
    });
    if (edges.has(c.sha)) {
      const fact = facts.get(c.sha)!;
      fact.volatile = true;
      fact.problems.push(
        `commit ${c.sha.slice(0, 8)} is at the edge of a shallow clone: the lines it added are unknown and were not counted (fetch the full history)`,
      );
    }
    for (const f of c.files) {
      const sidecarOf = f.newPath && SIDECAR.exec(f.newPath)?.[1];
      if (sidecarOf) pairs.push({ rev: c.sha, file: sidecarOf });
      else if (c.parents.length < 2 && !edges.has(c.sha) && f.newPath && f.added.length && !isSidecarDir(f.newPath))
        pairs.push({ rev: c.sha, file: f.newPath });
    }
  }
  const prov = await provenanceAt(repoRoot, pairs, clock);

  // Lines added, by span; the approvals each commit's sidecars carry; and each file's hunks, for
  // following lines until they are rewritten (a merge's lines, diffed against its first parent,
  // are followed but not counted again).
  for (const c of logged) {
    const fact = facts.get(c.sha)!;
    // A merge's lines are counted in the commits it brings in; an edge commit's are unknown.
    const merge = c.parents.length > 1 || edges.has(c.sha);
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
        if (index < 0)
          index =
            fact.ai.push({
              spanId: span.id,
              file,
              lines: 0,
              origin: span.origin,
              confidence: span.confidence,
              tool: span.tool,
              model: span.model,
            }) - 1;
        fact.ai[index].lines++;
        kinds.push(index);
      }
      if (f.hunks.length || f.oldPath !== f.newPath) fact.edits.push({ from: f.oldPath, to: f.newPath, hunks: f.hunks.flat(), kinds });
    }
  }

  await traceFixes(repoRoot, logged, facts, patterns, clock, edges);
  return shas.flatMap((s) => (facts.has(s) ? [facts.get(s)!] : []));
}
