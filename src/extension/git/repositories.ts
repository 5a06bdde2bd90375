// Which git repository holds a file, like the git extension's getRepository(uri): each repository
// is located once (one git process), and every later path under its root is answered from memory.
// Commands, the view, the report and capture all ask here, so they agree on the repository.
import * as path from 'node:path';
import { locateRepo, type RepoLocation } from '../../core/repo/git';

class Repositories {
  private readonly known: RepoLocation[] = [];
  private readonly pending = new Map<string, Promise<RepoLocation | undefined>>();

  /** The repository holding `fsPath` (a file or a folder), or undefined outside any. */
  async forPath(fsPath: string, isFolder = false): Promise<RepoLocation | undefined> {
    const hit = this.containing(fsPath);
    if (hit) return hit;
    const dir = isFolder ? fsPath : path.dirname(fsPath);
    let lookup = this.pending.get(dir);
    if (!lookup) {
      lookup = locateRepo(dir).then((repo) => {
        if (repo && !this.known.some((k) => k.repoRoot === repo.repoRoot)) this.known.push(repo);
        this.pending.delete(dir);
        return repo;
      });
      this.pending.set(dir, lookup);
    }
    return lookup;
  }

  /** Forgets what it knows (workspace folders changed, a repository was created or removed). */
  clear(): void {
    this.known.length = 0;
    this.pending.clear();
  }

  /** The deepest known repository whose root contains `fsPath`. */
  private containing(fsPath: string): RepoLocation | undefined {
    let best: RepoLocation | undefined;
    for (const repo of this.known) {
      const rel = path.relative(repo.repoRoot, fsPath);
      const inside = rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
      if (inside && (!best || repo.repoRoot.length > best.repoRoot.length)) best = repo;
    }
    return best;
  }
}

export const repositories = new Repositories();
