// One hook invocation: parse the agent's payload; before the tool, snapshot the files it is about
// to write (only where the payload will not say what changed); after it, record exactly the
// agent's change in each file. Problems are collected, never thrown: a hook must not block.
import * as path from 'node:path';
import {
  knownContent,
  locateAgentFile,
  readTextFile,
  recordAgentEdit,
  startEarlyReads,
  textOf,
  type EarlyReads,
  type AgentEditResult,
  type AgentFile,
  type PreImageChoice,
} from './recordAgentEdit';
import { storeBlob } from '../repo/git';
import { LockTimeoutError } from '../io/lock';
import { withProvenanceLock } from '../live/provenanceLock';

import { rebuildPreImage } from './preImage';
import { AGENTS, HOOK_LOCK_WAIT_MS, type AgentId } from './registry';
import { consumeSnapshot, takeSnapshot } from './snapshot';
import { modelFromTranscript } from './transcript';
import { parseJsonObject, type AgentEvent, type AgentFileChange, type JsonObject } from './types';

export interface HookOutcome {
  /** false: the payload itself is malformed (the runner's fault, reported with a non-zero exit). */
  payloadOk: boolean;
  /**
   * The payload is for an event before the tool runs. Some runners deny the tool when such a hook
   * exits non-zero (Copilot CLI's command `preToolUse` hooks fail closed), so a bad one exits 0.
   */
  preTool?: boolean;
  recorded: AgentEditResult[];
  snapshots: number;
  /** One line each, for stderr. */
  problems: string[];
  /** Why nothing was done (a tool that writes no files), for stderr in verbose runs. */
  skipped?: string;
}

export async function handleAgentHook(agent: AgentId, stdinText: string, cwd: string, now = new Date()): Promise<HookOutcome> {
  const outcome: HookOutcome = { payloadOk: true, recorded: [], snapshots: 0, problems: [] };
  const json = parseJsonObject(stdinText);
  if (!json.ok) return { ...outcome, payloadOk: false, problems: [json.reason] };
  const parsed = AGENTS[agent].parse(json.value);
  if (!parsed.ok) return { ...outcome, payloadOk: false, preTool: isPreTool(json.value), problems: [parsed.reason] };
  if (!parsed.event) return { ...outcome, skipped: parsed.why };
  const event = parsed.event;
  // The agent credited: Copilot CLI and Cursor also run hooks configured for Claude Code.
  const credited = event.agent ?? agent;
  const base = event.cwd ?? cwd;
  let model = event.model;
  if (!model && event.transcriptPath && event.phase === 'post') model = await modelFromTranscript(event.transcriptPath, credited);
  for (const change of event.files) {
    const absFile = path.resolve(base, change.path);
    const early = event.phase === 'post' ? startEarlyReads(absFile) : undefined;
    try {
      const file = await locateAgentFile(absFile);
      if (event.phase === 'pre') {
        await snapshotBefore(credited, event, file);
        outcome.snapshots++;
      } else if (early) {
        const record = () => recordAfter(credited, event, change, file, { model, early }, now, outcome.problems);
        // The same per-file lock as commits, exports and sign-offs; an agent never waits long.
        const result = await withProvenanceLock(file.repo.gitDir, file.repoPath, record, {
          timeoutMs: HOOK_LOCK_WAIT_MS,
          staleMs: 60_000,
        }).catch((err: unknown) => {
          if (!(err instanceof LockTimeoutError)) throw err;
          outcome.problems.push(
            `${file.repoPath}: another aiprov process kept it locked for ${HOOK_LOCK_WAIT_MS / 1000} s; recorded without waiting further`,
          );
          return record();
        });
        outcome.recorded.push(result);
        outcome.problems.push(...result.problems);
      }
    } catch (err) {
      outcome.problems.push((err as Error).message);
    } finally {
      // Nothing of this file's keeps running once its outcome is known (a refused file's git too).
      if (early) await Promise.allSettled([early.author, early.stored]);
    }
  }
  return outcome;
}

/** Claude Code, Codex, Copilot (`PreToolUse`), Gemini CLI (`BeforeTool`), Cline, Windsurf (`pre_write_code`), OpenCode. */
function isPreTool(payload: JsonObject): boolean {
  const name = payload.hook_event_name ?? payload.hookName ?? payload.agent_action_name;
  return typeof name === 'string' && /^(pre|before|tool\.execute\.before)/i.test(name);
}

async function snapshotBefore(agent: AgentId, event: AgentEvent, file: AgentFile): Promise<void> {
  let content: string | null;
  try {
    content = await readTextFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    content = null;
  }
  await takeSnapshot(file.repo.gitDir, agent, event.sessionId, file.repoPath, content);
}

async function recordAfter(
  agent: AgentId,
  event: AgentEvent,
  change: AgentFileChange,
  file: AgentFile,
  { model, early }: { model: string | undefined; early: EarlyReads },
  now: Date,
  problems: string[],
): Promise<AgentEditResult> {
  const content = textOf(await early.bytes, file.repoPath);
  // Each git process is time the agent waits for: they run side by side.
  const [known, snapshot, author] = await Promise.all([
    knownContent(file, change.preImage ?? rebuildPreImage(content, change.hint, '')),
    consumeSnapshot(file.repo.gitDir, agent, event.sessionId, file.repoPath, now),
    early.author,
    early.stored.then((blob) => blob ?? storeBlob(file.repo.repoRoot, content)),
  ]);
  const preImage = choosePreImage(change, content, known, snapshot);
  if (preImage.kind === 'unlocated')
    problems.push(`${file.repoPath}: the agent's edit was not found in the file (changed since?); nothing recorded as AI`);
  return recordAgentEdit(
    file,
    content,
    known,
    preImage,
    {
      origin: event.inlineCompletion ? 'inlineCompletion' : 'externalAgent',
      // Certain only when the agent's own change is known exactly and the user did not rework it.
      confidence: preImage.kind === 'exact' && !change.userModified ? 'certain' : 'likely',
      tool: event.inlineCompletion ? `${AGENTS[agent].displayName} Tab` : AGENTS[agent].displayName,
      ...(model && { model }),
      ...(event.sessionId && { sessionId: event.sessionId }),
      ...(author && { author }),
    },
    now,
  );
}

/** Most exact first: the payload's own pre-image, the payload's edit undone, the pre-tool snapshot. */
function choosePreImage(change: AgentFileChange, content: string, known: string, snapshot: string | null | undefined): PreImageChoice {
  if (change.preImage !== undefined) {
    // Some agents report the file with its line endings normalised to LF (Gemini CLI's originalContent).
    const crlf = content.includes('\r\n') && !change.preImage.includes('\r\n');
    return { kind: 'exact', text: crlf ? change.preImage.replace(/\r?\n/g, '\r\n') : change.preImage };
  }
  const rebuilt = rebuildPreImage(content, change.hint, known);
  if (rebuilt !== undefined) return { kind: 'exact', text: rebuilt };
  if (snapshot !== undefined) return { kind: 'exact', text: snapshot ?? '' };
  return change.hint.kind === 'replacements' ? { kind: 'unlocated' } : { kind: 'sinceRecord' };
}
