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

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * The instant an ISO-8601 date or date-time names, in milliseconds; undefined when it is not one or
 * names no real day or time (2026-02-30, 25:00). Without an offset it is UTC, as a bare date is in
 * JavaScript: the figures must not depend on the time zone of the machine that runs the audit.
 */
export function parseInstant(value: string): number | undefined {
  const m = ISO_INSTANT.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', offset = 'Z'] = m;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (day.getUTCFullYear() !== Number(y) || day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d)) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const zone = offset.toUpperCase() === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`;
  const t = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac.slice(0, 4)}${zone}`);
  return Number.isNaN(t) ? undefined : t;
}

function checkDate(file: string, where: string, field: string, value: unknown, optional: boolean): string | undefined {
  if ((value === undefined || value === null || value === '') && optional) return undefined;
  const t = typeof value === 'string' ? parseInstant(value) : undefined;
  if (t === undefined)
    throw new IncidentsError(file, `${where}: ${field} must be an ISO-8601 date-time, got ${JSON.stringify(value ?? null)}`);
  return new Date(t).toISOString();
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

export class CsvError extends Error {}

/**
 * Splits CSV (RFC 4180: quoted fields, doubled quotes, newlines inside quotes) into rows, each
 * with the line it starts on; blank rows are left out. An unterminated quote throws CsvError.
 */
export function parseCsvRows(text: string): Array<{ line: number; fields: string[] }> {
  const rows: Array<{ line: number; fields: string[] }> = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let quoteLine = 1;
  const end = () => {
    row.push(field);
    if (row.some((f) => f.trim() !== '')) rows.push({ line: start, fields: row });
    row = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') {
      quoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') {
        i++;
        line++;
      }
      end();
      start = line;
    } else field += ch;
  }
  if (quoted) throw new CsvError(`line ${quoteLine}: a quoted field is never closed`);
  if (field !== '' || row.length) end();
  return rows;
}

/** parseCsvRows without the line numbers. */
export function parseCsv(text: string): string[][] {
  return parseCsvRows(text).map((r) => r.fields);
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
  let parsed: Array<{ line: number; fields: string[] }>;
  try {
    // Leading blank lines are kept out of the trim, so line numbers stay those of the file.
    parsed = parseCsvRows(text.replace(/^\uFEFF/, '').trimEnd());
  } catch (err) {
    throw new IncidentsError(file, (err as Error).message);
  }
  const [header, ...rows] = parsed;
  const names = (header?.fields ?? []).map((h) => h.trim().toLowerCase());
  for (const required of ['id', 'detected'])
    if (!names.includes(required))
      throw new IncidentsError(file, `CSV header lacks the "${required}" column (id, detected, resolved, commits, range)`);
  return rows.map(({ line, fields }) => {
    if (fields.slice(names.length).some((f) => f.trim() !== ''))
      throw new IncidentsError(file, `row ${line}: ${fields.length} fields, but the header names ${names.length}`);
    return incidentFrom(file, `row ${line}`, Object.fromEntries(names.map((n, j) => [n, (fields[j] ?? '').trim()])));
  });
}
