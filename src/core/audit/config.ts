// `.aiprov/audit.json`: the repository's audit settings, shared by `aiprov audit` and the audit
// page, so both count the same fixes and incidents. Command-line options override it.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { SIDECAR_DIR } from '../format';
import { compilePatterns } from './fixes';
import { IncidentsError, parseIncidents } from './incidents';
import type { Incident } from './model';
import { FileError } from '../fileError';

export const AUDIT_CONFIG_FILE = `${SIDECAR_DIR}/audit.json`;

export interface AuditConfig {
  /** Commit message patterns that mark a fix (replace the default). */
  fixPatterns?: string[];
  /** Repository-relative path of the incidents file (JSON or CSV). */
  incidents?: string;
}

export class AuditConfigError extends FileError {}

export function parseAuditConfig(text: string, file = AUDIT_CONFIG_FILE): AuditConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new AuditConfigError(file, `not valid JSON (${(err as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new AuditConfigError(file, 'expected an object with "fixPatterns" and/or "incidents"');
  const { fixPatterns, incidents, ...rest } = raw as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) throw new AuditConfigError(file, `unknown setting "${unknown[0]}" (fixPatterns, incidents)`);
  if (fixPatterns !== undefined && !(Array.isArray(fixPatterns) && fixPatterns.every((p) => typeof p === 'string')))
    throw new AuditConfigError(file, '"fixPatterns" must be an array of regular expressions (strings)');
  if (
    incidents !== undefined &&
    (typeof incidents !== 'string' || incidents === '' || path.isAbsolute(incidents) || incidents.split(/[\\/]/).includes('..'))
  ) {
    throw new AuditConfigError(file, '"incidents" must be a path inside the repository, relative to its root');
  }
  try {
    if (fixPatterns) compilePatterns(fixPatterns);
  } catch (err) {
    throw new AuditConfigError(file, (err as Error).message);
  }
  return { ...(fixPatterns ? { fixPatterns: fixPatterns } : {}), ...(incidents ? { incidents: incidents } : {}) };
}

/** The settings in the working tree, or none. A file that cannot be used throws AuditConfigError. */
export async function loadAuditConfig(repoRoot: string): Promise<AuditConfig> {
  let text: string;
  try {
    text = await fs.readFile(path.join(repoRoot, AUDIT_CONFIG_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new AuditConfigError(AUDIT_CONFIG_FILE, `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parseAuditConfig(text);
}

/** Reads an incidents file; `shown` is how the file is named in errors. */
export async function readIncidents(file: string, shown: string): Promise<Incident[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new IncidentsError(shown, `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parseIncidents(text, shown);
}
