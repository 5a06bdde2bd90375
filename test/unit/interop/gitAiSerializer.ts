// git-ai's own reading and writing of an authorship log, transcribed rule by rule from
// `src/authorship/authorship_log_serialization.rs` and the serde structs of
// `src/authorship/authorship_log.rs` (git-ai-project/git-ai v1.6.24), so a test can check that a
// note aiprov writes is what git-ai reads, and exactly what git-ai itself would write back.
// `reserialize(note) === note` holds for git-ai's own snapshot notes (checked in gitAi.test.ts).

type Json = null | string | number | boolean | Json[] | { [k: string]: Json };
export interface GitAiEntry {
  hash: string;
  ranges: Array<[number, number] | number>;
}
export interface GitAiLog {
  attestations: Array<{ path: string; entries: GitAiEntry[] }>;
  metadata: { [k: string]: Json };
}

/** `AuthorshipLog::deserialize_from_string`. Throws where git-ai returns an error. */
export function deserialize(content: string): GitAiLog {
  // Rust's str::lines: split on \n, a trailing \r taken off, no empty last line.
  const lines = content.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines[lines.length - 1] === '') lines.pop();
  const divider = lines.indexOf('---');
  if (divider < 0) throw new Error("Missing divider '---' in authorship log");
  const attestations: GitAiLog['attestations'] = [];
  let current: GitAiLog['attestations'][number] | undefined;
  for (const raw of lines.slice(0, divider)) {
    const line = raw.trimEnd();
    if (!line) continue;
    if (line.startsWith('  ')) {
      const entry = line.slice(2);
      const space = entry.indexOf(' ');
      if (space < 0) throw new Error(`Invalid attestation entry format: ${entry}`);
      if (!current) throw new Error('Attestation entry found without a file path');
      current.entries.push({ hash: entry.slice(0, space), ranges: parseRanges(entry.slice(space + 1)) });
    } else {
      if (current?.entries.length) attestations.push(current);
      const quoted = line.startsWith('"') && line.endsWith('"');
      current = { path: quoted ? line.slice(1, -1) : line, entries: [] };
    }
  }
  if (current?.entries.length) attestations.push(current);
  const metadata = JSON.parse(lines.slice(divider + 1).join('\n')) as { [k: string]: Json };
  for (const field of ['schema_version', 'base_commit_sha', 'prompts'])
    if (!(field in metadata)) throw new Error(`missing field \`${field}\``);
  return { attestations, metadata };
}

function parseRanges(text: string): GitAiEntry['ranges'] {
  const u32 = (s: string) => {
    if (!/^\+?\d+$/.test(s) || Number(s) > 0xffffffff) throw new Error(`invalid digit in "${s}"`);
    return Number(s);
  };
  return text
    .split(',')
    .filter(Boolean)
    .map((part) => {
      const dash = part.indexOf('-');
      return dash < 0 ? u32(part) : ([u32(part.slice(0, dash)), u32(part.slice(dash + 1))] as [number, number]);
    });
}

/** `AuthorshipLog::serialize_to_string`, the metadata as serde_json::to_string_pretty writes the structs. */
export function serialize(log: GitAiLog): string {
  let out = '';
  for (const file of log.attestations) {
    const quote = file.path.includes(' ') || file.path.includes('\t') || file.path.includes('\n');
    out += `${quote ? `"${file.path}"` : file.path}\n`;
    for (const e of file.entries) {
      const sorted = [...e.ranges].sort((a, b) => (typeof a === 'number' ? a : a[0]) - (typeof b === 'number' ? b : b[0]));
      out += `  ${e.hash} ${sorted.map((r) => (typeof r === 'number' ? `${r}` : `${r[0]}-${r[1]}`)).join(',')}\n`;
    }
  }
  return `${out}---\n${JSON.stringify(metadataStruct(log.metadata), null, 2)}`;
}

export function reserialize(note: string): string {
  return serialize(deserialize(note));
}

const sortedMap = (value: Json | undefined, record: (v: { [k: string]: Json }) => Json): { [k: string]: Json } =>
  Object.fromEntries(
    Object.keys((value ?? {}) as object)
      .sort()
      .map((k) => [k, record((value as { [k: string]: { [k: string]: Json } })[k])]),
  );
const agentId = (a: { [k: string]: Json }): Json => ({ tool: a.tool, id: a.id, model: a.model });
const optional = (key: string, value: Json | undefined): { [k: string]: Json } =>
  value === undefined || value === null ? {} : { [key]: value };

function metadataStruct(m: { [k: string]: Json }): Json {
  const prompts = sortedMap(m.prompts, (p) => ({
    agent_id: agentId(p.agent_id as { [k: string]: Json }),
    human_author: p.human_author ?? null,
    ...optional('messages_url', p.messages_url),
    total_additions: p.total_additions ?? 0,
    total_deletions: p.total_deletions ?? 0,
    accepted_lines: p.accepted_lines ?? 0,
    overriden_lines: p.overriden_lines ?? 0,
    ...optional('custom_attributes', p.custom_attributes),
  }));
  const humans = sortedMap(m.humans, (h) => ({ author: h.author }));
  const sessions = sortedMap(m.sessions, (s) => ({
    agent_id: agentId(s.agent_id as { [k: string]: Json }),
    human_author: s.human_author ?? null,
    ...optional('custom_attributes', s.custom_attributes),
  }));
  return {
    schema_version: m.schema_version,
    git_ai_version: m.git_ai_version ?? null,
    base_commit_sha: m.base_commit_sha,
    prompts,
    ...(Object.keys(humans).length && { humans }),
    ...(Object.keys(sessions).length && { sessions }),
  };
}
