import * as vscode from 'vscode';
import type { AiSpan } from '../core/model';
import { AcceptCommandWrappers } from './capture/acceptCommands';
import { readConfig } from './config';
import { atBoundary, exportNowCommand, installHooksCommand } from './git/gitCommands';
import { Commands, ContextKeys, Settings } from './ids';
import { channelLogger } from './log';
import { ProvenanceService } from './provenance/service';
import { Highlights } from './review/highlights';

/** What the extension exports: read access for integration tests and other extensions. */
export interface AiprovApi {
  spansFor(uri: vscode.Uri): readonly AiSpan[];
  whenLoaded(uri: vscode.Uri): Promise<void>;
  reload(uri: vscode.Uri): Promise<void>;
  flush(): Promise<void>;
  decorationsFor(uri: vscode.Uri): readonly vscode.Range[];
  readonly hostReportsEditSource: boolean;
  readonly acceptCommandsWrapped: boolean;
}

// activate() only wires services together; each service owns and disposes its listeners.
export function activate(context: vscode.ExtensionContext): AiprovApi {
  const output = vscode.window.createOutputChannel('AI Provenance', { log: true });
  const logger = channelLogger(output);
  let config = readConfig();
  const provenance = new ProvenanceService(logger, config, context.storageUri?.fsPath);
  const wrappers = new AcceptCommandWrappers(provenance);
  const highlights = new Highlights(provenance, config.highlightsEnabled);
  void vscode.commands.executeCommand('setContext', ContextKeys.highlightsEnabled, config.highlightsEnabled);

  context.subscriptions.push(
    output,
    provenance,
    wrappers,
    highlights,
    provenance.onDidChange(() => wrappers.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(Settings.section)) return;
      config = readConfig();
      provenance.updateConfig(config);
      wrappers.refresh();
      highlights.setEnabled(config.highlightsEnabled);
      void vscode.commands.executeCommand('setContext', ContextKeys.highlightsEnabled, config.highlightsEnabled);
    }),
    vscode.commands.registerCommand(Commands.showOutput, () => output.show()),
    vscode.commands.registerCommand(Commands.toggleHighlights, () =>
      vscode.workspace.getConfiguration(Settings.section).update(Settings.highlightsEnabled, !highlights.enabled, vscode.ConfigurationTarget.Global),
    ),
    vscode.commands.registerCommand(Commands.flushProvenance, () => provenance.flush()),
    vscode.commands.registerCommand(Commands.installGitHooks, () => atBoundary(logger, () => output.show(), 'Install Git Hooks', async () => void (await installHooksCommand(context.extensionPath)))),
    vscode.commands.registerCommand(Commands.exportNow, async () => {
      let written: string[] = [];
      await atBoundary(logger, () => output.show(), 'Export Now', async () => void (written = await exportNowCommand(() => provenance.flush())));
      return written;
    }),
  );
  output.info(`AI Provenance ${context.extension.packageJSON.version as string} activated`);

  return {
    spansFor: (uri) => provenance.spansFor(uri),
    whenLoaded: (uri) => provenance.whenLoaded(uri),
    reload: (uri) => provenance.reload(uri),
    flush: () => provenance.flush(),
    decorationsFor: (uri) => highlights.decorationsFor(uri),
    get hostReportsEditSource() {
      return provenance.hostReportsEditSource;
    },
    get acceptCommandsWrapped() {
      return wrappers.active;
    },
  };
}

export function deactivate(): void {}
