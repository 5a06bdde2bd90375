// Schema validation with a compiled ajv validator, created on first use so activation stays cheap.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from './sidecar.schema.json';

let validator: ValidateFunction | undefined;

/** Readable reasons ("spans[3].ranges[0].end: must be integer"), empty when valid. */
export function schemaProblems(data: unknown): string[] {
  // The schema is ours and fixed (its tests compile it): skipping the meta-schema check and code
  // optimisation makes the first compile ~3x cheaper, which short-lived CLI runs (agent hooks) pay.
  validator ??= new Ajv({ allErrors: false, strict: true, validateSchema: false, code: { optimize: false } }).compile(schema);
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
