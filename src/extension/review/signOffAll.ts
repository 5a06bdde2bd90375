// "Sign Off All AI Changes": pick, across files, the AI spans to approve in one go.
import * as vscode from 'vscode';
import { needsReview, REVIEW_STATES } from '../../core/signoff/reviewStates';
import type { ProvenanceTree } from './tree';
import type { SignOffCommands } from './signOffCommands';

export async function signOffAll(tree: ProvenanceTree, signOff: SignOffCommands): Promise<void> {
  const files = await tree.files();
  const items = files.flatMap((file) =>
    file.spans
      .filter(({ review }) => needsReview(review.state))
      .map(({ span, review }) => ({
        label: `${vscode.workspace.asRelativePath(file.uri)}`,
        description: `${span.attribution.tool ?? span.attribution.origin} · ${REVIEW_STATES[review.state].label}`,
        picked: true,
        uri: file.uri,
        spanId: span.id,
      })),
  );
  if (items.length === 0) {
    void vscode.window.showInformationMessage('AI Provenance: every AI span is already signed off.');
    return;
  }
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: 'Sign off these AI spans',
    matchOnDescription: true,
  });
  if (!picked?.length) return;
  const byFile = new Map<string, { uri: vscode.Uri; spanIds: string[] }>();
  for (const p of picked) {
    const entry = byFile.get(p.uri.toString()) ?? { uri: p.uri, spanIds: [] };
    entry.spanIds.push(p.spanId);
    byFile.set(p.uri.toString(), entry);
  }
  // The first file prompts for the note and checklist; the rest reuse the answers.
  let shared: { note?: string; checklist?: string[] } | undefined;
  for (const { uri, spanIds } of byFile.values()) {
    const outcome = await signOff.signOffSpanAtCursor({ uri, spanIds, ...shared });
    if (!outcome) return;
    shared ??= { note: outcome.signoff.note ?? '', checklist: [...(outcome.signoff.checklist ?? [])] };
  }
}
