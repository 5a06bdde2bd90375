// Live state survives a real window reload. The suite runs twice: the first run records a span and
// reloads the window, which restarts the extension host and with it this suite; the second run
// (marked by a file in the fixture repository's git directory) checks the span came back.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AiprovTestApi } from '../../src/extension/extension';
import { hasRealKeys, waitFor, workspaceRoot } from './helpers';
import { RELOAD_MARKER } from './reloadMarker';

const BLOCK = 'export function survivesReload(items: string[]): string {\n  return items.map((item) => item.trim()).join(", ");\n}\n';

(hasRealKeys ? describe : describe.skip)('window reload', function () {
  this.timeout(60_000);
  const marker = () => path.join(workspaceRoot(), RELOAD_MARKER);

  it('records an AI span, then reloads the window within the save debounce', async function () {
    if (fs.existsSync(marker())) this.skip();
    const api = await vscode.extensions.getExtension<AiprovTestApi>('aiprov.aiprov')!.activate();
    const file = path.join(workspaceRoot(), 'src/reload.ts');
    fs.writeFileSync(file, '// before\n');
    const doc = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(doc);
    await api.whenLoaded(doc.uri);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await vscode.commands.executeCommand('fakeAssistant.insertBlock', BLOCK);
    await waitFor('the span', () => (api.spansFor(doc.uri).length === 1 ? true : undefined));
    await doc.save();
    // No explicit flush: the live record is still waiting for its debounce, so only deactivate()
    // returning the final flush (which VS Code awaits while the window goes) can keep it.
    const expected = api.spansFor(doc.uri).map((s) => ({ id: s.id, ranges: s.ranges }));
    fs.writeFileSync(marker(), JSON.stringify(expected));
    await vscode.commands.executeCommand('workbench.action.reloadWindow');
    // The reload ends this extension host; the suite starts again in the new one.
    await new Promise(() => undefined);
  });

  it('after a window reload the span is read back from live state', async function () {
    if (!fs.existsSync(marker())) this.skip();
    const expected = JSON.parse(fs.readFileSync(marker(), 'utf8'));
    fs.rmSync(marker());
    const api = await vscode.extensions.getExtension<AiprovTestApi>('aiprov.aiprov')!.activate();
    const doc = await vscode.workspace.openTextDocument(path.join(workspaceRoot(), 'src/reload.ts'));
    await vscode.window.showTextDocument(doc);
    await api.whenLoaded(doc.uri);
    assert.deepEqual(
      api.spansFor(doc.uri).map((s) => ({ id: s.id, ranges: s.ranges })),
      expected,
    );
  });
});
