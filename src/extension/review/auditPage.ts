// The audit page of the Provenance Report: the core's SVG charts inline (presentation attributes
// only, so the webview's script-free CSP holds) and the figures behind them. Pure HTML strings.
import { LINE_CLASSES, type AuditReport } from '../../core/audit/model';
import { auditCharts } from '../../core/audit/svg';

const escape = (s: string | number) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pct = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : '–');
const num = (n: number | null) => (n === null ? '–' : Number.isInteger(n) ? `${n}` : n.toFixed(1));

export function auditHtml(audit: AuditReport | { error: string }): string {
  if ('error' in audit) return `<h1 id="audit">Audit over time</h1><p class="empty">The audit could not run: ${escape(audit.error)}</p>`;
  const t = audit.totals;
  const charts = auditCharts(audit)
    .map((c) => `<figure class="chart">${c.svg}</figure>`)
    .join('');
  const classes = LINE_CLASSES.map((k) => {
    const c = audit.classes[k];
    return `<tr><td>${k}</td><td class="num">${c.lines}</td><td class="num">${c.defectLines}</td><td class="num">${num(c.per1000)}</td><td class="num">${c.inducingCommits}</td></tr>`;
  }).join('');
  const d = audit.dora;
  const dora = d
    ? `<h2>Change failure rate and time to restore</h2><p>${d.failedChanges} of ${d.changes} changes caused an incident (${pct(d.failedChanges, d.changes)}); median time to restore ${num(d.medianTimeToRestoreHours)} h.</p>`
    : '<p class="empty">Name an incidents file in <code>.aiprov/audit.json</code> (<code>"incidents": "path"</code>) for change failure rate and time to restore.</p>';
  return `<h1 id="audit">Audit over time</h1>
<p class="empty">${audit.commits} commits (${escape(audit.range)}); ${t.aiLines} of ${t.lines} code lines added by AI (${pct(t.aiLines, t.lines)}), ${pct(t.signedOffAiLines, t.aiLines)} of them signed off; ${audit.fixes.length} fixes traced to ${audit.links.length} lines.</p>
${charts}
<h2>Defect-introducing lines by class</h2>
<table><tr><th>Class</th><th class="num">Lines added</th><th class="num">Defect lines</th><th class="num">Per 1,000</th><th class="num">Inducing commits</th></tr>${classes}</table>
<p class="empty">Time to sign-off: median ${num(audit.timeToSignOff.medianHours)} h over ${audit.timeToSignOff.signedOff} of ${audit.timeToSignOff.spans} AI spans.</p>
${dora}`;
}
