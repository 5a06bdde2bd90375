// Static SVG charts for the audit page and `--format md`: presentation attributes only (no style
// elements, no scripts), so they render under the report webview's strict CSP and as image files.
import type { AuditReport, LineClass } from './model';

const W = 560;
const H = 220;
const PAD = { left: 48, right: 32, top: 28, bottom: 40 };
const esc = (s: string | number) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fmt = (n: number) => (Number.isInteger(n) ? `${n}` : n.toFixed(1));

/** The smallest 1, 2 or 5 × 10^k at or above `v`, so axis ticks read as round numbers. */
export function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * p).find((n) => n >= v)!;
}

export const CLASS_COLOURS: Record<LineClass, string> = { 'ai-signed-off': '#3fb950', 'ai-unreviewed': '#d29922', human: '#8b949e' };

function frame(title: string, body: string, yMax: number, yUnit: string): string {
  const plotH = H - PAD.top - PAD.bottom;
  const ticks = [0, 0.5, 1]
    .map((f) => {
      const y = PAD.top + plotH * (1 - f);
      return `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" stroke="#8b949e" stroke-opacity="0.3"/><text x="${PAD.left - 6}" y="${y + 4}" text-anchor="end" font-size="10" fill="currentColor">${esc(fmt(yMax * f))}${esc(yUnit)}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}" font-family="sans-serif"><title>${esc(title)}</title><text x="${PAD.left}" y="16" font-size="12" font-weight="bold" fill="currentColor">${esc(title)}</text>${ticks}${body}</svg>\n`;
}

export interface Series {
  label: string;
  colour: string;
  values: Array<number | null>;
}

/** One polyline per series over the x labels; gaps where a value is null. */
export function lineChart(title: string, xLabels: readonly string[], series: readonly Series[], yMax: number, yUnit: string): string {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (xLabels.length <= 1 ? plotW / 2 : (plotW * i) / (xLabels.length - 1));
  const y = (v: number) => PAD.top + plotH * (1 - (yMax ? Math.min(v, yMax) / yMax : 0));
  const every = Math.max(1, Math.ceil(xLabels.length / 8));
  const labels = xLabels
    .map((l, i) =>
      i % every === 0
        ? `<text x="${x(i)}" y="${H - PAD.bottom + 16}" text-anchor="middle" font-size="10" fill="currentColor">${esc(l)}</text>`
        : '',
    )
    .join('');
  const lines = series
    .map((s, k) => {
      const pts = s.values.flatMap((v, i) => (v === null ? [] : [`${x(i).toFixed(1)},${y(v).toFixed(1)}`]));
      const dots = s.values
        .map((v, i) => (v === null ? '' : `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5" fill="${s.colour}"/>`))
        .join('');
      const legend = `<rect x="${PAD.left + k * 150}" y="${H - 14}" width="10" height="10" fill="${s.colour}"/><text x="${PAD.left + k * 150 + 14}" y="${H - 5}" font-size="10" fill="currentColor">${esc(s.label)}</text>`;
      return `<polyline points="${pts.join(' ')}" fill="none" stroke="${s.colour}" stroke-width="2"/>${dots}${legend}`;
    })
    .join('');
  return frame(title, labels + lines, yMax, yUnit);
}

export interface Bar {
  label: string;
  value: number;
  colour: string;
  /** Shown above the bar: the counts behind the figure. */
  note: string;
}

export function barChart(title: string, bars: readonly Bar[], yUnit: string): string {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const yMax = niceMax(Math.max(...bars.map((b) => b.value)) * 1.1);
  const slot = plotW / Math.max(1, bars.length);
  const body = bars
    .map((b, i) => {
      const h = (plotH * b.value) / yMax;
      const x = PAD.left + slot * i + slot * 0.2;
      const top = PAD.top + plotH - h;
      return `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${(slot * 0.6).toFixed(1)}" height="${h.toFixed(1)}" fill="${b.colour}"><title>${esc(`${b.label}: ${fmt(b.value)}${yUnit} (${b.note})`)}</title></rect><text x="${(x + slot * 0.3).toFixed(1)}" y="${(top - 4).toFixed(1)}" text-anchor="middle" font-size="10" fill="currentColor">${esc(`${fmt(b.value)} (${b.note})`)}</text><text x="${(x + slot * 0.3).toFixed(1)}" y="${H - PAD.bottom + 14}" text-anchor="middle" font-size="10" fill="currentColor">${esc(b.label)}</text>`;
    })
    .join('');
  return frame(title, body, yMax, yUnit);
}

export interface Chart {
  /** File name in `--format md --out DIR`. */
  file: string;
  title: string;
  svg: string;
}

export function auditCharts(report: AuditReport): Chart[] {
  const months = report.timeline.map((p) => p.period);
  const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);
  const classes = Object.entries(report.classes) as Array<[LineClass, AuditReport['classes'][LineClass]]>;
  const hours = report.timeline.map((p) => p.medianHoursToSignOff);
  const maxHours = niceMax(Math.max(...hours.map((h) => h ?? 0)));
  return [
    {
      file: 'audit-share.svg',
      title: 'AI share and reviewed share of added lines, by month',
      svg: lineChart(
        'AI share and reviewed share of added lines, by month',
        months,
        [
          { label: 'AI share of lines', colour: '#a371f7', values: report.timeline.map((p) => share(p.aiLines, p.lines)) },
          {
            label: 'signed-off share of AI lines',
            colour: CLASS_COLOURS['ai-signed-off'],
            values: report.timeline.map((p) => share(p.signedOffAiLines, p.aiLines)),
          },
        ],
        100,
        '%',
      ),
    },
    {
      file: 'audit-defects.svg',
      title: 'Defect-introducing lines per 1,000 lines, by class',
      svg: barChart(
        'Defect-introducing lines per 1,000 lines, by class',
        classes.map(([k, c]) => ({ label: k, value: c.per1000, colour: CLASS_COLOURS[k], note: `${c.defectLines} of ${c.lines}` })),
        '',
      ),
    },
    {
      file: 'audit-signoff.svg',
      title: 'Median hours from commit to sign-off, by month',
      svg: lineChart(
        'Median hours from commit to sign-off, by month',
        months,
        [{ label: 'median hours to sign-off', colour: '#58a6ff', values: hours }],
        maxHours,
        'h',
      ),
    },
  ];
}
