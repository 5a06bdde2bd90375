// The incidents file: JSON (an array, or `{ "incidents": [...] }`) or CSV with a header row.
// Fields: id, detected, resolved (ISO-8601; empty while open), commits (causing revisions,
// space- or semicolon-separated in CSV) and/or range (a deploy range `A..B`).
import type { Incident } from './model';
import { FileError } from '../fileError';

export class IncidentsError extends FileError {}

/** `A..B` into its two ends (tags with dots welcome, `A...B` refused); undefined when it is not one. */
export function splitRange(range: string): [string, string] | undefined {
  if (range.includes('...') || /\s/.test(range)) return undefined;
  const m = /^(.+?)\.\.(.+)$/.exec(range);
  return m ? [m[1], m[2]] : undefined;
}

function checkDate(file: string, where: string, field: string, value: unknown, optional: boolean): string | undefined {
  if ((value === undefined || value === null || value === '') && optional) return undefined;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new IncidentsError(file, `${where}: ${field} must be an ISO-8601 date-time, got ${JSON.stringify(value ?? null)}`);
  }
  return value;
}

function incidentFrom(file: string, where: string, raw: Record<string, unknown>): Incident {
  const id = raw.id;
  if ((typeof id !== 'string' && typeof id !== 'number') || `${id}` === '') throw new IncidentsError(file, `${where}: id is missing`);
  const detected = checkDate(file, where, 'detected', raw.detected, false)!;
  const resolved = checkDate(file, where, 'resolved', raw.resolved, true);
  if (resolved && Date.parse(resolved) < Date.parse(detected))
    throw new IncidentsError(file, `${where}: resolved ${resolved} is before detected ${detected}`);
  const c = raw.commits ?? raw.commit;
  const commits = Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/[\s;]+/) : [];
  const range = typeof raw.range === 'string' && raw.range ? raw.range : undefined;
  if (range && !splitRange(range)) throw new IncidentsError(file, `${where}: range must be A..B, got ${JSON.stringify(range)}`);
  const list = commits.filter(Boolean);
  if (list.length === 0 && !range) throw new IncidentsError(file, `${where}: give the causing commits or a deploy range`);
  return { id: `${id}`, detected, resolved, commits: list, range };
}

/** Splits CSV (RFC 4180: quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

export function parseIncidents(text: string, file: string): Incident[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let raw: unknown;
    try {
      raw = JSON.parse(trimmed);
    } catch (err) {
      throw new IncidentsError(file, `not valid JSON (${(err as Error).message})`);
    }
    const list = Array.isArray(raw) ? raw : (raw as { incidents?: unknown }).incidents;
    if (!Array.isArray(list)) throw new IncidentsError(file, 'expected an array of incidents, or an object with an "incidents" array');
    return list.map((r, i) => {
      if (typeof r !== 'object' || r === null) throw new IncidentsError(file, `incident ${i + 1}: not an object`);
      return incidentFrom(file, `incident ${i + 1}`, r as Record<string, unknown>);
    });
  }
  const [header, ...rows] = parseCsv(trimmed);
  const names = (header ?? []).map((h) => h.trim().toLowerCase());
  for (const required of ['id', 'detected'])
    if (!names.includes(required))
      throw new IncidentsError(file, `CSV header lacks the "${required}" column (id, detected, resolved, commits, range)`);
  return rows.map((r, i) => incidentFrom(file, `row ${i + 2}`, Object.fromEntries(names.map((n, j) => [n, (r[j] ?? '').trim()]))));
}
