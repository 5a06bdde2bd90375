// The on-disk cache of commit facts (under the git directory, `aiprov/audit/`): facts of a commit
// never change for a given configuration (those that fetching can change are not kept), so a re-run
// computes only commits it has not seen. A cache that cannot be read is ignored and rebuilt; it is
// never the only copy of anything.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '../io/atomicWrite';
import type { CommitFacts } from './model';

const CACHE_VERSION = 2;

export function cacheFile(gitDir: string, config: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify({ CACHE_VERSION, config })).digest('hex').slice(0, 16);
  return path.join(gitDir, 'aiprov', 'audit', `facts-${hash}.json`);
}

export async function readCache(file: string): Promise<Map<string, CommitFacts>> {
  try {
    const raw = JSON.parse(await fs.readFile(file, 'utf8')) as { version?: number; facts?: CommitFacts[] };
    if (raw.version !== CACHE_VERSION || !Array.isArray(raw.facts)) return new Map();
    return new Map(raw.facts.map((f) => [f.sha, f]));
  } catch {
    return new Map();
  }
}

export async function writeCache(file: string, facts: Iterable<CommitFacts>): Promise<void> {
  // Facts that fetching can change (a shallow edge, a named commit not yet here) are recomputed.
  const kept = [...facts].filter((f) => !f.volatile);
  await writeFileAtomic(file, JSON.stringify({ version: CACHE_VERSION, facts: kept }), { durable: false });
}
