// CLI agents record their edits (`aiprov hook`) straight into the live store, around the time VS
// Code reloads the file from disk. After such a reload, look for a record describing exactly the
// new content for a few seconds, and adopt it.
import { gitBlobId } from '../../core/digest';
import { LiveStore } from '../../core/live/store';
import type { Logger } from '../../core/log';
import type { DocumentState } from '../../core/capture/documentState';

const EXTERNAL_RECORD_WAIT_MS = 10_000;
const POLL_MS = 250;

export interface WatchedDocument {
  /** The current state, or undefined once the document closed. */
  state(): DocumentState | undefined;
  content(): string | undefined;
  /** Re-reads the recorded provenance. */
  adopt(): Promise<void>;
}

export class AgentRecordWatcher {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly logger: Logger) {}

  watch(doc: WatchedDocument): void {
    const deadline = Date.now() + EXTERNAL_RECORD_WAIT_MS;
    const attempt = async () => {
      const state = doc.state();
      const content = doc.content();
      if (!state?.location || content === undefined || state.dirty) return;
      try {
        const live = await new LiveStore(state.location.liveDir).read(state.location.repoPath);
        if (live && live.blob === gitBlobId(content)) {
          await doc.adopt();
          return;
        }
      } catch (err) {
        this.logger.warn((err as Error).message);
        return;
      }
      if (Date.now() >= deadline) return;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void attempt();
      }, POLL_MS);
      this.timers.add(timer);
    };
    void attempt();
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
