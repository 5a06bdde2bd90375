// A git merge driver for `.aiprov` sidecars: both branches' spans and sign-offs survive, mapped
// onto the merged file content, so nobody hand-edits JSON after a merge. When the source file
// itself conflicts, the spans are mapped onto the merged text WITH its conflict markers (stored in
// git's object store); the pre-commit / pre-merge-commit hook then carries them onto whatever the
// user resolves (by hand, or -X ours/theirs). Provenance is never dropped silently: when a side
// cannot be mapped the driver fails and git leaves the sidecar conflicted.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { reanchorSpans, reanchorWithoutBlob } from '../anchor';
import { buildSidecar, parseSidecar, repoPathOfSidecar, serializeSidecar, spansOf, type Sidecar } from '../format';
import { gitBlobId } from '../digest';
import { LiveStore } from '../live/store';
import type { AiSpan, SignOff } from '../model';
import { gitText, gitWithStatus, readBlob, storeBlob } from './git';

export interface MergeOutcome {
  text: string;
  /** True when the source file conflicts: the sidecar describes the text with conflict markers. */
  sourceConflicts: boolean;
}

export class SidecarMergeError extends Error {}

function unionById<T extends { id: string }>(first: readonly T[], second: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const item of [...second, ...first]) byId.set(item.id, item);
  return [...byId.values()];
}

/** `git merge-file -p`: the merged text, conflict markers included, and whether it conflicts. */
async function mergeFile(
  repoRoot: string,
  base: string,
  ours: string,
  theirs: string,
  labels: readonly string[],
): Promise<{ text: string; conflicts: boolean }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aiprov-merge-'));
  try {
    const files = ['ours', 'base', 'theirs'].map((n) => path.join(dir, n));
    await Promise.all([ours, base, theirs].map((text, i) => fs.writeFile(files[i], text)));
    const r = await gitWithStatus(repoRoot, ['merge-file', '-p', ...labels.flatMap((l) => ['-L', l]), '--', ...files]);
    if (r.code < 0 || r.code > 127) throw new SidecarMergeError(`git merge-file failed: ${r.stderr.trim()}`);
    return { text: r.stdout.toString('utf8'), conflicts: r.code > 0 };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function show(repoRoot: string, rev: string, repoPath: string): Promise<string | undefined> {
  try {
    return await gitText(repoRoot, ['cat-file', 'blob', '--end-of-options', `${rev}:${repoPath}`]);
  } catch {
    return undefined;
  }
}

/**
 * The source file on each side. In a `git merge` the commits are known (git names the one being
 * merged in GITHEAD_<sha> while drivers run), so a sidecar left stale by a `--no-verify` commit is
 * first carried onto its side's real content. Elsewhere (rebase, cherry-pick) the content each
 * sidecar describes stands in for its side.
 */
async function sideContents(repoRoot: string, sidecars: { base?: Sidecar; ours: Sidecar; theirs: Sidecar }) {
  const other = Object.keys(process.env)
    .find((k) => /^GITHEAD_[0-9a-f]{40,64}$/.test(k))
    ?.slice('GITHEAD_'.length);
  let base: string | undefined;
  let ours: string | undefined;
  let theirs: string | undefined;
  if (other) {
    const mergeBase = (await gitText(repoRoot, ['merge-base', 'HEAD', other]).catch(() => '')).trim();
    // Each side's file under the name its own sidecar gives it (one side may have renamed it).
    [ours, theirs, base] = await Promise.all([
      show(repoRoot, 'HEAD', sidecars.ours.path),
      show(repoRoot, other, sidecars.theirs.path),
      mergeBase ? show(repoRoot, mergeBase, (sidecars.base ?? sidecars.ours).path) : undefined,
    ]);
  }
  ours ??= await readBlob(repoRoot, sidecars.ours.blob);
  theirs ??= await readBlob(repoRoot, sidecars.theirs.blob);
  base ??= (sidecars.base && (await readBlob(repoRoot, sidecars.base.blob))) ?? (other ? '' : undefined);
  return { base, ours, theirs };
}

type Side = 'ours' | 'theirs';
const SIDE_NAME: Record<Side, string> = { ours: 'our side', theirs: 'their side' };

/** The side's spans on its own content: from the sidecar's content when git has it, else by exact text. */
async function spansOnSide(repoRoot: string, sidecar: Sidecar, content: string, side: Side, file: string): Promise<AiSpan[]> {
  const described = await readBlob(repoRoot, sidecar.blob);
  if (described === content) return spansOf(sidecar);
  if (described !== undefined) {
    const moved = reanchorSpans(described, content, spansOf(sidecar));
    if (moved.couldNotReanchor)
      throw new SidecarMergeError(
        `${file}: cannot map the spans of ${SIDE_NAME[side]} onto its file (${moved.couldNotReanchor}); the sidecar is left conflicted`,
      );
    return moved.spans;
  }
  const found = reanchorWithoutBlob(content, sidecar.spans);
  if (found.notFound.length)
    throw new SidecarMergeError(
      `${file}: ${found.notFound.length} span(s) of ${SIDE_NAME[side]} describe content git does not have (${sidecar.blob.slice(0, 8)}) and their text is not in its file; the sidecar is left conflicted`,
    );
  return spansOf({ ...sidecar, spans: found.spans });
}

/**
 * Merges three sidecar texts. With `gitDir`, a live record describing exactly our side's content
 * (newer than our sidecar after a `--no-verify` commit) stands for our side, and is removed once
 * the merged sidecar supersedes it, so it cannot override the merge later.
 */
export async function mergeSidecarTexts(
  repoRoot: string,
  baseText: string,
  oursText: string,
  theirsText: string,
  file: string,
  gitDir?: string,
): Promise<MergeOutcome> {
  let ours = parseSidecar(oursText, `${file} (ours)`);
  const theirs = parseSidecar(theirsText, `${file} (theirs)`);
  const base: Sidecar | undefined = baseText.trim() ? parseSidecar(baseText, `${file} (base)`) : undefined;
  // The merged sidecar describes the file it sits beside: when one side renamed the file, git
  // merges both sidecars into the new name, and our side's record still names the old one.
  const repoPath = repoPathOfSidecar(file) ?? ours.path;

  const contents = await sideContents(repoRoot, { base, ours, theirs });
  if (contents.ours === undefined || contents.theirs === undefined || contents.base === undefined) {
    const missing = contents.ours === undefined ? 'ours' : contents.theirs === undefined ? 'theirs' : 'the merge base';
    throw new SidecarMergeError(
      `${file}: the content of ${repoPath} on ${missing} is not available, so the spans cannot be merged; resolve the sidecar by hand or re-export it`,
    );
  }
  const store = gitDir ? new LiveStore(gitDir) : undefined;
  const live = await store?.read(ours.path);
  if (live && live.blob === gitBlobId(contents.ours)) ours = { ...live, signoffs: unionById(ours.signoffs, live.signoffs) };
  const [oursSpans, theirsSpans] = await Promise.all([
    spansOnSide(repoRoot, ours, contents.ours, 'ours', file),
    spansOnSide(repoRoot, theirs, contents.theirs, 'theirs', file),
  ]);
  const merged = await mergeFile(repoRoot, contents.base, contents.ours, contents.theirs, [`ours`, `base`, `theirs`]);

  const fromOurs = reanchorSpans(contents.ours, merged.text, oursSpans);
  const oursIds = new Set(fromOurs.spans.map((s) => s.id));
  const fromTheirs = reanchorSpans(
    contents.theirs,
    merged.text,
    theirsSpans.filter((s) => !oursIds.has(s.id)),
  );
  for (const [side, r] of [
    ['ours', fromOurs],
    ['theirs', fromTheirs],
  ] as const) {
    if (r.couldNotReanchor)
      throw new SidecarMergeError(
        `${file}: cannot map the spans of ${SIDE_NAME[side]} onto the merged ${repoPath} (${r.couldNotReanchor}); the sidecar is left conflicted`,
      );
  }
  const signoffs: SignOff[] = unionById(ours.signoffs, theirs.signoffs);
  // Two spans may not claim the same characters: ours wins where they overlap.
  const spans: AiSpan[] = [...fromOurs.spans];
  for (const s of fromTheirs.spans) {
    const clash = s.ranges.some((r) => spans.some((o) => o.ranges.some((q) => r.start < q.end && q.start < r.end)));
    if (!clash) spans.push(s);
  }
  // The sidecar names the merged text by blob id; keep that text so later re-anchoring finds it.
  await storeBlob(repoRoot, merged.text);
  if (live) await store?.remove(ours.path);
  return { text: serializeSidecar(buildSidecar(repoPath, merged.text, spans, signoffs)), sourceConflicts: merged.conflicts };
}
