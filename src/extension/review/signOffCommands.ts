// Sign-off from the command palette: a span at the cursor, a whole file, or a change request,
// each with an optional note and the policy's checklist. Records go through the core's
// recordSignOff, exactly as `aiprov signoff` does.
import * as vscode from 'vscode';
import type { Decision } from '../../core/model';
import { gitConfig } from '../../core/repo/git';
import { gitSigningKey, loadReviewRules, recordSignOff, signingSetupAdvice, sshPublicKeys, type SignOffOutcome } from '../../core/signoff';
import { git } from '../../core/repo/git';
import type { ProvenanceService } from '../provenance/service';

/** Arguments tests and other commands pass to skip the prompts. */
export interface SignOffArgs {
  uri?: vscode.Uri;
  spanIds?: string[];
  note?: string;
  checklist?: string[];
  sign?: boolean;
}

export class SignOffCommands {
  constructor(private readonly provenance: ProvenanceService) {}

  async signOffSpanAtCursor(args: SignOffArgs = {}, decision: Decision = 'approved'): Promise<SignOffOutcome | undefined> {
    if (args.uri && args.spanIds) return this.record({ ...args, uri: args.uri }, decision);
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new Error('open the file to review first');
    const offset = editor.document.offsetAt(editor.selection.active);
    const span = this.provenance.spansFor(editor.document.uri).find((s) => s.ranges.some((r) => r.start <= offset && offset <= r.end));
    if (!span && !args.spanIds) {
      void vscode.window.showInformationMessage('AI Provenance: the cursor is not in an AI-written span.');
      return undefined;
    }
    return this.record({ ...args, uri: editor.document.uri, spanIds: args.spanIds ?? [span!.id] }, decision);
  }

  async signOffFile(args: SignOffArgs = {}, decision: Decision = 'approved'): Promise<SignOffOutcome | undefined> {
    const uri = args.uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri) throw new Error('open the file to review first');
    return this.record({ ...args, uri }, decision);
  }

  private async record(args: SignOffArgs & { uri: vscode.Uri }, decision: Decision): Promise<SignOffOutcome | undefined> {
    const doc = await vscode.workspace.openTextDocument(args.uri);
    const location = this.provenance.locate(doc.uri);
    if (!location?.isGit) throw new Error('sign-off needs the file to be in a git repository');
    if (doc.isDirty) await doc.save();
    await this.provenance.flush();
    const rules = await loadReviewRules(location.repoRoot);
    if (!rules.policyOk) throw new Error(rules.problems[0]);
    const { policy } = rules;
    let signingKey = args.sign === false ? undefined : await gitSigningKey(location.repoRoot);
    if (!signingKey && policy.requireSignature) {
      if (args.sign === false) throw new Error('the policy requires signed sign-offs (requireSignature)');
      signingKey = await offerSigningSetup(location.repoRoot);
      if (!signingKey) return undefined;
    }
    let note = args.note;
    let checklist = args.checklist;
    const prompted = args.note === undefined && args.checklist === undefined;
    if (prompted) {
      if (decision === 'approved' && policy.checklist.length) {
        const picked = await vscode.window.showQuickPick(
          policy.checklist.map((c) => ({ label: c.label, id: c.id, picked: false })),
          {
            canPickMany: true,
            title: 'AI Provenance: confirm before signing off',
            placeHolder: 'The policy asks reviewers to confirm every item: an approval counts only then',
          },
        );
        if (!picked) return undefined;
        checklist = picked.map((p) => p.id);
      }
      note = await vscode.window.showInputBox({
        title: decision === 'changes-requested' ? 'What needs to change?' : 'Note (optional)',
        prompt: 'Recorded with your review',
      });
      if (note === undefined) return undefined;
    }
    const email = await gitConfig(location.repoRoot, 'user.email');
    if (!email) throw new Error('git user.email is not set; it names the reviewer');
    const name = await gitConfig(location.repoRoot, 'user.name');
    const outcome = await recordSignOff({
      repoRoot: location.repoRoot,
      gitDir: location.liveDir,
      repoPath: location.repoPath,
      content: doc.getText(),
      current: { spans: this.provenance.spansFor(doc.uri), signoffs: this.provenance.signoffsFor(doc.uri) },
      ...(args.spanIds && { spanIds: args.spanIds }),
      reviewer: { email, ...(name && { name }) },
      decision,
      ...(note && { note }),
      ...(checklist && { checklist }),
      ...(signingKey && { signingKey }),
    });
    await this.provenance.reload(doc.uri);
    const what = decision === 'approved' ? 'Signed off' : decision === 'revoked' ? 'Revoked your review of' : 'Requested changes on';
    const message = `AI Provenance: ${what} ${outcome.spans.length} AI span(s) in ${location.repoPath}${outcome.signoff.signature ? ' (signed)' : ''}.`;
    if (outcome.warnings.length) void vscode.window.showWarningMessage(`${message} ${outcome.warnings.join(' ')}`);
    else void vscode.window.showInformationMessage(message);
    return outcome;
  }
}

/**
 * Sign-offs count only when signed with the reviewer's SSH key. When git has no signing key yet,
 * offers the public keys in ~/.ssh and sets the two git settings for this repository; never falls
 * back to an unsigned record.
 */
async function offerSigningSetup(repoRoot: string): Promise<string | undefined> {
  const keys = await sshPublicKeys();
  if (keys.length === 0) {
    void vscode.window.showErrorMessage(`AI Provenance: ${await signingSetupAdvice()}`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    keys.map((key) => ({ label: key.replace(/^.*[\\/]/, ''), description: key, key })),
    {
      title: 'AI Provenance: sign-offs are signed with your SSH key',
      placeHolder: 'Choose the key git should sign with (sets gpg.format=ssh and user.signingkey for this repository)',
    },
  );
  if (!picked) return undefined;
  await git(repoRoot, ['config', 'gpg.format', 'ssh']);
  await git(repoRoot, ['config', 'user.signingkey', picked.key]);
  return gitSigningKey(repoRoot);
}
