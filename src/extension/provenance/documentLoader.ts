// Where a document's provenance lives, and what is recorded for it: the live record or the
// committed sidecar, re-anchored if the document changed while it was being read.
import * as path from 'node:path';
import { reanchorSpans } from '../../core/anchor';
import type { Logger } from '../../core/log';
import { loadFileProvenance } from '../../core/repo/provenance';
import { TextShadow } from '../../core/capture/textShadow';
import { DocumentState, type DocumentLocation } from '../../core/capture/documentState';
import { repositories } from '../git/repositories';

export interface DocumentSource {
  fsPath: string;
  /** Workspace folder holding the document, for files outside git. */
  workspaceFolder: string | undefined;
  /** The document's text now (it may change while provenance is read). */
  text(): string;
}

export async function locateDocument(doc: DocumentSource, storageDir: string | undefined): Promise<DocumentLocation | undefined> {
  const repo = await repositories.forPath(doc.fsPath);
  if (repo) {
    const repoPath = path.relative(repo.repoRoot, doc.fsPath).split(path.sep).join('/');
    if (!repoPath.startsWith('..')) return { repoRoot: repo.repoRoot, liveDir: repo.gitDir, repoPath, isGit: true };
  }
  // Outside git: live provenance in workspace storage, paths relative to the workspace folder.
  if (!doc.workspaceFolder || !storageDir) return undefined;
  const repoPath = path.relative(doc.workspaceFolder, doc.fsPath).split(path.sep).join('/');
  return { repoRoot: doc.workspaceFolder, liveDir: path.join(storageDir, 'untracked'), repoPath, isGit: false };
}

/**
 * The recorded provenance of a document, merged with `interim` (what was captured while it was
 * read; that wins). The result's text is the interim state's text, which tracks the document.
 */
export async function loadDocumentState(
  doc: DocumentSource,
  storageDir: string | undefined,
  interim: () => DocumentState,
  logger: Logger,
): Promise<DocumentState> {
  const location = await locateDocument(doc, storageDir);
  if (!location) return new DocumentState(undefined, new TextShadow(interim().text.toString()));
  const contentAtLoad = doc.text();
  const loaded = await loadFileProvenance({ ...location, content: contentAtLoad });
  for (const problem of loaded.problems) logger.warn(problem);
  const current = interim();
  let spans = loaded.spans;
  const currentText = current.text.toString();
  if (currentText !== contentAtLoad) spans = reanchorSpans(contentAtLoad, currentText, spans).spans;
  const state = new DocumentState(location, new TextShadow(currentText));
  state.replaceSpans(spans);
  state.signoffs = loaded.signoffs;
  for (const span of current.tracker.spans()) {
    for (const r of span.ranges) state.tracker.markAi(r, span.attribution, span.id, span.acceptedLength);
  }
  state.dirty = current.dirty;
  return state;
}
