// Writes a git-ai authorship log (authorship/3.0.0, sessions format) for committed sidecars, so a
// team can move to git-ai with its history attributed. Session keys are derived as the standard
// says (`s_` + sha256("<tool>:<conversation id>")[0..14]); one trace id per span. Our origin,
// confidence and capture time go in the session's `custom_attributes`.
import { createHash } from 'node:crypto';
import type { SidecarSpan } from '../format';
import type { DescribedSidecar } from './agentTraceExport';
import { AIPROV_ATTRIBUTES, GIT_AI_SCHEMA_VERSION, NO_SESSION, type GitAiMetadata, type GitAiSessionRecord } from './gitAiNotes';
import { attributeLines } from './lineAttribution';

function hex14(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 14);
}

/**
 * git-ai quotes paths holding spaces, tabs or newlines, and its reader takes off a first and last
 * `"`. Quoted too, so they read back as themselves: `---` (else the divider), a path starting with
 * `"`, and one that ends in a character the reader trims (`\r`, other white space).
 */
function notePath(p: string): string {
  return /[ \t\n]/.test(p) || p === '---' || p.startsWith('"') || /\s$/u.test(p) ? `"${p}"` : p;
}

function sessionOf(span: SidecarSpan): { key: string; record: GitAiSessionRecord } {
  const tool = span.tool ?? span.origin;
  const conversation = span.sessionId ?? span.id;
  return {
    key: `s_${hex14(`${tool}:${conversation}`)}`,
    record: {
      agent_id: { tool, id: conversation, model: span.model ?? 'unknown' },
      human_author: span.author ?? null,
      custom_attributes: {
        [AIPROV_ATTRIBUTES.origin]: span.origin,
        [AIPROV_ATTRIBUTES.confidence]: span.confidence,
        [AIPROV_ATTRIBUTES.capturedAt]: span.capturedAt,
        ...(!span.sessionId && { [AIPROV_ATTRIBUTES.session]: NO_SESSION }),
      },
    },
  };
}

/** The note text, byte for byte as git-ai's serializer lays it out (no trailing newline). */
export function sidecarsToGitAiNote(files: readonly DescribedSidecar[], commit: string): string {
  const attestations: string[] = [];
  const sessions: Record<string, GitAiSessionRecord> = {};
  for (const { sidecar, content } of [...files].sort((a, b) => (a.sidecar.path < b.sidecar.path ? -1 : 1))) {
    const lines = attributeLines(content, sidecar.spans);
    const entries: string[] = [];
    sidecar.spans.forEach((span, i) => {
      if (lines[i].runs.length === 0) return;
      const { key, record } = sessionOf(span);
      sessions[key] ??= record;
      entries.push(`  ${key}::t_${hex14(span.id)} ${joinTouching(lines[i].runs).join(',')}`);
    });
    if (entries.length) attestations.push(notePath(sidecar.path), ...entries);
  }
  // In the order git-ai's serde structs write it: `git_ai_version` always (null: git-ai did not
  // write this), `humans` and `sessions` only when not empty, map keys sorted (BTreeMap).
  const metadata: GitAiMetadata = {
    schema_version: GIT_AI_SCHEMA_VERSION,
    git_ai_version: null,
    base_commit_sha: commit,
    prompts: {},
    ...(Object.keys(sessions).length && {
      sessions: Object.fromEntries(
        Object.keys(sessions)
          .sort()
          .map((k) => [k, sessions[k]]),
      ),
    }),
  };
  return [...attestations, '---', JSON.stringify(metadata, null, 2)].join('\n');
}

/** Runs of one span that touch (an ai run next to a mixed one) are one range for git-ai. */
function joinTouching(runs: ReadonlyArray<{ startLine: number; endLine: number }>): string[] {
  const joined: Array<{ startLine: number; endLine: number }> = [];
  for (const r of runs) {
    const last = joined[joined.length - 1];
    if (last && r.startLine === last.endLine + 1) last.endLine = r.endLine;
    else joined.push({ ...r });
  }
  return joined.map((r) => (r.startLine === r.endLine ? `${r.startLine}` : `${r.startLine}-${r.endLine}`));
}
