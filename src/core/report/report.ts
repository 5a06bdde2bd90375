// How much AI-written code a range of commits lands, and how much of it was reviewed: per file
// and per tool. Shared by `aiprov report` and the editor.
import { parseSidecar, repoPathOfSidecar, SIDECAR_DIR, sidecarPathFor, spansOf, type Sidecar } from '../format';
import type { AiSpan } from '../model';
import { gitText, readObjectBytes, resolveCommit } from '../repo/git';
import { loadReviewRules, POLICY_FILE, PolicyError, reviewFile, SignatureCache, type SpanReview } from '../signoff';
import { decodeContent } from '../verify/content';

export interface FileReport {
  path: string;
  lines: number;
  aiLines: number;
  reviewedAiLines: number;
  staleSignOffs: number;
  byTool: Record<string, number>;
}

export interface ProvenanceReport {
  range: string;
  files: FileReport[];
  totals: { lines: number; aiLines: number; reviewedAiLines: number; staleSignOffs: number; byTool: Record<string, number> };
}

function linesOf(span: AiSpan, sidecar: Sidecar): Set<number> {
  const out = new Set<number>();
  const record = sidecar.spans.find((s) => s.id === span.id);
  for (const r of record?.ranges ?? []) for (let l = r.startLine; l <= r.endLine; l++) out.add(l);
  return out;
}

/** Summarises one file's provenance (pure: no git, no disk). */
export function fileReport(path: string, content: string, sidecar: Sidecar, reviews: readonly SpanReview[]): FileReport {
  const spans = spansOf(sidecar);
  const ai = new Set<number>();
  const reviewed = new Set<number>();
  const byTool: Record<string, number> = {};
  spans.forEach((span, i) => {
    const lines = linesOf(span, sidecar);
    const tool = span.attribution.tool ?? span.attribution.origin;
    byTool[tool] = (byTool[tool] ?? 0) + lines.size;
    for (const l of lines) {
      ai.add(l);
      if (reviews[i]?.state === 'approved' || reviews[i]?.state === 'not-required') reviewed.add(l);
    }
  });
  const staleSignOffs = reviews.filter((r) => r.state === 'stale').length;
  const lines = content.length === 0 ? 0 : content.split('\n').length - (content.endsWith('\n') ? 1 : 0);
  return { path, lines, aiLines: ai.size, reviewedAiLines: reviewed.size, staleSignOffs, byTool };
}

export function totalsOf(files: readonly FileReport[]): ProvenanceReport['totals'] {
  const totals = { lines: 0, aiLines: 0, reviewedAiLines: 0, staleSignOffs: 0, byTool: {} as Record<string, number> };
  for (const f of files) {
    totals.lines += f.lines;
    totals.aiLines += f.aiLines;
    totals.reviewedAiLines += f.reviewedAiLines;
    totals.staleSignOffs += f.staleSignOffs;
    for (const [tool, n] of Object.entries(f.byTool)) totals.byTool[tool] = (totals.byTool[tool] ?? 0) + n;
  }
  return totals;
}

/** The files changed since `since` (or every tracked file with a sidecar when omitted), at HEAD. */
export async function buildReport(repoRoot: string, since?: string): Promise<ProvenanceReport> {
  const rules = await loadReviewRules(repoRoot);
  if (!rules.policyOk) throw new PolicyError(POLICY_FILE, rules.problems[0]);
  const signatures = new SignatureCache();
  // The revision reaches git as data: resolved to a commit id first, never passed as typed.
  const from = since === undefined ? undefined : await resolveCommit(repoRoot, since);
  if (since !== undefined && !from) throw new Error(`--since ${since}: not a commit in this repository`);
  const paths = from
    ? (await gitText(repoRoot, ['diff', '--name-only', '-z', `${from}...HEAD`]))
        .split('\0')
        .filter((p) => p && !p.startsWith(`${SIDECAR_DIR}/`))
    : (await gitText(repoRoot, ['ls-files', '-z', '--', SIDECAR_DIR])).split('\0').flatMap((p) => {
        const file = repoPathOfSidecar(p);
        return file === undefined ? [] : [file];
      });
  const wanted = [...new Set(paths)].sort();
  const objects = await readObjectBytes(
    repoRoot,
    wanted.flatMap((file) => [`HEAD:${file}`, `HEAD:${sidecarPathFor(file)}`]),
  );
  const files: FileReport[] = [];
  for (const file of wanted) {
    const contentBytes = objects.get(`HEAD:${file}`);
    const sidecarBytes = objects.get(`HEAD:${sidecarPathFor(file)}`);
    // A file deleted at HEAD, or one with no sidecar, has no AI lines to report.
    if (contentBytes === undefined || sidecarBytes === undefined) continue;
    // Bytes decoded as verify decodes them, so offsets and digests agree with the gate.
    const content = decodeContent(contentBytes);
    const sidecar = parseSidecar(sidecarBytes.toString('utf8'), sidecarPathFor(file));
    const reviews = await reviewFile({ file, content, spans: spansOf(sidecar), signoffs: sidecar.signoffs, rules, signatures });
    files.push(fileReport(file, content, sidecar, reviews));
  }
  return { range: since ? `${since}...HEAD` : 'HEAD', files, totals: totalsOf(files) };
}

const pct = (part: number, whole: number) => (whole === 0 ? '0%' : `${Math.round((part / whole) * 100)}%`);

export function formatReport(report: ProvenanceReport, format: 'md' | 'json' | 'csv'): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  if (format === 'csv') {
    const rows = [['file', 'lines', 'ai_lines', 'ai_share', 'reviewed_ai_lines', 'reviewed_share', 'stale_signoffs', 'tools']];
    for (const f of report.files) {
      rows.push([
        f.path,
        `${f.lines}`,
        `${f.aiLines}`,
        pct(f.aiLines, f.lines),
        `${f.reviewedAiLines}`,
        pct(f.reviewedAiLines, f.aiLines),
        `${f.staleSignOffs}`,
        Object.keys(f.byTool).sort().join(';'),
      ]);
    }
    return rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n';
  }
  const t = report.totals;
  const lines = [
    `# AI provenance report (${report.range})`,
    '',
    `AI-written: **${t.aiLines}** of ${t.lines} lines (${pct(t.aiLines, t.lines)}); reviewed: **${t.reviewedAiLines}** of them (${pct(t.reviewedAiLines, t.aiLines)}); stale sign-offs: ${t.staleSignOffs}.`,
    '',
    '| File | Lines | AI lines | AI share | Reviewed | Stale sign-offs |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...report.files.map(
      (f) =>
        `| ${f.path} | ${f.lines} | ${f.aiLines} | ${pct(f.aiLines, f.lines)} | ${pct(f.reviewedAiLines, f.aiLines)} | ${f.staleSignOffs} |`,
    ),
    '',
    '| Tool | AI lines |',
    '| --- | ---: |',
    ...Object.entries(t.byTool)
      .sort((a, b) => b[1] - a[1])
      .map(([tool, n]) => `| ${tool} | ${n} |`),
  ];
  return lines.join('\n') + '\n';
}
