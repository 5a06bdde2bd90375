// The organisation-scale tables: one row per fact, every row keyed by repository, so the tables of
// thousands of repositories concatenate. Version 1 of the schema; a change of meaning gets v2 and
// a new directory, never an edit of v1. Written as NDJSON here, as Parquet by the CLI (DuckDB).
import { writeFileAtomic } from '../io/atomicWrite';
import * as path from 'node:path';
import { classOfAiLines, linksOf, spanHistory } from './aggregate';
import { lineDurability, type CommitDurability } from './durability';
import { changeOf, aiShareOfChanges, type ResolvedIncident } from './dora';
import type { CommitFacts } from './model';
import { hoursBetween, round } from './stats';

export const TABLE_VERSION = 'v1';

/** Column name → DuckDB type, in order. The README documents the same schema. */
export const TABLE_SCHEMAS = {
  commits: {
    repo: 'VARCHAR',
    sha: 'VARCHAR',
    parents: 'VARCHAR',
    author_time: 'TIMESTAMPTZ',
    commit_time: 'TIMESTAMPTZ',
    subject: 'VARCHAR',
    change_sha: 'VARCHAR',
    lines_added: 'INTEGER',
    ai_lines: 'INTEGER',
    human_lines: 'INTEGER',
    signed_off_ai_lines: 'INTEGER',
    ai_rewritten_30d: 'INTEGER',
    ai_rewritten_90d: 'INTEGER',
    human_rewritten_30d: 'INTEGER',
    human_rewritten_90d: 'INTEGER',
    fix_via: 'VARCHAR',
  },
  lines: {
    repo: 'VARCHAR',
    sha: 'VARCHAR',
    file: 'VARCHAR',
    class: 'VARCHAR',
    span_id: 'VARCHAR',
    origin: 'VARCHAR',
    confidence: 'VARCHAR',
    tool: 'VARCHAR',
    model: 'VARCHAR',
    lines: 'INTEGER',
  },
  signoffs: {
    repo: 'VARCHAR',
    span_id: 'VARCHAR',
    file: 'VARCHAR',
    introduced_sha: 'VARCHAR',
    introduced_time: 'TIMESTAMPTZ',
    approved_sha: 'VARCHAR',
    approved_time: 'TIMESTAMPTZ',
    reviewer: 'VARCHAR',
    hours_to_signoff: 'DOUBLE',
  },
  links: {
    repo: 'VARCHAR',
    fix: 'VARCHAR',
    inducing: 'VARCHAR',
    file: 'VARCHAR',
    line: 'INTEGER',
    class: 'VARCHAR',
    via: 'VARCHAR',
    span_id: 'VARCHAR',
    tool: 'VARCHAR',
    model: 'VARCHAR',
  },
  incidents: {
    repo: 'VARCHAR',
    id: 'VARCHAR',
    detected: 'TIMESTAMPTZ',
    resolved: 'TIMESTAMPTZ',
    hours_to_restore: 'DOUBLE',
    change_sha: 'VARCHAR',
    change_ai_share: 'DOUBLE',
  },
} as const;

export type TableName = keyof typeof TABLE_SCHEMAS;
export type Row = Record<string, string | number | null>;
export const TABLE_NAMES = Object.keys(TABLE_SCHEMAS) as TableName[];

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/**
 * A repository key safe as a file name, and one-to-one, so no two repositories share a file:
 * letters, digits, `.` and `-` stay, `/` becomes `_`, and every other byte (`_` and `+` too, and
 * a leading `.`) becomes `+` and two hex digits. `github.com/org/app` → `github.com_org_app`.
 */
export function repoKey(name: string): string {
  const escape = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `+${b.toString(16).padStart(2, '0')}`).join('');
  return (
    name
      .replace(/[^A-Za-z0-9./-]/g, escape)
      .replace(/^\./, escape)
      .replace(/\//g, '_') || '+'
  );
}

const rewritten = (d: CommitDurability | undefined) => ({
  ai_rewritten_30d: d?.ai30 ?? 0,
  ai_rewritten_90d: d?.ai90 ?? 0,
  human_rewritten_30d: d?.human30 ?? 0,
  human_rewritten_90d: d?.human90 ?? 0,
});

export function auditTables(
  repo: string,
  commits: readonly CommitFacts[],
  changes: readonly string[],
  incidents: readonly ResolvedIncident[] = [],
): Record<TableName, Row[]> {
  const history = spanHistory(commits);
  const byId = new Map(commits.map((c) => [c.sha, c]));
  const owner = changeOf(changes, byId);
  const share = aiShareOfChanges(owner, byId);
  const signed = (spanId: string) => history.approved.has(spanId);
  const durability = lineDurability(commits, classOfAiLines(history)).byCommit;
  const tables: Record<TableName, Row[]> = { commits: [], lines: [], signoffs: [], links: [], incidents: [] };
  for (const c of commits) {
    const ai = c.ai.reduce((n, a) => n + a.lines, 0);
    const signedOff = c.ai.filter((a) => signed(a.spanId)).reduce((n, a) => n + a.lines, 0);
    tables.commits.push({
      repo,
      sha: c.sha,
      parents: c.parents.join(' '),
      author_time: iso(c.authorTime),
      commit_time: iso(c.commitTime),
      subject: c.subject,
      change_sha: owner.get(c.sha) ?? null,
      lines_added: ai + c.humanLines,
      ai_lines: ai,
      human_lines: c.humanLines,
      signed_off_ai_lines: signedOff,
      ...rewritten(durability.get(c.sha)),
      fix_via: c.fix?.via ?? null,
    });
    if (c.humanLines)
      tables.lines.push({
        repo,
        sha: c.sha,
        file: null,
        class: 'human',
        span_id: null,
        origin: 'human',
        confidence: null,
        tool: null,
        model: null,
        lines: c.humanLines,
      });
    for (const a of c.ai)
      tables.lines.push({
        repo,
        sha: c.sha,
        file: a.file,
        class: signed(a.spanId) ? 'ai-signed-off' : 'ai-unreviewed',
        span_id: a.spanId,
        origin: a.origin,
        confidence: a.confidence,
        tool: a.tool ?? null,
        model: a.model ?? null,
        lines: a.lines,
      });
  }
  const firstApproval = new Map<string, { sha: string; time: number; reviewer: string }>();
  for (const c of commits)
    for (const a of c.approvals)
      if (!firstApproval.has(a.spanId)) firstApproval.set(a.spanId, { sha: c.sha, time: c.commitTime, reviewer: a.reviewer });
  const emitted = new Set<string>();
  for (const c of commits) {
    for (const a of c.ai) {
      // The first commit that adds lines of a span introduced it.
      if (emitted.has(a.spanId)) continue;
      emitted.add(a.spanId);
      const ap = firstApproval.get(a.spanId);
      tables.signoffs.push({
        repo,
        span_id: a.spanId,
        file: a.file,
        introduced_sha: c.sha,
        introduced_time: iso(c.commitTime),
        approved_sha: ap?.sha ?? null,
        approved_time: ap ? iso(ap.time) : null,
        reviewer: ap?.reviewer ?? null,
        hours_to_signoff: ap ? round(Math.max(0, hoursBetween(c.commitTime, ap.time))) : null,
      });
    }
  }
  for (const l of linksOf(commits, history))
    tables.links.push({
      repo,
      fix: l.fix,
      inducing: l.inducing,
      file: l.file,
      line: l.line,
      class: l.class,
      via: l.via,
      span_id: l.spanId ?? null,
      tool: l.tool ?? null,
      model: l.model ?? null,
    });
  for (const { incident, causes } of incidents) {
    const hours = incident.resolved
      ? round(hoursBetween(Date.parse(incident.detected) / 1000, Date.parse(incident.resolved) / 1000))
      : null;
    const hit = [...new Set(causes.flatMap((c) => (owner.has(c) ? [owner.get(c)!] : [])))];
    for (const change of hit.length ? hit : [null]) {
      tables.incidents.push({
        repo,
        id: incident.id,
        detected: new Date(incident.detected).toISOString(),
        resolved: incident.resolved ? new Date(incident.resolved).toISOString() : null,
        hours_to_restore: hours,
        change_sha: change,
        change_ai_share: change ? round(share.get(change) ?? 0) : null,
      });
    }
  }
  return tables;
}

/** `DIR/<table>/v1/<repo>.<ext>`: a directory per table and version, a file per repository. */
export function tablePath(dir: string, table: TableName, repo: string, ext: 'ndjson' | 'parquet'): string {
  return path.join(dir, table, TABLE_VERSION, `${repoKey(repo)}.${ext}`);
}

export async function writeNdjsonTables(dir: string, repo: string, tables: Record<TableName, Row[]>): Promise<string[]> {
  const written: string[] = [];
  for (const name of TABLE_NAMES) {
    const file = tablePath(dir, name, repo, 'ndjson');
    const columns = Object.keys(TABLE_SCHEMAS[name]);
    await writeFileAtomic(
      file,
      tables[name].map((r) => JSON.stringify(Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))) + '\n').join(''),
      { durable: false },
    );
    written.push(file);
  }
  return written;
}
