// git-ai authorship logs (Git AI Standard v3.0.0, `authorship/3.0.0`) as stored in
// `refs/notes/ai`: file paths (double-quoted when they hold spaces), each followed by
// `  <key> <lines>` entries, a `---` line, then JSON metadata. Keys route by prefix: `s_…::t_…` to
// `sessions`, `h_…` to `humans` (known human lines, never AI), anything else to legacy `prompts`.
import { CONFIDENCES, ORIGINS, type Confidence, type Origin } from '../model';
import type { LineClaim } from './claims';

export const GIT_AI_SCHEMA_VERSION = 'authorship/3.0.0';
/** Keys we add to a session's `custom_attributes` so an aiprov → git-ai → aiprov trip keeps them. */
export const AIPROV_ATTRIBUTES = {
  origin: 'aiprov_origin',
  confidence: 'aiprov_confidence',
  capturedAt: 'aiprov_captured_at',
  session: 'aiprov_session',
} as const;
/** `aiprov_session` value for a span that had no session: git-ai needs an id, so it got the span's. */
export const NO_SESSION = 'none';

interface AgentId {
  tool?: string;
  id?: string;
  model?: string;
}
export interface GitAiSessionRecord {
  agent_id?: AgentId;
  human_author?: string | null;
  custom_attributes?: Record<string, string>;
}
export interface GitAiMetadata {
  schema_version: string;
  git_ai_version?: string | null;
  base_commit_sha: string;
  prompts: Record<string, GitAiSessionRecord>;
  humans?: Record<string, { author: string }>;
  sessions?: Record<string, GitAiSessionRecord>;
}

export type NoteParse = { ok: true; claims: LineClaim[]; humanLines: number } | { ok: false; reason: string };

const LINES = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;

function unquotePath(line: string): string {
  return line.length >= 2 && line.startsWith('"') && line.endsWith('"') ? line.slice(1, -1) : line;
}

/** `Name <email>` or a bare email, as git-ai writes `human_author`, to the email. */
function authorEmail(author: string | null | undefined): string | undefined {
  if (!author) return undefined;
  return /<([^>]+)>/.exec(author)?.[1] ?? author;
}

function parseLines(spec: string): Array<{ startLine: number; endLine: number }> | undefined {
  if (!LINES.test(spec)) return undefined;
  const runs = spec.split(',').map((part) => {
    const [a, b] = part.split('-').map(Number);
    return { startLine: a, endLine: b ?? a };
  });
  return runs.every((r) => r.startLine >= 1 && r.endLine >= r.startLine) ? runs : undefined;
}

function claimFields(
  record: GitAiSessionRecord | undefined,
): Pick<LineClaim, 'tool' | 'model' | 'sessionId' | 'author' | 'confidence' | 'origin' | 'capturedAt'> {
  const agent = record?.agent_id ?? {};
  const attrs = record?.custom_attributes ?? {};
  const origin = attrs[AIPROV_ATTRIBUTES.origin] as Origin | undefined;
  const confidence = attrs[AIPROV_ATTRIBUTES.confidence] as Confidence | undefined;
  const author = authorEmail(record?.human_author);
  return {
    tool: agent.tool || 'git-ai',
    confidence: confidence && CONFIDENCES.includes(confidence) ? confidence : 'certain',
    ...(agent.model && agent.model !== 'unknown' && { model: agent.model }),
    ...(agent.id && attrs[AIPROV_ATTRIBUTES.session] !== NO_SESSION && { sessionId: agent.id }),
    ...(author && { author }),
    ...(origin && ORIGINS.includes(origin) && { origin }),
    ...(attrs[AIPROV_ATTRIBUTES.capturedAt] && { capturedAt: attrs[AIPROV_ATTRIBUTES.capturedAt] }),
  };
}

/** The parts of a claim's lines outside `runs`. */
function without(claim: LineClaim, runs: ReadonlyArray<{ startLine: number; endLine: number }>): LineClaim[] {
  let parts = [claim];
  for (const r of runs)
    parts = parts.flatMap((p) =>
      r.endLine < p.startLine || r.startLine > p.endLine
        ? [p]
        : [
            ...(p.startLine < r.startLine ? [{ ...p, endLine: r.startLine - 1 }] : []),
            ...(p.endLine > r.endLine ? [{ ...p, startLine: r.endLine + 1 }] : []),
          ],
    );
  return parts;
}

export function parseGitAiNote(text: string, label = 'note'): NoteParse {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const divider = lines.indexOf('---');
  if (divider < 0) return { ok: false, reason: 'no "---" line between the attestations and the metadata (not a git-ai authorship log)' };
  let metadata: GitAiMetadata;
  try {
    metadata = JSON.parse(lines.slice(divider + 1).join('\n')) as GitAiMetadata;
  } catch (err) {
    return { ok: false, reason: `the metadata after --- is not valid JSON (${(err as Error).message})` };
  }
  if (!metadata || typeof metadata !== 'object') return { ok: false, reason: 'the metadata after --- is not a JSON object' };
  if (typeof metadata.schema_version !== 'string' || !metadata.schema_version.startsWith('authorship/3.')) {
    return {
      ok: false,
      reason: `unsupported git-ai schema_version ${JSON.stringify(metadata.schema_version)} (this aiprov reads ${GIT_AI_SCHEMA_VERSION})`,
    };
  }
  let claims: LineClaim[] = [];
  let humanLines = 0;
  let file: string | undefined;
  for (const raw of lines.slice(0, divider)) {
    // As git-ai reads it: trailing white space off, an entry is indented by two spaces, anything
    // else names a file.
    const line = raw.trimEnd();
    if (!line) continue;
    if (!line.startsWith('  ')) {
      file = unquotePath(line);
      continue;
    }
    if (!file) return { ok: false, reason: `an entry comes before any file path: "${line.trim()}"` };
    const m = /^ {2}(\S+) (\S+)$/.exec(line);
    const runs = m && parseLines(m[2]);
    if (!m || !runs)
      return { ok: false, reason: `${file}: cannot read "${line.trim()}" (expected "<key> <lines>" such as "s_…::t_… 1-10,15")` };
    // A line two entries name is the later one's (git-ai's blame reads the entries last first).
    const path = file;
    claims = claims.flatMap((c) => (c.path === path ? without(c, runs) : [c]));
    const key = m[1];
    if (key.startsWith('h_')) {
      humanLines += runs.reduce((n, r) => n + r.endLine - r.startLine + 1, 0);
      continue;
    }
    const record = key.startsWith('s_') ? metadata.sessions?.[key.split('::')[0]] : metadata.prompts?.[key];
    const fields = claimFields(record);
    for (const r of runs) claims.push({ path: file, group: `${label}\0${file}\0${key}`, ...r, ...fields });
  }
  return { ok: true, claims, humanLines };
}
