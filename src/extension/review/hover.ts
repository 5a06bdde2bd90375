// Hover on an AI span: where it came from, how much a human changed, and its review status, with
// links to sign off.
import * as vscode from 'vscode';
import { REVIEW_STATES } from '../../core/signoff/reviewStates';
import { humanEditedShare } from '../../core/spans/tracker';
import { Commands } from '../ids';
import type { ReviewState } from './reviewState';

export class SpanHoverProvider implements vscode.HoverProvider {
  constructor(private readonly reviews: ReviewState) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const offset = doc.offsetAt(position);
    const hit = this.reviews.reviewed(doc.uri).find(({ span }) => span.ranges.some((r) => r.start <= offset && offset < r.end));
    if (!hit) return undefined;
    const { span, review } = hit;
    const a = span.attribution;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [Commands.signOffSpanAtCursor, Commands.requestChanges] };
    md.appendMarkdown(`**AI-written** · ${a.origin} · ${a.confidence}  \n`);
    md.appendMarkdown(`Tool: ${a.tool ?? 'unknown'}${a.model ? ` · model ${a.model}` : ''}  \n`);
    md.appendMarkdown(`Accepted ${a.author ? `by ${a.author} ` : ''}on ${new Date(a.capturedAt).toLocaleString()}  \n`);
    md.appendMarkdown(`Changed by a human since: ${Math.round(humanEditedShare(span) * 100)}%  \n`);
    md.appendMarkdown(`Review: **${REVIEW_STATES[review.state].label}**`);
    for (const s of review.approvals)
      md.appendMarkdown(
        `  \n✓ ${s.reviewer.name ?? s.reviewer.email} on ${new Date(s.at).toLocaleString()}${s.note ? ` — ${s.note}` : ''}`,
      );
    for (const p of review.problems) md.appendMarkdown(`  \n⚠ ${p}`);
    if (review.state !== 'approved')
      md.appendMarkdown(`\n\n[Sign off](command:${Commands.signOffSpanAtCursor}) · [Request changes](command:${Commands.requestChanges})`);
    const first = span.ranges[0];
    const last = span.ranges[span.ranges.length - 1];
    return new vscode.Hover(md, new vscode.Range(doc.positionAt(first.start), doc.positionAt(last.end)));
  }
}
