// The branch a change is compared with: the one the user named, else the upstream, else main,
// else master (locally or on origin). verify, the view's "changed against base" filter and the
// report all resolve it here, so they agree on which files are in the change.
import { gitText } from './git';

const CANDIDATES = ['@{upstream}', 'main', 'master', 'origin/main', 'origin/master'];

export async function resolveBaseRef(repoRoot: string, configured?: string): Promise<string> {
  for (const ref of configured ? [configured] : CANDIDATES) {
    try {
      await gitText(repoRoot, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
      return ref;
    } catch {
      // not a commit here: try the next candidate
    }
  }
  throw new Error(configured ? `'${configured}' is not a commit in this repository` : 'no base branch found: pass --base <ref>');
}
