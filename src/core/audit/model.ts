import type { DurabilityFigures } from './durability';

// The audit's vocabulary: what is learned once per commit (and cached), and what the report holds.
// Commit facts are immutable for a given configuration, so a re-run only computes new commits.

export const LINE_CLASSES = ['ai-signed-off', 'ai-unreviewed', 'human'] as const;
export type LineClass = (typeof LINE_CLASSES)[number];

export type FixVia = 'trailer' | 'revert' | 'pattern';

/** Who wrote some lines a commit added: one AI span, with its attribution. */
export interface AiLines {
  spanId: string;
  file: string;
  lines: number;
  origin: string;
  confidence: string;
  tool?: string;
  model?: string;
}

/** A span a commit's sidecars count as approved under the policy at that commit. */
export interface Approval {
  spanId: string;
  file: string;
  reviewer: string;
  at: string;
}

/** One line a fix modified or deleted, traced to the commit and line that introduced it. */
export interface BlamedLine {
  inducing: string;
  /** Path in the inducing commit. */
  file: string;
  /** 1-based line in the inducing commit's version of `file`. */
  line: number;
  /** The AI span covering that line in the inducing commit's sidecar, if any. */
  span?: { id: string; origin: string; tool?: string; model?: string };
  /** Whether the inducing commit's own sidecar already approves the span. */
  approvedAtInducing: boolean;
}

/** Kinds of an added line in `FileEdit.kinds`, besides an index into `CommitFacts.ai`. */
export const HUMAN_LINE = -1;
export const NOT_COUNTED = -2;

/** One file's hunks in a commit (against its first parent), to follow lines until they change. */
export interface FileEdit {
  from?: string;
  to?: string;
  /** Flattened `-U0` hunk headers: oldStart, oldCount, newStart, newCount, ... */
  hunks: number[];
  /** Per added line: an index into the commit's `ai`, HUMAN_LINE, or NOT_COUNTED (blank, comment, merged in). */
  kinds: number[];
}

export interface CommitFacts {
  sha: string;
  parents: string[];
  /** Unix seconds. */
  authorTime: number;
  commitTime: number;
  subject: string;
  /** Code lines added (blank, whitespace-only and comment-only lines excluded). */
  humanLines: number;
  ai: AiLines[];
  approvals: Approval[];
  edits: FileEdit[];
  fix?: { via: FixVia; refs: string[]; blamed: BlamedLine[] };
  problems: string[];
  /**
   * The facts depend on more than the commit: it is at the edge of a shallow clone, or its fix
   * names a commit this repository lacks, or traces to the edge, or could not be blamed. Fetching
   * can change them, so they are never cached.
   */
  volatile?: boolean;
}

export interface Incident {
  id: string;
  detected: string;
  resolved?: string;
  /** Causing commits as given (revisions), and a deploy range `A..B`. */
  commits: string[];
  range?: string;
}

export interface AuditLink {
  fix: string;
  inducing: string;
  file: string;
  line: number;
  class: LineClass;
  via: FixVia;
  spanId?: string;
  tool?: string;
  model?: string;
}

export interface ClassFigures {
  lines: number;
  defectLines: number;
  per1000: number;
  inducingCommits: number;
}

export interface DoraBucket {
  aiShare: string;
  changes: number;
  failedChanges: number;
  changeFailureRate: number;
  incidents: number;
  medianTimeToRestoreHours: number | null;
}

export interface DoraFigures {
  changes: number;
  failedChanges: number;
  changeFailureRate: number;
  incidents: number;
  openIncidents: number;
  medianTimeToRestoreHours: number | null;
  byAiShare: DoraBucket[];
}

export interface PeriodFigures {
  /** UTC month, `YYYY-MM`. */
  period: string;
  commits: number;
  lines: number;
  aiLines: number;
  signedOffAiLines: number;
  defectLines: Record<LineClass, number>;
  medianHoursToSignOff: number | null;
}

export interface AuditReport {
  schemaVersion: 1;
  repository: string;
  head: string;
  range: string;
  commits: number;
  /** `signedOffAiLines`: approved at any point of the audited history; `signedOffAtMergeAiLines`: by the time the change that brought them in landed. */
  totals: {
    lines: number;
    aiLines: number;
    humanLines: number;
    signedOffAiLines: number;
    signedOffAtMergeAiLines: number;
    byTool: Record<string, number>;
    byModel: Record<string, number>;
    byOrigin: Record<string, number>;
    byConfidence: Record<string, number>;
  };
  fixes: Array<{ commit: string; via: FixVia; refs: string[]; links: number }>;
  links: AuditLink[];
  classes: Record<LineClass, ClassFigures>;
  /** Code lines rewritten or deleted within 30 and 90 days of being added, per class. */
  durability: Record<LineClass, DurabilityFigures>;
  timeToSignOff: { spans: number; signedOff: number; medianHours: number | null; p90Hours: number | null };
  timeline: PeriodFigures[];
  dora?: DoraFigures;
  problems: string[];
}
