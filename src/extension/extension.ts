import * as vscode from 'vscode';
import type { AiSpan } from '../core/model';
import type { SignOffOutcome, SpanReviewState } from '../core/signoff';
import { AcceptCommandWrappers } from './capture/acceptCommands';
import { readConfig } from './config';
import { atBoundary, exportNowCommand, installHooksCommand, offerGitHooks } from './git/gitCommands';
import { Commands, ContextKeys, Settings, Views } from './ids';
import { channelLogger } from './log';
import { ProvenanceService } from './provenance/service';
import { Highlights } from './review/highlights';
import { SpanHoverProvider } from './review/hover';
import { revealNextUnreviewed } from './review/navigation';
import { ReviewState } from './review/reviewState';
import { SignOffCommands, type SignOffArgs } from './review/signOffCommands';
import { ReviewCodeLensProvider } from './review/codeLens';
import { exportReport, ReportPanel } from './review/reportPanel';
import { signOffAll } from './review/signOffAll';
import { ReviewStatusBar } from './review/statusBar';
import { fileGroup, ProvenanceTree, spanNodeArgs, type FileNode, type GroupNode, type SpanNode } from './review/tree';
import { repositories } from './git/repositories';

/** What the extension exports to other extensions: read access to the recorded provenance. */
export interface AiprovApi {
  spansFor(uri: vscode.Uri): readonly AiSpan[];
  reviewStates(uri: vscode.Uri): Array<{ spanId: string; state: SpanReviewState }>;
}

/** What tests add, only in a test or development host (never in an installed extension). */
export interface AiprovTestApi extends AiprovApi {
  whenLoaded(uri: vscode.Uri): Promise<void>;
  /** Resolves once the checks that follow a capture (is it a paste?) have settled. */
  whenCaptureSettled(): Promise<void>;
  whenReviewed(uri: vscode.Uri): Promise<void>;
  reload(uri: vscode.Uri): Promise<void>;
  flush(): Promise<void>;
  decorationsFor(uri: vscode.Uri, state?: Exclude<SpanReviewState, 'not-required'>): readonly vscode.Range[];
  readonly activationMs: number;
  statusBarText(): string;
  treeFiles(): Promise<Array<{ path: string; group: SpanReviewState; states: SpanReviewState[] }>>;
  readonly hostReportsEditSource: boolean;
  readonly acceptCommandsWrapped: boolean;
  ignoreEditSources(ignore: boolean): void;
}

/** Writes the live records still waiting for their debounce; deactivate() returns it so VS Code waits. */
let finalFlush: (() => Promise<void>) | undefined;

// activate() only wires services together; each service owns and disposes its listeners.
export function activate(context: vscode.ExtensionContext): AiprovApi | AiprovTestApi {
  const activationStarted = performance.now();
  const output = vscode.window.createOutputChannel('AI Provenance', { log: true });
  const logger = channelLogger(output);
  const showOutput = () => output.show();
  let config = readConfig();
  let reviewMode = false;
  let changedOnly = false;
  const provenance = new ProvenanceService(logger, config, context.storageUri?.fsPath);
  finalFlush = () => provenance.flush();
  const wrappers = new AcceptCommandWrappers(provenance);
  const reviews = new ReviewState(provenance, logger);
  const highlights = new Highlights(reviews, context.extensionPath, config.highlightsEnabled, config.highlightsStyle);
  const statusBar = new ReviewStatusBar(reviews);
  const signOff = new SignOffCommands(provenance);
  void vscode.commands.executeCommand('setContext', ContextKeys.highlightsEnabled, config.highlightsEnabled);

  // Commands take sign-off arguments, or a tree node when run from the view's context menu.
  const guarded =
    (what: string, body: (args?: SignOffArgs) => Promise<SignOffOutcome | undefined>) =>
    async (arg?: SignOffArgs | SpanNode | FileNode | GroupNode): Promise<SignOffOutcome | undefined> => {
      const args = arg && 'kind' in arg ? spanNodeArgs(arg) : arg;
      let result: SignOffOutcome | undefined;
      await atBoundary(logger, showOutput, what, async () => void (result = await body(args)));
      return result;
    };
  const tree = new ProvenanceTree(reviews);
  const codeLens = new ReviewCodeLensProvider(reviews);

  context.subscriptions.push(
    output,
    provenance,
    wrappers,
    reviews,
    highlights,
    statusBar,
    provenance.onDidChange(() => wrappers.refresh()),
    vscode.languages.registerHoverProvider({ scheme: 'file' }, new SpanHoverProvider(reviews)),
    tree,
    codeLens,
    vscode.window.createTreeView(Views.tree, { treeDataProvider: tree, showCollapseAll: true }),
    vscode.languages.registerCodeLensProvider(
      { scheme: 'file' },
      {
        provideCodeLenses: (doc) => (readConfig().codeLens ? codeLens.provideCodeLenses(doc) : []),
        onDidChangeCodeLenses: codeLens.onDidChangeCodeLenses,
      },
    ),
    vscode.workspace.onDidChangeWorkspaceFolders(() => repositories.clear()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(Settings.section)) return;
      config = readConfig();
      provenance.updateConfig(config);
      wrappers.refresh();
      highlights.setEnabled(config.highlightsEnabled);
      highlights.setStyle(reviewMode ? 'strong' : config.highlightsStyle);
      void vscode.commands.executeCommand('setContext', ContextKeys.highlightsEnabled, config.highlightsEnabled);
    }),
    vscode.commands.registerCommand(Commands.showOutput, showOutput),
    vscode.commands.registerCommand(Commands.toggleHighlights, () =>
      vscode.workspace
        .getConfiguration(Settings.section)
        .update(Settings.highlightsEnabled, !highlights.enabled, vscode.ConfigurationTarget.Global),
    ),
    vscode.commands.registerCommand(Commands.toggleReviewMode, () => {
      reviewMode = !reviewMode;
      highlights.setEnabled(true);
      highlights.setStyle(reviewMode ? 'strong' : config.highlightsStyle);
      void vscode.commands.executeCommand('setContext', ContextKeys.reviewMode, reviewMode);
      return reviewMode;
    }),
    vscode.commands.registerCommand(Commands.flushProvenance, () => provenance.flush()),
    vscode.commands.registerCommand(Commands.installGitHooks, () =>
      atBoundary(logger, showOutput, 'Install Git Hooks', async () => void (await installHooksCommand(context.extensionPath))),
    ),
    vscode.commands.registerCommand(Commands.exportNow, async () => {
      let written: string[] = [];
      await atBoundary(logger, showOutput, 'Export Now', async () => void (written = await exportNowCommand(() => provenance.flush())));
      return written;
    }),
    vscode.commands.registerCommand(
      Commands.signOffSpanAtCursor,
      guarded('Sign Off Span', (a) => signOff.signOffSpanAtCursor(a)),
    ),
    vscode.commands.registerCommand(
      Commands.signOffFile,
      guarded('Sign Off File', (a) => signOff.signOffFile(a)),
    ),
    vscode.commands.registerCommand(Commands.signOffAll, () =>
      atBoundary(logger, showOutput, 'Sign Off All AI Changes', () => signOffAll(tree, signOff)),
    ),
    vscode.commands.registerCommand(
      Commands.requestChanges,
      guarded('Request Changes', (a) => signOff.signOffSpanAtCursor(a, 'changes-requested')),
    ),
    vscode.commands.registerCommand(
      Commands.revokeSignOff,
      guarded('Revoke Sign-off', (a) => signOff.signOffSpanAtCursor({ note: '', checklist: [], ...a }, 'revoked')),
    ),
    vscode.commands.registerCommand(Commands.toggleChangedOnly, () => {
      changedOnly = !changedOnly;
      tree.setChangedOnly(changedOnly ? { baseBranch: readConfig().baseBranch } : undefined);
      void vscode.commands.executeCommand('setContext', ContextKeys.changedOnly, changedOnly);
      return changedOnly;
    }),
    vscode.commands.registerCommand(Commands.showReport, () =>
      atBoundary(logger, showOutput, 'Provenance Report', async () => void (await ReportPanel.show(context.extensionUri))),
    ),
    vscode.commands.registerCommand(Commands.exportReport, async (args?: { format?: 'md' | 'json'; path?: string }) => {
      let written: string | undefined;
      await atBoundary(logger, showOutput, 'Export Report', async () => {
        const format =
          args?.format ??
          ((await vscode.window.showQuickPick(['md', 'json'], { title: 'Export the report as' })) as 'md' | 'json' | undefined);
        if (format) written = (await exportReport(format, args?.path ? vscode.Uri.file(args.path) : undefined))?.fsPath;
      });
      return written;
    }),
    vscode.commands.registerCommand(Commands.nextUnreviewed, () => revealNextUnreviewed(reviews, 1)),
    vscode.commands.registerCommand(Commands.previousUnreviewed, () => revealNextUnreviewed(reviews, -1)),
  );
  const activationMs = performance.now() - activationStarted;
  output.info(`AI Provenance ${context.extension.packageJSON.version as string} activated in ${activationMs.toFixed(1)} ms`);
  // Off the activation path: a git process and maybe a notification.
  const offer = setTimeout(() => void offerGitHooks(context.workspaceState, context.extensionPath, logger), 3000);
  context.subscriptions.push({ dispose: () => clearTimeout(offer) });

  const api: AiprovApi = {
    spansFor: (uri) => provenance.spansFor(uri),
    reviewStates: (uri) => reviews.reviewed(uri).map((r) => ({ spanId: r.span.id, state: r.review.state })),
  };
  if (context.extensionMode === vscode.ExtensionMode.Production) return api;
  const testApi: AiprovTestApi = {
    ...api,
    whenLoaded: (uri) => provenance.whenLoaded(uri),
    whenCaptureSettled: () => provenance.whenCaptureSettled(),
    whenReviewed: (uri) => reviews.refresh(uri),
    reload: (uri) => provenance.reload(uri),
    flush: () => provenance.flush(),
    decorationsFor: (uri, state) => highlights.decorationsFor(uri, state),
    activationMs,
    statusBarText: () => statusBar.text,
    treeFiles: async () =>
      (await tree.files()).map((f) => ({
        path: vscode.workspace.asRelativePath(f.uri),
        group: fileGroup(f),
        states: f.spans.map((s) => s.review.state),
      })),
    get hostReportsEditSource() {
      return provenance.hostReportsEditSource;
    },
    get acceptCommandsWrapped() {
      return wrappers.active;
    },
    ignoreEditSources: (ignore) => {
      provenance.ignoreEditSources(ignore);
      wrappers.refresh();
    },
  };
  return testApi;
}

export function deactivate(): Promise<void> | undefined {
  const flush = finalFlush;
  finalFlush = undefined;
  return flush?.();
}
