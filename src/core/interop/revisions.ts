// Revisions and paths that come from records (another tool's, or a user's) reach git as data:
// `--end-of-options` before a revision, and a resolved object id (hex, never an option) before
// a path.
import { git } from '../repo/git';

const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

export { resolveCommit } from '../repo/git';

/** A file's content at a resolved commit, or undefined when it is not there. */
export async function fileAtCommit(repoRoot: string, commit: string, repoPath: string): Promise<string | undefined> {
  if (!OBJECT_ID.test(commit)) throw new Error(`not a resolved commit id: ${JSON.stringify(commit)}`);
  try {
    return (await git(repoRoot, ['cat-file', 'blob', `${commit}:${repoPath}`])).toString('utf8');
  } catch {
    return undefined;
  }
}
