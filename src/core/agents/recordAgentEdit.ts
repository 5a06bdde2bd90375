// Records what an agent wrote to a file on disk. The record's last known content (live record,
// else the index, else HEAD, else nothing) is brought to the file as it was just before the tool
// ran with plain (human) edits; only the step from there to the file now is the agent's, and its
// inserted text becomes AI spans. Existing spans move with both diffs.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { diffToEdits } from '../anchor';
import { buildSidecar } from '../format';
import { LiveStore } from '../live/store';
import type { AiSpan, Attribution } from '../model';
import { gitText, locateRepo, readBlob, readObjects, storeBlob, type RepoLocation } from '../repo/git';
import { loadFileProvenance } from '../repo/provenance';
import { SpanTracker } from '../spans/tracker';
import { repoRelativePath } from '../format';

export interface AgentEditResult {
  repoPath: string;
  spansAdded: number;
  charsAdded: number;
  /** Records that could not be read or re-anchored (left as they are), one line each. */
  problems: string[];
}

/** What the file was just before the tool ran. */
export type PreImageChoice =
  /** Known exactly: only text → now is the agent's. */
  | { kind: 'exact'; text: string }
  /** Unknown: everything since the last record is credited to the agent, as `likely`. */
  | { kind: 'sinceRecord' }
  /** The agent's edit could not be found: nothing is credited, spans still follow the text. */
  | { kind: 'unlocated' };

export interface AgentFile {
  repo: RepoLocation;
  repoPath: string;
  absPath: string;
}

const MAX_FILE_BYTES = 5_000_000;

export async function locateAgentFile(absFile: string): Promise<AgentFile> {
  const repo = await locateRepo(path.dirname(absFile));
  if (!repo) throw new Error(`${absFile} is not inside a git repository`);
  let real: string;
  try {
    real = await fs.realpath(absFile);
  } catch {
    real = path.join(await fs.realpath(path.dirname(absFile)), path.basename(absFile));
  }
  const repoPath = repoRelativePath(repo.repoRoot, real);
  if (repoPath === '..' || repoPath.startsWith('../') || path.isAbsolute(repoPath))
    throw new Error(`${absFile} is outside the repository ${repo.repoRoot}`);
  return { repo, repoPath, absPath: real };
}

export async function readTextFile(file: AgentFile): Promise<string> {
  const bytes = await fs.readFile(file.absPath);
  if (bytes.length > MAX_FILE_BYTES) throw new Error(`${file.repoPath} is ${bytes.length} bytes, too large to track`);
  if (bytes.includes(0)) throw new Error(`${file.repoPath} looks binary; not tracked`);
  return bytes.toString('utf8');
}

/** The content the record last knew for this file ('' when it has none). */
export async function knownContent(file: AgentFile): Promise<string> {
  const { repoRoot, gitDir } = file.repo;
  const live = await new LiveStore(gitDir).read(file.repoPath);
  const fromLive = live && (await readBlob(repoRoot, live.blob));
  if (fromLive !== undefined) return fromLive;
  const specs = [`:${file.repoPath}`, `HEAD:${file.repoPath}`];
  if (/[\r\n]/.test(file.repoPath)) {
    // cat-file --batch reads one spec per line: such a name goes to git as an argument instead.
    return (await showOrUndefined(repoRoot, specs[0])) ?? (await showOrUndefined(repoRoot, specs[1])) ?? '';
  }
  // Index, else HEAD, in one git process.
  const objects = await readObjects(repoRoot, specs);
  return objects.get(specs[0]) ?? objects.get(specs[1]) ?? '';
}

async function showOrUndefined(repoRoot: string, spec: string): Promise<string | undefined> {
  try {
    return await gitText(repoRoot, ['show', '--end-of-options', spec]);
  } catch {
    return undefined;
  }
}

export async function recordAgentEdit(
  file: AgentFile,
  content: string,
  known: string,
  preImage: PreImageChoice,
  attribution: Omit<Attribution, 'capturedAt'>,
  now = new Date(),
): Promise<AgentEditResult> {
  const { repoRoot, gitDir } = file.repo;
  // Each git process costs milliseconds the agent waits for: store the new content meanwhile.
  const [provenance] = await Promise.all([
    loadFileProvenance({ repoRoot, liveDir: gitDir, repoPath: file.repoPath, content: known, isGit: true }),
    storeBlob(repoRoot, content),
  ]);
  const tracker = new SpanTracker(provenance.spans);
  const before = preImage.kind === 'exact' ? preImage.text : known;
  if (before !== known) {
    const human = diffToEdits(known, before);
    if (!human.ok) throw new Error(`${file.repoPath}: ${human.reason}`);
    tracker.applyEdits(human.edits);
  }
  const agent = diffToEdits(before, content);
  if (!agent.ok) throw new Error(`${file.repoPath}: ${agent.reason}`);
  const full: Attribution = {
    ...attribution,
    capturedAt: now.toISOString(),
  };
  let spansAdded = 0;
  let charsAdded = 0;
  // Last edit first so earlier offsets stay valid.
  for (const edit of [...agent.edits].sort((a, b) => b.offset - a.offset)) {
    if (preImage.kind !== 'unlocated' && edit.text.trim().length > 0) {
      tracker.applyAiEdit(edit, full);
      spansAdded++;
      charsAdded += edit.text.length;
    } else {
      tracker.applyEdits([edit]);
    }
  }
  const spans: AiSpan[] = tracker.spans();
  await new LiveStore(gitDir).write(buildSidecar(file.repoPath, content, spans, provenance.signoffs));
  return { repoPath: file.repoPath, spansAdded, charsAdded, problems: provenance.problems };
}
