// What the real-Copilot suites share: the fake model's selector, a fresh file per case, a view of
// the recorded spans, and a wait that says what the model was asked when it times out.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AiprovTestApi } from '../../src/extension/extension';
import { modelRequests, screenshot, waitFor, workspaceRoot } from './helpers';

export const MODEL_SELECTOR = { vendor: 'customendpoint', id: 'fake-model' };
export const SIX_LINES = 'const a = 1;\nconst b = 2;\nconst c = 3;\nconst d = 4;\nconst e = 5;\nconsole.log(a + b + c + d + e);\n';

export interface SpanView {
  origin: string;
  confidence: string;
  tool?: string;
  model?: string;
  modelProvider?: string;
  texts: string[];
}

export function spanViews(api: AiprovTestApi, doc: vscode.TextDocument): SpanView[] {
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
export async function freshFile(api: AiprovTestApi, name: string, content: string): Promise<vscode.TextEditor> {
  const file = path.join(workspaceRoot(), 'src', 'copilot', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  await api.whenLoaded(doc.uri);
  assert.deepEqual(spanViews(api, doc), []);
  return editor;
}

/** waitFor, with a screenshot and the model's requests when it times out. */
export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  try {
    return await waitFor(what, probe, timeoutMs);
  } catch (err) {
    await screenshot(`copilot-timeout-${what.replace(/\W+/g, '-')}`);
    throw new Error(`${(err as Error).message}; model requests: ${JSON.stringify(await modelRequests())}`);
  }
}
