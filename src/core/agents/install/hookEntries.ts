// Adds aiprov's command to an agent's JSON hook configuration without touching anything else: an
// entry that already runs `… hook <agent>` is updated in place (so installing twice, or from a new
// location, never adds a second one); every other hook, setting and key order is kept.
import { asObject, type JsonObject } from '../types';

/** Claude Code, Codex, Gemini CLI: event → [{ matcher, hooks: [{ type: "command", command }] }]. */
export function addMatcherHook(
  hooks: JsonObject,
  event: string,
  matcher: string,
  handler: JsonObject,
  isOurs: (command: string) => boolean,
): boolean {
  const groups = arrayAt(hooks, event);
  for (const group of groups) {
    const handlers = Array.isArray(asObject(group)?.hooks) ? (asObject(group)?.hooks as unknown[]) : [];
    for (let i = 0; i < handlers.length; i++) {
      const command = asObject(handlers[i])?.command;
      if (typeof command === 'string' && isOurs(command)) {
        const g = group as JsonObject;
        const same = g.matcher === matcher && JSON.stringify(handlers[i]) === JSON.stringify(handler);
        if (!same) {
          handlers[i] = handler;
          g.matcher = matcher;
        }
        return !same;
      }
    }
  }
  groups.push({ matcher, hooks: [handler] });
  return true;
}

/** Cursor, Windsurf, Copilot: event → [{ command | bash, ... }]. */
export function addFlatHook(
  hooks: JsonObject,
  event: string,
  entry: JsonObject,
  commandKey: string,
  isOurs: (command: string) => boolean,
): boolean {
  const entries = arrayAt(hooks, event);
  for (let i = 0; i < entries.length; i++) {
    const command = asObject(entries[i])?.[commandKey];
    if (typeof command === 'string' && isOurs(command)) {
      const same = JSON.stringify(entries[i]) === JSON.stringify(entry);
      if (!same) entries[i] = entry;
      return !same;
    }
  }
  entries.push(entry);
  return true;
}

/** The array at `obj[key]`, created when missing; a non-array there is an error, never overwritten. */
function arrayAt(obj: JsonObject, key: string): unknown[] {
  if (obj[key] === undefined) obj[key] = [];
  const value = obj[key];
  if (!Array.isArray(value)) throw new Error(`"${key}" is not a list of hooks`);
  return value;
}

/** `obj[key]` as an object, created when missing. */
export function objectAt(obj: JsonObject, key: string): JsonObject {
  if (obj[key] === undefined) obj[key] = {};
  const value = asObject(obj[key]);
  if (!value) throw new Error(`"${key}" is not an object`);
  return value;
}
