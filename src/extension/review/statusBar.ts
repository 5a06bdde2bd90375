// Status bar: the AI share of the active file and how many spans there still need review.
import * as vscode from 'vscode';
import { needsReview } from '../../core/signoff/reviewStates';
import { Views } from '../ids';
import type { ReviewState } from './reviewState';

export class ReviewStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('aiprov.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly reviews: ReviewState) {
    this.item.name = 'AI Provenance';
    // Opens the AI Provenance view.
    this.item.command = `${Views.tree}.focus`;
    this.disposables = [
      this.item,
      reviews.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    ];
    this.update();
  }

  get text(): string {
    return this.item.text;
  }

  private update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const spans = doc ? this.reviews.reviewed(doc.uri) : [];
    if (!doc || spans.length === 0) {
      this.item.hide();
      return;
    }
    const aiChars = spans.reduce((n, { span }) => n + span.ranges.reduce((m, r) => m + r.end - r.start, 0), 0);
    const share = Math.round((aiChars / Math.max(1, doc.getText().length)) * 100);
    const toReview = (uri: vscode.Uri) => this.reviews.reviewed(uri).filter(({ review }) => needsReview(review.state)).length;
    const open = toReview(doc.uri);
    const workspace = this.reviews.documents().reduce((n, uri) => n + toReview(uri), 0);
    this.item.text = `$(sparkle) AI ${share}%${open ? ` · ${open} to review` : ' · reviewed'}${workspace > open ? ` (${workspace} in open files)` : ''}`;
    this.item.tooltip = `${spans.length} AI span(s) in this file, ${open} needing a senior's sign-off; ${workspace} across open files. Click to open the AI Provenance view.`;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
