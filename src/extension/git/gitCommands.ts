// "Install Git Hooks" and "Export Now": the editor's doors to the same core the CLI uses.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { exportWorkingTree } from '../../core/repo/export';
import { gitHooksInstalled, installGitHooks } from '../../core/repo/gitHooks';
import { repositories } from './repositories';

async function workspaceRepo(): Promise<{ repoRoot: string; gitDir: string } | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder ? repositories.forPath(folder.uri.fsPath, true) : undefined;
}

/** Runs a command body, turning errors into a message that offers the output channel. */
export async function atBoundary(logger: Logger, showOutput: () => void, what: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    logger.error(`${what} failed: ${(err as Error).message}`);
    // Not awaited: the command finishes now; the message waits for the user on its own.
    void vscode.window.showErrorMessage(`AI Provenance: ${what} failed: ${(err as Error).message}`, 'Open Output').then((choice) => {
      if (choice === 'Open Output') showOutput();
    });
  }
}

export async function installHooksCommand(extensionPath: string): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('AI Provenance installs git hooks only in a trusted workspace.');
    return undefined;
  }
  const repo = await workspaceRepo();
  if (!repo) throw new Error('no git repository in this workspace');
  const cli = `node ${JSON.stringify(path.join(extensionPath, 'dist', 'cli.js'))}`;
  const r = await installGitHooks(repo.repoRoot, cli);
  const kept = r.chained.length ? ` Existing ${r.chained.join(', ')} hooks still run first.` : '';
  void vscode.window.showInformationMessage(`AI Provenance: git hooks installed in ${r.dir}.${kept}`);
  return r.dir;
}

export async function exportNowCommand(flush: () => Promise<void>): Promise<string[]> {
  await flush();
  const repo = await workspaceRepo();
  if (!repo) throw new Error('no git repository in this workspace');
  const r = await exportWorkingTree(repo.repoRoot, repo.gitDir);
  void vscode.window.showInformationMessage(
    `AI Provenance: wrote ${r.written.length} sidecar(s)${r.problems.length ? `; ${r.problems.length} problem(s), see Output` : ''}.`,
  );
  // Records that could not be read were not written over; say which and why.
  if (r.failures.length)
    void vscode.window.showWarningMessage(
      `AI Provenance: not exported, left untouched: ${r.failures.map((f) => `${f.file}: ${f.reason}`).join('; ')}`,
    );
  return r.written;
}

const OFFERED_KEY = 'aiprov.gitHooksOffered';

/**
 * Once per workspace, in a trusted git workspace without aiprov's hooks, offers to install them so
 * commits carry provenance. Never in restricted mode.
 */
export async function offerGitHooks(state: vscode.Memento, extensionPath: string, logger: Logger): Promise<void> {
  if (!vscode.workspace.isTrusted || state.get<boolean>(OFFERED_KEY)) return;
  const repo = await workspaceRepo();
  if (!repo || (await gitHooksInstalled(repo.repoRoot))) return;
  await state.update(OFFERED_KEY, true);
  const choice = await vscode.window.showInformationMessage(
    'AI Provenance: install git hooks so every commit carries its .aiprov sidecars? Hooks already in place keep running.',
    'Install',
    'Not Now',
  );
  if (choice !== 'Install') return;
  try {
    await installHooksCommand(extensionPath);
  } catch (err) {
    logger.error(`Install Git Hooks failed: ${(err as Error).message}`);
  }
}
