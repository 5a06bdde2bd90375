// At commit, AI code a person moved or copied keeps being AI: staged text that repeats lines of
// AI spans — recorded in this commit's sidecars, or committed at HEAD (where cut or copied code
// came from) — and is not recorded as AI becomes an AI span with the source's attribution. verify reports the same runs when a commit skipped the hook.
import { v7 as uuidv7 } from 'uuid';
import { findMovedRuns } from '../anchor/movedCode';
import { indexCommittedAi } from './committedAiLines';
import { buildSidecar, spansOf, type Sidecar } from '../format';
import type { AiSpan } from '../model';
import { SpanTracker } from '../spans/tracker';
import { lineIndexAt, lineStarts } from '../text/lines';
import type { StagedChange } from './export';
import { readObjects } from './git';

export interface MovedCodeInput {
  repoRoot: string;
  changes: readonly StagedChange[];
  /** Sidecars this commit stages, by file. */
  sidecars: ReadonlyMap<string, Sidecar>;
}

/** Sidecars to stage for files that received moved AI code (new ones, or the staged ones grown). */
export async function sidecarsForMovedCode(input: MovedCodeInput): Promise<Sidecar[]> {
  const targets = input.changes.filter((c) => c.status !== 'D');
  if (targets.length === 0) return [];
  const specs = targets.flatMap((c) => [`:${c.path}`, `HEAD:${c.from ?? c.path}`]);
  const objects = await readObjects(input.repoRoot, specs);

  // Candidate lines: what the staged files have that their HEAD versions did not.
  const oldLinesOf = new Map<string, ReadonlySet<string> | undefined>();
  const candidates: string[] = [];
  for (const change of targets) {
    const content = objects.get(`:${change.path}`);
    const before = objects.get(`HEAD:${change.from ?? change.path}`);
    const oldLines = before === undefined ? undefined : new Set(before.split('\n').map((l) => l.trim()));
    oldLinesOf.set(change.path, oldLines);
    if (content !== undefined) for (const line of content.split('\n')) if (!oldLines?.has(line.trim())) candidates.push(line);
  }
  // AI lines committed anywhere those lines also are (where cut or copied code came from).
  const index = await indexCommittedAi(input.repoRoot, 'HEAD', candidates);
  for (const [p, sidecar] of input.sidecars) {
    const content = objects.get(`:${p}`);
    if (content !== undefined) index.add(p, content, spansOf(sidecar));
  }
  if (index.size === 0) return [];

  const out: Sidecar[] = [];
  for (const change of targets) {
    const content = objects.get(`:${change.path}`);
    if (content === undefined || content.includes('\0')) continue;
    const existing = input.sidecars.get(change.path);
    const spans: AiSpan[] = existing ? spansOf(existing) : [];
    const starts = lineStarts(content);
    const aiLines = new Set<number>();
    for (const s of spans)
      for (const r of s.ranges)
        for (let l = lineIndexAt(starts, r.start); l <= lineIndexAt(starts, Math.max(r.start, r.end - 1)); l++) aiLines.add(l);
    const runs = findMovedRuns(content, index, (line) => aiLines.has(line), oldLinesOf.get(change.path));
    if (runs.length === 0) continue;
    const tracker = new SpanTracker(spans);
    for (const run of runs) tracker.markAi({ start: run.start, end: run.end }, run.source.attribution, uuidv7());
    out.push(buildSidecar(change.path, content, tracker.spans(), existing?.signoffs ?? []));
  }
  return out;
}
