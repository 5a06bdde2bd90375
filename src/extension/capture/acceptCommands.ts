// Fallback capture for hosts that do not name edit sources (older VS Code, some forks): wrap the
// inline-suggestion accept commands so we know an accept ran right before its change event.
// Registering a command with a built-in's id shadows it (newest registration wins); the wrapper
// steps aside, runs the built-in, then takes the id back. Tab keeps its exact core keybinding and
// `when` clause, so indentation and every other extension's Tab behave as before.
// Once the host shows it reports edit sources itself, the wrappers are removed for good.
import * as vscode from 'vscode';
import type { AcceptCommand } from '../../core/capture/classify';

export const WRAPPED_ACCEPT_COMMANDS: ReadonlyArray<[string, AcceptCommand]> = [
  ['editor.action.inlineSuggest.commit', 'inlineCommit'],
  ['editor.action.inlineSuggest.acceptNextWord', 'inlineAcceptWord'],
  ['editor.action.inlineSuggest.acceptNextLine', 'inlineAcceptLine'],
];

export interface AcceptCommandSink {
  noteCommand(command: AcceptCommand): void;
  readonly hostReportsEditSource: boolean;
}

export class AcceptCommandWrappers implements vscode.Disposable {
  private registrations: vscode.Disposable[] = [];
  private disposed = false;

  constructor(private readonly sink: AcceptCommandSink) {
    this.register();
  }

  get active(): boolean {
    return this.registrations.length > 0;
  }

  private register(): void {
    if (this.disposed || this.sink.hostReportsEditSource || this.active) return;
    this.registrations = WRAPPED_ACCEPT_COMMANDS.map(([id, kind]) =>
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        this.sink.noteCommand(kind);
        this.unregister();
        try {
          await vscode.commands.executeCommand(id, ...args);
        } finally {
          this.register();
        }
      }),
    );
  }

  private unregister(): void {
    for (const r of this.registrations) r.dispose();
    this.registrations = [];
  }

  /** Called after changes: drops the wrappers once the host names edit sources, or restores them. */
  refresh(): void {
    if (this.sink.hostReportsEditSource) this.unregister();
    else this.register();
  }

  dispose(): void {
    this.disposed = true;
    this.unregister();
  }
}
