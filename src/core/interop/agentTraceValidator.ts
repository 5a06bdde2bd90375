// The Agent Trace specification's own §6.1 Trace Record schema. Bundles replace this module with the
// validator compiled at build time (scripts/precompileValidators.mjs): keep its exports to
// `validatorSpec` and `createValidator`.
import type { ValidateFunction } from 'ajv';
import { compileValidator, type ValidatorSpec } from '../validation/validatorSpec';
import schema from './agentTraceRecord.schema.json';

export const validatorSpec: ValidatorSpec = {
  draft: '2020-12',
  schema,
  // Formats (uuid, date-time, uri) are advisory here: a record is still usable without them.
  options: { strict: false, validateFormats: false, allErrors: false },
};

export function createValidator(): ValidateFunction {
  return compileValidator(validatorSpec);
}
