export { canonicalJson, canonicalJsonCompact } from './canonicalJson';
export { SidecarError, type SidecarErrorCode } from './errors';
export { migrateSidecar, SIDECAR_VERSION } from './migrate';
export { checkRepoPath, repoPathOfSidecar, repoRelativePath, SIDECAR_DIR, SIDECAR_EXTENSION, sidecarPathFor } from './paths';
export {
  buildSidecar,
  DEFAULT_MAX_SIDECAR_BYTES,
  parseSidecar,
  readSidecarFile,
  serializeSidecar,
  spansOf,
  type ParseOptions,
  type ReadSidecarResult,
  type Sidecar,
  type SidecarRange,
  type SidecarSpan,
} from './sidecar';
export { lineLocator } from '../text/lines';
