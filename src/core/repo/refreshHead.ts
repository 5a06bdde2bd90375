// After git rewrites or merges commits (rebase, amend, squash, cherry-pick, a clean merge with
// -X ours/theirs), sidecars in HEAD can describe content from before: each is carried onto the
// file as HEAD has it (through the content it names when git has it, else by exact text moved by
// whole lines) and HEAD is re-committed with the same parents, author and message. The index and
// working tree follow when they still held the old sidecar, so `git status` stays clean. After an
// amend, the AI-Assisted trailer is made to count what the amended commit lands since its parent
// (the commit hook only saw the changes since the commit being amended).
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { reanchorSpans, reanchorWithoutBlob } from '../anchor';
import {
  buildSidecar,
  parseSidecar,
  repoPathOfSidecar,
  serializeSidecar,
  SIDECAR_DIR,
  sidecarPathFor,
  spansOf,
  type Sidecar,
} from '../format';
import { writeFileAtomic } from '../io/atomicWrite';
import { aiprovTempDir } from '../live/provenanceLock';
import type { AiSpan } from '../model';
import { aiTrailer } from './export';
import { git, gitText, listTree, readBlob, readObjects } from './git';

export interface RefreshResult {
  /** Sidecar paths re-exported onto HEAD's content. */
  refreshed: string[];
  problems: string[];
  /** The commit HEAD was before and after, when it was re-committed. */
  amended?: { from: string; to: string };
}

/** The sidecar's spans carried onto `content`, with a problem per span that could not be. */
async function carried(repoRoot: string, sidecar: Sidecar, content: string, problems: string[]): Promise<AiSpan[]> {
  const old = await readBlob(repoRoot, sidecar.blob);
  if (old !== undefined) {
    const moved = reanchorSpans(old, content, spansOf(sidecar));
    if (moved.couldNotReanchor) problems.push(`${sidecar.path}: ${moved.couldNotReanchor}`);
    return moved.spans;
  }
  const found = reanchorWithoutBlob(content, sidecar.spans);
  for (const n of found.notFound) problems.push(`${sidecar.path}: span ${n.id}: ${n.reason}`);
  return spansOf({ ...sidecar, spans: found.spans });
}

export interface RefreshOptions {
  /** HEAD was made by `git commit --amend`: its trailer is recounted against its parent. */
  amend?: boolean;
}

export async function refreshHeadSidecars(repoRoot: string, gitDir: string, options: RefreshOptions = {}): Promise<RefreshResult> {
  const result: RefreshResult = { refreshed: [], problems: [] };
  const head = (await gitText(repoRoot, ['rev-parse', '--verify', '-q', 'HEAD'])).trim();
  const tree = await listTree(repoRoot, head);
  const stale: Array<{ rel: string; repoPath: string; text: string }> = [];
  const sidecarRels = [...tree.keys()].filter((p) => p.startsWith(`${SIDECAR_DIR}/`));
  const texts = await readObjects(
    repoRoot,
    sidecarRels.map((rel) => tree.get(rel)!.oid),
  );
  for (const rel of sidecarRels) {
    const repoPath = repoPathOfSidecar(rel);
    const text = texts.get(tree.get(rel)!.oid);
    const file = repoPath === undefined ? undefined : tree.get(repoPath);
    if (repoPath === undefined || text === undefined || !file) continue;
    let sidecar: Sidecar;
    try {
      sidecar = parseSidecar(text, rel);
    } catch (err) {
      result.problems.push(`${(err as Error).message}; left as is`);
      continue;
    }
    if (sidecar.blob !== file.oid) stale.push({ rel, repoPath, text });
  }

  const contents = await readObjects(
    repoRoot,
    stale.map((s) => tree.get(s.repoPath)!.oid),
  );
  const updates: Array<{ rel: string; oldText: string; newText: string; id: string }> = [];
  for (const s of stale) {
    const content = contents.get(tree.get(s.repoPath)!.oid);
    if (content === undefined || content.includes('\0')) continue;
    const sidecar = parseSidecar(s.text, s.rel);
    const spans = await carried(repoRoot, sidecar, content, result.problems);
    const newText = serializeSidecar(buildSidecar(s.repoPath, content, spans, sidecar.signoffs));
    const id = (await gitText(repoRoot, ['hash-object', '-w', '--stdin'], newText)).trim();
    updates.push({ rel: s.rel, oldText: s.text, newText, id });
  }
  // Nothing to carry and no trailer to recount: the commit stays as it is, without reading it.
  if (updates.length === 0 && !options.amend) return result;
  const meta = (await gitText(repoRoot, ['log', '-1', '--format=%an%x00%ae%x00%ad%x00%P%x00%B', '--date=raw', head])).split('\0');
  const [name, email, date, parents, ...body] = meta;
  const oldMessage = body.join('\0');
  let message = oldMessage;
  if (options.amend) {
    const updated = new Map(updates.map((u) => [u.rel, u.newText]));
    message = await withTrailerOf(repoRoot, head, oldMessage, (rel) => updated.get(rel) ?? texts.get(tree.get(rel)?.oid ?? ''));
  }
  if (updates.length === 0 && message === oldMessage) return result;
  // Re-committing would drop a commit's signature: leave a signed HEAD alone and say what to do.
  const headers = (await gitText(repoRoot, ['cat-file', 'commit', head])).split('\n\n')[0];
  if (/^gpgsig(-sha256)? /m.test(headers)) {
    if (updates.length === 0) return result;
    result.problems.push(
      `HEAD ${head.slice(0, 8)} is signed, so aiprov does not re-commit it: run aiprov export and amend the commit to carry ${updates.length} sidecar(s) onto it (verify also finds the spans without it)`,
    );
    return result;
  }

  // The new tree, built in a private index so the user's index is never half-updated.
  const tempDir = aiprovTempDir(gitDir);
  await fs.mkdir(tempDir, { recursive: true });
  // Named like every aiprov temporary file (pid inside), so one a killed hook leaves is swept.
  const indexFile = path.join(tempDir, `.index.${process.pid}.${randomUUID()}.tmp`);
  const run = async (args: string[], input?: string) => (await git(repoRoot, args, input, { GIT_INDEX_FILE: indexFile })).toString('utf8');
  try {
    await run(['read-tree', head]);
    await run(['update-index', '-z', '--index-info'], updates.map((u) => `100644 ${u.id}\t${u.rel}\0`).join(''));
    const newTree = (await run(['write-tree'])).trim();
    const args = [
      'commit-tree',
      newTree,
      ...parents
        .split(' ')
        .filter(Boolean)
        .flatMap((p) => ['-p', p]),
      '-F',
      '-',
    ];
    const author = { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: date };
    const newHead = (await git(repoRoot, args, message, author)).toString('utf8').trim();
    await git(repoRoot, ['update-ref', '-m', 'aiprov: sidecars re-exported onto the rewritten commit', 'HEAD', newHead, head]);
    result.amended = { from: head, to: newHead };
  } finally {
    await fs.rm(indexFile, { force: true });
  }

  // Index and working tree follow where they still held the old sidecar.
  const staged = await readObjects(
    repoRoot,
    updates.map((u) => `:${u.rel}`),
  );
  const toStage = updates.filter((u) => staged.get(`:${u.rel}`) === u.oldText);
  if (toStage.length)
    await git(repoRoot, ['update-index', '-z', '--index-info'], toStage.map((u) => `100644 ${u.id}\t${u.rel}\0`).join(''));
  for (const u of updates) {
    const abs = path.join(repoRoot, u.rel);
    const working = await fs.readFile(abs, 'utf8').catch(() => undefined);
    if (working === u.oldText) await writeFileAtomic(abs, u.newText, { tempDir });
    result.refreshed.push(u.rel);
  }
  return result;
}

/**
 * `message` with its AI-Assisted trailer counting the AI lines of the files `commit` changes since
 * its parent (as the commit hook counts them for a new commit); unchanged when it carries no such
 * trailer (made without the hooks) or already says so.
 */
async function withTrailerOf(
  repoRoot: string,
  commit: string,
  message: string,
  sidecarText: (rel: string) => string | undefined,
): Promise<string> {
  const current = (await gitText(repoRoot, ['interpret-trailers', '--parse', '--no-divider'], message).catch(() => ''))
    .split('\n')
    .find((l) => l.startsWith('AI-Assisted:'));
  if (!current) return message;
  const changed = (await gitText(repoRoot, ['diff-tree', '-r', '-z', '--name-only', '--no-commit-id', '--root', commit]))
    .split('\0')
    .filter((p) => p && !p.startsWith(`${SIDECAR_DIR}/`));
  const sidecars: Sidecar[] = [];
  for (const p of changed) {
    const text = sidecarText(sidecarPathFor(p));
    if (text === undefined) continue;
    try {
      sidecars.push(parseSidecar(text, sidecarPathFor(p)));
    } catch {
      // an unreadable sidecar adds nothing to the trailer; verify reports it
    }
  }
  const trailer = aiTrailer(sidecars);
  if (current.trim() === trailer) return message;
  return gitText(repoRoot, ['interpret-trailers', '--no-divider', '--if-exists', 'replace', '--trailer', trailer], message);
}
