// Next/previous AI span that still needs review, wrapping around the document.
import * as vscode from 'vscode';
import { needsReview } from '../../core/signoff/reviewStates';
import type { ReviewState } from './reviewState';

export function revealNextUnreviewed(reviews: ReviewState, direction: 1 | -1): boolean {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return false;
  const doc = editor.document;
  const starts = reviews
    .reviewed(doc.uri)
    .filter((r) => needsReview(r.review.state))
    .map((r) => r.span.ranges[0].start)
    .sort((a, b) => a - b);
  if (starts.length === 0) {
    void vscode.window.showInformationMessage('AI Provenance: no AI spans left to review in this file.');
    return false;
  }
  const here = doc.offsetAt(editor.selection.active);
  const target =
    direction === 1
      ? (starts.find((s) => s > here) ?? starts[0])
      : ([...starts].reverse().find((s) => s < here) ?? starts[starts.length - 1]);
  const pos = doc.positionAt(target);
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return true;
}
