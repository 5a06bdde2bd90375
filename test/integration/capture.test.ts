// Capture scenarios driven with real keys in a real extension host: each asserts the exact span set.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AiprovTestApi } from '../../src/extension/extension';
import { hasRealKeys, placeCursor, pressKey, screenshot, typeText, waitFor, waitForStable, waitForVisible, workspaceRoot } from './helpers';

const SUGGESTION = "function greet(name: string): string {\n  const greeting = 'Hello, ' + name;\n  return greeting + '!';\n}";
const ORIGINAL = "import { add } from './math';\n\n// fake-ai: greet\n\nconsole.log(add(1, 2));\n";

let api: AiprovTestApi;
let editor: vscode.TextEditor;

async function openFreshApp(): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.file(path.join(workspaceRoot(), 'src/app.ts'));
  const doc = await vscode.workspace.openTextDocument(uri);
  const ed = await vscode.window.showTextDocument(doc, { preview: false });
  if (doc.getText() !== ORIGINAL) {
    await ed.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), ORIGINAL));
    await vscode.commands.executeCommand('workbench.action.files.save');
  }
  await api.whenLoaded(uri);
  // Start every scenario with no recorded spans.
  await waitFor('spans cleared', async () => {
    if (api.spansFor(uri).length === 0) return true;
    await ed.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), ORIGINAL));
    return undefined;
  });
  return ed;
}

const spanSummary = () =>
  api.spansFor(editor.document.uri).map((s) => ({
    origin: s.attribution.origin,
    confidence: s.attribution.confidence,
    tool: s.attribution.tool,
    texts: s.ranges.map((r) => editor.document.getText().slice(r.start, r.end)),
  }));

async function acceptSuggestionWithTab(): Promise<void> {
  editor.selection = new vscode.Selection(3, 0, 3, 0);
  await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  await waitForVisible('the inline suggestion', '.ghost-text-decoration, .ghost-text');
  await pressKey('Tab');
  await waitFor('the suggestion to be inserted', () => editor.document.getText().includes(SUGGESTION) || undefined);
}

(hasRealKeys ? describe : describe.skip)('capture in a real extension host', function () {
  this.timeout(60_000);

  before(async () => {
    api = (await vscode.extensions.getExtension<AiprovTestApi>('aiprov.aiprov')!.activate())!;
  });

  beforeEach(async () => {
    editor = await openFreshApp();
  });

  it('typing a function creates no AI span', async () => {
    // The first scenario of the suite: the keys must reach the editor, whatever took focus while
    // the workbench started, and the extension host may still be busy starting other extensions.
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await placeCursor(editor, 1, 0);
    await typeText('function typed(a: number) {\nreturn a * 2;\n}\n');
    await waitFor('the typed text', () => editor.document.getText().includes('return a * 2;') || undefined, 30_000);
    assert.deepEqual(await waitForStable('the spans', spanSummary), []);
  });

  it('accepting a multi-line inline suggestion with Tab records one certain span with the exact text', async () => {
    await acceptSuggestionWithTab();
    assert.deepEqual(spanSummary(), [{ origin: 'inlineCompletion', confidence: 'certain', tool: 'Fake Assistant', texts: [SUGGESTION] }]);
    assert.equal(api.hostReportsEditSource, true, 'this host names edit sources (detailedReason)');
    await waitFor('the highlight', () => (api.decorationsFor(editor.document.uri).length === 1 ? true : undefined));
    await screenshot('capture-inline-accept');
  });

  it('on hosts without edit sources, Tab still records a certain span through the wrapped accept command', async () => {
    api.ignoreEditSources(true);
    try {
      await waitFor('the accept command wrappers', () => (api.acceptCommandsWrapped ? true : undefined));
      await acceptSuggestionWithTab();
      assert.deepEqual(spanSummary(), [{ origin: 'inlineCompletion', confidence: 'certain', tool: undefined, texts: [SUGGESTION] }]);
      // Tab still indents where no suggestion is shown.
      await placeCursor(editor, 0, 0);
      const before = editor.document.lineAt(0).text;
      await pressKey('Tab');
      await waitFor('Tab to indent', () => editor.document.lineAt(0).text !== before || undefined);
      assert.match(
        editor.document.lineAt(0).text,
        /^\s+import/,
        `line 0 after Tab: ${JSON.stringify(editor.document.lineAt(0).text)}; spans: ${JSON.stringify(spanSummary())}`,
      );
    } finally {
      api.ignoreEditSources(false);
    }
  });

  it('accepting word by word records each accepted word as a certain partial accept', async () => {
    editor.selection = new vscode.Selection(3, 0, 3, 0);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await waitForVisible('the inline suggestion', '.ghost-text-decoration, .ghost-text');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.acceptNextWord');
    await waitFor('the first word', () => (editor.document.lineAt(3).text.startsWith('function') ? true : undefined));
    const spans = spanSummary();
    assert.equal(spans.length, 1);
    assert.equal(spans[0].origin, 'partialInlineCompletion');
    assert.equal(spans[0].confidence, 'certain');
    assert.ok(SUGGESTION.startsWith(spans[0].texts.join('')), JSON.stringify(spans));
  });

  it('on hosts without edit sources, a large paste is still not AI', async () => {
    api.ignoreEditSources(true);
    try {
      const block =
        Array.from({ length: 6 }, (_, i) => `export const pasted${i} = computeSomething(${i}, 'a longer argument');`).join('\n') + '\n';
      await vscode.env.clipboard.writeText(block);
      editor.selection = new vscode.Selection(1, 0, 1, 0);
      await vscode.commands.executeCommand('editor.action.clipboardPasteAction');
      await waitFor('the paste', () => (editor.document.getText().includes('pasted5') ? true : undefined));
      // The clipboard is read asynchronously (a round trip to the browser): wait for that check.
      await api.whenCaptureSettled();
      assert.deepEqual(await waitForStable('the spans after the paste', spanSummary), []);
    } finally {
      api.ignoreEditSources(false);
    }
  });

  it('typing inside an AI span marks those characters human', async () => {
    await acceptSuggestionWithTab();
    const at = editor.document.positionAt(editor.document.getText().indexOf("'Hello, '") + 1);
    await placeCursor(editor, at.line, at.character);
    await typeText('Hi and ');
    await waitFor('the typed text', () => editor.document.getText().includes('Hi and ') || undefined);
    const [span] = await waitForStable('the spans', spanSummary);
    assert.equal(span.texts.length, 2);
    assert.equal(span.texts.join(''), SUGGESTION);
  });

  it('undo of an AI insertion removes its span and redo restores it', async () => {
    await acceptSuggestionWithTab();
    const before = api.spansFor(editor.document.uri).map((s) => s.id);
    await vscode.commands.executeCommand('undo');
    await waitFor('undo', () => (!editor.document.getText().includes(SUGGESTION) ? true : undefined));
    assert.deepEqual(spanSummary(), []);
    await vscode.commands.executeCommand('redo');
    await waitFor('redo', () => (editor.document.getText().includes(SUGGESTION) ? true : undefined));
    assert.deepEqual(
      api.spansFor(editor.document.uri).map((s) => s.id),
      before,
    );
  });

  it('paste is never AI', async () => {
    await vscode.env.clipboard.writeText('const pasted = [1, 2, 3].map((x) => x * 2);\nconsole.log(pasted);\nexport { pasted };\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    // Headless Chromium has no OS clipboard behind Ctrl+V; the editor's paste action reads the
    // same clipboard through the browser API and produces the same paste edit.
    await vscode.commands.executeCommand('editor.action.clipboardPasteAction');
    await waitFor('the paste', () => (editor.document.getText().includes('export { pasted }') ? true : undefined));
    assert.deepEqual(spanSummary(), []);
  });

  it('formatting the document creates no AI span', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(workspaceRoot(), 'config.json')));
    const ed = await vscode.window.showTextDocument(doc);
    await api.whenLoaded(doc.uri);
    const before = doc.getText();
    await waitFor(
      'the formatter',
      async () => {
        await vscode.commands.executeCommand('editor.action.formatDocument');
        return doc.getText() !== before ? true : undefined;
      },
      20_000,
    );
    assert.ok(doc.getText().split('\n').length > 3, 'formatted over several lines');
    assert.deepEqual(api.spansFor(doc.uri), []);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.window.showTextDocument(editor.document);
    void ed;
  });

  it('expanding a snippet creates no AI span', async () => {
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await vscode.commands.executeCommand('editor.action.insertSnippet', {
      snippet:
        'for (let ${1:index} = 0; ${1:index} < ${2:array}.length; ${1:index}++) {\n\tconst ${3:element} = ${2:array}[${1:index}];\n\t$0\n}\n',
    });
    await waitFor('the snippet', () => (editor.document.getText().includes('const element') ? true : undefined));
    assert.deepEqual(spanSummary(), []);
  });

  it('accepting an IntelliSense item creates no AI span', async () => {
    editor.selection = new vscode.Selection(4, 0, 4, 0);
    await typeText('con');
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await waitForVisible('the suggestion list', '.suggest-widget.visible', 20_000);
    await pressKey('Enter');
    await waitFor('a completion to be accepted', () => editor.document.lineAt(4).text.trim() !== 'con' || undefined);
    assert.deepEqual(await waitForStable('the spans', spanSummary), []);
  });

  it('a chat-style bulk insert at the cursor is recorded as likely AI', async () => {
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await vscode.commands.executeCommand('fakeAssistant.insertBlock');
    await waitFor('the AI span', () => spanSummary().length || undefined);
    const spans = await waitForStable('the spans', spanSummary);
    assert.equal(spans.length, 1);
    assert.equal(spans[0].confidence, 'likely');
    assert.ok(spans[0].texts[0].startsWith('export function generatedHelper'));
  });

  it('a file written by an agent through the hook CLI shows the agent span in the open editor', async () => {
    const file = editor.document.uri.fsPath;
    const added = 'export function fromAgent(): string {\n  return "written by the agent";\n}\n';
    const cli = path.resolve(__dirname, '../../../dist/cli.js');
    // A whole-file Write: the PreToolUse hook snapshots the file, the PostToolUse hook diffs against it.
    const hook = (event: string) =>
      execFileSync(process.execPath, [cli, 'hook', 'claude-code'], {
        input: JSON.stringify({
          session_id: 'it-session',
          hook_event_name: event,
          tool_name: 'Write',
          tool_input: { file_path: file, content: ORIGINAL + added },
        }),
        cwd: workspaceRoot(),
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      });
    hook('PreToolUse');
    fs.writeFileSync(file, ORIGINAL + added);
    await waitFor('VS Code to reload the file', () => (editor.document.getText().endsWith(added) ? true : undefined));
    hook('PostToolUse');
    await waitFor('the agent span', () => (spanSummary().length === 1 ? true : undefined), 15_000);
    assert.deepEqual(spanSummary(), [{ origin: 'externalAgent', confidence: 'certain', tool: 'Claude Code', texts: [added] }]);
  });

  it('live provenance is written under the git directory and read back after a reload', async () => {
    await acceptSuggestionWithTab();
    const before = spanSummary();
    await api.flush();
    const live = path.join(workspaceRoot(), '.git/aiprov/live/src/app.ts.aiprov');
    assert.ok(fs.existsSync(live), 'live record written');
    assert.equal(JSON.parse(fs.readFileSync(live, 'utf8')).spans.length, 1);
    await api.reload(editor.document.uri);
    await api.whenLoaded(editor.document.uri);
    assert.deepEqual(spanSummary(), before);
  });
});
