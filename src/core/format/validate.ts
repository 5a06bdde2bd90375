// Schema validation of `.aiprov` files, with reasons a person can act on.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createValidator } from './sidecarValidator';

let validator: ValidateFunction | undefined;

/** Readable reasons ("spans[3].ranges[0].end: must be integer"), empty when valid. */
export function schemaProblems(data: unknown): string[] {
  // Created on first use so activation stays cheap.
  validator ??= createValidator();
  if (validator(data)) return [];
  return (validator.errors ?? []).map(describe);
}

function describe(e: ErrorObject): string {
  const where = e.instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
  let message = e.message ?? 'is invalid';
  if (e.keyword === 'additionalProperties')
    message = `unknown property "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  if (e.keyword === 'enum')
    message = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  return `${where || '(top level)'}: ${message}`;
}
