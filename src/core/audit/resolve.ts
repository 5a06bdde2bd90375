// Resolves revisions given as input (message trailers, incidents files) to full commit ids in one
// `git cat-file --batch-check`: each revision travels on stdin as data, never as an argument.
import { git } from '../repo/git';

export async function resolveCommits(repoRoot: string, revs: readonly string[]): Promise<Map<string, string | undefined>> {
  const result = new Map<string, string | undefined>();
  const asked = [...new Set(revs)].filter((r) => {
    const ok = r.length > 0 && !/[\x00-\x20\x7f]/.test(r);
    if (!ok) result.set(r, undefined);
    return ok;
  });
  if (asked.length === 0) return result;
  const out = (
    await git(repoRoot, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], asked.map((r) => `${r}^{commit}`).join('\n') + '\n')
  )
    .toString('utf8')
    .split('\n');
  asked.forEach((rev, i) => {
    const m = /^([0-9a-f]{40,64}) commit$/.exec(out[i] ?? '');
    result.set(rev, m?.[1]);
  });
  return result;
}
