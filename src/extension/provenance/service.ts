// Per-document provenance, coordinated: opens and closes document states, hands each change event
// to the core capture decision (src/core/capture) and applies its verdict, and asks the live writer
// to persist. Decisions live in core; this file only gathers the editor's facts.
import * as vscode from 'vscode';
import type { AcceptCommand, Classification } from '../../core/capture/classify';
import { DocumentState, type DocumentLocation } from '../../core/capture/documentState';
import { changeSignature, RecentUnlabelledChanges, type SameChangeElsewhere } from '../../core/capture/sameChange';
import { TextShadow } from '../../core/capture/textShadow';
import { normalizeEol } from '../../core/digest';
import type { Logger } from '../../core/log';
import type { AiSpan, SignOff, TextEdit } from '../../core/model';
import type { AiprovConfig } from '../config';
import { AgentRecordWatcher } from './agentRecordWatcher';
import { AuthorStamp } from './authorStamp';
import { loadDocumentState, type DocumentSource } from './documentLoader';
import { LiveWriter } from './liveWriter';

const USER_INPUT_WINDOW_MS = 400;

/** Reads of the `detailedReason` VS Code attaches at run time (typed only in a proposed API). */
interface ChangeEventWithSource extends vscode.TextDocumentChangeEvent {
  readonly detailedReason?: { source?: string; metadata?: Record<string, unknown> };
}

export class ProvenanceService implements vscode.Disposable {
  private readonly states = new Map<string, DocumentState>();
  private readonly loads = new Map<string, Promise<void>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly writer: LiveWriter;
  private readonly agentRecords: AgentRecordWatcher;
  private lastCommand: { command: AcceptCommand; at: number } | undefined;
  private readonly lastUserInput = new Map<string, number>();
  private readonly authorStamp = new AuthorStamp();
  private readonly skipped = new Set<string>();
  /** Clipboard checks still running (see dropIfPasted). */
  private readonly pasteChecks = new Set<Promise<void>>();
  /** Unlabelled multi-line changes of the last moments, to recognise Replace All across files. */
  private readonly recentUnlabelled = new RecentUnlabelledChanges();
  /** Per-keystroke handler cost, for the p99 in the debug log. */
  private readonly handlerNs: number[] = [];
  /** Set once a change event arrives with `detailedReason`: the host names edit sources itself. */
  hostReportsEditSource = false;

  constructor(
    private readonly logger: Logger,
    private config: AiprovConfig,
    private readonly storageDir: string | undefined,
  ) {
    this.writer = new LiveWriter(logger, () => this.pendingDocuments());
    this.agentRecords = new AgentRecordWatcher(logger);
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidOpenTextDocument((doc) => void this.open(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.close(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
    );
    for (const doc of vscode.workspace.textDocuments) void this.open(doc);
  }

  updateConfig(config: AiprovConfig): void {
    this.config = config;
  }

  /**
   * Tests only: ignore the host's edit sources, to exercise the path hosts without them take
   * (the accept-command wrappers).
   */
  ignoreEditSources(ignore: boolean): void {
    this.editSourcesIgnored = ignore;
    if (ignore) this.hostReportsEditSource = false;
  }
  private editSourcesIgnored = false;

  /** Called by the command wrappers just before the command runs. */
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

  /** Resolves once the document's recorded provenance has been loaded (at once for untracked documents). */
  whenLoaded(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const pending = this.loads.get(key);
    if (pending) return pending;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    return doc ? this.open(doc) : Promise.resolve();
  }

  /** Resolves once every clipboard check of a likely-AI insertion has settled. */
  async whenCaptureSettled(): Promise<void> {
    while (this.pasteChecks.size > 0) await Promise.all(this.pasteChecks);
  }

  /** Re-reads recorded provenance (after a sign-off or an export wrote it). */
  async reload(uri: vscode.Uri): Promise<void> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!doc) return;
    this.states.delete(uri.toString());
    this.loads.delete(uri.toString());
    await this.open(doc);
  }

  /** Writes every pending live record now. */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  handlerP99Ns(): number | undefined {
    if (this.handlerNs.length === 0) return undefined;
    const sorted = [...this.handlerNs].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length * 0.99)];
  }

  private *pendingDocuments() {
    for (const [key, state] of this.states) yield { state, content: () => this.documentText(key) };
  }

  private documentText(key: string): string | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key)?.getText();
  }

  private tracks(doc: vscode.TextDocument): boolean {
    if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'vscode-remote') return false;
    if (doc.uri.path.includes('/.git/') || doc.uri.path.includes('/.aiprov/')) return false;
    const size = doc.getText().length;
    if (size > this.config.maxFileSize) {
      if (!this.skipped.has(doc.uri.toString())) {
        this.skipped.add(doc.uri.toString());
        this.logger.info(
          `not tracking ${doc.uri.fsPath}: ${size} characters is over aiprov.capture.maxFileSize (${this.config.maxFileSize})`,
        );
      }
      return false;
    }
    return true;
  }

  /** Starts tracking a document; the promise settles once its recorded provenance is loaded. */
  private open(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    const existing = this.loads.get(key);
    if (existing) return existing;
    if (this.states.has(key) || !this.tracks(doc)) return Promise.resolve();
    // Changes that arrive while loading are captured into this interim state; they win over the record.
    const interim = new DocumentState(undefined, new TextShadow(doc.getText()));
    this.states.set(key, interim);
    const source: DocumentSource = {
      fsPath: doc.uri.fsPath,
      workspaceFolder: vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath,
      text: () => doc.getText(),
    };
    const load = loadDocumentState(source, this.storageDir, () => this.states.get(key) ?? interim, this.logger).then(
      (state) => {
        if (this.states.get(key) !== interim) return;
        this.states.set(key, state);
        this.changed.fire(doc.uri);
      },
      (err: unknown) => this.logger.error(`could not load provenance for ${doc.uri.fsPath}: ${(err as Error).stack ?? String(err)}`),
    );
    this.loads.set(key, load);
    return load;
  }

  private close(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const state = this.states.get(key);
    if (!state) return;
    if (state.dirty) void this.writer.write(state, doc.getText());
    this.states.delete(key);
    this.loads.delete(key);
    this.lastUserInput.delete(key);
  }

  private onChange(e: ChangeEventWithSource): void {
    if (e.contentChanges.length === 0) return;
    const key = e.document.uri.toString();
    const state = this.states.get(key);
    if (!state) return;
    const started = process.hrtime.bigint();
    const edits: TextEdit[] = e.contentChanges.map((c) => ({ offset: c.rangeOffset, deleteLength: c.rangeLength, text: c.text }));
    if (!this.config.captureEnabled) {
      this.advanceText(state, edits, e.document);
      return;
    }

    const detailed = this.editSourcesIgnored ? undefined : e.detailedReason;
    if (detailed) this.hostReportsEditSource = true;
    const source = detailed?.source;
    const kind = detailed?.metadata?.kind;
    const now = Date.now();
    if (source === 'cursor' && (kind === 'type' || kind === 'paste')) this.lastUserInput.set(key, now);
    const undoRedo =
      e.reason === vscode.TextDocumentChangeReason.Undo ? 'undo' : e.reason === vscode.TextDocumentChangeReason.Redo ? 'redo' : undefined;

    // Unlabelled changes with a line break are compared across documents (Replace All across files).
    const signature = (!source || source === 'unknown') && !undoRedo ? changeSignature(state.text, edits) : undefined;
    const elsewhere = signature ? this.recentUnlabelled.note(key, signature, now) : [];

    const { verdict, created } = state.change(
      edits,
      {
        editSource: detailed,
        undoRedo,
        recentCommand: this.lastCommand && { command: this.lastCommand.command, msAgo: now - this.lastCommand.at },
        recentUserInput: now - (this.lastUserInput.get(key) ?? 0) < USER_INPUT_WINDOW_MS,
        inFocusedEditor: vscode.window.activeTextEditor?.document === e.document,
        scheme: e.document.uri.scheme,
        sameChangeInOtherDocuments: elsewhere.length > 0,
      },
      now,
    );
    if (signature && verdict.ai)
      this.recentUnlabelled.created(
        key,
        signature,
        created.map((s) => s.id),
      );
    this.withdrawSameChange(elsewhere);
    this.checkText(state, e.document);
    if (verdict.ai) {
      this.lastCommand = undefined;
      this.afterAiCapture(state, e.document.uri, created, verdict);
    } else if (source === 'reloadFromDisk') {
      // Content reloaded from disk was written by someone else (an agent, git); its record, if
      // any, comes from them, so ours must not overwrite it.
      state.dirty = false;
      this.watchAgentRecord(e.document.uri);
    }

    this.recordCost(Number(process.hrtime.bigint() - started));
    this.changed.fire(e.document.uri);
    this.writer.schedule();
  }

  private afterAiCapture(
    state: DocumentState,
    uri: vscode.Uri,
    created: readonly AiSpan[],
    verdict: Extract<Classification, { ai: true }>,
  ): void {
    if (verdict.confidence === 'likely') {
      const text = state.text.toString();
      for (const { id } of created) {
        const ranges = state.tracker.span(id)?.ranges ?? [];
        this.dropIfPasted(uri, id, ranges.map((r) => text.slice(r.start, r.end)).join(''));
      }
    }
    this.logger.debug(`captured ${verdict.origin} (${verdict.confidence}) from ${verdict.tool ?? 'unknown tool'} in ${uri.fsPath}`);
    void this.authorStamp.stamp(state);
  }

  /** The spans other documents got from a change that turned out to be a replace across files. */
  private withdrawSameChange(elsewhere: readonly SameChangeElsewhere[]): void {
    for (const { doc, spanIds } of elsewhere) {
      const state = this.states.get(doc);
      if (!state || spanIds.length === 0) continue;
      let removed = false;
      for (const id of spanIds) removed = state.tracker.removeSpan(id) || removed;
      if (!removed) continue;
      state.dirty = true;
      this.logger.debug(`not AI: the same change reached several documents at once (replace across files), withdrawn in ${doc}`);
      this.changed.fire(vscode.Uri.parse(doc));
    }
  }

  /** Moves the remembered text past an event the capture skipped. */
  private advanceText(state: DocumentState, edits: readonly TextEdit[], doc: vscode.TextDocument): void {
    state.text.apply(edits);
    this.checkText(state, doc);
  }

  /** The remembered text must match the document; if it drifted, start again from the document. */
  private checkText(state: DocumentState, doc: vscode.TextDocument): void {
    if (doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end) === state.text.length) return;
    this.logger.warn(`resynchronising ${doc.uri.fsPath}: its remembered text drifted`);
    state.text = new TextShadow(doc.getText());
  }

  private watchAgentRecord(uri: vscode.Uri): void {
    const key = uri.toString();
    this.agentRecords.watch({ state: () => this.states.get(key), content: () => this.documentText(key), adopt: () => this.reload(uri) });
  }

  /**
   * A "likely" AI insertion that is exactly what the clipboard holds was a paste the host did not
   * label: the span is withdrawn.
   */
  private dropIfPasted(uri: vscode.Uri, spanId: string, text: string): void {
    const check = Promise.resolve(vscode.env.clipboard.readText()).then(
      (clip) => {
        if (!clip || normalizeEol(clip) !== normalizeEol(text)) return;
        const state = this.states.get(uri.toString());
        if (state?.tracker.removeSpan(spanId)) {
          state.dirty = true;
          this.logger.debug(`not AI: the insertion in ${uri.fsPath} matches the clipboard (a paste)`);
          this.changed.fire(uri);
          this.writer.schedule();
        }
      },
      () => undefined,
    );
    this.pasteChecks.add(check);
    void check.finally(() => this.pasteChecks.delete(check));
  }

  private recordCost(ns: number): void {
    this.handlerNs.push(ns);
    if (this.handlerNs.length >= 1000) {
      this.logger.debug(`change handler p99 over the last 1000 changes: ${((this.handlerP99Ns() ?? 0) / 1e6).toFixed(3)} ms`);
      this.handlerNs.length = 0;
    }
  }

  /** Resolves when the last pending live records are written (VS Code awaits it on window close). */
  dispose(): Promise<void> {
    const flushed = this.writer.flush();
    this.agentRecords.dispose();
    for (const d of this.disposables) d.dispose();
    return flushed;
  }
}
