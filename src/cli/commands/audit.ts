// `aiprov audit`: AI provenance against defects (SZZ), incidents and time to restore, over the
// repository's history; tables for many repositories; `--query` over them with DuckDB.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runAudit } from '../../core/audit/audit';
import { auditCsv, auditJson, auditMarkdown } from '../../core/audit/format';
import { AuditConfigError, loadAuditConfig, readIncidents } from '../../core/audit/config';
import { IncidentsError } from '../../core/audit/incidents';
import { auditCharts } from '../../core/audit/svg';
import { auditTables, tablePath, TABLE_NAMES, writeNdjsonTables } from '../../core/audit/tables';
import { writeFileAtomic } from '../../core/io/atomicWrite';
import { gitConfig } from '../../core/repo/git';
import { ndjsonToParquet, queryTables, type QueryResult } from '../audit/duckdb';
import { repoOrComplain } from '../repo';
import type { CliCommand, CliIO } from '../types';

const HELP = `Usage: aiprov audit [--since REV|DATE] [--format md|json|csv] [--incidents FILE]
       aiprov audit --format ndjson|parquet --out DIR [--repo NAME]
       aiprov audit --query SQL [--from DIR] [--format md|json|csv]

Links fix commits to the commits and lines that introduced what they fixed (SZZ, with git blame
at each fix's parent), classes every introduced line AI-signed-off, AI-unreviewed or human from
the sidecars committed at that point, and gives defect rates per 1,000 lines, time to sign-off
and, with an incidents file, change failure rate and time to restore.

Options:
  --since REV|DATE     audit the commits after REV, or since DATE (YYYY-MM-DD)
  --format FORMAT      md (default), json, csv (one row per link), ndjson or parquet (tables)
  --out DIR            md: write audit.md and its SVG charts there; json, csv: audit.json or
                       audit.csv there; ndjson/parquet: the tables
  --incidents FILE     JSON or CSV: id, detected, resolved, commits and/or range (A..B)
  --fix-pattern RE     a commit message pattern that marks a fix (repeatable; replaces the
                       default '^fix(\\(scope\\))?!?:'); Fixes: trailers and reverts always count
  --repo NAME          the repository key in the tables (default: origin's URL, else the folder)
  --no-cache           ignore and do not write the cache in .git/aiprov/audit/
  --no-commit-graph    do not write git's commit-graph before reading many commits (blame is
                       several times faster with its changed-path filters)
  --query SQL          run SQL (DuckDB) over the tables under --from DIR (default .): views
                       commits, lines, signoffs, links, incidents

Settings in .aiprov/audit.json ({"fixPatterns": [...], "incidents": "path"}) are used when the
options are not given, by this command and by the audit page in VS Code.
`;

const FORMATS = ['md', 'json', 'csv', 'ndjson', 'parquet'];

/** origin's URL without credentials or scheme (`github.com/org/repo`), else the folder's name. */
async function repositoryName(repoRoot: string): Promise<string> {
  const url = await gitConfig(repoRoot, 'remote.origin.url');
  if (!url) return path.basename(repoRoot);
  return url
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/[?#].*$/, '') // a query may carry a token (`?private_token=...`)
    .replace(/^[^/]*@/, '') // user information, up to its last `@` (a user name may hold one)
    .replace(/^([^/:]+):(?!\d)/, '$1/')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
}

function progress(io: CliIO): ((done: number, total: number) => void) | undefined {
  if (!(io.stderr as NodeJS.WriteStream).isTTY) return undefined;
  return (done, total) => io.stderr.write(done === total ? '\r\x1b[K' : `\raiprov audit: ${done}/${total} commits read`);
}

function formatQuery(result: QueryResult, format: string): string {
  if (format === 'json') return JSON.stringify(result.rows, null, 2) + '\n';
  const text = (v: unknown) =>
    v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : `${v as string | number | boolean | bigint}`;
  if (format === 'csv') {
    const q = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    return (
      [result.columns, ...result.rows.map((r) => result.columns.map((c) => text(r[c])))].map((r) => r.map(q).join(',')).join('\n') + '\n'
    );
  }
  return (
    [
      `| ${result.columns.join(' | ')} |`,
      `| ${result.columns.map(() => '---').join(' | ')} |`,
      ...result.rows.map((r) => `| ${result.columns.map((c) => text(r[c]).replace(/\|/g, '\\|')).join(' | ')} |`),
    ].join('\n') + '\n'
  );
}

export const auditCommand: CliCommand = async (args, io) => {
  // A usage problem (ERR_PARSE_ARGS_*) is reported by the CLI's error boundary.
  const { values } = parseArgs({
    args,
    options: {
      since: { type: 'string' },
      format: { type: 'string', default: 'md' },
      out: { type: 'string' },
      incidents: { type: 'string' },
      'fix-pattern': { type: 'string', multiple: true },
      repo: { type: 'string' },
      'no-cache': { type: 'boolean' },
      'no-commit-graph': { type: 'boolean' },
      query: { type: 'string' },
      from: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const format = values.format;
  const fail = (msg: string) => (io.stderr.write(`aiprov audit: ${msg}\n`), 2);
  if (!FORMATS.includes(format)) return fail(`unknown format '${format}' (${FORMATS.join(', ')})`);

  if (values.query !== undefined) {
    if (!['md', 'json', 'csv'].includes(format)) return fail(`--query prints md, json or csv, not ${format}`);
    try {
      io.stdout.write(formatQuery(await queryTables(path.resolve(io.cwd, values.from ?? '.'), values.query), format));
      return 0;
    } catch (err) {
      return fail((err as Error).message.split('\n')[0]);
    }
  }
  if ((format === 'ndjson' || format === 'parquet') && !values.out) return fail(`--format ${format} writes tables: give --out DIR`);

  const repo = await repoOrComplain(io, 'audit');
  if (!repo) return 2;
  let config;
  let incidents;
  try {
    config = await loadAuditConfig(repo.repoRoot);
    // --incidents is relative to where you are; the setting, to the repository.
    if (values.incidents) incidents = await readIncidents(path.resolve(io.cwd, values.incidents), values.incidents);
    else if (config.incidents) incidents = await readIncidents(path.resolve(repo.repoRoot, config.incidents), config.incidents);
  } catch (err) {
    return fail(err instanceof IncidentsError || err instanceof AuditConfigError ? err.message : (err as Error).message.split('\n')[0]);
  }
  try {
    const repository = values.repo ?? (await repositoryName(repo.repoRoot));
    const run = await runAudit(repo.repoRoot, {
      since: values.since,
      fixPatterns: values['fix-pattern'] ?? config.fixPatterns,
      incidents,
      repository,
      gitDir: values['no-cache'] ? undefined : repo.commonDir,
      commitGraph: !values['no-commit-graph'],
      onProgress: progress(io),
    });
    const { report } = run;
    for (const p of report.problems) io.stderr.write(`aiprov audit: note: ${p}\n`);
    const out = values.out && path.resolve(io.cwd, values.out);
    if (format === 'ndjson' || format === 'parquet') {
      const written = await writeNdjsonTables(out!, repository, auditTables(repository, run.commits, run.changes, run.incidents));
      if (format === 'parquet')
        await ndjsonToParquet(
          TABLE_NAMES.map((table, i) => ({ table, ndjson: written[i], parquet: tablePath(out!, table, repository, 'parquet') })),
        );
      // One file per repository and table: an earlier run in the other format must not count twice.
      else for (const table of TABLE_NAMES) await fs.rm(tablePath(out!, table, repository, 'parquet'), { force: true });
      io.stdout.write(`wrote ${TABLE_NAMES.length} ${format} tables for ${repository} under ${out}\n`);
      return 0;
    }
    if (format === 'json' || format === 'csv') {
      const text = format === 'json' ? auditJson(report) : auditCsv(report);
      if (!out) io.stdout.write(text);
      else {
        const file = path.join(out, `audit.${format}`);
        await writeFileAtomic(file, text, { durable: false });
        io.stdout.write(`wrote ${file}\n`);
      }
    } else if (out) {
      const charts = auditCharts(report);
      for (const c of charts) await writeFileAtomic(path.join(out, c.file), c.svg, { durable: false });
      await writeFileAtomic(path.join(out, 'audit.md'), auditMarkdown(report, charts), { durable: false });
      io.stdout.write(`wrote ${path.join(out, 'audit.md')} and ${charts.length} charts\n`);
    } else io.stdout.write(auditMarkdown(report));
    return 0;
  } catch (err) {
    return fail((err as Error).message.split('\n')[0]);
  }
};
