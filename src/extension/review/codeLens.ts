// "AI · 14 lines · unreviewed — Sign off" above each AI span that still needs review.
import * as vscode from 'vscode';
import { needsReview, REVIEW_STATES } from '../../core/signoff/reviewStates';
import { Commands } from '../ids';
import type { ReviewState } from './reviewState';

export class ReviewCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly reviews: ReviewState) {
    this.subscription = reviews.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    return this.reviews
      .reviewed(doc.uri)
      .filter(({ review }) => needsReview(review.state))
      .map(({ span, review }) => {
        const start = doc.positionAt(span.ranges[0].start);
        const end = doc.positionAt(span.ranges[span.ranges.length - 1].end);
        const lines = end.line - start.line + 1;
        const range = new vscode.Range(start.line, 0, start.line, 0);
        return new vscode.CodeLens(range, {
          title: `AI · ${lines} line${lines === 1 ? '' : 's'} · ${REVIEW_STATES[review.state].label} — Sign off`,
          command: Commands.signOffSpanAtCursor,
          arguments: [{ uri: doc.uri, spanIds: [span.id] }],
        });
      });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
