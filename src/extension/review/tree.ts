// The "AI Provenance" view: files with AI spans (open documents, and committed sidecars of files
// that are not open), their spans as children that reveal the range, and context menus driven by
// contextValue (sign off, request changes, revoke).
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { lineLocator, repoPathOfSidecar } from '../../core/format';
import type { AiSpan } from '../../core/model';
import { gitText } from '../../core/repo/git';
import { resolveBaseRef } from '../../core/repo/baseRef';
import { loadFileProvenance } from '../../core/repo/provenance';
import type { SpanReviewState } from '../../core/signoff';
import { GROUP_ORDER, needsReview, REVIEW_STATES } from '../../core/signoff/reviewStates';
import type { ReviewedSpan, ReviewState } from './reviewState';
import { repoRelativePath } from '../../core/format';
import { repositories } from '../git/repositories';

export interface FileNode {
  kind: 'file';
  uri: vscode.Uri;
  spans: ReviewedSpan[];
}

export interface SpanNode {
  kind: 'span';
  uri: vscode.Uri;
  item: ReviewedSpan;
  lines: [number, number];
}

/** Top level: files grouped by the most urgent status among their spans. */
export interface GroupNode {
  kind: 'group';
  state: SpanReviewState;
  files: FileNode[];
}

type Node = GroupNode | FileNode | SpanNode;

/** The status a file is listed under: its most urgent span's. */
export function fileGroup(file: FileNode): SpanReviewState {
  for (const state of GROUP_ORDER) if (file.spans.some((s) => s.review.state === state)) return state;
  return 'approved';
}

export class ProvenanceTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[];
  private timer: NodeJS.Timeout | undefined;
  /** When set, only files changed against this base (merge-base with the base branch). */
  private changedOnly: { baseBranch: string } | undefined;

  constructor(private readonly reviews: ReviewState) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/.aiprov/**/*.aiprov');
    this.disposables = [
      this.changed,
      watcher,
      reviews.onDidChange(() => this.schedule()),
      watcher.onDidChange(() => this.schedule()),
      watcher.onDidCreate(() => this.schedule()),
      watcher.onDidDelete(() => this.schedule()),
    ];
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(undefined), 200);
  }

  setChangedOnly(filter: { baseBranch: string } | undefined): void {
    this.changedOnly = filter;
    this.changed.fire(undefined);
  }

  /** Every file with AI spans: open documents first, then committed sidecars on disk. */
  async files(): Promise<FileNode[]> {
    const all = await this.allFiles();
    if (!this.changedOnly) return all;
    const keep = new Set<string>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const file of await changedAgainstBase(folder.uri.fsPath, this.changedOnly.baseBranch))
        keep.add(vscode.Uri.file(file).toString());
    }
    return all.filter((f) => keep.has(f.uri.toString()));
  }

  private async allFiles(): Promise<FileNode[]> {
    const byUri = new Map<string, FileNode>();
    for (const uri of this.reviews.documents()) byUri.set(uri.toString(), { kind: 'file', uri, spans: [...this.reviews.reviewed(uri)] });
    for (const sidecar of await vscode.workspace.findFiles('**/.aiprov/**/*.aiprov', '**/node_modules/**', 2000)) {
      const repo = await repositories.forPath(sidecar.fsPath);
      if (!repo) continue;
      const repoPath = repoPathOfSidecar(repoRelativePath(repo.repoRoot, sidecar.fsPath));
      if (!repoPath) continue;
      const uri = vscode.Uri.file(path.join(repo.repoRoot, repoPath));
      if (byUri.has(uri.toString())) continue;
      let content: string;
      try {
        content = await fs.readFile(uri.fsPath, 'utf8');
      } catch {
        continue;
      }
      const provenance = await loadFileProvenance({ repoRoot: repo.repoRoot, liveDir: repo.gitDir, repoPath, content, isGit: true });
      const spans = await this.reviews.evaluate(repo.repoRoot, repoPath, content, provenance.spans, provenance.signoffs);
      if (spans.length) byUri.set(uri.toString(), { kind: 'file', uri, spans });
    }
    return [...byUri.values()].sort((a, b) => openCount(b) - openCount(a) || a.uri.fsPath.localeCompare(b.uri.fsPath));
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const files = await this.files();
      return GROUP_ORDER.map((state) => ({ kind: 'group' as const, state, files: files.filter((f) => fileGroup(f) === state) })).filter(
        (g) => g.files.length > 0,
      );
    }
    if (node.kind === 'group') return node.files;
    if (node.kind === 'span') return [];
    const text = (await vscode.workspace.openTextDocument(node.uri)).getText();
    const lineOf = lineLocator(text);
    return node.spans.map((item) => ({ kind: 'span', uri: node.uri, item, lines: spanLines(item.span, lineOf) }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const spans = node.files.reduce((n, f) => n + f.spans.filter((s) => s.review.state === node.state).length, 0);
      const item = new vscode.TreeItem(
        REVIEW_STATES[node.state].groupLabel,
        node.state === 'approved' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded,
      );
      item.description = `${node.files.length} file(s), ${spans} span(s)`;
      item.contextValue = `aiprov.group.${node.state}`;
      return item;
    }
    if (node.kind === 'file') {
      const open = openCount(node);
      const item = new vscode.TreeItem(vscode.workspace.asRelativePath(node.uri), vscode.TreeItemCollapsibleState.Expanded);
      item.resourceUri = node.uri;
      item.description = open ? `${open} to review · ${node.spans.length} AI span(s)` : `${node.spans.length} AI span(s), all reviewed`;
      item.contextValue = open ? 'aiprov.file.open' : 'aiprov.file.reviewed';
      item.iconPath = new vscode.ThemeIcon(
        open ? 'circle-large-outline' : 'pass',
        new vscode.ThemeColor(open ? 'aiprov.unreviewedOverviewRuler' : 'aiprov.signedOffOverviewRuler'),
      );
      return item;
    }
    const { span, review } = node.item;
    const [from, to] = node.lines;
    const item = new vscode.TreeItem(
      `lines ${from}–${to} · ${span.attribution.tool ?? span.attribution.origin}`,
      vscode.TreeItemCollapsibleState.None,
    );
    item.description = REVIEW_STATES[review.state].label;
    item.tooltip = review.problems.join('\n') || undefined;
    item.contextValue = `aiprov.span.${review.state}`;
    item.command = {
      command: 'vscode.open',
      title: 'Reveal',
      arguments: [node.uri, { selection: new vscode.Range(from - 1, 0, to - 1, 0) }],
    };
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

function openCount(node: FileNode): number {
  return node.spans.filter((s) => needsReview(s.review.state)).length;
}

function spanLines(span: AiSpan, lineOf: (offset: number) => number): [number, number] {
  const last = span.ranges[span.ranges.length - 1];
  return [lineOf(span.ranges[0].start), lineOf(Math.max(span.ranges[0].start, last.end - 1))];
}

/** Context-menu arguments: tree nodes become the sign-off commands' arguments. */
export function spanNodeArgs(node: SpanNode | FileNode | GroupNode | undefined): { uri?: vscode.Uri; spanIds?: string[] } {
  if (!node || node.kind === 'group') return {};
  return node.kind === 'span' ? { uri: node.uri, spanIds: [node.item.span.id] } : { uri: node.uri };
}

/**
 * Absolute paths of files that differ between the merge base with the base branch (the upstream,
 * else `main`, when none is configured) and the working tree: what a pull request reviewer sees.
 */
export async function changedAgainstBase(dir: string, baseBranch: string): Promise<string[]> {
  const repo = await repositories.forPath(dir, true);
  if (!repo) return [];
  try {
    const base = await resolveBaseRef(repo.repoRoot, baseBranch || undefined);
    const mergeBase = (await gitText(repo.repoRoot, ['merge-base', '--end-of-options', base, 'HEAD'])).trim();
    const names = (await gitText(repo.repoRoot, ['diff', '--name-only', '-z', mergeBase])).split('\0').filter(Boolean);
    const untracked = (await gitText(repo.repoRoot, ['ls-files', '--others', '--exclude-standard', '-z'])).split('\0').filter(Boolean);
    return [...names, ...untracked].map((n) => path.join(repo.repoRoot, n));
  } catch {
    return [];
  }
}
