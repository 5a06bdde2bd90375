// Agent Trace (the open attribution format): write a record for a commit's sidecars, and read
// records into live provenance so the review view and `verify` treat them like captured spans.
import { v4 as uuidv4 } from 'uuid';
import type { Sidecar } from '../format';
import type { AiSpan } from '../model';

/** Our vendor key in `metadata`, in reverse-domain form as the specification asks. */
export const AIPROV_METADATA_KEY = 'dev.aiprov';
export const AGENT_TRACE_VERSION = '0.1';

export interface TraceRange {
  start_line: number;
  end_line: number;
  content_hash?: string;
  contributor?: TraceContributor;
}

export interface TraceContributor {
  type: 'human' | 'ai' | 'mixed' | 'unknown';
  model_id?: string;
}

export interface TraceConversation {
  url?: string;
  contributor?: TraceContributor;
  ranges: TraceRange[];
}

export interface TraceRecord {
  version: string;
  id: string;
  timestamp: string;
  vcs?: { type: 'git' | 'jj' | 'hg' | 'svn'; revision: string };
  tool?: { name: string; version: string };
  files: Array<{ path: string; conversations: TraceConversation[] }>;
  metadata?: Record<string, unknown>;
}

interface AiprovSpanMetadata {
  span: string;
  origin: string;
  confidence: string;
  tool?: string;
  sessionId?: string;
  author?: string;
  capturedAt: string;
}

/** One conversation per span; our origin, confidence and tool ride along under our metadata key. */
export function sidecarsToTrace(sidecars: readonly Sidecar[], revision: string, toolVersion: string, now = new Date()): TraceRecord {
  const spanMeta: Record<string, AiprovSpanMetadata[]> = {};
  const files = sidecars.map((sidecar) => {
    spanMeta[sidecar.path] = sidecar.spans.map((s) => ({
      span: s.id,
      origin: s.origin,
      confidence: s.confidence,
      capturedAt: s.capturedAt,
      ...(s.tool && { tool: s.tool }),
      ...(s.sessionId && { sessionId: s.sessionId }),
      ...(s.author && { author: s.author }),
    }));
    return {
      path: sidecar.path,
      conversations: sidecar.spans.map((s) => ({
        contributor: { type: 'ai' as const, ...(s.model && { model_id: s.model }) },
        ranges: s.ranges.map((r) => ({ start_line: r.startLine, end_line: r.endLine, content_hash: `sha256:${s.sha256}` })),
      })),
    };
  });
  return {
    version: AGENT_TRACE_VERSION,
    id: uuidv4(),
    timestamp: now.toISOString().replace(/\.\d+Z$/, 'Z'),
    vcs: { type: 'git', revision },
    tool: { name: 'aiprov', version: toolVersion },
    files,
    metadata: { [AIPROV_METADATA_KEY]: { spans: spanMeta } },
  };
}

export interface LineClaim {
  path: string;
  /** 1-based inclusive. */
  startLine: number;
  endLine: number;
  tool: string;
  model?: string;
  confidence: 'certain' | 'likely';
  sessionId?: string;
}

export type TraceParse = { ok: true; revision?: string; claims: LineClaim[] } | { ok: false; reason: string };

/** The AI line claims of a record (human and unknown ranges are not claims). */
export function traceClaims(raw: unknown): TraceParse {
  const record = raw as Partial<TraceRecord>;
  if (!record || typeof record !== 'object') return { ok: false, reason: 'not a JSON object' };
  if (typeof record.version !== 'string' || !/^0\.\d+$/.test(record.version)) return { ok: false, reason: `unsupported Agent Trace version ${JSON.stringify(record.version)} (this aiprov reads 0.x)` };
  if (!Array.isArray(record.files)) return { ok: false, reason: 'no files array' };
  const tool = record.tool?.name ?? 'Agent Trace';
  const claims: LineClaim[] = [];
  for (const file of record.files) {
    for (const conversation of file.conversations ?? []) {
      for (const range of conversation.ranges ?? []) {
        const contributor = range.contributor ?? conversation.contributor ?? { type: 'unknown' };
        if (contributor.type !== 'ai' && contributor.type !== 'mixed') continue;
        if (!(range.start_line >= 1 && range.end_line >= range.start_line)) return { ok: false, reason: `${file.path}: bad range ${range.start_line}-${range.end_line}` };
        claims.push({
          path: file.path,
          startLine: range.start_line,
          endLine: range.end_line,
          tool,
          ...(contributor.model_id && { model: contributor.model_id }),
          confidence: contributor.type === 'ai' ? 'certain' : 'likely',
        });
      }
    }
  }
  return { ok: true, ...(record.vcs?.revision && { revision: record.vcs.revision }), claims };
}

/** AI spans covering whole lines of `content`, one per claim. */
export function claimsToSpans(content: string, claims: readonly LineClaim[], now: Date, newId: () => string): { spans: AiSpan[]; problems: string[] } {
  const starts = [0];
  for (let i = 0; i < content.length; i++) if (content.charCodeAt(i) === 10) starts.push(i + 1);
  const lineCount = content.endsWith('\n') ? starts.length - 1 : starts.length;
  const spans: AiSpan[] = [];
  const problems: string[] = [];
  for (const c of claims) {
    if (c.endLine > lineCount) {
      problems.push(`${c.path}: lines ${c.startLine}-${c.endLine} are past the end of the file (${lineCount} lines)`);
      continue;
    }
    const start = starts[c.startLine - 1];
    const end = c.endLine < starts.length ? starts[c.endLine] : content.length;
    if (end <= start) continue;
    spans.push({
      id: newId(),
      attribution: { origin: 'imported', confidence: c.confidence, tool: c.tool, capturedAt: now.toISOString(), ...(c.model && { model: c.model }), ...(c.sessionId && { sessionId: c.sessionId }) },
      ranges: [{ start, end }],
      acceptedLength: end - start,
    });
  }
  return { spans, problems };
}
