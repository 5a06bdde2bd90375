// The real GitHub Copilot Chat (built into code-server) against the fake model server, offline.
// Production configuration: a BYOK "Custom Endpoint" model, no sign-in. Each case asserts the exact
// AI characters afterwards, their origin, confidence, tool and model, and that nothing else is AI.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AiprovTestApi } from '../../src/extension/extension';
import {
  click,
  hasFakeModel,
  planModel,
  pressKey,
  screenshot,
  typeIntoFocused,
  waitForScreenStable,
  waitForStable,
  waitForVisible,
  workspaceRoot,
} from './helpers';
import { freshFile, MODEL_SELECTOR, SIX_LINES, spanViews, until } from './copilotCases';

let api: AiprovTestApi;
const spanViewsOf = (doc: vscode.TextDocument) => spanViews(api, doc);
const freshFileOf = (name: string, content: string) => freshFile(api, name, content);

async function askAgent(caseName: string, prompt: string): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.chat.open', {
    query: `[[case:${caseName}]] ${prompt}`,
    mode: 'agent',
    modelSelector: MODEL_SELECTOR,
  });
}

/** The agent creates `name` under src/copilot with `content`; resolves once its document holds it. */
async function agentCreates(caseName: string, name: string, content: string, prompt: string) {
  const file = path.join(workspaceRoot(), 'src', 'copilot', name);
  await planModel(caseName, [{ toolCalls: [{ name: 'create_file', arguments: { filePath: file, content } }] }, { text: 'Created.' }]);
  await askAgent(caseName, prompt);
  const doc = await until('the created file', () =>
    vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file && d.getText() === content),
  );
  return { file, doc };
}

const COPILOT = { tool: 'GitHub Copilot Chat', model: 'fake-model', modelProvider: 'customendpoint' };

(hasFakeModel ? describe : describe.skip)('the real GitHub Copilot Chat (BYOK custom endpoint, offline)', function () {
  this.timeout(120_000);

  before(async () => {
    api = (await vscode.extensions.getExtension<AiprovTestApi>('aiprov.aiprov')!.activate())!;
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('agent replace_string_in_file, then Keep: only the replaced characters are AI', async () => {
    const editor = await freshFileOf('agent-replace.ts', SIX_LINES);
    const file = editor.document.uri.fsPath;
    await planModel('agent-replace', [
      {
        toolCalls: [
          { name: 'replace_string_in_file', arguments: { filePath: file, oldString: 'const c = 3;', newString: 'const c = 30;' } },
        ],
      },
      { text: 'Changed c.' },
    ]);
    await askAgent('agent-replace', 'set c to 30');
    await until('the agent edit', () => editor.document.getText().includes('const c = 30;') || undefined);
    await screenshot('copilot-agent-replace');
    await vscode.commands.executeCommand('chatEditing.acceptAllFiles');
    await waitForStable('the spans after Keep', () => spanViewsOf(editor.document));
    assert.equal(editor.document.getText(), SIX_LINES.replace('const c = 3;', 'const c = 30;'));
    assert.deepEqual(spanViewsOf(editor.document), [{ origin: 'chatApply', confidence: 'certain', ...COPILOT, texts: ['0'] }]);
  });

  it('agent create_file, then Keep: the whole new file is AI', async () => {
    const content = 'export function twice(n: number): number {\n  return n * 2;\n}\n';
    const { doc } = await agentCreates('agent-create', 'created.ts', content, 'create a twice function');
    await vscode.commands.executeCommand('chatEditing.acceptAllFiles');
    await waitForStable('the spans after Keep', () => spanViewsOf(doc));
    assert.deepEqual(spanViewsOf(doc), [{ origin: 'chatApply', confidence: 'certain', ...COPILOT, texts: [content] }]);
  });

  // A model may also call replace_string_in_file twice in one turn.
  it('agent with two replacements in one turn: each replaced character is AI, nothing else', async () => {
    const editor = await freshFileOf('agent-multi.ts', SIX_LINES);
    const filePath = editor.document.uri.fsPath;
    await planModel('agent-multi', [
      {
        toolCalls: [
          { name: 'replace_string_in_file', arguments: { filePath, oldString: 'const b = 2;', newString: 'const b = 20;' } },
          { name: 'replace_string_in_file', arguments: { filePath, oldString: 'const d = 4;', newString: 'const d = 40;' } },
        ],
      },
      { text: 'Bumped.' },
    ]);
    await askAgent('agent-multi', 'bump b and d');
    await until(
      'both replacements',
      () => (editor.document.getText().includes('const d = 40;') && editor.document.getText().includes('const b = 20;')) || undefined,
    );
    await vscode.commands.executeCommand('chatEditing.acceptAllFiles');
    const views = await waitForStable('the spans after Keep', () => spanViewsOf(editor.document));
    assert.deepEqual(
      views.flatMap((v) => v.texts),
      ['0', '0'],
    );
    for (const v of views) assert.deepEqual({ ...v, texts: [] }, { origin: 'chatApply', confidence: 'certain', ...COPILOT, texts: [] });
    const text = editor.document.getText();
    assert.deepEqual(
      api.spansFor(editor.document.uri).flatMap((s) => s.ranges.map((r) => r.start)),
      [text.indexOf('const b = 20;') + 11, text.indexOf('const d = 40;') + 11],
    );
  });

  it('agent Undo removes the undone span and keeps an earlier kept span exactly where it was', async () => {
    const editor = await freshFileOf('agent-undo.ts', SIX_LINES);
    const filePath = editor.document.uri.fsPath;
    await planModel('undo-keep', [
      { toolCalls: [{ name: 'replace_string_in_file', arguments: { filePath, oldString: 'const a = 1;', newString: 'const a = 10;' } }] },
      { text: 'Done.' },
    ]);
    await askAgent('undo-keep', 'set a to 10');
    await until('the first agent edit', () => editor.document.getText().includes('const a = 10;') || undefined);
    await vscode.commands.executeCommand('chatEditing.acceptAllFiles');
    await waitForStable('the spans after Keep', () => spanViewsOf(editor.document));
    await planModel('undo-discard', [
      { toolCalls: [{ name: 'replace_string_in_file', arguments: { filePath, oldString: 'const e = 5;', newString: 'const e = 50;' } }] },
      { text: 'Done.' },
    ]);
    await askAgent('undo-discard', 'set e to 50');
    await until('the second agent edit', () => editor.document.getText().includes('const e = 50;') || undefined);
    // Its confirmation ("This will undo changes made in …") is answered by the workbench in tests.
    await vscode.commands.executeCommand('chatEditing.discardAllFiles');
    const expected = SIX_LINES.replace('const a = 1;', 'const a = 10;');
    await until('the undo', () => editor.document.getText() === expected || undefined);
    await waitForStable('the spans after the undo', () => spanViewsOf(editor.document));
    assert.deepEqual(spanViewsOf(editor.document), [{ origin: 'chatApply', confidence: 'certain', ...COPILOT, texts: ['0'] }]);
    assert.equal(api.spansFor(editor.document.uri)[0].ranges[0].start, expected.indexOf('const a = 10;') + 11);
  });

  it('agent multi_replace_string_in_file over two files, then Keep: exactly the replaced characters are AI in each', async () => {
    const editor = await freshFileOf('multi-a.ts', SIX_LINES);
    const fileA = editor.document.uri.fsPath;
    // The second file is not open: the agent's edit opens it.
    const fileB = path.join(path.dirname(fileA), 'multi-b.ts');
    fs.writeFileSync(fileB, SIX_LINES);
    await planModel('agent-multi-replace', [
      {
        toolCalls: [
          {
            name: 'multi_replace_string_in_file',
            arguments: {
              explanation: 'bump values',
              replacements: [
                { filePath: fileA, oldString: 'const b = 2;', newString: 'const b = 20;' },
                { filePath: fileA, oldString: 'const d = 4;', newString: 'const d = 40;' },
                { filePath: fileB, oldString: 'const c = 3;', newString: 'const c = 3 + 1;' },
              ],
            },
          },
        ],
      },
      { text: 'Bumped.' },
    ]);
    await askAgent('agent-multi-replace', 'bump b and d here and c there');
    const docB = await until('the replacements in both files', () =>
      editor.document.getText().includes('const d = 40;')
        ? vscode.workspace.textDocuments.find((d) => d.uri.fsPath === fileB && d.getText().includes('const c = 3 + 1;'))
        : undefined,
    );
    await vscode.commands.executeCommand('chatEditing.acceptAllFiles');
    await waitForStable('the spans after Keep', () => [spanViewsOf(editor.document), spanViewsOf(docB)]);
    const textA = SIX_LINES.replace('const b = 2;', 'const b = 20;').replace('const d = 4;', 'const d = 40;');
    assert.equal(editor.document.getText(), textA);
    assert.deepEqual(spanViewsOf(editor.document), [
      { origin: 'chatApply', confidence: 'certain', ...COPILOT, texts: ['0'] },
      { origin: 'chatApply', confidence: 'certain', ...COPILOT, texts: ['0'] },
    ]);
    assert.deepEqual(
      api.spansFor(editor.document.uri).map((s) => s.ranges[0].start),
      [textA.indexOf('const b = 20;') + 11, textA.indexOf('const d = 40;') + 11],
    );
    assert.equal(docB.getText(), SIX_LINES.replace('const c = 3;', 'const c = 3 + 1;'));
    assert.deepEqual(spanViewsOf(docB), [{ origin: 'chatApply', confidence: 'certain', ...COPILOT, texts: [' + 1'] }]);
  });

  it('agent create_file, then Undo: the file, its document and its spans are gone', async () => {
    const content = 'export function thrice(n: number): number {\n  return n * 3;\n}\n';
    const { file, doc } = await agentCreates('agent-create-undo', 'created-undo.ts', content, 'create a thrice function');
    await waitForStable('the spans', () => spanViewsOf(doc));
    assert.deepEqual(spanViewsOf(doc), [{ origin: 'chatApply', confidence: 'certain', ...COPILOT, texts: [content] }]);
    // Its confirmation ("This will undo changes made in …") is answered by the workbench in tests.
    await vscode.commands.executeCommand('chatEditing.discardAllFiles');
    await until('the file and its document to go', () =>
      !fs.existsSync(file) && !vscode.workspace.textDocuments.some((d) => d.uri.fsPath === file) ? true : undefined,
    );
    assert.deepEqual(api.spansFor(doc.uri), []);
  });

  it('agent replace_string_in_file, then Undo with no earlier span: no span and no live record', async () => {
    const editor = await freshFileOf('undo-only.ts', SIX_LINES);
    const filePath = editor.document.uri.fsPath;
    await planModel('undo-only', [
      { toolCalls: [{ name: 'replace_string_in_file', arguments: { filePath, oldString: 'const e = 5;', newString: 'const e = 50;' } }] },
      { text: 'Done.' },
    ]);
    await askAgent('undo-only', 'set e to 50');
    await until('the agent edit', () => editor.document.getText().includes('const e = 50;') || undefined);
    await waitForStable('the spans', () => spanViewsOf(editor.document));
    assert.deepEqual(spanViewsOf(editor.document), [{ origin: 'chatApply', confidence: 'certain', ...COPILOT, texts: ['0'] }]);
    const live = path.join(workspaceRoot(), '.git/aiprov/live/src/copilot/undo-only.ts.aiprov');
    await api.flush();
    assert.ok(fs.existsSync(live), 'the live record of the agent edit');
    // Its confirmation ("This will undo changes made in …") is answered by the workbench in tests.
    await vscode.commands.executeCommand('chatEditing.discardAllFiles');
    await until('the undo', () => editor.document.getText() === SIX_LINES || undefined);
    assert.deepEqual(await waitForStable('the spans after the undo', () => spanViewsOf(editor.document)), []);
    await until('the file on disk as before', () => fs.readFileSync(filePath, 'utf8') === SIX_LINES || undefined);
    await api.flush();
    assert.equal(fs.existsSync(live), false);
  });

  for (const ending of ['Keep', 'Close'] as const) {
    it(`inline chat (Ctrl+I), then ${ending}: ${ending === 'Keep' ? 'the changed characters are AI' : 'the text and spans are back as before'}`, async () => {
      const editor = await freshFileOf(`inline-${ending}.ts`, SIX_LINES);
      const filePath = editor.document.uri.fsPath;
      const name = `inline-${ending.toLowerCase()}`;
      await planModel(name, [
        {
          toolCalls: [
            { name: 'replace_string_in_file', arguments: { filePath, oldString: 'const d = 4;', newString: 'const d = 4 * 2;' } },
          ],
        },
        { text: 'Done.' },
      ]);
      editor.selection = new vscode.Selection(3, 0, 3, 12);
      await pressKey('Control+I');
      // Typing goes where the focus is: wait until the inline chat's input has it.
      await waitForVisible('the inline chat input', '.inline-chat :focus, .inline-chat-content-widget :focus', 20_000);
      // The input may fill itself in (e.g. "Fix the attached problem"): let it, then replace it.
      await waitForScreenStable('the inline chat input');
      await typeIntoFocused('the inline chat input', `[[case:${name}]] double d`);
      await pressKey('Enter');
      await until('the inline chat edit', () => editor.document.getText().includes('const d = 4 * 2;') || undefined);
      await screenshot(`copilot-inline-${ending}`);
      await vscode.commands.executeCommand(ending === 'Keep' ? 'inlineChat2.keep' : 'inlineChat2.close');
      if (ending === 'Keep') {
        await waitForStable('the spans after Keep', () => spanViewsOf(editor.document));
        assert.equal(editor.document.getText(), SIX_LINES.replace('const d = 4;', 'const d = 4 * 2;'));
        assert.deepEqual(spanViewsOf(editor.document), [{ origin: 'chatApply', confidence: 'certain', ...COPILOT, texts: [' * 2'] }]);
      } else {
        await until('the inline chat edit to be undone', () => editor.document.getText() === SIX_LINES || undefined);
        assert.deepEqual(spanViewsOf(editor.document), []);
      }
    });
  }

  it('Ask mode, "Insert at Cursor": the inserted block is AI (likely: nothing labels it)', async () => {
    const editor = await freshFileOf('ask-insert.ts', 'const a = 1;\n\nexport { a };\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const block = 'function three() {\n  return 3;\n}';
    await planModel('ask-insert', [{ text: `Here it is:\n\n\`\`\`ts\n${block}\n\`\`\`\n` }]);
    await vscode.commands.executeCommand('workbench.action.chat.open', {
      query: '[[case:ask-insert]] write three()',
      mode: 'ask',
      modelSelector: MODEL_SELECTOR,
    });
    await waitForVisible('the answer with its code block', '.interactive-result-code-block', 30_000);
    await screenshot('copilot-ask-answer');
    await click({ hover: '.interactive-result-code-block', role: 'button', name: 'Insert At Cursor' });
    await until('the inserted block', () => editor.document.getText().includes(block) || undefined);
    await waitForStable('the spans', () => spanViewsOf(editor.document));
    assert.deepEqual(spanViewsOf(editor.document), [{ origin: 'heuristic', confidence: 'likely', texts: [block] }]);
  });
});
