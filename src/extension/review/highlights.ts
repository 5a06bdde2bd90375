// Highlights AI-written spans in visible editors, coloured by review status. Decoration types are
// created once per status and style; updates are debounced; listeners exist only while enabled.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SpanReviewState } from '../../core/signoff';
import { Colors } from '../ids';
import type { ReviewedSpan } from './reviewState';

const UPDATE_DEBOUNCE_MS = 100;

export interface ReviewSource {
  readonly onDidChange: vscode.Event<vscode.Uri>;
  reviewed(uri: vscode.Uri): readonly ReviewedSpan[];
}

type Shown = Exclude<SpanReviewState, 'not-required'>;
const STATES: ReadonlyArray<[Shown, string, string, string]> = [
  ['unreviewed', Colors.aiBackground, Colors.aiOverviewRuler, 'gutter-unreviewed.svg'],
  ['approved', Colors.signedOffBackground, Colors.signedOffOverviewRuler, 'gutter-signedOff.svg'],
  ['stale', Colors.staleBackground, Colors.staleOverviewRuler, 'gutter-stale.svg'],
  ['changes-requested', Colors.changesRequestedBackground, Colors.changesRequestedOverviewRuler, 'gutter-changesRequested.svg'],
];

export type HighlightStyle = 'subtle' | 'strong';

export class Highlights implements vscode.Disposable {
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  private listeners: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** What was last passed to setDecorations, per document and status: what tests observe. */
  private readonly applied = new Map<string, Partial<Record<Shown, vscode.Range[]>>>();
  private style: HighlightStyle;

  constructor(
    private readonly source: ReviewSource,
    extensionPath: string,
    enabled: boolean,
    style: HighlightStyle,
  ) {
    this.style = style;
    for (const [state, background, ruler, icon] of STATES) {
      for (const s of ['subtle', 'strong'] as const) {
        this.types.set(
          `${state}:${s}`,
          vscode.window.createTextEditorDecorationType({
            backgroundColor: new vscode.ThemeColor(background),
            overviewRulerColor: new vscode.ThemeColor(ruler),
            overviewRulerLane: vscode.OverviewRulerLane.Left,
            rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
            ...(s === 'strong' && {
              gutterIconPath: vscode.Uri.file(path.join(extensionPath, 'media', icon)),
              gutterIconSize: 'contain',
              border: '1px dotted',
              borderColor: new vscode.ThemeColor(ruler),
            }),
          }),
        );
      }
    }
    this.setEnabled(enabled);
  }

  get enabled(): boolean {
    return this.listeners.length > 0;
  }

  setStyle(style: HighlightStyle): void {
    if (style === this.style) return;
    this.clear();
    this.style = style;
    if (this.enabled) this.update();
  }

  setEnabled(enabled: boolean): void {
    if (enabled === this.enabled) return;
    if (enabled) {
      this.listeners = [this.source.onDidChange(() => this.schedule()), vscode.window.onDidChangeVisibleTextEditors(() => this.schedule())];
      this.update();
    } else {
      for (const l of this.listeners) l.dispose();
      this.listeners = [];
      this.clear();
    }
  }

  /** All highlighted ranges of a document, or those of one status. */
  decorationsFor(uri: vscode.Uri, state?: Shown): readonly vscode.Range[] {
    const byState = this.applied.get(uri.toString()) ?? {};
    return state ? (byState[state] ?? []) : Object.values(byState).flat();
  }

  private clear(): void {
    for (const editor of vscode.window.visibleTextEditors) for (const type of this.types.values()) editor.setDecorations(type, []);
    this.applied.clear();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), UPDATE_DEBOUNCE_MS);
  }

  private update(): void {
    this.timer = undefined;
    for (const editor of vscode.window.visibleTextEditors) {
      const doc = editor.document;
      const byState: Partial<Record<Shown, vscode.Range[]>> = {};
      for (const { span, review } of this.source.reviewed(doc.uri)) {
        const state: Shown = review.state === 'not-required' ? 'approved' : review.state;
        (byState[state] ??= []).push(...span.ranges.map((r) => new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end))));
      }
      for (const [state] of STATES) editor.setDecorations(this.types.get(`${state}:${this.style}`)!, byState[state] ?? []);
      this.applied.set(doc.uri.toString(), byState);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.setEnabled(false);
    for (const t of this.types.values()) t.dispose();
  }
}
