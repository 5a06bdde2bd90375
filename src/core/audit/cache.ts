// The on-disk cache of commit facts (under the git directory, `aiprov/audit/`): facts of a commit
// never change for a given configuration (those that fetching can change are not kept), so a re-run
// computes only commits it has not seen. A cache that cannot be read is ignored and rebuilt; it is
// never the only copy of anything.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '../io/atomicWrite';
import type { CommitFacts } from './model';

// Raised whenever the facts a commit yields change (3: file names with spaces, line attribution,
// block comments and docstrings, shallow edges), so no run mixes facts computed under two rules.
const CACHE_VERSION = 3;

export function cacheFile(gitDir: string, config: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify({ CACHE_VERSION, config })).digest('hex').slice(0, 16);
  return path.join(gitDir, 'aiprov', 'audit', `facts-${hash}.json`);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isOptString = (v: unknown) => v === undefined || isString(v);
const isCount = (v: unknown): v is number => Number.isInteger(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const every = (v: unknown, ok: (x: unknown) => boolean) => Array.isArray(v) && v.every(ok);
const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** Whether `f` has the shape of commit facts: a cache edited or cut short must not crash the audit or skew it. */
function isCommitFacts(f: unknown): f is CommitFacts {
  if (!isObject(f)) return false;
  const fix = f.fix;
  return (
    isString(f.sha) &&
    OBJECT_ID.test(f.sha) &&
    every(f.parents, (p) => isString(p) && OBJECT_ID.test(p)) &&
    isCount(f.authorTime) &&
    isCount(f.commitTime) &&
    isString(f.subject) &&
    isCount(f.humanLines) &&
    every(
      f.ai,
      (a) =>
        isObject(a) &&
        isString(a.spanId) &&
        isString(a.file) &&
        isCount(a.lines) &&
        isString(a.origin) &&
        isString(a.confidence) &&
        isOptString(a.tool) &&
        isOptString(a.model),
    ) &&
    every(f.approvals, (a) => isObject(a) && isString(a.spanId) && isString(a.file) && isString(a.reviewer) && isString(a.at)) &&
    every(
      f.edits,
      (e) =>
        isObject(e) &&
        isOptString(e.from) &&
        isOptString(e.to) &&
        every(e.hunks, isCount) &&
        (e.hunks as number[]).length % 4 === 0 &&
        every(e.kinds, isCount),
    ) &&
    every(f.problems, isString) &&
    (fix === undefined ||
      (isObject(fix) &&
        ['trailer', 'revert', 'pattern'].includes(fix.via as string) &&
        every(fix.refs, isString) &&
        every(
          fix.blamed,
          (b) =>
            isObject(b) &&
            isString(b.inducing) &&
            isString(b.file) &&
            isCount(b.line) &&
            typeof b.approvedAtInducing === 'boolean' &&
            (b.span === undefined || (isObject(b.span) && isString(b.span.id) && isString(b.span.origin))),
        )))
  );
}

export async function readCache(file: string): Promise<Map<string, CommitFacts>> {
  try {
    const raw = JSON.parse(await fs.readFile(file, 'utf8')) as { version?: number; facts?: unknown };
    if (raw.version !== CACHE_VERSION || !Array.isArray(raw.facts) || !raw.facts.every(isCommitFacts)) return new Map();
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
