// Who accepted an AI span: the workspace's git `user.email`, looked up once per repository and
// added to spans captured without one.
import type { DocumentState } from '../../core/capture/documentState';
import { gitConfig } from '../../core/repo/git';

export class AuthorStamp {
  private readonly authors = new Map<string, Promise<string | undefined>>();

  /** Stamps the document's unstamped spans once the author is known. */
  async stamp(state: DocumentState): Promise<void> {
    const root = state.location?.repoRoot;
    if (!root) return;
    let lookup = this.authors.get(root);
    if (!lookup) this.authors.set(root, (lookup = gitConfig(root, 'user.email')));
    const author = await lookup;
    if (!author) return;
    for (const span of state.tracker.spans()) {
      if (span.attribution.author) continue;
      for (const r of span.ranges) state.tracker.markAi(r, { ...span.attribution, author }, span.id, span.acceptedLength);
    }
  }
}
