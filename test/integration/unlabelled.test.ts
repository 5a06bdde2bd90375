// Edits VS Code does not label (`workspace.applyEdit`, `TextEditor.edit`, source "unknown") and the
// human-driven edits that could look like them, measured in the real host: the human ones must stay
// human (precision 1.0), the stand-in assistant's ones are captured. Each case logs the edit
// sources it produced, for the README's capture accuracy table.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AiprovTestApi } from '../../src/extension/extension';
import {
  hasRealKeys,
  placeCursor,
  pressKey,
  screenshot,
  typeText,
  waitFor,
  waitForScreenStable,
  waitForScreenText,
  waitForStable,
  waitForVisible,
  workspaceRoot,
} from './helpers';

let api: AiprovTestApi;
const seen: string[] = [];

async function fresh(name: string, content: string): Promise<vscode.TextEditor> {
  const file = path.join(workspaceRoot(), 'src', 'unlabelled', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  await api.whenLoaded(doc.uri);
  // Real keys go where the focus is: make that this editor (not a find widget or a panel).
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  seen.length = 0;
  return editor;
}

/** A fresh file committed on its own, and git run in the workspace. */
async function freshCommitted(name: string, content: string, message: string) {
  const editor = await fresh(name, content);
  const root = workspaceRoot();
  const rel = path.relative(root, editor.document.uri.fsPath);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root });
  git('add', '--', rel);
  git('commit', '-qm', message, '--', rel);
  return { editor, rel, git };
}

const aiTexts = (doc: vscode.TextDocument) =>
  api.spansFor(doc.uri).flatMap((s) => s.ranges.map((r) => doc.getText().slice(r.start, r.end)));

async function settle(what: string, doc: vscode.TextDocument, probe: () => boolean): Promise<void> {
  await waitFor(what, () => probe() || undefined, 20_000);
  await waitForStable(`the spans after ${what}`, () => aiTexts(doc));
  console.log(
    `      edit sources of "${what}": ${[...new Set(seen)].join(', ') || 'none'}; AI characters: ${aiTexts(doc).join('').length}`,
  );
}

/** The TypeScript server answers for this document (it starts on first use). */
async function typescriptReady(doc: vscode.TextDocument): Promise<void> {
  await waitFor(
    'the TypeScript server',
    async () => {
      const symbols = await vscode.commands.executeCommand<unknown[]>('vscode.executeDocumentSymbolProvider', doc.uri);
      return symbols && symbols.length > 0 ? true : undefined;
    },
    45_000,
  );
}

(hasRealKeys ? describe : describe.skip)('edits VS Code does not label, in the real host', function () {
  this.timeout(90_000);
  let listener: vscode.Disposable;

  before(async () => {
    api = (await vscode.extensions.getExtension<AiprovTestApi>('aiprov.aiprov')!.activate())!;
    listener = vscode.workspace.onDidChangeTextDocument((e) => {
      const reason = (e as { detailedReason?: { source?: string; metadata?: { name?: string } } }).detailedReason;
      const name = reason?.metadata?.name;
      if (e.contentChanges.length) seen.push(reason?.source ? `${reason.source}${name ? ` (${name})` : ''}` : '(none)');
    });
  });

  after(() => listener.dispose());

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('human-driven: never AI', () => {
    it('rename symbol (F2) stays human', async () => {
      const editor = await fresh(
        'rename.ts',
        'export function count(items: number[]): number {\n  const count2 = items.length;\n  return count2;\n}\n',
      );
      editor.selection = new vscode.Selection(1, 9, 1, 9);
      await typescriptReady(editor.document);
      await pressKey('F2');
      await waitForVisible('the rename box', '.rename-box .rename-input:focus', 20_000);
      await typeText('total');
      await pressKey('Enter');
      await settle('rename symbol', editor.document, () => editor.document.getText().includes('return total;'));
      assert.deepEqual(aiTexts(editor.document), []);
    });

    it('organize imports stays human', async () => {
      fs.mkdirSync(path.join(workspaceRoot(), 'src', 'unlabelled'), { recursive: true });
      fs.writeFileSync(
        path.join(workspaceRoot(), 'src', 'unlabelled', 'dep.ts'),
        'export const b = 1;\nexport const a = 2;\nexport const c = 3;\n',
      );
      const editor = await fresh(
        'imports.ts',
        "import { c } from './dep';\nimport { b } from './dep';\nimport { a } from './dep';\n\nexport function show(): void {\n  console.log(a, b, c);\n}\n",
      );
      await typescriptReady(editor.document);
      const before = editor.document.getText();
      await vscode.commands.executeCommand('editor.action.organizeImports');
      await settle('organize imports', editor.document, () => editor.document.getText() !== before);
      assert.deepEqual(aiTexts(editor.document), []);
    });

    it('replace all in the find widget stays human', async () => {
      const editor = await fresh('replace.ts', 'let total = 0;\ntotal += 1;\ntotal += 2;\nconsole.log(total);\n');
      await pressKey('Control+H');
      await waitForVisible('the find input', '.find-widget.visible .find-part :focus', 10_000);
      await typeText('total');
      await pressKey('Tab');
      await waitForVisible('the replace input', '.find-widget.visible .replace-part :focus', 10_000);
      await screenshot('replace-widget');
      await typeText('sum');
      await pressKey('Control+Alt+Enter');
      await settle('replace all', editor.document, () => !editor.document.getText().includes('total'));
      await vscode.commands.executeCommand('closeFindWidget');
      assert.deepEqual(aiTexts(editor.document), []);
    });

    it('sort lines, join lines, copy lines down, comment lines stay human', async () => {
      const editor = await fresh('lines.ts', 'const c = 3;\nconst b = 2;\nconst a = 1;\n');
      editor.selection = new vscode.Selection(0, 0, 2, 12);
      await vscode.commands.executeCommand('editor.action.sortLinesAscending');
      await vscode.commands.executeCommand('editor.action.copyLinesDownAction');
      await vscode.commands.executeCommand('editor.action.commentLine');
      await vscode.commands.executeCommand('editor.action.joinLines');
      await settle(
        'line commands',
        editor.document,
        () => editor.document.getText().startsWith('const a = 1;') || editor.document.getText().startsWith('// const a'),
      );
      assert.deepEqual(aiTexts(editor.document), []);
    });

    it('Emmet expansion stays human', async () => {
      // The abbreviation is in the file already; only the expansion is measured.
      const editor = await fresh('page.html', 'ul>li.item*3\n');
      // Emmet activates on first use: expand until it has.
      await waitFor(
        'Emmet to expand',
        async () => {
          editor.selection = new vscode.Selection(0, 12, 0, 12);
          await vscode.commands.executeCommand('editor.emmet.action.expandAbbreviation');
          // Until Emmet has activated, the command does nothing: try again a moment later.
          return (
            (await waitFor('the expansion', () => editor.document.getText().includes('<li class="item">') || undefined, 1_000).catch(
              () => undefined,
            )) || undefined
          );
        },
        30_000,
      );
      await settle('Emmet expansion', editor.document, () => editor.document.getText().includes('<li class="item">'));
      assert.deepEqual(aiTexts(editor.document), []);
    });

    it('a git checkout that rewrites an open file stays human', async () => {
      const { editor, rel, git } = await freshCommitted('checkout.ts', 'export const v = 1;\n', 'v1');
      const v2 = 'export const v = 2;\nexport function two(): number {\n  return v * 2;\n}\n';
      fs.writeFileSync(editor.document.uri.fsPath, v2);
      git('commit', '-qam', 'v2');
      await settle('file changed on disk', editor.document, () => editor.document.getText() === v2);
      git('checkout', '-q', 'HEAD~1', '--', rel);
      await settle('git checkout', editor.document, () => editor.document.getText() === 'export const v = 1;\n');
      assert.deepEqual(aiTexts(editor.document), []);
    });

    for (const [variant, marker, replace] of [
      ['replacing the match', '// TODO: log', "console.log('start');\n  console.log('end');"],
      ['keeping the match', '// TODO: trace', "// TODO: trace\n  console.log('start');\n  console.log('end');"],
    ] as const) {
      it(`Replace All in the Search view across files, a multi-line replacement ${variant}, stays human`, async () => {
        const folder = `search-${variant.split(' ')[0]}`;
        const dir = path.join(workspaceRoot(), 'src', 'unlabelled', folder);
        fs.mkdirSync(dir, { recursive: true });
        const body = (n: string) => `export function ${n}(): void {\n  ${marker}\n  run();\n}\n\nfunction run(): void {}\n`;
        // One file in the focused editor, one open in the background, one not open at all.
        for (const n of ['one', 'two', 'three']) fs.writeFileSync(path.join(dir, `${n}.ts`), body(n));
        const two = await fresh(`${folder}/two.ts`, body('two'));
        const one = await fresh(`${folder}/one.ts`, body('one'));
        const three = vscode.Uri.file(path.join(dir, 'three.ts'));
        await vscode.commands.executeCommand('workbench.action.findInFiles', {
          query: `${marker}$`,
          replace,
          isRegex: true,
          triggerSearch: true,
          filesToInclude: `src/unlabelled/${folder}`,
        });
        await waitForScreenText('the search results', /3 results in 3 files/, 30_000);
        await waitForScreenStable('the search results');
        // Its confirmation is answered by the workbench itself while extension tests run.
        await vscode.commands.executeCommand('search.action.replaceAll');
        const replaced = (text: string) => text.includes("  console.log('start');\n  console.log('end');\n  run();");
        await settle('Replace All across files', one.document, () => replaced(one.document.getText()));
        await waitFor(
          'every file replaced',
          () => (replaced(two.document.getText()) && replaced(fs.readFileSync(three.fsPath, 'utf8'))) || undefined,
        );
        await vscode.commands.executeCommand('workbench.action.closeSidebar');
        assert.deepEqual(aiTexts(one.document), []);
        assert.deepEqual(aiTexts(two.document), []);
        // The file no editor showed was opened for the edit (and saved): no live record either.
        const threeDoc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === three.fsPath);
        if (threeDoc) assert.deepEqual(aiTexts(threeDoc), []);
        await api.flush();
        for (const n of ['one', 'two', 'three'])
          assert.equal(fs.existsSync(path.join(workspaceRoot(), `.git/aiprov/live/src/unlabelled/${folder}/${n}.ts.aiprov`)), false, n);
      });
    }

    it('format on save (JSON, several lines added) stays human', async () => {
      const config = vscode.workspace.getConfiguration('editor', { languageId: 'json' });
      await config.update('formatOnSave', true, vscode.ConfigurationTarget.Global, true);
      try {
        const editor = await fresh('format.json', '{"name":"x","list":[1,2,3],"nested":{"a":true,"b":null}}\n');
        await waitFor(
          'the JSON language server',
          async () => {
            const symbols = await vscode.commands.executeCommand<unknown[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
            return symbols && symbols.length > 0 ? true : undefined;
          },
          45_000,
        );
        // Save participants run for a changed document: type one character first.
        await placeCursor(editor, 0, 10);
        await typeText('y');
        await waitFor('the typed character', () => editor.document.getText().includes('"xy"') || undefined);
        await vscode.commands.executeCommand('workbench.action.files.save');
        await settle('format on save', editor.document, () => editor.document.lineCount > 10);
        assert.match(editor.document.getText(), /^\{\n\s+"name": "xy",\n/);
        assert.deepEqual(aiTexts(editor.document), []);
      } finally {
        await config.update('formatOnSave', undefined, vscode.ConfigurationTarget.Global, true);
      }
    });

    it('git stash and git stash pop reloading an open file stay human', async () => {
      const { editor, rel, git } = await freshCommitted('stash.ts', 'export const v = 1;\n', 'stash base');
      const changed = 'export const v = 1;\nexport function twice(): number {\n  return v * 2;\n}\n';
      fs.writeFileSync(editor.document.uri.fsPath, changed);
      await settle('file changed on disk', editor.document, () => editor.document.getText() === changed);
      git('stash', 'push', '-q', '--', rel);
      await settle('git stash', editor.document, () => editor.document.getText() === 'export const v = 1;\n');
      git('stash', 'pop', '-q');
      await settle('git stash pop', editor.document, () => editor.document.getText() === changed);
      assert.deepEqual(aiTexts(editor.document), []);
    });

    it('accepting both sides of a merge conflict (built-in merge-conflict extension) stays human', async () => {
      const conflict =
        'const a = 1;\n<<<<<<< HEAD\nconst b = 2;\nconst c = 3;\n=======\nconst b = 20;\nconst c = 30;\nconst d = 40;\n>>>>>>> feature\nexport {};\n';
      const editor = await fresh('conflict.ts', conflict);
      // The extension scans the document after it activates: accept until it has.
      await waitFor(
        'the merge-conflict extension',
        async () => {
          editor.selection = new vscode.Selection(2, 0, 2, 0);
          await vscode.commands.executeCommand('merge-conflict.accept.both');
          return (
            (await waitFor('the accepted conflict', () => !editor.document.getText().includes('<<<<<<<') || undefined, 1_000).catch(
              () => undefined,
            )) || undefined
          );
        },
        30_000,
      );
      await settle('merge conflict, accept both', editor.document, () => !editor.document.getText().includes('<<<<<<<'));
      assert.equal(
        editor.document.getText(),
        'const a = 1;\nconst b = 2;\nconst c = 3;\nconst b = 20;\nconst c = 30;\nconst d = 40;\nexport {};\n',
      );
      assert.deepEqual(aiTexts(editor.document), []);
    });
  });

  describe('the stand-in assistant through workspace.applyEdit: captured', () => {
    it('a 3-line chat-style insert under 80 characters at the cursor is likely AI', async () => {
      const editor = await fresh('insert.ts', 'const a = 1;\n\nexport { a };\n');
      editor.selection = new vscode.Selection(1, 0, 1, 0);
      const block = 'function b() {\n  return a + 1;\n}';
      await vscode.commands.executeCommand('fakeAssistant.insertBlock', block);
      await settle('chat-style insert', editor.document, () => editor.document.getText().includes(block));
      assert.deepEqual(aiTexts(editor.document), [block]);
      assert.equal(api.spansFor(editor.document.uri)[0].attribution.confidence, 'likely');
    });

    it('a 2-line edit to a document open but not focused is likely AI', async () => {
      const background = await fresh('background.ts', 'export const a = 1;\n');
      await fresh('focused.ts', 'export const z = 0;\n');
      const added = 'export const b = a * 2;\nexport const c = b + a;\n';
      await vscode.commands.executeCommand(
        'fakeAssistant.applyEdit',
        background.document.uri.toString(),
        background.document.getText().length,
        added,
      );
      await settle('edit to an unfocused document', background.document, () => background.document.getText().endsWith(added));
      assert.deepEqual(aiTexts(background.document), [added]);
      assert.deepEqual(
        api.spansFor(background.document.uri).map((s) => [s.attribution.origin, s.attribution.confidence]),
        [['chatApply', 'likely']],
      );
    });
  });
});
