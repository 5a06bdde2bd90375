// Which paths in a diff are aiprov's own files (sidecars, policy) rather than code.
import { SIDECAR_DIR } from '../format';

/** `.aiprov/<path>.aiprov` → `<path>`. */
export const SIDECAR = /^\.aiprov\/(.+)\.aiprov$/;

export const isSidecarDir = (p: string) => p.startsWith(`${SIDECAR_DIR}/`);
