// Codex's apply_patch format: `*** Begin Patch`, then per file `*** Add File: p` (lines `+...`),
// `*** Delete File: p`, or `*** Update File: p` [`*** Move to: q`] with `@@` chunks of ` `, `-`, `+`
// lines, then `*** End Patch`. Each update chunk becomes one search/replace pair.
import type { AgentFileChange, Replacement } from '../types';

export type PatchResult = { ok: true; files: AgentFileChange[] } | { ok: false; reason: string };

export function parseApplyPatch(patch: string): PatchResult {
  const lines = patch.replace(/\r\n/g, '\n').split('\n');
  const begin = lines.findIndex((l) => l.trim() === '*** Begin Patch');
  if (begin < 0) return { ok: false, reason: 'no "*** Begin Patch" line' };
  const files: AgentFileChange[] = [];
  let current: { path: string; created: boolean; added: string[]; chunks: Replacement[] } | undefined;
  let chunk: { old: string[]; new: string[] } | undefined;
  const flushChunk = () => {
    if (current && chunk && (chunk.old.length || chunk.new.length))
      current.chunks.push({ oldText: chunk.old.join('\n'), newText: chunk.new.join('\n') });
    chunk = undefined;
  };
  const flushFile = () => {
    flushChunk();
    if (!current) return;
    if (current.created) files.push({ path: current.path, hint: { kind: 'write', created: true } });
    else files.push({ path: current.path, hint: { kind: 'replacements', edits: current.chunks } });
    current = undefined;
  };
  for (let i = begin + 1; i < lines.length; i++) {
    const line = lines[i];
    const header = /^\*\*\* (Add File|Update File|Delete File|Move to): (.+)$/.exec(line);
    if (header) {
      const [, kind, p] = header;
      if (kind === 'Move to') {
        if (current) current.path = p.trim();
        continue;
      }
      flushFile();
      if (kind !== 'Delete File') current = { path: p.trim(), created: kind === 'Add File', added: [], chunks: [] };
      continue;
    }
    if (line.trim() === '*** End Patch') break;
    if (!current || line === '*** End of File') continue;
    if (current.created) continue; // an added file is written whole; its `+` lines are the content
    if (line.startsWith('@@')) {
      flushChunk();
      chunk = { old: [], new: [] };
      continue;
    }
    chunk ??= { old: [], new: [] };
    const body = line.slice(1);
    if (line.startsWith('+')) chunk.new.push(body);
    else if (line.startsWith('-')) chunk.old.push(body);
    else {
      chunk.old.push(line.startsWith(' ') ? body : line);
      chunk.new.push(line.startsWith(' ') ? body : line);
    }
  }
  flushFile();
  return { ok: true, files };
}
