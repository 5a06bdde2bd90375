// The review status of every span in open documents: the core's reviewFile applied with the
// repository's policy and seniors (read from the working tree, refreshed when they change), with
// signatures checked by ssh-keygen once per record.
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import type { AiSpan, SignOff } from '../../core/model';
import {
  DEFAULT_POLICY,
  loadReviewRules,
  parseReviewRules,
  reviewFile,
  SignatureCache,
  type ReviewRules,
  type SpanReview,
  type SpanReviewState,
} from '../../core/signoff';
import type { ProvenanceService } from '../provenance/service';

const REFRESH_DEBOUNCE_MS = 150;

export interface ReviewedSpan {
  span: AiSpan;
  review: SpanReview;
}

export class ReviewState implements vscode.Disposable {
  private readonly policies = new Map<string, Promise<ReviewRules>>();
  private readonly signatures = new SignatureCache();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly cache = new Map<string, ReviewedSpan[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly provenance: ProvenanceService,
    private readonly logger: Logger,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/.aiprov/{policy.json,allowed_signers}');
    const reset = () => {
      this.policies.clear();
      this.refreshAll();
    };
    this.disposables.push(
      this.changed,
      watcher,
      watcher.onDidChange(reset),
      watcher.onDidCreate(reset),
      watcher.onDidDelete(reset),
      // Debounced: evaluating every span (and hashing sign-off text) belongs off the typing path.
      provenance.onDidChange((uri) => this.schedule(uri)),
      { dispose: () => this.timers.forEach((t) => clearTimeout(t)) },
    );
  }

  private schedule(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.refresh(uri);
      }, REFRESH_DEBOUNCE_MS),
    );
  }

  /** Spans of a document with their review status (as last computed). */
  reviewed(uri: vscode.Uri): readonly ReviewedSpan[] {
    return this.cache.get(uri.toString()) ?? [];
  }

  countByState(uri: vscode.Uri): Record<SpanReviewState, number> {
    const counts: Record<SpanReviewState, number> = { 'not-required': 0, unreviewed: 0, approved: 0, stale: 0, 'changes-requested': 0 };
    for (const r of this.reviewed(uri)) counts[r.review.state]++;
    return counts;
  }

  /** Open documents that have AI spans. */
  documents(): vscode.Uri[] {
    return [...this.cache.entries()].filter(([, spans]) => spans.length > 0).map(([key]) => vscode.Uri.parse(key));
  }

  async refresh(uri: vscode.Uri): Promise<void> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const location = this.provenance.locate(uri);
    const spans = this.provenance.spansFor(uri);
    if (!doc || !location || spans.length === 0) {
      this.cache.set(
        uri.toString(),
        spans.map((span) => ({ span, review: { spanId: span.id, state: 'unreviewed', approvals: [], nonSenior: [], problems: [] } })),
      );
      this.changed.fire(uri);
      return;
    }
    const rules = await this.policyFor(location.repoRoot);
    const reviews = await reviewFile({
      file: location.repoPath,
      content: doc.getText(),
      spans,
      signoffs: this.provenance.signoffsFor(uri),
      rules,
      signatures: this.signatures,
    });
    this.cache.set(
      uri.toString(),
      spans.map((span, i) => ({ span, review: reviews[i] })),
    );
    this.changed.fire(uri);
  }

  /** Review status of spans of a file that is not open (the tree view's committed sidecars). */
  async evaluate(
    repoRoot: string,
    repoPath: string,
    content: string,
    spans: readonly AiSpan[],
    signoffs: readonly SignOff[],
  ): Promise<ReviewedSpan[]> {
    const rules = await this.policyFor(repoRoot);
    const reviews = await reviewFile({ file: repoPath, content, spans, signoffs, rules, signatures: this.signatures });
    return spans.map((span, i) => ({ span, review: reviews[i] }));
  }

  private refreshAll(): void {
    for (const key of this.cache.keys()) void this.refresh(vscode.Uri.parse(key));
  }

  private policyFor(repoRoot: string): Promise<ReviewRules> {
    let p = this.policies.get(repoRoot);
    if (!p) {
      p = loadReviewRules(repoRoot).then(
        (rules) => {
          for (const problem of rules.problems) this.logger.warn(`${problem}${rules.policyOk ? '' : '; using the default policy'}`);
          return rules;
        },
        (err: unknown) => {
          this.logger.error('cannot read the review rules; using the default policy', err);
          return { ...parseReviewRules(undefined, undefined), policy: DEFAULT_POLICY };
        },
      );
      this.policies.set(repoRoot, p);
    }
    return p;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
