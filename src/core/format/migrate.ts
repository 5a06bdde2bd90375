import { SidecarError } from './errors';

export const SIDECAR_VERSION = 1;

/**
 * Brings a parsed sidecar of an older version up to the current one. Version 1 is the first, so
 * today this only recognises versions; a future v2 adds its step here.
 */
export function migrateSidecar(raw: unknown, file: string): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new SidecarError(file, 'schema', 'expected a JSON object');
  const version = (raw as { version?: unknown }).version;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    throw new SidecarError(
      file,
      'unsupported-version',
      `missing or invalid "version" (found ${JSON.stringify(version)}); this aiprov reads version ${SIDECAR_VERSION}`,
    );
  }
  if (version > SIDECAR_VERSION) {
    throw new SidecarError(
      file,
      'future-version',
      `written by a newer aiprov: version ${version}; this aiprov reads version ${SIDECAR_VERSION} — upgrade aiprov`,
    );
  }
  if (version < 1) throw new SidecarError(file, 'unsupported-version', `unknown sidecar version ${version}`);
  return raw;
}
