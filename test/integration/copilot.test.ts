// The real GitHub Copilot Chat (built into code-server) against the fake model server, offline.
// Production configuration: a BYOK "Custom Endpoint" model, no sign-in. Each case asserts the exact
// AI characters afterwards, their origin, confidence, tool and model, and that nothing else is AI.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AiprovApi } from '../../src/extension/extension';
import { hasFakeModel, modelRequests, planModel, screenshot, sleep, waitFor, workspaceRoot } from './helpers';

const MODEL_SELECTOR = { vendor: 'customendpoint', id: 'fake-model' };
const SIX_LINES = 'const a = 1;\nconst b = 2;\nconst c = 3;\nconst d = 4;\nconst e = 5;\nconsole.log(a + b + c + d + e);\n';

let api: AiprovApi;

interface SpanView {
  origin: string;
  confidence: string;
  tool?: string;
  model?: string;
  modelProvider?: string;
  texts: string[];
}

function spanViews(doc: vscode.TextDocument): SpanView[] {
  const text = doc.getText();
  return api.spansFor(doc.uri).map((s) => ({
    origin: s.attribution.origin,
    confidence: s.attribution.confidence,
    ...(s.attribution.tool && { tool: s.attribution.tool }),
    ...(s.attribution.model && { model: s.attribution.model }),
    ...(s.attribution.modelProvider && { modelProvider: s.attribution.modelProvider }),
    texts: s.ranges.map((r) => text.slice(r.start, r.end)),
  }));
}

/** A fresh file for one case, committed content on disk, opened in the editor with provenance loaded. */
async function freshFile(name: string, content: string): Promise<vscode.TextEditor> {
  const file = path.join(workspaceRoot(), 'src', 'copilot', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  await api.whenLoaded(doc.uri);
  assert.deepEqual(spanViews(doc), []);
  return editor;
}

async function askAgent(caseName: string, prompt: string): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.chat.open', { query: `[[case:${caseName}]] ${prompt}`, mode: 'agent', modelSelector: MODEL_SELECTOR });
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  try {
    return await waitFor(what, probe, timeoutMs);
  } catch (err) {
    await screenshot(`copilot-timeout-${what.replace(/\W+/g, '-')}`);
    throw new Error(`${(err as Error).message}; model requests: ${JSON.stringify(await modelRequests())}`);
  }
}

const COPILOT = { tool: 'GitHub Copilot Chat', model: 'fake-model', modelProvider: 'customendpoint' };

(hasFakeModel ? describe : describe.skip)('the real GitHub Copilot Chat (BYOK custom endpoint, offline)', function () {
  this.timeout(120_000);

  before(async () => {
    api = (await vscode.extensions.getExtension<AiprovApi>('aiprov.aiprov')!.activate())!;
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('agent replace_string_in_file, then Keep: only the replaced characters are AI', async () => {
    const editor = await freshFile('agent-replace.ts', SIX_LINES);
    const file = editor.document.uri.fsPath;
    await planModel('agent-replace', [{ toolCalls: [{ name: 'replace_string_in_file', arguments: { filePath: file, oldString: 'const c = 3;', newString: 'const c = 30;' } }] }, { text: 'Changed c.' }]);
    await askAgent('agent-replace', 'set c to 30');
    await until('the agent edit', () => editor.document.getText().includes('const c = 30;') || undefined);
    await screenshot('copilot-agent-replace');
    await vscode.commands.executeCommand('chatEditing.acceptAllFiles');
    await sleep(500);
    assert.equal(editor.document.getText(), SIX_LINES.replace('const c = 3;', 'const c = 30;'));
    assert.deepEqual(spanViews(editor.document), [{ origin: 'chatApply', confidence: 'certain', ...COPILOT, texts: ['0'] }]);
  });
});
