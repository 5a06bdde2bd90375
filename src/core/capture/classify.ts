// Decides whether one document change is AI-written, from the facts the editor gives us. Pure, so
// every rule is unit-tested without VS Code. Most reliable signal first:
//  1. VS Code's own edit source (`detailedReason`, present at run time on VS Code 1.10x+),
//  2. an accept command we saw run just before the change (hosts without detailedReason),
//  3. shape heuristics for edits nothing explains (bulk inserts into a document nobody types in).
import type { Confidence, Origin } from '../model';

export interface EditSource {
  source?: string;
  metadata?: Record<string, unknown>;
}

export type AcceptCommand = 'inlineCommit' | 'inlineAcceptWord' | 'inlineAcceptLine' | 'chatInsert';

export interface ChangeFacts {
  /** `detailedReason` of the change event, when the host provides it. */
  editSource?: EditSource;
  /** 1 = undo, 2 = redo (TextDocumentChangeReason). */
  undoRedo?: number;
  /** An accept command we observed, and how many ms before this change it ran. */
  recentCommand?: { command: AcceptCommand; msAgo: number };
  /** The user typed or pasted into this document within the last moment. */
  recentUserInput: boolean;
  /** The document is the one in the focused editor. */
  inFocusedEditor: boolean;
  /** URI scheme of the document (chat editing sessions use their own). */
  scheme: string;
  /** Characters inserted and lines they span, over all changes of the event. */
  insertedChars: number;
  insertedLines: number;
}

export type Classification =
  | { ai: false; why: string }
  | { ai: true; origin: Origin; confidence: Confidence; tool?: string; model?: string; sessionId?: string };

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
const HEURISTIC_MIN_CHARS = 80;
const HEURISTIC_MIN_LINES = 3;

const CHAT_SCHEMES = new Set(['chat-editing-text-model', 'chat-editing-snapshot-text-model']);

/** Edit sources that are a person's own doing (or the editor's), never AI. */
const HUMAN_SOURCES = new Set(['cursor', 'formatEditsCommand', 'snippet', 'suggest', 'rename', 'codeAction', 'applyEdits', 'reloadFromDisk', 'undo', 'redo']);

export function toolName(extensionId: unknown): string | undefined {
  if (typeof extensionId !== 'string' || !extensionId) return undefined;
  return KNOWN_TOOLS[extensionId.toLowerCase()] ?? extensionId;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

export function classifyChange(facts: ChangeFacts): Classification {
  if (facts.undoRedo === 1 || facts.undoRedo === 2) return { ai: false, why: 'undo/redo' };
  if (facts.insertedChars === 0) return { ai: false, why: 'nothing inserted' };

  const source = facts.editSource?.source;
  if (source) {
    const meta = facts.editSource?.metadata ?? {};
    const tool = toolName(meta.$extensionId ?? meta.extensionId);
    const model = str(meta.$modelId ?? meta.modelId);
    const sessionId = str(meta.$$sessionId ?? meta.sessionId ?? meta.$$requestUuid);
    const extra = { ...(tool && { tool }), ...(model && { model }), ...(sessionId && { sessionId }) };
    if (source === 'inlineCompletionAccept') return { ai: true, origin: 'inlineCompletion', confidence: 'certain', ...extra };
    if (source === 'inlineCompletionPartialAccept') return { ai: true, origin: 'partialInlineCompletion', confidence: 'certain', ...extra };
    if (source === 'inlineChat.applyEdits' || source === 'Chat.applyEdits' || source.startsWith('Chat.') && source !== 'Chat.undoEdits') {
      return { ai: true, origin: 'chatApply', confidence: 'certain', ...extra };
    }
    if (HUMAN_SOURCES.has(source) || source === 'Chat.undoEdits') return { ai: false, why: `edit source ${source}` };
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
  // A bulk insertion that no keystroke, paste or known command explains: an agent or chat apply.
  if (facts.insertedChars >= HEURISTIC_MIN_CHARS && facts.insertedLines >= HEURISTIC_MIN_LINES) {
    return { ai: true, origin: facts.inFocusedEditor ? 'heuristic' : 'chatApply', confidence: 'likely' };
  }
  return { ai: false, why: 'no AI signal' };
}
