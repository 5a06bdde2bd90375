// The real GitHub Copilot Chat on paths that need a Copilot token (ghost text, next-edit
// suggestions, the code mapper behind insert_edit_into_file and "Apply in Editor"): run in their own phase with the extension's
// scenario-automation token switch, which also swaps some of its services for test variants.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AiprovTestApi } from '../../src/extension/extension';
import {
  click,
  hasFakeModel,
  modelRequests,
  placeCursor,
  planModel,
  pressKey,
  screenshot,
  typeText,
  waitForStable,
  waitForVisible,
} from './helpers';
import { freshFile, MODEL_SELECTOR, SIX_LINES, spanViews, until } from './copilotCases';

let api: AiprovTestApi;
const spanViewsOf = (doc: vscode.TextDocument) => spanViews(api, doc);
const freshFileOf = (name: string, content: string) => freshFile(api, name, content);

(hasFakeModel ? describe : describe.skip)('the real GitHub Copilot Chat with a Copilot token (token switch)', function () {
  this.timeout(120_000);

  before(async () => {
    api = (await vscode.extensions.getExtension<AiprovTestApi>('aiprov.aiprov')!.activate())!;
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('(token switch) insert_edit_into_file adding one line to a 6-line file: only that line is AI', async () => {
    const editor = await freshFileOf('insert-edit.ts', SIX_LINES);
    const filePath = editor.document.uri.fsPath;
    const result = SIX_LINES.replace('console.log', '// sum of all\nconsole.log');
    await planModel('__mapper', [{ text: result }]);
    await planModel('insert-edit', [
      {
        toolCalls: [
          {
            name: 'insert_edit_into_file',
            arguments: {
              explanation: 'add a comment',
              filePath,
              code: '// ...existing code...\n// sum of all\nconsole.log(a + b + c + d + e);\n',
            },
          },
        ],
      },
      { text: 'Added.' },
    ]);
    await vscode.commands.executeCommand('workbench.action.chat.open', {
      query: '[[case:insert-edit]] comment the sum',
      mode: 'agent',
      modelSelector: MODEL_SELECTOR,
    });
    await until('the streamed edit', () => editor.document.getText() === result || undefined);
    await vscode.commands.executeCommand('chatEditing.acceptAllFiles');
    const views = await waitForStable('the spans after Keep', () => spanViewsOf(editor.document));
    console.log(`      insert_edit_into_file spans: ${JSON.stringify(views)}`);
    assert.deepEqual(views, [
      {
        origin: 'chatApply',
        confidence: 'certain',
        tool: 'GitHub Copilot Chat',
        model: 'fake-model',
        modelProvider: 'customendpoint',
        texts: ['// sum of all\n'],
      },
    ]);
  });

  it('(token switch) Ask mode "Apply in Editor" appending a function: only the new function is AI', async () => {
    const before = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
    const editor = await freshFileOf('apply.ts', before);
    const fn = '\nexport function sub(a: number, b: number): number {\n  return a - b;\n}\n';
    await planModel('__mapper', [{ text: before + fn }]);
    await planModel('apply', [{ text: `Add this:\n\n\`\`\`ts\n${fn.trim()}\n\`\`\`\n` }]);
    await vscode.commands.executeCommand('workbench.action.chat.open', {
      query: '[[case:apply]] add sub()',
      mode: 'ask',
      modelSelector: MODEL_SELECTOR,
    });
    await waitForVisible('the answer with its code block', '.interactive-result-code-block', 30_000);
    await click({ hover: '.interactive-result-code-block', role: 'button', name: 'Apply in Editor' });
    await waitForVisible('the editor picker', '.quick-input-widget', 10_000).catch(() => undefined);
    await screenshot('copilot-apply-pick');
    await pressKey('Enter').catch(() => undefined);
    await until('the applied function', () => editor.document.getText() === before + fn || undefined);
    const views = await waitForStable('the spans', () => spanViewsOf(editor.document));
    console.log(`      Apply in Editor spans: ${JSON.stringify(views)}`);
    // "Apply in Editor" names neither the model nor the extension.
    assert.deepEqual(views, [{ origin: 'chatApply', confidence: 'certain', texts: [fn] }]);
  });

  it('(token switch) ghost text accepted with Tab: exactly the suggestion is AI', async () => {
    const editor = await freshFileOf('ghost.ts', 'function square(n: number): number {\n  \n}\n');
    await planModel('__completion', [{ text: 'return n * n;' }]);
    editor.selection = new vscode.Selection(1, 2, 1, 2);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await waitForVisible('the ghost text', '.ghost-text-decoration, .ghost-text', 30_000);
    await screenshot('copilot-ghost-text');
    await pressKey('Tab');
    await until('the accepted suggestion', () => editor.document.getText().includes('return n * n;') || undefined);
    const views = await waitForStable('the spans', () => spanViewsOf(editor.document));
    console.log(`      ghost text spans: ${JSON.stringify(views)}`);
    assert.deepEqual(views, [{ origin: 'inlineCompletion', confidence: 'certain', tool: 'GitHub Copilot Chat', texts: ['return n * n;'] }]);
  });

  it('(token switch) ghost text accepted word by word: exactly the accepted words are AI', async () => {
    const editor = await freshFileOf('ghost-words.ts', 'function cube(n: number): number {\n  \n}\n');
    await planModel('__completion', [{ text: 'return n * n * n;' }]);
    editor.selection = new vscode.Selection(1, 2, 1, 2);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await waitForVisible('the ghost text', '.ghost-text-decoration, .ghost-text', 30_000);
    await pressKey('Control+ArrowRight');
    await until('the first accepted word', () => editor.document.lineAt(1).text.trim().length > 0 || undefined);
    await pressKey('Control+ArrowRight');
    const accepted = await until('two accepted words', () => {
      const line = editor.document.lineAt(1).text.slice(2);
      return line.length > 'return'.length ? line : undefined;
    });
    await waitForStable('the accepted words', () => editor.document.lineAt(1).text);
    assert.ok('return n * n * n;'.startsWith(accepted), accepted);
    const views = spanViewsOf(editor.document);
    console.log(`      word-by-word spans: ${JSON.stringify(views)}`);
    assert.equal(views.flatMap((v) => v.texts).join(''), accepted);
    for (const v of views)
      assert.deepEqual(
        { ...v, texts: [] },
        { origin: 'partialInlineCompletion', confidence: 'certain', tool: 'GitHub Copilot Chat', texts: [] },
      );
  });

  it('(token switch) a next-edit suggestion accepted with Tab: exactly the changed characters are AI', async () => {
    const before = 'function add(a: number, b: number): number {\n  return a + b;\n}\nconst total = add(1, 2);\n';
    const editor = await freshFileOf('nes.ts', before);
    // No ghost text at the cursor; the next edit adds the new parameter to the sum below it.
    await planModel('__completion', [{ text: '' }]);
    await planModel('__nes', [{ find: 'return a + b;', replace: 'return a + b + c;' }]);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await placeCursor(editor, 0, 33);
    // An edit of one's own is what makes Copilot look for the next one.
    await typeText(', c: number');
    const typed = before.replace('b: number)', 'b: number, c: number)');
    await until('the typed parameter', () => editor.document.getText() === typed || undefined);
    await until('the next edit for the whole parameter', async () => {
      const { requests } = (await modelRequests()) as { requests: Array<{ route?: string; answered?: string }> };
      return (
        requests.some((r) => r.route === 'next edit' && r.answered?.includes('c: number): number {\n  return a + b + c;')) || undefined
      );
    });
    await waitForVisible('the next-edit suggestion', '.inline-edits-view-gutter-indicator div', 30_000).catch(async (err: Error) => {
      await screenshot('copilot-next-edit-missing');
      throw err;
    });
    await screenshot('copilot-next-edit');
    await pressKey('Tab');
    const accepted = typed.replace('return a + b;', 'return a + b + c;');
    await until('the accepted next edit', () => editor.document.getText() === accepted || undefined);
    const views = await waitForStable('the spans', () => spanViewsOf(editor.document));
    // The accept names the extension, not the model.
    assert.deepEqual(views, [{ origin: 'inlineCompletion', confidence: 'certain', tool: 'GitHub Copilot Chat', texts: [' + c'] }]);
    assert.equal(api.spansFor(editor.document.uri)[0].ranges[0].start, accepted.indexOf('return a + b + c;') + 'return a + b'.length);
  });
});
