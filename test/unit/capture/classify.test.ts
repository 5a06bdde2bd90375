import * as assert from 'node:assert/strict';
import { classifyChange, type ChangeFacts } from '../../../src/core/capture/classify';
import type { InsertionEvidence } from '../../../src/core/capture/insertionEvidence';

const evidence =
  (over: Partial<InsertionEvidence> = {}): (() => InsertionEvidence) =>
  () => ({ newLines: 4, lineBreaks: 3, insertedChars: 120, places: 1, replacedCode: false, ...over });
const base: ChangeFacts = { recentUserInput: false, inFocusedEditor: true, scheme: 'file', insertion: evidence() };
const facts = (over: Partial<ChangeFacts>): ChangeFacts => ({ ...base, ...over });

describe('classifyChange', () => {
  it('labels a Tab-accepted inline completion certain and names the provider', () => {
    const c = classifyChange(
      facts({ editSource: { source: 'inlineCompletionAccept', metadata: { $extensionId: 'GitHub.copilot', $nes: false } } }),
    );
    assert.deepEqual(c, { ai: true, origin: 'inlineCompletion', confidence: 'certain', tool: 'GitHub Copilot' });
  });

  it('labels a partial accept as partialInlineCompletion', () => {
    const c = classifyChange(facts({ editSource: { source: 'inlineCompletionPartialAccept', metadata: { $extensionId: 'x.y' } } }));
    assert.equal(c.ai && c.origin, 'partialInlineCompletion');
  });

  it('labels chat and inline chat edits certain with model and session', () => {
    const c = classifyChange(facts({ editSource: { source: 'Chat.applyEdits', metadata: { $modelId: 'gpt-x', $$sessionId: 's1' } } }));
    assert.deepEqual(c, { ai: true, origin: 'chatApply', confidence: 'certain', model: 'gpt-x', sessionId: 's1' });
  });

  for (const source of ['cursor', 'formatEditsCommand', 'snippet', 'suggest', 'reloadFromDisk', 'Chat.undoEdits']) {
    it(`never treats the edit source "${source}" as AI`, () => {
      assert.equal(classifyChange(facts({ editSource: { source, metadata: { kind: 'paste' } } })).ai, false);
    });
  }

  it('never treats undo or redo as a new AI insertion', () => {
    assert.equal(classifyChange(facts({ undoRedo: 'undo', editSource: { source: 'inlineCompletionAccept' } })).ai, false);
    assert.equal(classifyChange(facts({ undoRedo: 'redo' })).ai, false);
  });

  it('without an edit source, correlates the accept command that ran just before', () => {
    assert.deepEqual(classifyChange(facts({ recentCommand: { command: 'inlineCommit', msAgo: 20 } })), {
      ai: true,
      origin: 'inlineCompletion',
      confidence: 'certain',
    });
    assert.equal(classifyChange(facts({ recentCommand: { command: 'inlineAcceptWord', msAgo: 20 } })).ai, true);
    assert.equal(classifyChange(facts({ recentCommand: { command: 'inlineCommit', msAgo: 5000 }, recentUserInput: true })).ai, false);
  });

  it('an "unknown" source from an extension edit falls back to the command and heuristics', () => {
    assert.deepEqual(classifyChange(facts({ editSource: { source: 'unknown' }, recentCommand: { command: 'chatInsert', msAgo: 5 } })), {
      ai: true,
      origin: 'chatInsert',
      confidence: 'certain',
    });
    assert.deepEqual(classifyChange(facts({ editSource: { source: 'unknown' }, inFocusedEditor: false })), {
      ai: true,
      origin: 'chatApply',
      confidence: 'likely',
    });
  });

  it("the editor's own unlabelled edits (format on save, join lines) are human, an extension's are judged", () => {
    for (const name of ['formatEditsCommand', 'editor.action.joinLines', 'insertFinalNewLine'])
      assert.equal(classifyChange(facts({ editSource: { source: 'unknown', metadata: { source: 'unknown', name } } })).ai, false, name);
    for (const name of ['MainThreadTextEditor', 'pushEditOperation'])
      assert.equal(classifyChange(facts({ editSource: { source: 'unknown', metadata: { source: 'unknown', name } } })).ai, true, name);
  });

  it('a small edit with no AI signal is human', () => {
    assert.equal(classifyChange(facts({ insertion: evidence({ insertedChars: 3, newLines: 1, lineBreaks: 0 }) })).ai, false);
  });

  it('records the model a chat edit names, with its provider kept apart', () => {
    const c = classifyChange(
      facts({
        editSource: {
          source: 'Chat.applyEdits',
          metadata: { $modelId: 'customendpoint|Fake|fake-model', $extensionId: 'GitHub.copilot-chat' },
        },
      }),
    );
    assert.deepEqual(c, {
      ai: true,
      origin: 'chatApply',
      confidence: 'certain',
      tool: 'GitHub Copilot Chat',
      model: 'fake-model',
      modelProvider: 'customendpoint',
    });
  });

  it('an agent undo (Chat.undoEdits) is never AI, whatever it re-inserts', () => {
    assert.equal(classifyChange(facts({ editSource: { source: 'Chat.undoEdits' } })).ai, false);
  });

  it('typing and pasting are never AI, however large', () => {
    assert.equal(
      classifyChange(facts({ recentUserInput: true, insertion: evidence({ insertedChars: 5000, newLines: 200, lineBreaks: 200 }) })).ai,
      false,
    );
  });

  it('edits in a chat editing session document are likely AI', () => {
    assert.deepEqual(
      classifyChange(facts({ scheme: 'chat-editing-text-model', insertion: evidence({ insertedChars: 1, newLines: 1, lineBreaks: 0 }) })),
      { ai: true, origin: 'chatApply', confidence: 'likely' },
    );
  });
});
