// Provenance travels with the code: hooks installed from the command palette export at commit.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AiprovTestApi } from '../../src/extension/extension';
import { waitFor, workspaceRoot } from './helpers';

const git = (...args: string[]) => execFileSync('git', args, { cwd: workspaceRoot(), stdio: 'pipe' }).toString();

describe('export at commit from the editor', function () {
  this.timeout(60_000);
  let api: AiprovTestApi;

  before(async () => {
    api = (await vscode.extensions.getExtension<AiprovTestApi>('aiprov.aiprov')!.activate())!;
  });

  it('Install Git Hooks, then a terminal commit carries the sidecar of an AI insertion', async () => {
    await vscode.commands.executeCommand('aiprov.installGitHooks');
    const uri = vscode.Uri.file(path.join(workspaceRoot(), 'src/math.ts'));
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    await api.whenLoaded(uri);
    const block = 'export function generatedHelper(items: number[]): number {\n  return items.reduce((sum, x) => sum + x, 0);\n}\n';
    editor.selection = new vscode.Selection(doc.lineCount - 1, 0, doc.lineCount - 1, 0);
    await vscode.commands.executeCommand('fakeAssistant.insertBlock', block);
    await waitFor('the span', () => (api.spansFor(uri).length === 1 ? true : undefined));
    await doc.save();
    await api.flush();
    git('add', 'src/math.ts');
    git('commit', '-qm', 'helper from the assistant');
    const sidecar = JSON.parse(git('show', 'HEAD:.aiprov/src/math.ts.aiprov'));
    assert.equal(sidecar.blob, git('rev-parse', 'HEAD:src/math.ts').trim());
    const committed = git('show', 'HEAD:src/math.ts');
    assert.deepEqual(
      sidecar.spans.map((s: { ranges: Array<{ start: number; end: number }> }) => committed.slice(s.ranges[0].start, s.ranges[0].end)),
      [block],
    );
    assert.match(git('log', '-1', '--format=%B'), /AI-Assisted: 3 lines in 1 file/);
  });

  it('Export Now writes the sidecar of a file with live provenance', async () => {
    const written = (await vscode.commands.executeCommand<string[]>('aiprov.exportNow')) ?? [];
    assert.ok(written.includes('.aiprov/src/math.ts.aiprov'), JSON.stringify(written));
  });
});
