// The branch a change is compared with: the one the user named, else the upstream, else main,
// else master (locally or on origin). verify, the view's "changed against base" filter and the
// report all resolve it here, so they agree on which files are in the change.
import { gitText } from './git';

const DEFAULT_BRANCHES = ['main', 'master'];
const FALLBACKS = ['main', 'master', 'origin/main', 'origin/master'];

async function fullName(repoRoot: string, rev: string): Promise<string | undefined> {
  try {
    return (await gitText(repoRoot, ['rev-parse', '--symbolic-full-name', rev])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the upstream is where this change is going. After `git push -u origin feature` the
 * upstream is the branch's own remote copy (the ref it pushes to): comparing with it would read
 * policy and seniors from the branch itself and check only unpushed commits. Only a main or
 * master branch goes to its own remote copy.
 */
async function upstreamIsBase(repoRoot: string): Promise<boolean> {
  const upstream = await fullName(repoRoot, '@{upstream}');
  if (!upstream) return false;
  if (upstream !== (await fullName(repoRoot, '@{push}'))) return true;
  const branch = await fullName(repoRoot, 'HEAD');
  return DEFAULT_BRANCHES.some((b) => branch === `refs/heads/${b}`);
}

export async function resolveBaseRef(repoRoot: string, configured?: string): Promise<string> {
  const candidates = configured ? [configured] : [...((await upstreamIsBase(repoRoot)) ? ['@{upstream}'] : []), ...FALLBACKS];
  for (const ref of candidates) {
    try {
      await gitText(repoRoot, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
      return ref;
    } catch {
      // not a commit here: try the next candidate
    }
  }
  throw new Error(configured ? `'${configured}' is not a commit in this repository` : 'no base branch found: pass --base <ref>');
}
