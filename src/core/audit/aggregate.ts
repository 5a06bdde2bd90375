// Turns per-commit facts (oldest first) into the audit report: lines per class, SZZ links and
// defect rates, time to sign-off, a monthly timeline and, with incidents, DORA's figures.
// Pure: no git, no disk.
import { changeOf, doraFigures, type ResolvedIncident } from './dora';
import { lineDurability } from './durability';
import {
  LINE_CLASSES,
  type AuditLink,
  type AuditReport,
  type ClassFigures,
  type CommitFacts,
  type LineClass,
  type PeriodFigures,
} from './model';
import { hoursBetween, median, monthOf, quantile, round } from './stats';

export interface AggregateInput {
  repository: string;
  head: string;
  range: string;
  /** Audited commits, parents before children. */
  commits: readonly CommitFacts[];
  /** First-parent commits of the audited branch, oldest first: DORA's changes. */
  changes: readonly string[];
  incidents?: readonly ResolvedIncident[];
  problems?: readonly string[];
}

const emptyClasses = (): Record<LineClass, number> => ({ 'ai-signed-off': 0, 'ai-unreviewed': 0, human: 0 });

export interface SpanHistory {
  introduced: Map<string, { index: number; time: number }>;
  approved: Map<string, { index: number; time: number }>;
}

export function spanHistory(commits: readonly CommitFacts[]): SpanHistory {
  const introduced = new Map<string, { index: number; time: number }>();
  const approved = new Map<string, { index: number; time: number }>();
  commits.forEach((c, index) => {
    for (const a of c.ai) if (!introduced.has(a.spanId)) introduced.set(a.spanId, { index, time: c.commitTime });
    for (const a of c.approvals) if (!approved.has(a.spanId)) approved.set(a.spanId, { index, time: c.commitTime });
  });
  return { introduced, approved };
}

/** The class of a commit's AI lines: signed off when a valid approval exists anywhere in the range. */
export function classOfAiLines(history: SpanHistory): (commit: CommitFacts, aiIndex: number) => LineClass {
  return (commit, aiIndex) => (history.approved.has(commit.ai[aiIndex].spanId) ? 'ai-signed-off' : 'ai-unreviewed');
}

/** Links of every fix, classed by the span at the inducing commit and whether it was signed off before the fix. */
export function linksOf(commits: readonly CommitFacts[], history: SpanHistory): AuditLink[] {
  const links: AuditLink[] = [];
  commits.forEach((c, index) => {
    for (const b of c.fix?.blamed ?? []) {
      const approval = b.span && history.approved.get(b.span.id);
      const cls: LineClass = !b.span
        ? 'human'
        : b.approvedAtInducing || (approval && approval.index < index)
          ? 'ai-signed-off'
          : 'ai-unreviewed';
      links.push({
        fix: c.sha,
        inducing: b.inducing,
        file: b.file,
        line: b.line,
        class: cls,
        via: c.fix!.via,
        ...(b.span ? { spanId: b.span.id, tool: b.span.tool, model: b.span.model } : {}),
      });
    }
  });
  return links;
}

export function aggregate(input: AggregateInput): AuditReport {
  const { commits } = input;
  const history = spanHistory(commits);
  const inRange = new Set(commits.map((c) => c.sha));
  const classLines = emptyClasses();
  // The change (first-parent commit) that brought each commit in: "at merge" means by then.
  const indexOf = new Map(commits.map((c, i) => [c.sha, i]));
  const owner = changeOf(input.changes, new Map(commits.map((c) => [c.sha, c])));
  const totals = {
    lines: 0,
    aiLines: 0,
    humanLines: 0,
    signedOffAiLines: 0,
    signedOffAtMergeAiLines: 0,
    byTool: {} as Record<string, number>,
    byModel: {} as Record<string, number>,
    byOrigin: {} as Record<string, number>,
    byConfidence: {} as Record<string, number>,
  };
  const periods = new Map<string, PeriodFigures & { hours: number[] }>();
  const period = (t: number) => {
    const key = monthOf(t);
    let p = periods.get(key);
    if (!p)
      periods.set(
        key,
        (p = {
          period: key,
          commits: 0,
          lines: 0,
          aiLines: 0,
          signedOffAiLines: 0,
          defectLines: emptyClasses(),
          medianHoursToSignOff: null,
          hours: [],
        }),
      );
    return p;
  };
  for (const c of commits) {
    const p = period(c.commitTime);
    p.commits++;
    classLines.human += c.humanLines;
    totals.humanLines += c.humanLines;
    p.lines += c.humanLines;
    for (const a of c.ai) {
      const signed = history.approved.has(a.spanId);
      classLines[signed ? 'ai-signed-off' : 'ai-unreviewed'] += a.lines;
      totals.aiLines += a.lines;
      if (signed) totals.signedOffAiLines += a.lines;
      const merged = indexOf.get(owner.get(c.sha) ?? c.sha)!;
      if (signed && history.approved.get(a.spanId)!.index <= merged) totals.signedOffAtMergeAiLines += a.lines;
      const add = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + a.lines);
      add(totals.byTool, a.tool ?? a.origin);
      if (a.model) add(totals.byModel, a.model);
      add(totals.byOrigin, a.origin);
      add(totals.byConfidence, a.confidence);
      p.lines += a.lines;
      p.aiLines += a.lines;
      if (signed) p.signedOffAiLines += a.lines;
    }
  }
  totals.lines = totals.aiLines + totals.humanLines;

  const hours: number[] = [];
  for (const [spanId, intro] of history.introduced) {
    const approved = history.approved.get(spanId);
    if (!approved || approved.index < intro.index) continue;
    const h = Math.max(0, hoursBetween(intro.time, approved.time));
    hours.push(h);
    period(intro.time).hours.push(h);
  }

  const durability = lineDurability(commits, classOfAiLines(history)).byClass;
  const links = linksOf(commits, history);
  const defect = new Map<LineClass, Set<string>>(LINE_CLASSES.map((k) => [k, new Set()]));
  const inducing = new Map<LineClass, Set<string>>(LINE_CLASSES.map((k) => [k, new Set()]));
  const timeOf = new Map(commits.map((c) => [c.sha, c.commitTime]));
  for (const l of links) {
    if (!inRange.has(l.inducing)) continue;
    const key = `${l.inducing}\0${l.file}\0${l.line}`;
    if ([...defect.values()].some((s) => s.has(key))) continue;
    defect.get(l.class)!.add(key);
    inducing.get(l.class)!.add(l.inducing);
    period(timeOf.get(l.inducing)!).defectLines[l.class]++;
  }
  const classes = Object.fromEntries(
    LINE_CLASSES.map((k): [LineClass, ClassFigures] => {
      const d = defect.get(k)!.size;
      return [
        k,
        {
          lines: classLines[k],
          defectLines: d,
          per1000: classLines[k] ? round((d / classLines[k]) * 1000) : 0,
          inducingCommits: inducing.get(k)!.size,
        },
      ];
    }),
  ) as Record<LineClass, ClassFigures>;

  const problems = [...new Set([...(input.problems ?? []), ...commits.flatMap((c) => c.problems)])];
  const dora = input.incidents ? doraFigures(input.changes, new Map(commits.map((c) => [c.sha, c])), input.incidents, problems) : undefined;
  return {
    schemaVersion: 1,
    repository: input.repository,
    head: input.head,
    range: input.range,
    commits: commits.length,
    totals,
    fixes: commits.flatMap((c) => (c.fix ? [{ commit: c.sha, via: c.fix.via, refs: c.fix.refs, links: c.fix.blamed.length }] : [])),
    links,
    classes,
    durability,
    timeToSignOff: { spans: history.introduced.size, signedOff: hours.length, medianHours: median(hours), p90Hours: quantile(hours, 0.9) },
    timeline: [...periods.values()]
      .sort((a, b) => a.period.localeCompare(b.period))
      .map(({ hours: h, ...p }) => ({ ...p, medianHoursToSignOff: median(h) })),
    ...(dora ? { dora } : {}),
    problems,
  };
}
