// Reading an agent's configuration without ever losing it: a file that cannot be read or parsed is
// reported with the reason and left untouched.
import * as fs from 'node:fs/promises';
import { asObject, type JsonObject } from '../types';

export async function readOrUndefined(abs: string): Promise<string | undefined> {
  try {
    return await fs.readFile(abs, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${abs}: cannot read it (${(err as Error).message}); left untouched`);
  }
}

export async function readJsonConfig(abs: string): Promise<JsonObject> {
  const text = await readOrUndefined(abs);
  if (text === undefined || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`${abs}: cannot read it (${(err as Error).message}); left untouched`);
  }
  const obj = asObject(value);
  if (!obj) throw new Error(`${abs}: not a JSON object; left untouched`);
  return obj;
}
