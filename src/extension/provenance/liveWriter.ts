// Writes live provenance: debounced after the last change, atomically (LiveStore), never on the
// typing path. Content goes to git's object store too, so the record can be re-anchored later.
import { buildSidecar } from '../../core/format';
import { LiveStore } from '../../core/live/store';
import type { Logger } from '../../core/log';
import { storeBlob } from '../../core/repo/git';
import type { DocumentState } from '../../core/capture/documentState';
import { withProvenanceLock } from '../../core/live/provenanceLock';

const SAVE_DEBOUNCE_MS = 750;

export interface PendingDocument {
  state: DocumentState;
  /** The document's current text, or undefined once it is closed. */
  content(): string | undefined;
}

export class LiveWriter {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly pending: () => Iterable<PendingDocument>,
  ) {}

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), SAVE_DEBOUNCE_MS);
  }

  /** Writes every dirty record now. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.all([...this.pending()].filter((p) => p.state.dirty).map((p) => this.write(p.state, p.content())));
  }

  async write(state: DocumentState, content: string | undefined): Promise<void> {
    const location = state.location;
    if (!location || content === undefined) return;
    state.dirty = false;
    const spans = state.tracker.spans();
    const store = new LiveStore(location.liveDir, this.logger);
    try {
      if (spans.length === 0 && state.signoffs.length === 0) {
        await store.remove(location.repoPath);
        return;
      }
      if (location.isGit) await storeBlob(location.repoRoot, content);
      // Under the file's lock, like hooks, commits and sign-offs writing the same record.
      await withProvenanceLock(location.liveDir, location.repoPath, () =>
        store.write(buildSidecar(location.repoPath, content, spans, state.signoffs)),
      );
    } catch (err) {
      state.dirty = true;
      this.logger.error(`could not write live provenance for ${location.repoPath}: ${(err as Error).stack ?? (err as Error).message}`);
    }
  }

  dispose(): Promise<void> {
    return this.flush();
  }
}
