// Agent Trace (cursor/agent-trace, specification 0.1.0): reading a Trace Record into line claims.
// Structure is checked with the specification's own §6.1 schema; the version is checked here, so
// the reference implementation's "1.0" is read with a warning instead of being refused.
import type { ValidateFunction } from 'ajv';
import type { SidecarSpan } from '../format';
import { CONFIDENCES, ORIGINS, type Confidence, type Origin } from '../model';
import { createValidator } from './agentTraceValidator';
import type { LineClaim } from './claims';

/** Our vendor key in `metadata`, in reverse-domain form as the specification asks (§7.2). */
export const AIPROV_METADATA_KEY = 'dev.aiprov';
export const AGENT_TRACE_VERSION = '0.1.0';

export type ContributorType = 'human' | 'ai' | 'mixed' | 'unknown';
export interface TraceContributor {
  type: ContributorType;
  model_id?: string;
}
export interface TraceRange {
  start_line: number;
  end_line: number;
  content_hash?: string;
  contributor?: TraceContributor;
}
export interface TraceConversation {
  url?: string;
  contributor?: TraceContributor;
  ranges: TraceRange[];
  related?: Array<{ type: string; url: string }>;
}
export interface TraceFile {
  path: string;
  conversations: TraceConversation[];
}
export interface TraceRecord {
  version: string;
  id: string;
  timestamp: string;
  vcs?: { type: 'git' | 'jj' | 'hg' | 'svn'; revision: string };
  tool?: { name?: string; version?: string };
  files: TraceFile[];
  metadata?: Record<string, unknown>;
}

/** What we keep per conversation under `metadata["dev.aiprov"].files[path][i]`. */
export type AiprovConversationMeta = { span: string } & Pick<
  SidecarSpan,
  'origin' | 'confidence' | 'tool' | 'model' | 'sessionId' | 'author' | 'capturedAt'
>;

export type TraceRead =
  | {
      ok: true;
      revision?: string;
      vcsType?: string;
      /**
       * The reference implementation's records: `vcs.revision` is the HEAD the edit was made on,
       * and the lines are those of the file as the edit left it (not yet committed).
       */
      linesAfterRevision: boolean;
      claims: LineClaim[];
      warnings: string[];
    }
  | { ok: false; reason: string };

/**
 * What the reference implementation's hook records under made-up paths: session starts and ends,
 * shell commands, and tool calls without a file. They are events, not files, and claim no lines.
 */
const REFERENCE_EVENT_PATHS = new Set(['.sessions', '.shell-history', '.unknown']);

let validator: ValidateFunction | undefined;

function structureProblem(record: unknown): string | undefined {
  validator ??= createValidator();
  if (validator(record)) return undefined;
  const e = validator.errors?.[0];
  return e ? `${e.instancePath || '(top level)'} ${e.message ?? 'is invalid'}` : 'does not match the Trace Record schema';
}

/** Undefined when the version is read silently; a warning string, or a refusal. */
function checkVersion(version: unknown): { warning?: string; refuse?: string } {
  if (typeof version === 'string' && /^0\.\d+(\.\d+)?$/.test(version)) return {};
  if (typeof version === 'string' && /^1\.0(\.0)?$/.test(version)) {
    return {
      warning: `version "${version}" is what the reference implementation writes; read as Agent Trace ${AGENT_TRACE_VERSION}, its lines as the edit left the file after vcs.revision`,
    };
  }
  return {
    refuse: `unsupported Agent Trace version ${JSON.stringify(version)} (this aiprov reads 0.x, as X.Y or X.Y.Z, and the reference implementation's 1.0)`,
  };
}

function ourMeta(record: TraceRecord, file: TraceFile): Array<AiprovConversationMeta | undefined> | undefined {
  const ours = record.metadata?.[AIPROV_METADATA_KEY] as { files?: Record<string, unknown> } | undefined;
  const list = ours?.files?.[file.path];
  if (!Array.isArray(list) || list.length !== file.conversations.length) return undefined;
  return list.map((m) => {
    const meta = m as Partial<AiprovConversationMeta> | null;
    if (!meta || !ORIGINS.includes(meta.origin as Origin) || !CONFIDENCES.includes(meta.confidence as Confidence)) return undefined;
    return meta as AiprovConversationMeta;
  });
}

/** The AI line claims of a record: `ai` and `mixed` ranges; `human` and `unknown` ones claim nothing. */
export function readTraceRecord(raw: unknown, recordLabel = 'record'): TraceRead {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, reason: 'not a JSON object' };
  const given = (raw as { version?: unknown }).version;
  // Without a version string it is not a record at all: the schema says what is missing.
  const version = typeof given === 'string' ? checkVersion(given) : {};
  if (version.refuse) return { ok: false, reason: version.refuse };
  const problem = structureProblem(typeof given === 'string' ? { ...raw, version: AGENT_TRACE_VERSION } : raw);
  if (problem) return { ok: false, reason: `not an Agent Trace record: ${problem}` };
  const record = raw as TraceRecord;
  const bad = record.files.flatMap((f) =>
    f.conversations.flatMap((c) =>
      c.ranges.filter((r) => r.end_line < r.start_line).map((r) => `${f.path}: range ${r.start_line}-${r.end_line} ends before it starts`),
    ),
  );
  if (bad.length) return { ok: false, reason: bad[0] };
  const tool = record.tool?.name || 'Agent Trace';
  const reference = version.warning !== undefined;
  const claims: LineClaim[] = [];
  for (const file of record.files) {
    if (reference && REFERENCE_EVENT_PATHS.has(file.path)) continue;
    const metas = ourMeta(record, file);
    file.conversations.forEach((conversation, c) => {
      const meta = metas?.[c];
      const group = `${recordLabel}\0${file.path}\0${c}`;
      for (const range of conversation.ranges) {
        const contributor = range.contributor ?? conversation.contributor ?? { type: 'unknown' };
        if (contributor.type !== 'ai' && contributor.type !== 'mixed') continue;
        const model = meta ? meta.model : contributor.model_id;
        const sessionId = meta ? meta.sessionId : conversation.url;
        claims.push({
          path: file.path,
          group,
          startLine: range.start_line,
          endLine: range.end_line,
          tool: typeof meta?.tool === 'string' && meta.tool ? meta.tool : tool,
          confidence: meta ? meta.confidence : contributor.type === 'ai' ? 'certain' : 'likely',
          ...(range.content_hash && { contentHash: range.content_hash }),
          ...(model && { model }),
          ...(sessionId && { sessionId }),
          ...(meta && { origin: meta.origin, capturedAt: meta.capturedAt, ...(meta.author && { author: meta.author }) }),
        });
      }
    });
  }
  return {
    ok: true,
    ...(record.vcs && { revision: record.vcs.revision, vcsType: record.vcs.type }),
    linesAfterRevision: reference,
    claims,
    warnings: version.warning ? [version.warning] : [],
  };
}
