import * as nodePath from 'node:path';
// Where sidecars live: `src/app.ts` -> `.aiprov/src/app.ts.aiprov`, mirrored under the repository root.
export const SIDECAR_DIR = '.aiprov';
export const SIDECAR_EXTENSION = '.aiprov';

/** Undefined when `p` is a safe repository-relative path; otherwise the reason it is not. */
export function checkRepoPath(p: string): string | undefined {
  if (p.length === 0) return 'the path is empty';
  if (p.includes('\0')) return 'the path contains a NUL character';
  if (p.includes('\\')) return `the path "${p}" uses backslashes; sidecar paths use forward slashes`;
  // `C:/x` is a Windows absolute path; `a:1-2.js` is an ordinary file name.
  if (p.startsWith('/') || /^[A-Za-z]:(\/|$)/.test(p)) return `the path "${p}" is absolute; it must be relative to the repository root`;
  if (p.split('/').some((part) => part === '..')) return `the path "${p}" escapes the repository`;
  if (p.split('/').some((part) => part === '' || part === '.')) return `the path "${p}" is not in normal form`;
  return undefined;
}

export function sidecarPathFor(repoPath: string): string {
  return `${SIDECAR_DIR}/${repoPath}${SIDECAR_EXTENSION}`;
}

export function repoPathOfSidecar(sidecarPath: string): string | undefined {
  const prefix = `${SIDECAR_DIR}/`;
  if (!sidecarPath.startsWith(prefix) || !sidecarPath.endsWith(SIDECAR_EXTENSION)) return undefined;
  const repoPath = sidecarPath.slice(prefix.length, -SIDECAR_EXTENSION.length);
  return checkRepoPath(repoPath) === undefined ? repoPath : undefined;
}

/** `absPath` relative to `repoRoot`, with forward slashes, as sidecars name files. */
export function repoRelativePath(repoRoot: string, absPath: string): string {
  return nodePath.relative(repoRoot, absPath).split(nodePath.sep).join('/');
}
