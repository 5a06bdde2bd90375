// The audit as Markdown (tables, and the charts as SVG files beside it), JSON, or CSV (one row
// per fix→inducing link).
import { LINE_CLASSES, type AuditReport } from './model';
import type { Chart } from './svg';

const pct = (part: number, whole: number) => (whole === 0 ? '–' : `${Math.round((part / whole) * 100)}%`);
const num = (n: number | null) => (n === null ? '–' : Number.isInteger(n) ? `${n}` : n.toFixed(2));
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function auditJson(report: AuditReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

export function auditCsv(report: AuditReport): string {
  const q = (c: string | number) => (/[",\n\r]/.test(`${c}`) ? `"${`${c}`.replace(/"/g, '""')}"` : `${c}`);
  const rows = [['fix', 'inducing', 'file', 'line', 'class', 'via', 'tool', 'model']];
  for (const l of report.links) rows.push([l.fix, l.inducing, l.file, `${l.line}`, l.class, l.via, l.tool ?? '', l.model ?? '']);
  return rows.map((r) => r.map(q).join(',')).join('\n') + '\n';
}

/** Markdown; `charts` are linked as image files written beside it. */
export function auditMarkdown(report: AuditReport, charts: readonly Chart[] = []): string {
  const t = report.totals;
  const out = [
    `# AI provenance audit: ${cell(report.repository)} (${report.range})`,
    '',
    `${report.commits} commits to ${report.head.slice(0, 12)}; ${t.lines} code lines added, **${t.aiLines}** by AI (${pct(t.aiLines, t.lines)}), ${t.signedOffAiLines} of them signed off (${pct(t.signedOffAiLines, t.aiLines)}), ${t.signedOffAtMergeAiLines} by the time they landed on the branch (${pct(t.signedOffAtMergeAiLines, t.aiLines)}). ${report.fixes.length} fix commits, ${report.links.length} fix→inducing line links.`,
    '',
    ...charts.flatMap((c) => [`![${c.title}](${c.file})`, '']),
    '## Defect-introducing lines by class (SZZ)',
    '',
    ...classTable(['Lines added', 'Defect lines', 'Per 1,000 lines', 'Inducing commits'], (k) => {
      const c = report.classes[k];
      return [c.lines, c.defectLines, num(c.per1000), c.inducingCommits];
    }),
    '',
    'Rates rest on the counts beside them: a handful of defect lines says little.',
    '',
    '## Durability',
    '',
    ...classTable(['Lines added', 'Rewritten or deleted within 30 days', 'Within 90 days'], (k) => {
      const d = report.durability[k];
      return [
        d.lines,
        `${d.rewritten30d} of ${d.observable30d} (${pct(d.rewritten30d, d.observable30d)})`,
        `${d.rewritten90d} of ${d.observable90d} (${pct(d.rewritten90d, d.observable90d)})`,
      ];
    }),
    '',
    'Only lines at least 30 (90) days older than the newest audited commit are judged.',
    '',
    '## Time to sign-off',
    '',
    `${report.timeToSignOff.signedOff} of ${report.timeToSignOff.spans} AI spans signed off; median ${num(report.timeToSignOff.medianHours)} h, 90th percentile ${num(report.timeToSignOff.p90Hours)} h from commit to sign-off.`,
    '',
  ];
  if (report.dora) {
    const d = report.dora;
    out.push(
      '## Change failure rate and time to restore (DORA)',
      '',
      `${d.failedChanges} of ${d.changes} changes caused an incident (change failure rate ${pct(d.failedChanges, d.changes)}); median time to restore ${num(d.medianTimeToRestoreHours)} h over ${d.incidents - d.openIncidents} resolved incidents (${d.openIncidents} open).`,
      '',
      '| AI share of the change | Changes | Failed | Change failure rate | Incidents | Median time to restore (h) |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...d.byAiShare.map(
        (b) =>
          `| ${b.aiShare} | ${b.changes} | ${b.failedChanges} | ${pct(b.failedChanges, b.changes)} | ${b.incidents} | ${num(b.medianTimeToRestoreHours)} |`,
      ),
      '',
    );
  }
  out.push(
    '## By month',
    '',
    '| Month | Commits | Lines | AI lines | Signed off | Defect lines (signed-off / unreviewed / human) | Median h to sign-off |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const p of report.timeline)
    out.push(
      `| ${p.period} | ${p.commits} | ${p.lines} | ${p.aiLines} | ${p.signedOffAiLines} | ${p.defectLines['ai-signed-off']} / ${p.defectLines['ai-unreviewed']} / ${p.defectLines.human} | ${num(p.medianHoursToSignOff)} |`,
    );
  out.push(
    '',
    '## By tool',
    '',
    '| Tool | AI lines |',
    '| --- | ---: |',
    ...Object.entries(t.byTool)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `| ${cell(k)} | ${n} |`),
    '',
  );
  if (report.links.length) {
    out.push('## Links', '', '| Fix | Inducing | File:line | Class | Via |', '| --- | --- | --- | --- | --- |');
    for (const l of report.links.slice(0, 200))
      out.push(`| ${l.fix.slice(0, 12)} | ${l.inducing.slice(0, 12)} | ${cell(l.file)}:${l.line} | ${l.class} | ${l.via} |`);
    if (report.links.length > 200) out.push('', `…and ${report.links.length - 200} more (\`--format json\` or \`csv\` lists all).`);
    out.push('');
  }
  if (report.problems.length) out.push('## Problems', '', ...report.problems.map((p) => `- ${cell(p)}`), '');
  return out.join('\n');
}

/** A Markdown table with a row per line class (first column) and right-aligned figures. */
function classTable(headers: readonly string[], row: (k: (typeof LINE_CLASSES)[number]) => ReadonlyArray<string | number>): string[] {
  return [
    `| Class | ${headers.join(' | ')} |`,
    `| --- | ${headers.map(() => '---:').join(' | ')} |`,
    ...LINE_CLASSES.map((k) => `| ${k} | ${row(k).join(' | ')} |`),
  ];
}
