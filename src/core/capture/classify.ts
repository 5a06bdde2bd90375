// Decides whether one document change is AI-written, from the facts the editor gives us. Pure, so
// every rule is unit-tested without VS Code. Most reliable signal first:
//  1. VS Code's own edit source (`detailedReason`, present at run time on VS Code 1.10x+),
//  2. an accept command we saw run just before the change (hosts without detailedReason),
//  3. evidence about what an unlabelled edit wrote (new lines of code in one place, nobody typing).
import type { Confidence, Origin } from '../model';
import type { InsertionEvidence } from './insertionEvidence';
import { parseModelId } from './modelId';

export interface EditSource {
  source?: string;
  metadata?: Record<string, unknown>;
}

export type AcceptCommand = 'inlineCommit' | 'inlineAcceptWord' | 'inlineAcceptLine' | 'chatInsert';

export interface ChangeFacts {
  /** `detailedReason` of the change event, when the host provides it. */
  editSource?: EditSource;
  /** The change is an undo or redo (TextDocumentChangeReason). */
  undoRedo?: 'undo' | 'redo';
  /** An accept command we observed, and how many ms before this change it ran. */
  recentCommand?: { command: AcceptCommand; msAgo: number };
  /** The user typed or pasted into this document within the last moment. */
  recentUserInput: boolean;
  /** The document is the one in the focused editor. */
  inFocusedEditor: boolean;
  /** URI scheme of the document (chat editing sessions use their own). */
  scheme: string;
  /**
   * Moments ago another document received this very unlabelled change (Replace All across files
   * writes the same change into each; an assistant writes different code into each file).
   */
  sameChangeInOtherDocuments?: boolean;
  /** What the event's minimal edits wrote; computed only when no label decides. */
  insertion: () => InsertionEvidence;
}

export type Classification =
  | { ai: false; why: string }
  | { ai: true; origin: Origin; confidence: Confidence; tool?: string; model?: string; modelProvider?: string; sessionId?: string };

/** Display names for the extensions that provide AI edits; others show their extension id. */
export const KNOWN_TOOLS: Record<string, string> = {
  'github.copilot': 'GitHub Copilot',
  'github.copilot-chat': 'GitHub Copilot Chat',
  'continue.continue': 'Continue',
  'codeium.codeium': 'Windsurf (Codeium)',
  'supermaven.supermaven': 'Supermaven',
  'tabnine.tabnine-vscode': 'Tabnine',
  'amazonwebservices.amazon-q-vscode': 'Amazon Q',
  'saoudrizwan.claude-dev': 'Cline',
  'anthropic.claude-code': 'Claude Code',
  'aiprov-test.fake-assistant': 'Fake Assistant',
};

export const COMMAND_WINDOW_MS = 1000;
/** New lines of code an unlabelled edit must bring to count as an assistant's (one line is a refactoring's reach). */
const UNLABELLED_MIN_NEW_LINES = 2;
/** Unlabelled edits scattered over more places than this are refactorings (replace-all, rename). */
const UNLABELLED_MAX_PLACES = 2;

const CHAT_SCHEMES = new Set(['chat-editing-text-model', 'chat-editing-snapshot-text-model']);

/** Edit sources that are a person's own doing (or the editor's), never AI. */
const HUMAN_SOURCES = new Set([
  'cursor',
  'formatEditsCommand',
  'snippet',
  'suggest',
  'rename',
  'codeAction',
  'applyEdits',
  'reloadFromDisk',
  'undo',
  'redo',
]);

/**
 * Editor-internal edits VS Code reports as source "unknown" with the editor's own name for them
 * (format on save arrives as `formatEditsCommand`, join lines as `editor.action.joinLines`).
 * Extensions' edits are named `MainThreadTextEditor` or `pushEditOperation` and stay undecided.
 */
function isEditorOwnEdit(name: unknown): boolean {
  if (typeof name !== 'string') return false;
  return (
    ['formatEditsCommand', 'insertFinalNewLine', 'linkedEditing', 'colorpicker', 'inlayHint.default'].includes(name) ||
    /^(editor\.action\.|snippet|suggestController\.)/.test(name)
  );
}

export function toolName(extensionId: unknown): string | undefined {
  if (typeof extensionId !== 'string' || !extensionId) return undefined;
  return KNOWN_TOOLS[extensionId.toLowerCase()] ?? extensionId;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

export function classifyChange(facts: ChangeFacts): Classification {
  if (facts.undoRedo) return { ai: false, why: facts.undoRedo };

  const source = facts.editSource?.source;
  if (source) {
    const meta = facts.editSource?.metadata ?? {};
    const tool = toolName(meta.$extensionId ?? meta.extensionId);
    const model = parseModelId(meta.$modelId ?? meta.modelId);
    const sessionId = str(meta.$$sessionId ?? meta.sessionId ?? meta.$$requestUuid);
    const extra = {
      ...(tool && { tool }),
      ...(model && { model: model.model }),
      ...(model?.provider && { modelProvider: model.provider }),
      ...(sessionId && { sessionId }),
    };
    if (source === 'inlineCompletionAccept') return { ai: true, origin: 'inlineCompletion', confidence: 'certain', ...extra };
    if (source === 'inlineCompletionPartialAccept') return { ai: true, origin: 'partialInlineCompletion', confidence: 'certain', ...extra };
    if (source === 'inlineChat.applyEdits' || source === 'Chat.applyEdits' || (source.startsWith('Chat.') && source !== 'Chat.undoEdits')) {
      return { ai: true, origin: 'chatApply', confidence: 'certain', ...extra };
    }
    if (HUMAN_SOURCES.has(source) || source === 'Chat.undoEdits') return { ai: false, why: `edit source ${source}` };
    if (source === 'unknown' && isEditorOwnEdit(meta.name)) return { ai: false, why: `the editor's own edit (${String(meta.name)})` };
    // 'unknown' and sources we do not know fall through to the other signals.
  }

  const recent = facts.recentCommand;
  if (recent && recent.msAgo <= COMMAND_WINDOW_MS) {
    switch (recent.command) {
      case 'inlineCommit':
        return { ai: true, origin: 'inlineCompletion', confidence: 'certain' };
      case 'inlineAcceptWord':
      case 'inlineAcceptLine':
        return { ai: true, origin: 'partialInlineCompletion', confidence: 'certain' };
      case 'chatInsert':
        return { ai: true, origin: 'chatInsert', confidence: 'certain' };
    }
  }

  if (CHAT_SCHEMES.has(facts.scheme)) return { ai: true, origin: 'chatApply', confidence: 'likely' };
  if (source === 'cursor' || facts.recentUserInput) return { ai: false, why: 'typed or pasted' };
  if (facts.sameChangeInOtherDocuments) return { ai: false, why: 'the same change in other documents at once (replace across files)' };
  return judgeUnlabelled(facts.insertion(), facts.inFocusedEditor);
}

/**
 * An edit no keystroke, paste, label or known command explains. Human-driven ones (code actions run
 * by extensions, replace-all, sorting, organize imports, formatting) respace, move, rename or
 * replace what is there; an assistant adds new lines of code in one place, in the focused editor
 * (chat-style insert) or in a document the user is not looking at (an agent).
 */
export function judgeUnlabelled(evidence: InsertionEvidence, inFocusedEditor: boolean): Classification {
  if (evidence.insertedChars === 0) return { ai: false, why: 'nothing inserted' };
  if (evidence.places > UNLABELLED_MAX_PLACES) return { ai: false, why: `edits in ${evidence.places} places (a refactoring)` };
  // Find and replace and refactorings rewrite code in place; an assistant's unlabelled write adds code.
  if (evidence.replacedCode) return { ai: false, why: 'replaces existing code (find and replace, a refactoring)' };
  if (evidence.lineBreaks === 0) return { ai: false, why: 'no new line (a rename or a fix within a line)' };
  if (evidence.newLines < UNLABELLED_MIN_NEW_LINES)
    return { ai: false, why: `${evidence.newLines} new line(s) of code (moved, respaced or too small to tell)` };
  return { ai: true, origin: inFocusedEditor ? 'heuristic' : 'chatApply', confidence: 'likely' };
}
