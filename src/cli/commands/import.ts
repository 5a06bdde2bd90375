// `aiprov import --format agent-trace|git-ai`: another tool's AI attribution into live provenance.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { readTraceRecord } from '../../core/interop/agentTrace';
import { parseGitAiNote } from '../../core/interop/gitAiNotes';
import { importClaims, type ImportResult } from '../../core/interop/importClaims';
import { GIT_AI_NOTES_REF, selectCommits } from '../../core/interop/gitAiHistory';
import { gitText } from '../../core/repo/git';
import { repoOrComplain } from '../repo';
import type { CliCommand, CliIO } from '../types';

const IMPORT_HELP = `Usage: aiprov import --format agent-trace FILE...   (a record per file, or JSONL; - for stdin)
       aiprov import --format git-ai [REV|A..B...]  (default HEAD; reads refs/notes/ai)
       aiprov import --format git-ai --all          (every noted commit of HEAD's history, oldest first)

Maps another tool's AI attribution onto the current files (re-anchored when it was recorded at
another revision) into live provenance, so the review view and verify treat it like captured
spans. Bad records are reported with the reason (exit 1); good ones still import. A file whose
live record or sidecar cannot be read imports nothing and is left byte-identical (exit 2).
Nothing is written to refs/notes/ai.
`;

async function readRecords(io: CliIO, source: string): Promise<unknown[]> {
  const read = source === '-' ? await io.readStdin() : await fs.readFile(path.resolve(io.cwd, source), 'utf8');
  // A byte order mark (editors on Windows write one) is not part of the JSON.
  const text = read.replace(/^\uFEFF/, '');
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

export const importCommand: CliCommand = async (args, io) => {
  // A usage problem (ERR_PARSE_ARGS_*) is reported by the CLI's error boundary.
  const parsed = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string' }, all: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
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
  let unreadable = 0;
  const report = (source: string, reason: string) => {
    problems++;
    io.stderr.write(`aiprov import: ${source}: ${reason}\n`);
  };
  const show = (source: string, r: ImportResult) => {
    for (const p of r.problems) report(source, p);
    for (const u of r.unreadable) {
      unreadable++;
      io.stderr.write(`aiprov import: ${u.file}: ${u.reason}\n`);
    }
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
      const warned = new Set<string>();
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
        // The same warning for every record of a file (the reference implementation's version) is said once.
        for (const w of record.warnings.filter((x) => !warned.has(x))) {
          warned.add(w);
          io.stderr.write(`aiprov import: ${source}: warning: ${w}\n`);
        }
        show(
          label,
          await importClaims(repo.repoRoot, repo.gitDir, record.claims, {
            revision: record.revision,
            vcsType: record.vcsType,
            linesAfterRevision: record.linesAfterRevision,
          }),
        );
      }
    }
    return unreadable ? 2 : problems ? 1 : 0;
  }

  const specs: Array<string | undefined> = parsed.values.all ? [undefined] : parsed.positionals.length ? parsed.positionals : ['HEAD'];
  for (const spec of specs) {
    const selection = await selectCommits(repo.repoRoot, spec);
    if (!selection.ok) {
      report(spec ?? '--all', selection.reason);
      continue;
    }
    if (selection.range && selection.commits.length === 0)
      io.stdout.write(`${spec ?? '--all'}: no commit there has a git-ai note (${GIT_AI_NOTES_REF})\n`);
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
  return unreadable ? 2 : problems ? 1 : 0;
};
