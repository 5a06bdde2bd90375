// git-ai authorship logs (Git AI Standard v3.0.0, `authorship/3.0.0`) as stored in
// `refs/notes/ai`: file paths (double-quoted when they hold spaces), each followed by
// `  <key> <lines>` entries, a `---` line, then JSON metadata. Keys route by prefix: `s_…::t_…` to
// `sessions`, `h_…` to `humans` (known human lines, never AI), anything else to legacy `prompts`.
import { CONFIDENCES, ORIGINS, type Confidence, type Origin } from '../model';
import type { LineClaim } from './claims';
import { firstIndexNotBefore } from '../text/search';

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

interface LineRun {
  startLine: number;
  endLine: number;
}

/**
 * Lines a later entry names again are the later entry's (git-ai's blame reads a note's entries
 * last first). Walks the entries last first, keeping the lines already taken as sorted, merged
 * runs, so a note with thousands of entries costs n log n, not n².
 */
function laterEntriesWin(entries: ReadonlyArray<{ path: string; runs: readonly LineRun[] }>): LineRun[][] {
  const taken = new Map<string, LineRun[]>();
  const result: LineRun[][] = new Array<LineRun[]>(entries.length);
  for (let i = entries.length - 1; i >= 0; i--) {
    const { path, runs } = entries[i];
    let covered = taken.get(path);
    if (!covered) taken.set(path, (covered = []));
    const kept: LineRun[] = [];
    for (const run of runs) kept.push(...subtract(run, covered));
    for (const run of runs) insertMerged(covered, run);
    result[i] = kept;
  }
  return result;
}

/** Index of the first run in sorted, merged `runs` that ends at or after `line`. */
function firstEndingFrom(runs: readonly LineRun[], line: number): number {
  return firstIndexNotBefore(runs.length, (i) => runs[i].endLine < line);
}

/** The parts of `run` outside the sorted, merged `covered` runs. */
function subtract(run: LineRun, covered: readonly LineRun[]): LineRun[] {
  const parts: LineRun[] = [];
  let from = run.startLine;
  for (let k = firstEndingFrom(covered, run.startLine); k < covered.length && covered[k].startLine <= run.endLine; k++) {
    if (covered[k].startLine > from) parts.push({ startLine: from, endLine: covered[k].startLine - 1 });
    from = Math.max(from, covered[k].endLine + 1);
  }
  if (from <= run.endLine) parts.push({ startLine: from, endLine: run.endLine });
  return parts;
}

/** Adds `run` to the sorted, merged `covered` runs (adjacent runs join). */
function insertMerged(covered: LineRun[], run: LineRun): void {
  let k = firstEndingFrom(covered, run.startLine - 1);
  let { startLine, endLine } = run;
  const at = k;
  while (k < covered.length && covered[k].startLine <= endLine + 1) {
    startLine = Math.min(startLine, covered[k].startLine);
    endLine = Math.max(endLine, covered[k].endLine);
    k++;
  }
  covered.splice(at, k - at, { startLine, endLine });
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
  const entries: Array<{ path: string; key: string; runs: LineRun[] }> = [];
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
    const key = m[1];
    if (key.startsWith('h_')) humanLines += runs.reduce((n, r) => n + r.endLine - r.startLine + 1, 0);
    entries.push({ path: file, key, runs });
  }
  const kept = laterEntriesWin(entries);
  const claims: LineClaim[] = [];
  for (const [i, { path, key }] of entries.entries()) {
    if (key.startsWith('h_')) continue;
    const record = key.startsWith('s_') ? metadata.sessions?.[key.split('::')[0]] : metadata.prompts?.[key];
    const fields = claimFields(record);
    for (const r of kept[i]) claims.push({ path, group: `${label}\0${path}\0${key}`, ...r, ...fields });
  }
  return { ok: true, claims, humanLines };
}
