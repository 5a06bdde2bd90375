// DuckDB, the embedded engine for the organisation-scale tables: writes Parquet and answers
// `aiprov audit --query` over many repositories' tables. A CLI-only, optional dependency loaded on
// demand (kept out of the extension bundle and the VSIX).
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { TABLE_NAMES, TABLE_SCHEMAS, TABLE_VERSION, type TableName } from '../../core/audit/tables';

import type { DuckDBConnection } from '@duckdb/node-api';

const DUCKDB_PACKAGE: string = ['@duckdb', 'node-api'].join('/');

async function connect(): Promise<DuckDBConnection & { closeAll(): void }> {
  let duckdb: typeof import('@duckdb/node-api');
  try {
    // A computed name: no bundler follows it into the native binary, whatever its configuration.
    duckdb = (await import(DUCKDB_PACKAGE)) as typeof import('@duckdb/node-api');
  } catch {
    throw new Error('Parquet output and --query need the optional package @duckdb/node-api (npm install @duckdb/node-api)');
  }
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  return Object.assign(db, {
    closeAll: () => {
      db.closeSync();
      instance.closeSync();
    },
  });
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
const columnsOf = (table: TableName) =>
  `{${Object.entries(TABLE_SCHEMAS[table])
    .map(([c, t]) => `${literal(c)}: ${literal(t)}`)
    .join(', ')}}`;
const readNdjson = (table: TableName, files: readonly string[]) =>
  `read_json([${files.map(literal).join(', ')}], format = 'newline_delimited', columns = ${columnsOf(table)})`;

/** Converts NDJSON table files to Parquet beside them (temporary file, then rename), removing the NDJSON. */
export async function ndjsonToParquet(files: ReadonlyArray<{ table: TableName; ndjson: string; parquet: string }>): Promise<void> {
  const db = await connect();
  try {
    for (const f of files) {
      const temp = `${f.parquet}.${process.pid}.tmp`;
      await db.run(`COPY (SELECT * FROM ${readNdjson(f.table, [f.ndjson])}) TO ${literal(temp)} (FORMAT parquet)`);
      await fs.rename(temp, f.parquet);
      await fs.rm(f.ndjson, { force: true });
    }
  } finally {
    db.closeAll();
  }
}

async function filesOf(dir: string, table: TableName, ext: string): Promise<string[]> {
  try {
    return (await fs.readdir(path.join(dir, table, TABLE_VERSION)))
      .filter((f) => f.endsWith(`.${ext}`))
      .sort()
      .map((f) => path.join(dir, table, TABLE_VERSION, f));
  } catch {
    return [];
  }
}

export interface QueryResult {
  columns: string[];
  rows: Array<Record<string, unknown>>;
}

/** Runs `sql` with one view per table over every repository's files under `dir` (Parquet and NDJSON). */
export async function queryTables(dir: string, sql: string): Promise<QueryResult> {
  const db = await connect();
  try {
    for (const table of TABLE_NAMES) {
      const parquet = await filesOf(dir, table, 'parquet');
      const ndjson = await filesOf(dir, table, 'ndjson');
      const parts = [
        ...(parquet.length
          ? [
              `SELECT ${Object.keys(TABLE_SCHEMAS[table]).join(', ')} FROM read_parquet([${parquet.map(literal).join(', ')}], union_by_name = true)`,
            ]
          : []),
        ...(ndjson.length ? [`SELECT * FROM ${readNdjson(table, ndjson)}`] : []),
      ];
      const empty = `SELECT ${Object.entries(TABLE_SCHEMAS[table])
        .map(([c, t]) => `CAST(NULL AS ${t}) AS ${c}`)
        .join(', ')} WHERE false`;
      await db.run(`CREATE VIEW ${table} AS ${parts.length ? parts.join(' UNION ALL ') : empty}`);
    }
    const reader = await db.runAndReadAll(sql);
    return { columns: reader.columnNames(), rows: reader.getRowObjectsJson() };
  } finally {
    db.closeAll();
  }
}
