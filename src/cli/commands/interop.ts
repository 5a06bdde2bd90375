// `aiprov import --format agent-trace|git-ai` and the interop formats of `aiprov export`
// (`--format agent-trace|git-ai [REV]`).
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { readTraceRecord } from '../../core/interop/agentTrace';
import { sidecarsToTrace } from '../../core/interop/agentTraceExport';
import { committedSidecars } from '../../core/interop/committedSidecars';
import { sidecarsToGitAiNote } from '../../core/interop/gitAiExport';
import { parseGitAiNote } from '../../core/interop/gitAiNotes';
import { importClaims, type ImportResult } from '../../core/interop/importClaims';
import { GIT_AI_NOTES_REF, selectCommits } from '../../core/interop/gitAiHistory';
import { resolveCommit } from '../../core/interop/revisions';
import { git, gitText } from '../../core/repo/git';
import { repoOrComplain } from '../repo';
import type { CliCommand, CliIO } from '../run';
import { CLI_VERSION } from '../version';

const IMPORT_HELP = `Usage: aiprov import --format agent-trace FILE...   (a record per file, or JSONL; - for stdin)
       aiprov import --format git-ai [REV|A..B...]  (default HEAD; reads refs/notes/ai)
       aiprov import --format git-ai --all          (every noted commit of HEAD's history, oldest first)

Maps another tool's AI attribution onto the current files (re-anchored when it was recorded at
another revision) into live provenance, so the review view and verify treat it like captured
spans. Bad records are reported with the reason (exit 1); good ones still import. Nothing is
written to refs/notes/ai.
`;

async function readRecords(io: CliIO, source: string): Promise<unknown[]> {
  const text = source === '-' ? await readAll(io.stdin) : await fs.readFile(path.resolve(io.cwd, source), 'utf8');
  try {
    return [JSON.parse(text)];
  } catch (whole) {
    // One record per line (JSONL), as the reference implementation appends them; a file whose
    // first line is not a record on its own is one broken record, reported once.
    const rows = text.split('\n').filter((l) => l.trim());
    if (rows.length < 2 || !parses(rows[0])) return [new Error(`not valid JSON (${(whole as Error).message})`)];
    return rows.map((l, i) => {
      try {
        return JSON.parse(l) as unknown;
      } catch (err) {
        return new Error(`line ${i + 1} is not valid JSON (${(err as Error).message})`);
      }
    });
  }
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}

export const importCommand: CliCommand = async (args, io) => {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' }, all: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    io.stderr.write(`aiprov import: ${(err as Error).message}\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout.write(IMPORT_HELP);
    return 0;
  }
  const format = parsed.values.format;
  if (format !== 'agent-trace' && format !== 'git-ai') {
    io.stderr.write(`aiprov import: --format must be agent-trace or git-ai\n`);
    return 2;
  }
  if (parsed.values.all && (format !== 'git-ai' || parsed.positionals.length)) {
    io.stderr.write(`aiprov import: --all goes with --format git-ai and no revisions\n`);
    return 2;
  }
  if (format === 'agent-trace' && parsed.positionals.length === 0) {
    io.stderr.write(`aiprov import: name at least one Agent Trace file (or - for stdin)\n`);
    return 2;
  }
  const repo = await repoOrComplain(io, 'import');
  if (!repo) return 2;
  let problems = 0;
  const report = (source: string, reason: string) => {
    problems++;
    io.stderr.write(`aiprov import: ${source}: ${reason}\n`);
  };
  const show = (source: string, r: ImportResult) => {
    for (const p of r.problems) report(source, p);
    for (const w of r.warnings) io.stderr.write(`aiprov import: ${source}: warning: ${w}\n`);
    for (const f of r.imported) io.stdout.write(`imported ${f.spans} span(s) into ${f.path}\n`);
  };

  if (format === 'agent-trace') {
    for (const source of parsed.positionals) {
      let records: unknown[];
      try {
        records = await readRecords(io, source);
      } catch (err) {
        report(source, `cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
        continue;
      }
      for (const [i, raw] of records.entries()) {
        const label = records.length > 1 ? `${source} record ${i + 1}` : source;
        if (raw instanceof Error) {
          report(label, raw.message);
          continue;
        }
        const record = readTraceRecord(raw, label);
        if (!record.ok) {
          report(label, record.reason);
          continue;
        }
        for (const w of record.warnings) io.stderr.write(`aiprov import: ${label}: warning: ${w}\n`);
        show(label, await importClaims(repo.repoRoot, repo.gitDir, record.claims, { revision: record.revision, vcsType: record.vcsType }));
      }
    }
    return problems ? 1 : 0;
  }

  const specs: Array<string | undefined> = parsed.values.all ? [undefined] : parsed.positionals.length ? parsed.positionals : ['HEAD'];
  for (const spec of specs) {
    const selection = await selectCommits(repo.repoRoot, spec);
    if (!selection.ok) {
      report(spec ?? '--all', selection.reason);
      continue;
    }
    if (selection.range && selection.commits.length === 0) io.stdout.write(`${spec ?? '--all'}: no commit there has a git-ai note (${GIT_AI_NOTES_REF})\n`);
    for (const commit of selection.commits) {
      const source = selection.range ? commit.slice(0, 12) : spec!;
      let note: string;
      try {
        note = await gitText(repo.repoRoot, ['notes', `--ref=${GIT_AI_NOTES_REF}`, 'show', commit]);
      } catch {
        report(source, `no git-ai note (${GIT_AI_NOTES_REF}) on this commit`);
        continue;
      }
      const parsedNote = parseGitAiNote(note, source);
      if (!parsedNote.ok) {
        report(source, parsedNote.reason);
        continue;
      }
      if (parsedNote.humanLines) io.stdout.write(`${source}: ${parsedNote.humanLines} line(s) a known human wrote stay human\n`);
      if (parsedNote.claims.length === 0) io.stdout.write(`${source}: the note attributes no lines to AI; nothing to import\n`);
      show(source, await importClaims(repo.repoRoot, repo.gitDir, parsedNote.claims, { revision: commit }));
    }
  }
  return problems ? 1 : 0;
};

export interface InteropExportOptions {
  format: 'agent-trace' | 'git-ai';
  revision: string;
  /** git-ai only: attach the note to the commit in refs/notes/ai (never done unasked). */
  writeNotes?: boolean;
  force?: boolean;
}

export async function exportInterop(io: CliIO, opts: InteropExportOptions): Promise<number> {
  const repo = await repoOrComplain(io, 'export');
  if (!repo) return 2;
  const commit = await resolveCommit(repo.repoRoot, opts.revision);
  if (!commit) {
    io.stderr.write(`aiprov export: unknown revision '${opts.revision}'\n`);
    return 2;
  }
  const { files, problems } = await committedSidecars(repo.repoRoot, commit);
  for (const p of problems) io.stderr.write(`aiprov export: ${p}\n`);
  // What could not be read was reported above; the rest is still exported, and the exit code says so.
  const done = problems.length ? 1 : 0;
  if (opts.format === 'agent-trace') {
    io.stdout.write(JSON.stringify(sidecarsToTrace(files, commit, CLI_VERSION), null, 2) + '\n');
    return done;
  }
  const note = sidecarsToGitAiNote(files, commit);
  if (!opts.writeNotes) {
    io.stdout.write(note + '\n');
    return done;
  }
  const existing = await gitText(repo.repoRoot, ['notes', `--ref=${GIT_AI_NOTES_REF}`, 'list', commit]).catch(() => '');
  if (existing.trim() && !opts.force) {
    io.stderr.write(`aiprov export: ${commit.slice(0, 8)} already has a git-ai note in ${GIT_AI_NOTES_REF}; left as it is (--force replaces it)\n`);
    return 2;
  }
  // The note's exact bytes, as git-ai writes them: stored as a blob and attached with -C, which
  // (unlike -m or -F) does not reformat the text.
  const blob = (await gitText(repo.repoRoot, ['hash-object', '-w', '--stdin'], note)).trim();
  await git(repo.repoRoot, ['notes', `--ref=${GIT_AI_NOTES_REF}`, 'add', '-f', '-C', blob, commit]);
  io.stdout.write(`wrote the git-ai note for ${commit.slice(0, 8)} (${files.length} file(s)) to ${GIT_AI_NOTES_REF}\n`);
  return done;
}
