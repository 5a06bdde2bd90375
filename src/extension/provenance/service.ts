// Per-document provenance: loads what is known when a document opens, keeps its spans true through
// every change (the capture classifier decides AI or human), and writes live provenance debounced
// and atomically, off the typing path.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { classifyChange, type AcceptCommand, type ChangeFacts } from '../../core/capture/classify';
import { gitBlobId, normalizeEol } from '../../core/digest';
import { buildSidecar } from '../../core/format';
import { LiveStore } from '../../core/live/store';
import type { Logger } from '../../core/log';
import type { AiSpan, SignOff, TextEdit } from '../../core/model';
import { reanchorSpans } from '../../core/anchor';
import { gitConfig, locateRepo, storeBlob } from '../../core/repo/git';
import { loadFileProvenance } from '../../core/repo/provenance';
import type { AiprovConfig } from '../config';
import { DocumentState, offsetsAfterBatch, type DocumentLocation } from './documentState';

const SAVE_DEBOUNCE_MS = 750;
const USER_INPUT_WINDOW_MS = 400;
const EXTERNAL_RECORD_WAIT_MS = 10_000;

/** Reads of the `detailedReason` VS Code attaches at run time (typed only in a proposed API). */
interface ChangeEventWithSource extends vscode.TextDocumentChangeEvent {
  readonly detailedReason?: { source?: string; metadata?: Record<string, unknown> };
}

export class ProvenanceService implements vscode.Disposable {
  private readonly states = new Map<string, DocumentState>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private saveTimer: NodeJS.Timeout | undefined;
  private lastCommand: { command: AcceptCommand; at: number } | undefined;
  private lastUserInput = new Map<string, number>();
  private readonly authors = new Map<string, Promise<string | undefined>>();
  private readonly skipped = new Set<string>();
  /** Per-keystroke handler cost, for the p99 in the debug log. */
  private readonly handlerNs: number[] = [];
  /** Set once a change event arrives with `detailedReason`: the host names edit sources itself. */
  hostReportsEditSource = false;

  constructor(
    private readonly logger: Logger,
    private config: AiprovConfig,
    private readonly storageDir: string | undefined,
  ) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidOpenTextDocument((doc) => this.open(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.close(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e as ChangeEventWithSource)),
    );
    for (const doc of vscode.workspace.textDocuments) this.open(doc);
  }

  updateConfig(config: AiprovConfig): void {
    this.config = config;
    if (!config.useEditSource) this.hostReportsEditSource = false;
  }

  /** Called by the accept-command wrappers just before the command runs. */
  noteCommand(command: AcceptCommand): void {
    this.lastCommand = { command, at: Date.now() };
  }

  spansFor(uri: vscode.Uri): readonly AiSpan[] {
    return this.states.get(uri.toString())?.tracker.spans() ?? [];
  }

  signoffsFor(uri: vscode.Uri): readonly SignOff[] {
    return this.states.get(uri.toString())?.signoffs ?? [];
  }

  locate(uri: vscode.Uri): DocumentLocation | undefined {
    return this.states.get(uri.toString())?.location;
  }

  /** Resolves once the document's recorded provenance has been loaded. */
  async whenLoaded(uri: vscode.Uri): Promise<void> {
    for (let i = 0; i < 200 && !this.states.get(uri.toString())?.loaded; i++) await new Promise((r) => setTimeout(r, 25));
  }

  /** Re-reads recorded provenance (after a sign-off or an export wrote it). */
  async reload(uri: vscode.Uri): Promise<void> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!doc) return;
    this.states.delete(uri.toString());
    await this.open(doc);
  }

  /** Writes every pending live record now. */
  async flush(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    await Promise.all([...this.states.entries()].filter(([, s]) => s.dirty).map(([key, s]) => this.save(key, s)));
  }

  handlerP99Ns(): number | undefined {
    if (this.handlerNs.length === 0) return undefined;
    const sorted = [...this.handlerNs].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length * 0.99)];
  }

  private tracks(doc: vscode.TextDocument): boolean {
    if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'vscode-remote') return false;
    if (doc.uri.path.includes('/.git/') || doc.uri.path.includes('/.aiprov/')) return false;
    const size = doc.getText().length;
    if (size > this.config.maxFileSize) {
      if (!this.skipped.has(doc.uri.toString())) {
        this.skipped.add(doc.uri.toString());
        this.logger.info(`not tracking ${doc.uri.fsPath}: ${size} characters is over aiprov.capture.maxFileSize (${this.config.maxFileSize})`);
      }
      return false;
    }
    return true;
  }

  private async open(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    if (this.states.has(key) || !this.tracks(doc)) return;
    const state = new DocumentState(undefined);
    this.states.set(key, state);
    try {
      const location = await this.locateDocument(doc.uri);
      if (this.states.get(key) !== state) return;
      const loadedState = new DocumentState(location);
      if (location) {
        const contentAtLoad = doc.getText();
        const versionAtLoad = doc.version;
        const loaded = await loadFileProvenance({ ...location, content: contentAtLoad });
        for (const problem of loaded.problems) this.logger.warn(problem);
        let spans = loaded.spans;
        if (doc.version !== versionAtLoad) spans = reanchorSpans(contentAtLoad, doc.getText(), spans).spans;
        loadedState.replaceSpans(spans);
        loadedState.signoffs = loaded.signoffs;
        // Anything captured while loading wins over what was recorded.
        for (const span of state.tracker.spans()) {
          for (const r of span.ranges) loadedState.tracker.markAi(r, span.attribution, span.id, span.acceptedLength);
        }
        loadedState.dirty = state.dirty;
      }
      loadedState.loaded = true;
      if (this.states.get(key) === state) {
        this.states.set(key, loadedState);
        this.changed.fire(doc.uri);
      }
    } catch (err) {
      state.loaded = true;
      this.logger.error(`could not load provenance for ${doc.uri.fsPath}: ${(err as Error).message}`);
    }
  }

  private async locateDocument(uri: vscode.Uri): Promise<DocumentLocation | undefined> {
    const repo = await locateRepo(path.dirname(uri.fsPath));
    if (repo) {
      const repoPath = path.relative(repo.repoRoot, uri.fsPath).split(path.sep).join('/');
      if (!repoPath.startsWith('..')) return { repoRoot: repo.repoRoot, liveDir: repo.gitDir, repoPath, isGit: true };
    }
    // Outside git: live provenance in workspace storage, paths relative to the workspace folder.
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || !this.storageDir) return undefined;
    const repoPath = path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/');
    return { repoRoot: folder.uri.fsPath, liveDir: path.join(this.storageDir, 'untracked'), repoPath, isGit: false };
  }

  /**
   * CLI agents record their edits (`aiprov hook`) straight into the live store, around the time
   * VS Code reloads the file from disk. After such a reload, look for a record describing exactly
   * the new content for a few seconds and adopt it.
   */
  private adoptExternalRecord(uri: vscode.Uri): void {
    const key = uri.toString();
    const deadline = Date.now() + EXTERNAL_RECORD_WAIT_MS;
    const attempt = async () => {
      const state = this.states.get(key);
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (!state?.location || !doc || state.dirty) return;
      try {
        const live = await new LiveStore(state.location.liveDir).read(state.location.repoPath);
        if (live && live.blob === gitBlobId(doc.getText())) {
          await this.reload(uri);
          return;
        }
      } catch (err) {
        this.logger.warn((err as Error).message);
        return;
      }
      if (Date.now() < deadline) setTimeout(() => void attempt(), 250);
    };
    void attempt();
  }

  private close(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const state = this.states.get(key);
    if (!state) return;
    if (state.dirty) void this.save(key, state);
    this.states.delete(key);
    this.lastUserInput.delete(key);
  }

  private onChange(e: ChangeEventWithSource): void {
    if (e.contentChanges.length === 0 || !this.config.captureEnabled) return;
    const key = e.document.uri.toString();
    const state = this.states.get(key);
    if (!state) return;
    const started = process.hrtime.bigint();

    // Diagnostics (and the fallback tests) can ignore the host's edit source to exercise the path
    // used by hosts that lack it.
    if (!this.config.useEditSource) e = { document: e.document, contentChanges: e.contentChanges, reason: e.reason };
    if (e.detailedReason) this.hostReportsEditSource = true;
    const edits: TextEdit[] = e.contentChanges.map((c) => ({ offset: c.rangeOffset, deleteLength: c.rangeLength, text: c.text }));
    const source = e.detailedReason?.source;
    const kind = e.detailedReason?.metadata?.kind;
    if (source === 'cursor' && (kind === 'type' || kind === 'paste')) this.lastUserInput.set(key, Date.now());

    let insertedChars = 0;
    let insertedLines = 0;
    for (const edit of edits) {
      insertedChars += edit.text.length;
      if (edit.text) insertedLines += edit.text.split('\n').length;
    }
    const now = Date.now();
    const facts: ChangeFacts = {
      editSource: e.detailedReason,
      undoRedo: e.reason,
      recentCommand: this.lastCommand && { command: this.lastCommand.command, msAgo: now - this.lastCommand.at },
      recentUserInput: now - (this.lastUserInput.get(key) ?? 0) < USER_INPUT_WINDOW_MS,
      inFocusedEditor: vscode.window.activeTextEditor?.document === e.document,
      scheme: e.document.uri.scheme,
      insertedChars,
      insertedLines,
    };
    const verdict = classifyChange(facts);
    if (verdict.ai) {
      this.lastCommand = undefined;
      const attribution = {
        origin: verdict.origin,
        confidence: verdict.confidence,
        capturedAt: new Date(now).toISOString(),
        ...(verdict.tool && { tool: verdict.tool }),
        ...(verdict.model && { model: verdict.model }),
        ...(verdict.sessionId && { sessionId: verdict.sessionId }),
      };
      const nes = e.detailedReason?.metadata?.$nes === true;
      // Last edit first, so the others' offsets stay valid.
      for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) {
        // Ghost text replaces the prefix the user already typed with the same characters followed
        // by the suggestion: those typed characters stay human.
        const keep = verdict.origin === 'inlineCompletion' || verdict.origin === 'partialInlineCompletion' ? (nes ? 0 : Math.min(edit.deleteLength, edit.text.length)) : 0;
        if (keep > 0) {
          state.applyHumanEdits([{ offset: edit.offset + keep, deleteLength: edit.deleteLength - keep, text: '' }]);
          state.applyAiEdit({ offset: edit.offset + keep, deleteLength: 0, text: edit.text.slice(keep) }, attribution);
        } else {
          const span = state.applyAiEdit(edit, attribution);
          if (span && verdict.confidence === 'likely') this.dropIfPasted(e.document.uri, span.id, edit.text);
        }
      }
      this.logger.debug(`captured ${verdict.origin} (${verdict.confidence}) from ${verdict.tool ?? 'unknown tool'} in ${e.document.uri.fsPath}`);
      void this.authorFor(state).then((author) => {
        if (author) this.stampAuthor(state, author);
      });
    } else {
      state.applyHumanEdits(edits);
      if (e.reason === 1 || e.reason === 2) state.restoreReinserted(edits, offsetsAfterBatch(edits));
      // Content reloaded from disk was written by someone else (an agent, git); its record, if
      // any, comes from them, so ours must not overwrite it.
      if (source === 'reloadFromDisk') {
        state.dirty = false;
        this.adoptExternalRecord(e.document.uri);
      }
    }

    this.recordCost(Number(process.hrtime.bigint() - started));
    this.changed.fire(e.document.uri);
    this.scheduleSave();
  }

  /**
   * A "likely" AI insertion that is exactly what the clipboard holds was a paste the host did not
   * label: the span is withdrawn.
   */
  private dropIfPasted(uri: vscode.Uri, spanId: string, text: string): void {
    void vscode.env.clipboard.readText().then(
      (clip) => {
        if (!clip || normalizeEol(clip) !== normalizeEol(text)) return;
        const state = this.states.get(uri.toString());
        if (state?.tracker.removeSpan(spanId)) {
          state.dirty = true;
          this.logger.debug(`not AI: the insertion in ${uri.fsPath} matches the clipboard (a paste)`);
          this.changed.fire(uri);
          this.scheduleSave();
        }
      },
      () => undefined,
    );
  }

  private recordCost(ns: number): void {
    this.handlerNs.push(ns);
    if (this.handlerNs.length >= 1000) {
      this.logger.debug(`change handler p99 over the last 1000 changes: ${(this.handlerP99Ns()! / 1e6).toFixed(3)} ms`);
      this.handlerNs.length = 0;
    }
  }

  private authorFor(state: DocumentState): Promise<string | undefined> {
    const root = state.location?.repoRoot;
    if (!root) return Promise.resolve(undefined);
    let author = this.authors.get(root);
    if (!author) this.authors.set(root, (author = gitConfig(root, 'user.email')));
    return author;
  }

  /** Adds the accepting author to spans captured without one. */
  private stampAuthor(state: DocumentState, author: string): void {
    for (const span of state.tracker.spans()) {
      if (span.attribution.author) continue;
      for (const r of span.ranges) state.tracker.markAi(r, { ...span.attribution, author }, span.id, span.acceptedLength);
    }
  }

  private scheduleSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.flush(), SAVE_DEBOUNCE_MS);
  }

  private async save(key: string, state: DocumentState): Promise<void> {
    const location = state.location;
    if (!location) return;
    state.dirty = false;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (!doc) return;
    const content = doc.getText();
    const spans = state.tracker.spans();
    const store = new LiveStore(location.liveDir, this.logger);
    try {
      if (spans.length === 0 && state.signoffs.length === 0) {
        await store.remove(location.repoPath);
        return;
      }
      // Keep the content in git's object store so the record can be re-anchored later.
      if (location.isGit) await storeBlob(location.repoRoot, content);
      await store.write(buildSidecar(location.repoPath, content, spans, state.signoffs));
    } catch (err) {
      state.dirty = true;
      this.logger.error(`could not write live provenance for ${location.repoPath}: ${(err as Error).message}`);
    }
  }

  /** Resolves when the last pending live records are written (VS Code awaits it on window close). */
  dispose(): Promise<void> {
    const flushed = this.flush();
    for (const d of this.disposables) d.dispose();
    return flushed;
  }
}
