// The capture decision end to end, on the change-event shapes the real GitHub Copilot Chat produces
// (observed in code-server 1.139.1 with Copilot Chat 0.67.0; see the README's capture accuracy).
import * as assert from 'node:assert/strict';
import { DocumentState, type ChangeInput } from '../../../src/core/capture/documentState';
import { changeSignature, RecentUnlabelledChanges, SAME_CHANGE_WINDOW_MS } from '../../../src/core/capture/sameChange';
import { TextShadow } from '../../../src/core/capture/textShadow';
import type { TextEdit } from '../../../src/core/model';

const SIX_LINES = 'const a = 1;\nconst b = 2;\nconst c = 3;\nconst d = 4;\nconst e = 5;\nconsole.log(a + b + c + d + e);\n';
const COPILOT = {
  $extensionId: 'GitHub.copilot-chat',
  $modelId: 'customendpoint|Fake|fake-model',
  $$sessionId: 's1',
  $$requestId: 'r1',
  $$mode: 'agent',
};
const chat = (metadata: Record<string, unknown> = COPILOT): ChangeInput => ({
  editSource: { source: 'Chat.applyEdits', metadata },
  recentUserInput: false,
  inFocusedEditor: false,
  scheme: 'file',
});
const unlabelled = (inFocusedEditor: boolean): ChangeInput => ({
  editSource: { source: 'unknown' },
  recentUserInput: false,
  inFocusedEditor,
  scheme: 'file',
});
const typed: ChangeInput = {
  editSource: { source: 'cursor', metadata: { kind: 'type' } },
  recentUserInput: true,
  inFocusedEditor: true,
  scheme: 'file',
};

function state(text: string): DocumentState {
  return new DocumentState(undefined, new TextShadow(text));
}

/** The AI text of every span, in document order. */
function aiTexts(s: DocumentState): string[] {
  const text = s.text.toString();
  return s.tracker.spans().flatMap((span) => span.ranges.map((r) => text.slice(r.start, r.end)));
}

/** Line-by-line replacement of `line` (0-based) with `text`, the way streamed applies arrive. */
function replaceLine(s: DocumentState, line: number, text: string): TextEdit {
  const lines = s.text.toString().split(/(?<=\n)/);
  const offset = lines.slice(0, line).join('').length;
  return { offset, deleteLength: lines[line]?.length ?? 0, text };
}

describe('capture of the real Copilot Chat edit shapes', () => {
  let clock = 1_000_000;
  const tick = () => (clock += 40);

  it('insert_edit_into_file streaming identical line rewrites records only the inserted line', () => {
    const s = state(SIX_LINES);
    const lines = SIX_LINES.split(/(?<=\n)/);
    const final = [...lines.slice(0, 5), '// sum of all\n', lines[5]];
    // The applier rewrites each line of the new file over the old one, in order.
    for (let i = 0; i < final.length; i++) s.change([replaceLine(s, i, final[i])], chat(), tick());
    assert.equal(s.text.toString(), final.join(''));
    assert.deepEqual(aiTexts(s), ['// sum of all\n']);
    const span = s.tracker.spans()[0];
    assert.equal(span.attribution.model, 'fake-model');
    assert.equal(span.attribution.modelProvider, 'customendpoint');
    assert.equal(span.attribution.tool, 'GitHub Copilot Chat');
    assert.equal(span.attribution.confidence, 'certain');
  });

  it('a stream that pushes a human line down and re-inserts it keeps that line human', () => {
    const s = state(SIX_LINES);
    s.change([replaceLine(s, 5, '// sum of all\n')], chat(), tick());
    s.change([{ offset: s.text.length, deleteLength: 0, text: 'console.log(a + b + c + d + e);\n' }], chat(), tick());
    assert.deepEqual(aiTexts(s), ['// sum of all\n']);
  });

  it('Apply in Editor appending a function with streamed rewrites records only the new function', () => {
    const before = 'function add(a, b) {\n  return a + b;\n}\n';
    const s = state(before);
    const applied = { $$mode: 'applyCodeBlock', $$sessionId: 's2', $$requestId: 'r2' };
    const fn = '\nfunction sub(a, b) {\n  return a - b;\n}\n';
    const result = (before + fn).split(/(?<=\n)/);
    for (let i = 0; i < result.length; i++) s.change([replaceLine(s, i, result[i])], chat(applied), tick());
    assert.equal(s.text.toString(), before + fn);
    assert.deepEqual(aiTexts(s), ['\nfunction sub(a, b) {\n  return a - b;\n}\n']);
    assert.equal(s.tracker.spans()[0].attribution.origin, 'chatApply');
  });

  it("the agent's Undo (a whole-document replacement) removes the undone span and keeps the others in place", () => {
    const s = state(SIX_LINES);
    s.change(
      [{ offset: 13, deleteLength: 0, text: 'const ghost = 0;\n' }],
      {
        editSource: { source: 'inlineCompletionAccept', metadata: { $extensionId: 'github.copilot-chat' } },
        recentUserInput: false,
        inFocusedEditor: true,
        scheme: 'file',
      },
      tick(),
    );
    clock += 10_000;
    const withGhost = s.text.toString();
    const at = withGhost.indexOf('console.log');
    s.change([{ offset: at, deleteLength: 0, text: '// agent line\n' }], chat(), tick());
    assert.deepEqual(aiTexts(s), ['const ghost = 0;\n', '// agent line\n']);
    s.change(
      [{ offset: 0, deleteLength: s.text.length, text: withGhost }],
      { editSource: { source: 'Chat.undoEdits' }, recentUserInput: false, inFocusedEditor: false, scheme: 'file' },
      tick(),
    );
    assert.equal(s.text.toString(), withGhost);
    assert.deepEqual(aiTexts(s), ['const ghost = 0;\n']);
  });

  it('ghost text replacing the auto-closed prefix keeps the typed characters human', () => {
    const s = state('greet(');
    s.change(
      [{ offset: 0, deleteLength: 6, text: "greet('world');" }],
      {
        editSource: { source: 'inlineCompletionAccept', metadata: { $nes: false, $extensionId: 'github.copilot-chat' } },
        recentUserInput: false,
        inFocusedEditor: true,
        scheme: 'file',
      },
      tick(),
    );
    assert.deepEqual(aiTexts(s), ["'world');"]);
  });

  it('a next-edit suggestion rewriting a line marks only the changed characters', () => {
    const s = state('const total = add(1, 2);\n');
    s.change(
      [{ offset: 0, deleteLength: 25, text: 'const total = add(1, 2, 3);\n' }],
      {
        editSource: { source: 'inlineCompletionAccept', metadata: { $nes: true, $providerId: 'nes' } },
        recentUserInput: false,
        inFocusedEditor: true,
        scheme: 'file',
      },
      tick(),
    );
    assert.deepEqual(aiTexts(s), [', 3']);
  });

  it('typing between two streams ends the first: the second one does not rewrite its spans', () => {
    const s = state(SIX_LINES);
    s.change([{ offset: 0, deleteLength: 0, text: '// one\n' }], chat(), tick());
    s.change([{ offset: 0, deleteLength: 0, text: 'x' }], typed, tick());
    s.change([{ offset: s.text.length, deleteLength: 0, text: '// two\n' }], chat(), tick());
    assert.deepEqual(aiTexts(s), ['// one\n', '// two\n']);
  });
});

describe('capture of edits nobody labelled (workspace.applyEdit)', () => {
  const now = () => Date.now();

  it('a chat-style 3-line insert at the cursor under 80 characters is likely AI', () => {
    const s = state('const a = 1;\n\n');
    const block = 'function two() {\n  return 2;\n}\n';
    assert.ok(block.length < 80);
    const { verdict } = s.change([{ offset: 14, deleteLength: 0, text: block }], unlabelled(true), now());
    assert.deepEqual(verdict, { ai: true, origin: 'heuristic', confidence: 'likely' });
    assert.deepEqual(aiTexts(s), [block]);
  });

  it("an assistant's 2-line edit to a document open but not focused is likely AI", () => {
    const s = state('const a = 1;\nexport { a };\n');
    const { verdict } = s.change([{ offset: 13, deleteLength: 0, text: 'const b = a * 2;\nconst c = b + a;\n' }], unlabelled(false), now());
    assert.deepEqual(verdict, { ai: true, origin: 'chatApply', confidence: 'likely' });
  });

  // Human-driven edits that arrive unlabelled: none may become AI (precision 1.0).
  const human: Array<[string, string, TextEdit[]]> = [
    [
      'organize imports reorders existing lines',
      "import { b } from './b';\nimport { a } from './a';\n\nb(a);\n",
      [{ offset: 0, deleteLength: 50, text: "import { a } from './a';\nimport { b } from './b';\n" }],
    ],
    ['sort lines', 'c\nb\na\n', [{ offset: 0, deleteLength: 6, text: 'a\nb\nc\n' }]],
    [
      'rename in several places',
      'let count = 0;\ncount++;\nlog(count);\n',
      [
        { offset: 4, deleteLength: 5, text: 'total' },
        { offset: 15, deleteLength: 5, text: 'total' },
        { offset: 28, deleteLength: 5, text: 'total' },
      ],
    ],
    ['replace-all over a line', 'var a = 1;\n', [{ offset: 0, deleteLength: 3, text: 'let' }]],
    ['re-indenting a block (format)', 'if (x) {\ny();\nz();\n}\n', [{ offset: 9, deleteLength: 10, text: '  y();\n  z();\n' }]],
    ['adding one import line', 'foo();\n', [{ offset: 0, deleteLength: 0, text: "import { foo } from './foo';\n" }]],
    ['an Emmet expansion within a line', 'div.card\n', [{ offset: 0, deleteLength: 8, text: '<div class="card"></div>' }]],
    ['copy line down', 'const x = compute();\n', [{ offset: 21, deleteLength: 0, text: 'const x = compute();\n' }]],
    [
      'joining lines',
      'a(\n  1,\n  2);\n',
      [
        { offset: 2, deleteLength: 3, text: '' },
        { offset: 7, deleteLength: 3, text: ' ' },
      ],
    ],
    ['splitting a long call over lines', 'call(alpha, beta);\n', [{ offset: 5, deleteLength: 12, text: '\n  alpha,\n  beta\n' }]],
    // The Search view's Replace All with a regular expression whose replacement spans lines: in a
    // document without an editor it arrives exactly like an extension's workspace.applyEdit.
    [
      'a search-and-replace whose replacement spans lines',
      'export function two(): void {\n  // TODO: log\n  run();\n}\n',
      [{ offset: 32, deleteLength: 12, text: "console.log('start');\n  console.log('end');" }],
    ],
  ];
  for (const [name, before, edits] of human) {
    for (const focused of [true, false]) {
      it(`${name} stays human (${focused ? 'focused' : 'unfocused'})`, () => {
        const s = state(before);
        const { verdict } = s.change(edits, unlabelled(focused), now());
        assert.equal(verdict.ai, false, JSON.stringify(verdict));
        assert.deepEqual(aiTexts(s), []);
      });
    }
  }
});

describe('the same unlabelled change in several documents at once (replace across files)', () => {
  const before = 'export function one(): void {\n  run();\n}\n';
  // Replace All of `run();` by three lines keeps the match: each document gets a pure insertion.
  const insertion: TextEdit[] = [{ offset: 38, deleteLength: 0, text: '\n  log();\n  done();' }];

  /** One unlabelled change to a document no editor shows, through the cross-document memory. */
  function unlabelledChange(
    recent: RecentUnlabelledChanges,
    states: Map<string, DocumentState>,
    doc: string,
    edits: TextEdit[],
    now: number,
  ) {
    const s = states.get(doc)!;
    const signature = changeSignature(s.text, edits);
    const others = signature ? recent.note(doc, signature, now) : [];
    const outcome = s.change(edits, { ...unlabelled(false), sameChangeInOtherDocuments: others.length > 0 }, now);
    if (signature)
      recent.created(
        doc,
        signature,
        outcome.created.map((c) => c.id),
      );
    for (const other of others) for (const id of other.spanIds) states.get(other.doc)!.tracker.removeSpan(id);
    return outcome.verdict;
  }

  it('a replace-all of a multi-line replacement across files stays human in every file', () => {
    const recent = new RecentUnlabelledChanges();
    const states = new Map(['a.ts', 'b.ts', 'c.ts'].map((d) => [d, state(before)]));
    unlabelledChange(recent, states, 'a.ts', insertion, 1000);
    assert.equal(unlabelledChange(recent, states, 'b.ts', insertion, 1030).ai, false);
    assert.equal(unlabelledChange(recent, states, 'c.ts', insertion, 1400).ai, false);
    for (const [doc, s] of states) assert.deepEqual(aiTexts(s), [], doc);
  });

  it('the same change stays recognised when an editor received it split into pieces', () => {
    const recent = new RecentUnlabelledChanges();
    const states = new Map(['shown.ts', 'hidden.ts'].map((d) => [d, state(before)]));
    // A document without an editor gets the replacement as given; one in an editor, minimised.
    const whole: TextEdit[] = [{ offset: 32, deleteLength: 6, text: 'run();\n  log();\n  done();' }];
    unlabelledChange(recent, states, 'hidden.ts', whole, 1000);
    assert.equal(unlabelledChange(recent, states, 'shown.ts', insertion, 1010).ai, false);
    for (const [doc, s] of states) assert.deepEqual(aiTexts(s), [], doc);
  });

  it("an assistant's different edits to two documents at once both stay AI", () => {
    const recent = new RecentUnlabelledChanges();
    const states = new Map(['a.ts', 'b.ts'].map((d) => [d, state(before)]));
    unlabelledChange(recent, states, 'a.ts', insertion, 1000);
    const other: TextEdit[] = [{ offset: 38, deleteLength: 0, text: '\n  first();\n  second();' }];
    assert.equal(unlabelledChange(recent, states, 'b.ts', other, 1010).ai, true);
    assert.deepEqual(aiTexts(states.get('a.ts')!), ['\n  log();\n  done();']);
    assert.deepEqual(aiTexts(states.get('b.ts')!), ['\n  first();\n  second();']);
  });

  it('a long replace-all stays one while each document follows the previous within the window', () => {
    const recent = new RecentUnlabelledChanges();
    const docs = ['a.ts', 'b.ts', 'c.ts', 'd.ts'];
    const states = new Map(docs.map((d) => [d, state(before)]));
    docs.forEach((d, i) => unlabelledChange(recent, states, d, insertion, 1000 + i * (SAME_CHANGE_WINDOW_MS - 100)));
    for (const [doc, s] of states) assert.deepEqual(aiTexts(s), [], doc);
  });

  it('compares the lines a change touched, wherever they are in the document', () => {
    const long = `${'// filler line\n'.repeat(300)}${before}`;
    const shifted = insertion.map((e) => ({ ...e, offset: e.offset + long.length - before.length }));
    assert.equal(changeSignature(new TextShadow(long), shifted), changeSignature(new TextShadow(before), insertion));
    assert.notEqual(
      changeSignature(new TextShadow(long), shifted),
      changeSignature(new TextShadow(before), [{ ...insertion[0], text: '\n  other();' }]),
    );
    assert.equal(changeSignature(new TextShadow(before), [{ offset: 38, deleteLength: 0, text: ' log();' }]), undefined);
  });

  it('the same change to another document long after is judged on its own', () => {
    const recent = new RecentUnlabelledChanges();
    const states = new Map(['a.ts', 'b.ts'].map((d) => [d, state(before)]));
    unlabelledChange(recent, states, 'a.ts', insertion, 1000);
    assert.equal(unlabelledChange(recent, states, 'b.ts', insertion, 1000 + SAME_CHANGE_WINDOW_MS + 1).ai, true);
    assert.equal(aiTexts(states.get('a.ts')!).length, 1);
  });
});
