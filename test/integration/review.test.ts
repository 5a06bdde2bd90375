// Review in a real extension host: status highlights, sign-off from the command palette writing a
// valid sidecar record, staleness on edit, and signed records.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseSidecar } from '../../src/core/format';
import { signOffKey, verifySignOffs } from '../../src/core/signoff';
import type { AiprovTestApi } from '../../src/extension/extension';
import { screenshot, waitFor, waitForScreenText, workspaceRoot } from './helpers';

const BLOCK =
  'export function retryForever(task: () => Promise<void>): Promise<void> {\n  return task().catch(() => retryForever(task));\n}\n';

describe('review and sign-off', function () {
  this.timeout(60_000);
  let api: AiprovTestApi;
  let editor: vscode.TextEditor;
  let keyDir: string;
  const root = () => workspaceRoot();
  const sidecarFile = () => path.join(root(), '.aiprov/src/review.ts.aiprov');

  before(async () => {
    api = (await vscode.extensions.getExtension<AiprovTestApi>('aiprov.aiprov')!.activate())!;
    keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-it-keys-'));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'dev', '-f', path.join(keyDir, 'dev')]);
    // This workspace's user is the senior; the policy lets them review what they accepted.
    fs.mkdirSync(path.join(root(), '.aiprov'), { recursive: true });
    fs.writeFileSync(
      path.join(root(), '.aiprov/allowed_signers'),
      `dev@example.com namespaces="aiprov" ${fs.readFileSync(path.join(keyDir, 'dev.pub'), 'utf8').trim()}\n`,
    );
    fs.writeFileSync(path.join(root(), '.aiprov/policy.json'), JSON.stringify({ version: 1, forbidSelfSignOff: false }));
    fs.writeFileSync(path.join(root(), 'src/review.ts'), '// reviewed file\n\n');
    const doc = await vscode.workspace.openTextDocument(path.join(root(), 'src/review.ts'));
    editor = await vscode.window.showTextDocument(doc);
    await api.whenLoaded(doc.uri);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await vscode.commands.executeCommand('fakeAssistant.insertBlock', BLOCK);
    await waitFor('the AI span', () => (api.spansFor(doc.uri).length === 1 ? true : undefined));
    await doc.save();
  });

  after(() => {
    execFileSync('git', ['config', '--unset', 'gpg.format'], { cwd: root() });
    execFileSync('git', ['config', '--unset', 'user.signingkey'], { cwd: root() });
    fs.rmSync(keyDir, { recursive: true, force: true });
  });

  const states = () => api.reviewStates(editor.document.uri).map((s) => s.state);

  it('highlights a new AI span as unreviewed and counts it in the status bar', async () => {
    await api.whenReviewed(editor.document.uri);
    await waitFor('unreviewed highlight', () => (api.decorationsFor(editor.document.uri, 'unreviewed').length === 1 ? true : undefined));
    assert.deepEqual(states(), ['unreviewed']);
    assert.match(api.statusBarText(), /AI \d+% · 1 to review/);
  });

  it('the AI Provenance view lists the file with its span status', async () => {
    const files = await api.treeFiles();
    assert.deepEqual(files.find((f) => f.path === 'src/review.ts')?.states, ['unreviewed']);
    assert.equal(files.find((f) => f.path === 'src/review.ts')?.group, 'unreviewed', 'listed under "Needs review"');
    assert.ok(
      files.some((f) => f.path === 'src/math.ts'),
      'committed sidecars of other files are listed too',
    );
    await vscode.commands.executeCommand('aiprov.provenance.focus');
    await waitForScreenText('the view to list review.ts', /review\.ts/);
    await screenshot('review-tree');
    await vscode.window.showTextDocument(editor.document);
  });

  it('the view can show only files changed against the base branch', async () => {
    assert.equal(await vscode.commands.executeCommand('aiprov.toggleChangedOnly'), true);
    try {
      const paths = (await api.treeFiles()).map((f) => f.path);
      assert.ok(paths.includes('src/review.ts'), 'new file is a change');
      assert.ok(!paths.includes('src/math.ts'), 'math.ts is unchanged since main');
    } finally {
      await vscode.commands.executeCommand('aiprov.toggleChangedOnly');
    }
  });

  it('Sign Off Span at Cursor writes a valid, signed sidecar record and the span turns signed off', async () => {
    execFileSync('git', ['config', 'gpg.format', 'ssh'], { cwd: root() });
    execFileSync('git', ['config', 'user.signingkey', path.join(keyDir, 'dev')], { cwd: root() });
    editor.selection = new vscode.Selection(2, 4, 2, 4);
    await vscode.commands.executeCommand('aiprov.toggleReviewMode');
    await vscode.commands.executeCommand('aiprov.signOffSpanAtCursor', {
      note: 'checked the retry bound',
      checklist: ['rollback', 'tests'],
    });
    await waitFor('signed-off highlight', () => (api.decorationsFor(editor.document.uri, 'approved').length === 1 ? true : undefined));
    assert.deepEqual(states(), ['approved']);
    const sidecar = parseSidecar(fs.readFileSync(sidecarFile(), 'utf8'), 'review.ts.aiprov', { content: editor.document.getText() });
    assert.equal(sidecar.signoffs.length, 1);
    const [record] = sidecar.signoffs;
    assert.deepEqual(
      [record.reviewer.email, record.decision, record.note, record.checklist],
      ['dev@example.com', 'approved', 'checked the retry bound', ['rollback', 'tests']],
    );
    assert.match(record.signature ?? '', /BEGIN SSH SIGNATURE/);
    const allowed = fs.readFileSync(path.join(root(), '.aiprov/allowed_signers'), 'utf8');
    assert.equal(record.file, 'src/review.ts', 'the record is bound to its file');
    assert.equal((await verifySignOffs([record], allowed)).get(signOffKey(record))?.ok, true, 'the signed record verifies');
    const tampered = { ...record, note: 'edited afterwards' };
    assert.equal((await verifySignOffs([tampered], allowed)).get(signOffKey(tampered))?.ok, false, 'a tampered record does not');
    await screenshot('review-signed-off');
  });

  it('editing the signed-off text turns the sign-off stale', async () => {
    const offset = editor.document.getText().indexOf('retryForever(task))');
    await editor.edit((b) => b.insert(editor.document.positionAt(offset), 'void '));
    await waitFor('stale highlight', () => (api.decorationsFor(editor.document.uri, 'stale').length > 0 ? true : undefined));
    assert.deepEqual(states(), ['stale']);
    await screenshot('review-stale');
    await vscode.commands.executeCommand('aiprov.toggleReviewMode');
  });

  it('Request Changes records the decision and shows it', async () => {
    editor.selection = new vscode.Selection(2, 4, 2, 4);
    await vscode.commands.executeCommand('aiprov.requestChanges', { note: 'bound the retries' });
    await waitFor('changes-requested highlight', () =>
      api.decorationsFor(editor.document.uri, 'changes-requested').length > 0 ? true : undefined,
    );
    const sidecar = parseSidecar(fs.readFileSync(sidecarFile(), 'utf8'), 'review.ts.aiprov');
    assert.deepEqual(sidecar.signoffs.map((s) => s.decision).sort(), ['approved', 'changes-requested']);
  });
});

describe('provenance report', function () {
  this.timeout(60_000);

  it('shows the report webview and exports Markdown and JSON from the same model as the CLI', async () => {
    // Commit the reviewed file so the report (committed sidecars at HEAD) includes it.
    const root = workspaceRoot();
    await vscode.workspace.saveAll();
    execFileSync('git', ['add', '-A'], { cwd: root });
    execFileSync('git', ['-c', 'core.hooksPath=/dev/null', 'commit', '-qm', 'reviewed'], { cwd: root });
    await vscode.commands.executeCommand('aiprov.showReport');
    const tab = await waitFor('the report tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Provenance Report'),
    );
    assert.ok(tab.isActive, 'the report is the active tab');
    // What a person sees: the webview's rendered text (a real browser on the offline route).
    const screen = await waitForScreenText('the report to render', /AI-written \(\d+ of \d+ lines\)/);
    if (screen !== undefined) {
      assert.match(screen, /of AI lines signed off/);
      assert.match(screen, /src\/math\.ts/);
      assert.match(screen, /Export Markdown/);
    }
    await screenshot('provenance-report');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-report-'));
    const md = await vscode.commands.executeCommand<string>('aiprov.exportReport', { format: 'md', path: path.join(dir, 'r.md') });
    assert.match(fs.readFileSync(md, 'utf8'), /^# AI provenance report/m);
    assert.match(fs.readFileSync(md, 'utf8'), /src\/math\.ts/);
    const json = await vscode.commands.executeCommand<string>('aiprov.exportReport', { format: 'json', path: path.join(dir, 'r.json') });
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    assert.ok(report.totals.aiLines > 0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
