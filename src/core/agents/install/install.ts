// `aiprov hooks install --agent <agent>`: writes the agent's hook configuration so it reports each
// file edit to `aiprov hook <agent>`. Existing hooks are kept, installing twice changes nothing, and
// in local scope the file aiprov writes is git-ignored (.git/info/exclude), so only this clone has it.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '../../io/atomicWrite';
import { git, gitText, type RepoLocation } from '../../repo/git';
import type { AgentId } from '../registry';
import { CHAINED_SUFFIX, clineScript, MANAGED_MARKER } from './clineScript';
import { readJsonConfig, readOrUndefined } from './configFiles';
import { opencodePlugin } from './opencodePlugin';
import { targetFor, type Scope } from './targets';

export interface InstallResult {
  agent: AgentId;
  /** Repository-relative files written (or already up to date). */
  files: string[];
  changed: boolean;
  notes: string[];
}

export async function installAgentHooks(agent: AgentId, repo: RepoLocation, scope: Scope, command: string): Promise<InstallResult> {
  const target = targetFor(agent, scope);
  const result: InstallResult = { agent, files: [], changed: false, notes: [] };
  const files = target.kind === 'script' ? target.files.map((f) => f.file) : [target.file];
  // Refuse before writing anything: a committed file cannot be made local.
  if (scope === 'local') for (const file of files) await assertNotTracked(repo.repoRoot, file);
  if (target.kind === 'json') {
    const abs = path.join(repo.repoRoot, target.file);
    const config = await readJsonConfig(abs);
    if (target.apply(config, command)) {
      await writeFileAtomic(abs, JSON.stringify(config, null, 2) + '\n');
      result.changed = true;
    }
  } else if (target.kind === 'script') {
    for (const { file, event } of target.files) {
      const abs = path.join(repo.repoRoot, file);
      const existing = await readOrUndefined(abs);
      const script = clineScript(event, command);
      if (existing === script) continue;
      if (existing !== undefined && !existing.includes(MANAGED_MARKER)) {
        await fs.rename(abs, abs + CHAINED_SUFFIX);
        result.notes.push(`existing ${file} kept and chained`);
      }
      await writeFileAtomic(abs, script);
      await fs.chmod(abs, 0o755);
      result.changed = true;
    }
  } else {
    const abs = path.join(repo.repoRoot, target.file);
    const plugin = await opencodePlugin(command);
    if ((await readOrUndefined(abs)) !== plugin) {
      await writeFileAtomic(abs, plugin);
      result.changed = true;
    }
  }
  result.files.push(...files);
  if (scope === 'local') {
    const ignored = await ignoreLocally(repo, files);
    if (ignored) result.changed = true;
  }
  return result;
}

async function assertNotTracked(repoRoot: string, file: string): Promise<void> {
  const tracked = (await gitText(repoRoot, ['ls-files', '-z', '--', file])).length > 0;
  if (tracked) throw new Error(`${file} is committed, so a local-scope hook cannot be hidden from git; use --scope project`);
}

/** Adds the files to .git/info/exclude unless git already ignores them; returns whether it added any. */
async function ignoreLocally(repo: RepoLocation, files: string[]): Promise<boolean> {
  const missing: string[] = [];
  for (const file of files) {
    try {
      await git(repo.repoRoot, ['check-ignore', '-q', '--no-index', '--', file]);
    } catch {
      missing.push(file);
    }
  }
  if (missing.length === 0) return false;
  const exclude = path.join(repo.commonDir, 'info', 'exclude');
  const current = (await readOrUndefined(exclude)) ?? '';
  const lines = missing.map((f) => `/${f}`);
  const text =
    current + (current === '' || current.endsWith('\n') ? '' : '\n') + `# aiprov agent hooks (local scope)\n${lines.join('\n')}\n`;
  await writeFileAtomic(exclude, text);
  return true;
}
