// Highlights AI-written spans in visible editors. One decoration type, created once; updates are
// debounced; listeners exist only while highlights are enabled.
import * as vscode from 'vscode';
import type { AiSpan } from '../../core/model';
import { Colors } from '../ids';

const UPDATE_DEBOUNCE_MS = 100;

export interface SpanSource {
  readonly onDidChange: vscode.Event<vscode.Uri>;
  spansFor(uri: vscode.Uri): readonly AiSpan[];
}

export class Highlights implements vscode.Disposable {
  private readonly aiType = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor(Colors.aiBackground),
    overviewRulerColor: new vscode.ThemeColor(Colors.aiOverviewRuler),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private listeners: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** What was last passed to setDecorations, per document: what tests observe. */
  private readonly applied = new Map<string, vscode.Range[]>();

  constructor(
    private readonly source: SpanSource,
    enabled: boolean,
  ) {
    this.setEnabled(enabled);
  }

  get enabled(): boolean {
    return this.listeners.length > 0;
  }

  setEnabled(enabled: boolean): void {
    if (enabled === this.enabled) return;
    if (enabled) {
      this.listeners = [
        this.source.onDidChange(() => this.schedule()),
        vscode.window.onDidChangeVisibleTextEditors(() => this.schedule()),
      ];
      this.update();
    } else {
      for (const l of this.listeners) l.dispose();
      this.listeners = [];
      for (const editor of vscode.window.visibleTextEditors) editor.setDecorations(this.aiType, []);
      this.applied.clear();
    }
  }

  decorationsFor(uri: vscode.Uri): readonly vscode.Range[] {
    return this.applied.get(uri.toString()) ?? [];
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), UPDATE_DEBOUNCE_MS);
  }

  private update(): void {
    this.timer = undefined;
    for (const editor of vscode.window.visibleTextEditors) {
      const doc = editor.document;
      const ranges = this.source.spansFor(doc.uri).flatMap((span) => span.ranges.map((r) => new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end))));
      editor.setDecorations(this.aiType, ranges);
      this.applied.set(doc.uri.toString(), ranges);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.setEnabled(false);
    this.aiType.dispose();
  }
}
