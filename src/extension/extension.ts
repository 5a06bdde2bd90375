import * as vscode from 'vscode';
import { Commands } from './ids';

// activate() only wires services together; each service owns and disposes its listeners.
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('AI Provenance', { log: true });
  context.subscriptions.push(output);
  context.subscriptions.push(vscode.commands.registerCommand(Commands.showOutput, () => output.show()));
  output.info(`AI Provenance ${context.extension.packageJSON.version as string} activated`);
}

export function deactivate(): void {}
