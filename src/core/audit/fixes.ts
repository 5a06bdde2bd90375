// Which commits are fixes, and which commits they name: `Fixes: <sha>` trailers (the Linux kernel
// convention), `This reverts commit <sha>.` (git revert), and configurable message patterns, which
// mark a fix without naming what it fixes.
import type { FixVia } from './model';

/** Conventional Commits' `fix:` / `fix(scope):` type; replaced by the configured patterns. */
export const DEFAULT_FIX_PATTERNS = ['^fix(\\([^)]*\\))?!?:'];

export interface FixClaim {
  via: FixVia;
  /** Abbreviated or full commit ids named by the message (empty for a pattern match). */
  refs: string[];
}

const TRAILER = /^fixes:\s*([0-9a-f]{7,64})\b/gim;
const REVERT = /this reverts commit ([0-9a-f]{7,64})/gi;

export function compilePatterns(patterns: readonly string[]): RegExp[] {
  return patterns.map((p) => {
    try {
      return new RegExp(p, 'im');
    } catch (err) {
      throw new Error(`fix pattern /${p}/ is not a valid regular expression (${(err as Error).message})`);
    }
  });
}

/** What a commit message claims to fix, or undefined when it is no fix. Trailers win over reverts, reverts over patterns. */
export function fixClaim(message: string, patterns: readonly RegExp[]): FixClaim | undefined {
  const trailers = [...message.matchAll(TRAILER)].map((m) => m[1].toLowerCase());
  if (trailers.length) return { via: 'trailer', refs: [...new Set(trailers)] };
  const reverts = [...message.matchAll(REVERT)].map((m) => m[1].toLowerCase());
  if (reverts.length) return { via: 'revert', refs: [...new Set(reverts)] };
  return patterns.some((p) => p.test(message)) ? { via: 'pattern', refs: [] } : undefined;
}
