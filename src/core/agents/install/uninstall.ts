// `aiprov hooks uninstall --agent <agent>`: takes aiprov's entries out of the agent's configuration
// (both scopes), keeping every other hook; a file left with nothing but aiprov's entries is
// removed, a chained Cline script is put back.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '../../io/atomicWrite';
import type { RepoLocation } from '../../repo/git';
import type { AgentId } from '../registry';
import { asObject, type JsonObject } from '../types';
import { CHAINED_SUFFIX, MANAGED_MARKER } from './clineScript';
import { readJsonConfig, readOrUndefined } from './configFiles';
import { PLUGIN_MARKER } from './opencodePlugin';
import { ourCommand, targetFor, type InstallTarget } from './targets';

export async function uninstallAgentHooks(agent: AgentId, repo: RepoLocation): Promise<string[]> {
  const targets: InstallTarget[] = [targetFor(agent, 'local'), targetFor(agent, 'project')];
  const changed = new Set<string>();
  const seen = new Set<string>();
  for (const target of targets) {
    if (target.kind === 'json') {
      if (seen.has(target.file)) continue;
      seen.add(target.file);
      const abs = path.join(repo.repoRoot, target.file);
      if ((await readOrUndefined(abs)) === undefined) continue;
      const config = await readJsonConfig(abs);
      const hooks = asObject(config.hooks);
      if (!hooks || !removeOurHooks(hooks, ourCommand(agent))) continue;
      if (isEmptyConfig(config)) await fs.rm(abs);
      else await writeFileAtomic(abs, JSON.stringify(config, null, 2) + '\n');
      changed.add(target.file);
    } else {
      const files = target.kind === 'script' ? target.files.map((f) => f.file) : [target.file];
      const marker = target.kind === 'script' ? MANAGED_MARKER : PLUGIN_MARKER;
      for (const file of files) {
        if (seen.has(file)) continue;
        seen.add(file);
        const abs = path.join(repo.repoRoot, file);
        if (!(await readOrUndefined(abs))?.includes(marker)) continue;
        await fs.rm(abs);
        await fs.rename(abs + CHAINED_SUFFIX, abs).catch(() => undefined);
        changed.add(file);
      }
    }
  }
  return [...changed];
}

/** Drops aiprov's handlers from every event (nested matcher groups or flat entries); true when any went. */
function removeOurHooks(hooks: JsonObject, isOurs: (command: string) => boolean): boolean {
  let removed = false;
  for (const [event, entries] of Object.entries(hooks)) {
    if (!Array.isArray(entries)) continue;
    const kept: unknown[] = [];
    for (const entry of entries) {
      const obj = asObject(entry);
      const command = obj?.command ?? obj?.bash;
      if (typeof command === 'string' && isOurs(command)) {
        removed = true;
        continue;
      }
      if (obj && Array.isArray(obj.hooks)) {
        const handlers = obj.hooks.filter((h) => {
          const c = asObject(h)?.command;
          return !(typeof c === 'string' && isOurs(c));
        });
        if (handlers.length !== obj.hooks.length) {
          removed = true;
          if (handlers.length === 0) continue;
          obj.hooks = handlers;
        }
      }
      kept.push(entry);
    }
    if (kept.length) hooks[event] = kept;
    else if (entries.length) delete hooks[event];
  }
  return removed;
}

function isEmptyConfig(config: JsonObject): boolean {
  const hooks = asObject(config.hooks);
  return Object.keys(config).every((k) => k === 'hooks' || k === 'version') && (!hooks || Object.keys(hooks).length === 0);
}
