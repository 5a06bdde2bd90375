export type SidecarErrorCode = 'syntax' | 'schema' | 'future-version' | 'unsupported-version' | 'too-large' | 'path' | 'range' | 'io';

/** Why a sidecar could not be read. The file itself is never touched because of this. */
export class SidecarError extends Error {
  constructor(
    readonly file: string,
    readonly code: SidecarErrorCode,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'SidecarError';
  }
}
