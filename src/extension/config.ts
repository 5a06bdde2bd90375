// Typed access to the `aiprov.*` settings: one place knows their names and defaults.
import * as vscode from 'vscode';
import { Settings } from './ids';

export interface AiprovConfig {
  captureEnabled: boolean;
  maxFileSize: number;
  highlightsEnabled: boolean;
  highlightsStyle: 'subtle' | 'strong';
  codeLens: boolean;
  baseBranch: string;
}

export function readConfig(): AiprovConfig {
  const c = vscode.workspace.getConfiguration(Settings.section);
  return {
    captureEnabled: c.get<boolean>(Settings.captureEnabled, true),
    maxFileSize: c.get<number>(Settings.maxFileSize, 2_000_000),
    highlightsEnabled: c.get<boolean>(Settings.highlightsEnabled, true),
    highlightsStyle: c.get<'subtle' | 'strong'>(Settings.highlightsStyle, 'subtle'),
    codeLens: c.get<boolean>(Settings.codeLens, true),
    baseBranch: c.get<string>(Settings.baseBranch, ''),
  };
}
