// The "Provenance Report" webview: the same report model as `aiprov report`, rendered to static
// HTML under a strict Content-Security-Policy (no scripts at all; styles only from media/). Its
// export buttons are command links limited to the export command.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { runAudit } from '../../core/audit/audit';
import { loadAuditConfig, readIncidents } from '../../core/audit/config';
import type { AuditReport } from '../../core/audit/model';
import { buildReport, formatReport, type ProvenanceReport } from '../../core/report/report';
import { Commands } from '../ids';
import { auditHtml } from './auditPage';
import { repositories } from '../git/repositories';

export async function workspaceReport(): Promise<ProvenanceReport> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const repo = folder && (await repositories.forPath(folder.uri.fsPath, true));
  if (!repo) throw new Error('no git repository in this workspace');
  return buildReport(repo.repoRoot);
}

/** The audit over the workspace's history, with progress in a notification (cached in .git/aiprov/audit/). */
export async function workspaceAudit(): Promise<AuditReport | { error: string }> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const repo = folder && (await repositories.forPath(folder.uri.fsPath, true));
  if (!repo) return { error: 'no git repository in this workspace' };
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'AI Provenance audit' }, async (progress) => {
    let last = 0;
    try {
      const config = await loadAuditConfig(repo.repoRoot);
      const incidents = config.incidents ? await readIncidents(path.resolve(repo.repoRoot, config.incidents), config.incidents) : undefined;
      const run = await runAudit(repo.repoRoot, {
        gitDir: repo.commonDir,
        // A repository's own patterns are code of a kind (a regular expression can run for ever):
        // restricted mode keeps the defaults.
        fixPatterns: vscode.workspace.isTrusted ? config.fixPatterns : undefined,
        incidents,
        // Restricted mode runs no git command that writes (the commit-graph is git's).
        commitGraph: vscode.workspace.isTrusted,
        onProgress: (done, total) => {
          const share = total ? (done / total) * 100 : 100;
          progress.report({ message: `${done} of ${total} commits read`, increment: share - last });
          last = share;
        },
      });
      return run.report;
    } catch (err) {
      return { error: (err as Error).message };
    }
  });
}

/** Writes the report; asks where unless `target` is given. Returns the file written. */
export async function exportReport(format: 'md' | 'json', target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const report = await workspaceReport();
  const uri =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('.'), `ai-provenance.${format}`),
      filters: format === 'md' ? { Markdown: ['md'] } : { JSON: ['json'] },
    }));
  if (!uri) return undefined;
  await fs.writeFile(uri.fsPath, formatReport(report, format));
  return uri;
}

const escape = (s: string | number) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 100) : 0);
const bar = (value: number) => `<span class="bar"><span class="w${Math.round(value / 5) * 5}"></span></span>`;

export function reportHtml(report: ProvenanceReport, cspSource: string, cssUri: string, audit?: AuditReport | { error: string }): string {
  const t = report.totals;
  const exportLink = (format: string, label: string) =>
    `<a class="button" href="command:${Commands.exportReport}?${encodeURIComponent(JSON.stringify([{ format }]))}">${label}</a>`;
  const files = report.files.length
    ? `<table><tr><th>File</th><th class="num">AI lines</th><th>AI share</th><th>Reviewed</th><th class="num">Stale</th></tr>${report.files
        .map(
          (f) =>
            `<tr><td>${escape(f.path)}</td><td class="num">${f.aiLines}</td><td>${pct(f.aiLines, f.lines)}% ${bar(pct(f.aiLines, f.lines))}</td><td>${pct(f.reviewedAiLines, f.aiLines)}% ${bar(pct(f.reviewedAiLines, f.aiLines))}</td><td class="num">${f.staleSignOffs}</td></tr>`,
        )
        .join('')}</table>`
    : '<p class="empty">No committed AI provenance yet.</p>';
  const tools = Object.entries(t.byTool)
    .sort((a, b) => b[1] - a[1])
    .map(([tool, n]) => `<tr><td>${escape(tool)}</td><td class="num">${n}</td></tr>`)
    .join('');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource};">
<meta name="viewport" content="width=device-width, initial-scale=1.0"><link rel="stylesheet" href="${cssUri}"><title>Provenance Report</title></head>
<body>${audit ? '<nav><a href="#snapshot">Snapshot</a> · <a href="#audit">Audit over time</a></nav>' : ''}<h1 id="snapshot">Provenance Report</h1><p class="empty">Committed sidecars at ${escape(report.range)}</p>
<div class="summary">
<div class="metric"><div class="value">${pct(t.aiLines, t.lines)}%</div><div class="label">AI-written (${t.aiLines} of ${t.lines} lines)</div></div>
<div class="metric"><div class="value">${pct(t.reviewedAiLines, t.aiLines)}%</div><div class="label">of AI lines signed off</div></div>
<div class="metric"><div class="value">${t.staleSignOffs}</div><div class="label">stale sign-offs</div></div></div>
${files}${tools ? `<h2>By tool</h2><table><tr><th>Tool</th><th class="num">AI lines</th></tr>${tools}</table>` : ''}
<div class="actions">${exportLink('md', 'Export Markdown')} ${exportLink('json', 'Export JSON')}</div>${audit ? auditHtml(audit) : ''}</body></html>`;
}

export class ReportPanel {
  private static current: vscode.WebviewPanel | undefined;

  static async show(extensionUri: vscode.Uri): Promise<vscode.WebviewPanel> {
    const media = vscode.Uri.joinPath(extensionUri, 'media');
    const panel =
      ReportPanel.current ??
      vscode.window.createWebviewPanel('aiprov.report', 'Provenance Report', vscode.ViewColumn.Active, {
        enableScripts: false,
        enableCommandUris: [Commands.exportReport],
        localResourceRoots: [media],
      });
    if (!ReportPanel.current) {
      ReportPanel.current = panel;
      panel.onDidDispose(() => (ReportPanel.current = undefined));
    }
    const css = panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'report.css')).toString();
    panel.webview.html = reportHtml(await workspaceReport(), panel.webview.cspSource, css, await workspaceAudit());
    panel.reveal();
    return panel;
  }
}
