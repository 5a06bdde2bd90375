// DORA's change failure rate and time to restore: a change is a commit on the first-parent line
// of the audited branch (with everything it merged in); a failed change is one an incident names
// as a cause (directly, or through a commit it brought in); time to restore is detected → resolved.
import type { CommitFacts, DoraBucket, DoraFigures, Incident } from './model';
import { hoursBetween, median, ratio } from './stats';

export interface ResolvedIncident {
  incident: Incident;
  /** Full ids of the causing commits (given commits and the commits of the deploy range). */
  causes: string[];
}

const BUCKETS: Array<[string, (share: number) => boolean]> = [
  ['0%', (s) => s === 0],
  ['0-25%', (s) => s > 0 && s <= 0.25],
  ['25-50%', (s) => s > 0.25 && s <= 0.5],
  ['50-100%', (s) => s > 0.5],
];

/** Maps every audited commit to the first-parent change that brought it in. */
export function changeOf(changes: readonly string[], facts: ReadonlyMap<string, CommitFacts>): Map<string, string> {
  const owner = new Map<string, string>();
  for (const change of changes) {
    const stack = [change];
    while (stack.length) {
      const sha = stack.pop()!;
      if (owner.has(sha) || !facts.has(sha)) continue;
      owner.set(sha, change);
      stack.push(...facts.get(sha)!.parents);
    }
  }
  return owner;
}

export function aiShareOfChanges(owner: ReadonlyMap<string, string>, facts: ReadonlyMap<string, CommitFacts>): Map<string, number> {
  const sums = new Map<string, { ai: number; all: number }>();
  for (const [sha, change] of owner) {
    const f = facts.get(sha)!;
    const ai = f.ai.reduce((n, a) => n + a.lines, 0);
    const s = sums.get(change) ?? { ai: 0, all: 0 };
    s.ai += ai;
    s.all += ai + f.humanLines;
    sums.set(change, s);
  }
  return new Map([...sums].map(([c, s]) => [c, s.all === 0 ? 0 : s.ai / s.all]));
}

export function doraFigures(
  changes: readonly string[],
  facts: ReadonlyMap<string, CommitFacts>,
  incidents: readonly ResolvedIncident[],
  problems: string[],
): DoraFigures {
  const owner = changeOf(changes, facts);
  const share = aiShareOfChanges(owner, facts);
  const failedBy = new Map<string, string[]>();
  const perIncident: Array<{ incident: Incident; changes: string[] }> = [];
  for (const { incident, causes } of incidents) {
    const hit = [...new Set(causes.flatMap((c) => (owner.has(c) ? [owner.get(c)!] : [])))];
    if (hit.length === 0) problems.push(`incident ${incident.id}: none of its causing commits is in the audited range`);
    for (const c of hit) failedBy.set(c, [...(failedBy.get(c) ?? []), incident.id]);
    perIncident.push({ incident, changes: hit });
  }
  const restore = (list: typeof perIncident) =>
    median(
      list
        .filter((p) => p.incident.resolved)
        .map((p) => hoursBetween(Date.parse(p.incident.detected) / 1000, Date.parse(p.incident.resolved!) / 1000)),
    );
  const byAiShare: DoraBucket[] = BUCKETS.map(([label, inBucket]) => {
    const bucketChanges = changes.filter((c) => inBucket(share.get(c) ?? 0));
    const failed = bucketChanges.filter((c) => failedBy.has(c)).length;
    const inc = perIncident.filter((p) => p.changes.length && inBucket(Math.max(...p.changes.map((c) => share.get(c) ?? 0))));
    return {
      aiShare: label,
      changes: bucketChanges.length,
      failedChanges: failed,
      changeFailureRate: ratio(failed, bucketChanges.length),
      incidents: inc.length,
      medianTimeToRestoreHours: restore(inc),
    };
  });
  return {
    changes: changes.length,
    failedChanges: failedBy.size,
    changeFailureRate: ratio(failedBy.size, changes.length),
    incidents: incidents.length,
    openIncidents: incidents.filter((i) => !i.incident.resolved).length,
    medianTimeToRestoreHours: restore(perIncident),
    byAiShare,
  };
}
