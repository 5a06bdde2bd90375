// Records what a CLI agent wrote to a file on disk: the difference between the content the
// record last knew (live record, else the index, else HEAD, else nothing) and the file now.
// Inserted text becomes an AI span; existing spans move with the diff.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { diffToEdits } from '../anchor';
import { buildSidecar } from '../format';
import { withProvenanceLock } from '../live/provenanceLock';
import { LiveStore } from '../live/store';
import type { AiSpan, Attribution } from '../model';
import { gitConfig, gitText, locateRepo, readBlob, storeBlob } from '../repo/git';
import { loadFileProvenance } from '../repo/provenance';
import { SpanTracker } from '../spans/tracker';

export interface AgentEditResult {
  repoPath: string;
  spansAdded: number;
  charsAdded: number;
}

const MAX_FILE_BYTES = 5_000_000;

export async function recordAgentEdit(absFile: string, attribution: Omit<Attribution, 'author' | 'capturedAt'>, now = new Date()): Promise<AgentEditResult> {
  const repo = await locateRepo(path.dirname(absFile));
  if (!repo) throw new Error(`${absFile} is not inside a git repository`);
  const repoPath = path.relative(repo.repoRoot, await fs.realpath(absFile)).split(path.sep).join('/');
  if (repoPath === '..' || repoPath.startsWith('../') || path.isAbsolute(repoPath)) throw new Error(`${absFile} is outside the repository ${repo.repoRoot}`);
  // Under the file's lock: what this agent wrote is diffed against the record the previous writer
  // left, so concurrent agents and hooks never overwrite each other's spans.
  return withProvenanceLock(repo.gitDir, repoPath, async () => {
    const bytes = await fs.readFile(absFile);
    if (bytes.length > MAX_FILE_BYTES) throw new Error(`${repoPath} is ${bytes.length} bytes, too large to track`);
    if (bytes.includes(0)) throw new Error(`${repoPath} looks binary; not tracked`);
    const content = bytes.toString('utf8');

    const store = new LiveStore(repo.gitDir);
    const live = await store.read(repoPath);
    const before = (live && (await readBlob(repo.repoRoot, live.blob))) ?? (await showOrUndefined(repo.repoRoot, `:${repoPath}`)) ?? (await showOrUndefined(repo.repoRoot, `HEAD:${repoPath}`)) ?? '';
    const known = await loadFileProvenance({ repoRoot: repo.repoRoot, liveDir: repo.gitDir, repoPath, content: before, isGit: true });

    const diff = diffToEdits(before, content);
    if (!diff.ok) throw new Error(`${repoPath}: ${diff.reason}`);
    const author = await gitConfig(repo.repoRoot, 'user.email');
    const full: Attribution = { ...attribution, capturedAt: now.toISOString(), ...(author && { author }) };
    const tracker = new SpanTracker(known.spans);
    let spansAdded = 0;
    let charsAdded = 0;
    // Last edit first so earlier offsets stay valid.
    for (const edit of [...diff.edits].sort((a, b) => b.offset - a.offset)) {
      if (edit.text.length > 0 && edit.text.trim().length > 0) {
        tracker.applyAiEdit(edit, full);
        spansAdded++;
        charsAdded += edit.text.length;
      } else {
        tracker.applyEdits([edit]);
      }
    }
    const spans: AiSpan[] = tracker.spans();
    await storeBlob(repo.repoRoot, content);
    await store.write(buildSidecar(repoPath, content, spans, known.signoffs));
    return { repoPath, spansAdded, charsAdded };
  });
}

async function showOrUndefined(repoRoot: string, spec: string): Promise<string | undefined> {
  try {
    return await gitText(repoRoot, ['show', spec]);
  } catch {
    return undefined;
  }
}
