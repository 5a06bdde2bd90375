// Records what an agent wrote to a file on disk. The record's last known content (live record,
// else the index, else HEAD, else nothing) is brought to the file as it was just before the tool
// ran with plain (human) edits; only the step from there to the file now is the agent's, and its
// inserted text becomes AI spans. Existing spans move with both diffs.
import * as fsSync from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { diffToEdits } from '../anchor';
import { gitBlobId } from '../digest';
import { buildSidecar } from '../format';
import { LiveStore } from '../live/store';
import type { AiSpan, Attribution } from '../model';
import { gitConfig, gitText, locateRepo, readBlob, readObjects, storeBlob, type RepoLocation } from '../repo/git';
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
  return textOf(await fs.readFile(file.absPath), file.repoPath);
}

/** The file's text; throws, naming `repoPath`, for what is not tracked (too large, binary). */
export function textOf(bytes: Buffer, repoPath: string): string {
  if (bytes.length > MAX_FILE_BYTES) throw new Error(`${repoPath} is ${bytes.length} bytes, too large to track`);
  if (bytes.includes(0)) throw new Error(`${repoPath} looks binary; not tracked`);
  return bytes.toString('utf8');
}

/** What recording an agent's edit needs besides the records: the author, the file, its blob. */
export interface EarlyReads {
  author: Promise<string | undefined>;
  bytes: Promise<Buffer>;
  /** The text's blob stored in git, or undefined where that waits until the repository is known. */
  stored: Promise<string | undefined>;
}

/**
 * Starts reading what recording `absFile` needs while its repository is located: each git process
 * is time the agent waits for. Both git processes run in the file's folder, so they reach the
 * repository locating finds; a symlinked file (which may lead out of it) is stored only after.
 * Nothing here changes a record, so no lock is needed; every failure surfaces where it is awaited.
 */
export function startEarlyReads(absFile: string): EarlyReads {
  const dir = path.dirname(absFile);
  // Read at once (a hook is its own short process): storing the text is the longest git process,
  // so it starts first.
  let bytes: Buffer;
  let isFile: boolean;
  try {
    bytes = fsSync.readFileSync(absFile);
    isFile = fsSync.lstatSync(absFile).isFile();
  } catch (err) {
    const failed = Promise.reject(err instanceof Error ? err : new Error(String(err)));
    failed.catch(() => {}); // surfaces where it is awaited
    return { author: Promise.resolve(undefined), bytes: failed, stored: Promise.resolve(undefined) };
  }
  const storable = isFile && bytes.length <= MAX_FILE_BYTES && !bytes.includes(0);
  const stored = storable ? storeBlob(dir, bytes.toString('utf8')) : Promise.resolve(undefined);
  stored.catch(() => {}); // surfaces where it is awaited
  return { author: gitConfig(dir, 'user.email'), bytes: Promise.resolve(bytes), stored };
}

/**
 * The content the record last knew for this file ('' when it has none). `likely` is a guess at it
 * (the file just before the tool, rebuilt from the payload): when its blob id is the record's, it
 * is that content, and the git process that would read it back is saved.
 */
export async function knownContent(file: AgentFile, likely?: string): Promise<string> {
  const { repoRoot, gitDir } = file.repo;
  const live = await new LiveStore(gitDir).read(file.repoPath);
  if (live && likely !== undefined && gitBlobId(likely) === live.blob) return likely;
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
  /** The file now, already stored in git by the caller (the live record names its blob). */
  content: string,
  known: string,
  preImage: PreImageChoice,
  attribution: Omit<Attribution, 'capturedAt'>,
  now = new Date(),
): Promise<AgentEditResult> {
  const { repoRoot, gitDir } = file.repo;
  const provenance = await loadFileProvenance({ repoRoot, liveDir: gitDir, repoPath: file.repoPath, content: known, isGit: true });
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
