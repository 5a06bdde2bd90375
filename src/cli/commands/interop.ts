// `aiprov import --format agent-trace FILE...`, `aiprov import --format git-ai [REV...]` and the
// Agent Trace side of `aiprov export --format agent-trace [REV]`.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { parseSidecar, SIDECAR_DIR, type Sidecar } from '../../core/format';
import { sidecarsToTrace, traceClaims } from '../../core/interop/agentTrace';
import { parseGitAiNote } from '../../core/interop/gitAiNotes';
import { importClaims } from '../../core/interop/importClaims';
import { gitText, readObjects } from '../../core/repo/git';
import { repoOrComplain } from '../repo';
import type { CliCommand, CliIO } from '../run';
import { CLI_VERSION } from '../version';

const IMPORT_HELP = `Usage: aiprov import --format agent-trace FILE...
       aiprov import --format git-ai [REV...]      (default HEAD; reads refs/notes/ai)

Maps another tool's AI attribution onto the current files (re-anchored when it was recorded at
another revision) into live provenance, so the review view and verify treat it like captured
spans. Bad records are reported with the reason; good ones still import.
`;

export async function exportAgentTrace(io: CliIO, revision: string): Promise<number> {
  const repo = await repoOrComplain(io, 'export');
  if (!repo) return 2;
  let commit: string;
  try {
    commit = (await gitText(repo.repoRoot, ['rev-parse', '--verify', `${revision}^{commit}`])).trim();
  } catch {
    io.stderr.write(`aiprov export: unknown revision '${revision}'\n`);
    return 2;
  }
  const paths = (await gitText(repo.repoRoot, ['ls-tree', '-r', '-z', '--name-only', commit, '--', SIDECAR_DIR])).split('\0').filter((p) => p.endsWith('.aiprov'));
  const texts = await readObjects(repo.repoRoot, paths.map((p) => `${commit}:${p}`));
  const sidecars: Sidecar[] = [];
  for (const p of paths) {
    try {
      sidecars.push(parseSidecar(texts.get(`${commit}:${p}`) ?? '', p));
    } catch (err) {
      io.stderr.write(`aiprov: ${(err as Error).message}; left out\n`);
    }
  }
  io.stdout.write(JSON.stringify(sidecarsToTrace(sidecars, commit, CLI_VERSION), null, 2) + '\n');
  return 0;
}

export const importCommand: CliCommand = async (args, io) => {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
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
    io.stderr.write(`aiprov import: --format must be agent-trace or git-ai\n\n${IMPORT_HELP}`);
    return 2;
  }
  const repo = await repoOrComplain(io, 'import');
  if (!repo) return 2;
  let problems = 0;
  const report = (source: string, reason: string) => {
    problems++;
    io.stderr.write(`aiprov import: ${source}: ${reason}\n`);
  };
  const sources = format === 'agent-trace' ? parsed.positionals : parsed.positionals.length ? parsed.positionals : ['HEAD'];
  if (sources.length === 0) {
    io.stderr.write(`aiprov import: name at least one Agent Trace file\n`);
    return 2;
  }
  for (const source of sources) {
    let claims;
    let revision: string | undefined;
    if (format === 'agent-trace') {
      let records: unknown[];
      try {
        const text = await fs.readFile(path.resolve(io.cwd, source), 'utf8');
        // A file holds one record, or one record per line (JSONL).
        records = text.trim().startsWith('{') && !text.trim().includes('\n{') ? [JSON.parse(text)] : text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
      } catch (err) {
        report(source, `cannot read it (${(err as Error).message})`);
        continue;
      }
      for (const [i, record] of records.entries()) {
        const parsedRecord = traceClaims(record);
        if (!parsedRecord.ok) {
          report(`${source} record ${i + 1}`, parsedRecord.reason);
          continue;
        }
        const r = await importClaims(repo.repoRoot, repo.gitDir, parsedRecord.claims, parsedRecord.revision);
        for (const p of r.problems) report(`${source} record ${i + 1}`, p);
        for (const f of r.imported) io.stdout.write(`imported ${f.spans} span(s) into ${f.path}\n`);
      }
      continue;
    }
    try {
      revision = (await gitText(repo.repoRoot, ['rev-parse', '--verify', `${source}^{commit}`])).trim();
    } catch {
      report(source, 'unknown revision');
      continue;
    }
    let note: string;
    try {
      note = await gitText(repo.repoRoot, ['notes', '--ref=ai', 'show', revision]);
    } catch {
      report(source, 'no git-ai note (refs/notes/ai) on this commit');
      continue;
    }
    const parsedNote = parseGitAiNote(note);
    if (!parsedNote.ok) {
      report(source, parsedNote.reason);
      continue;
    }
    claims = parsedNote.claims;
    const r = await importClaims(repo.repoRoot, repo.gitDir, claims, revision);
    for (const p of r.problems) report(source, p);
    for (const f of r.imported) io.stdout.write(`imported ${f.spans} span(s) into ${f.path}\n`);
  }
  return problems ? 1 : 0;
};
