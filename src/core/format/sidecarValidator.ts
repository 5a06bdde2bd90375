// The `.aiprov` schema's validator. Bundles replace this module with the validator compiled at
// build time (scripts/precompileValidators.mjs): keep its exports to `validatorSpec` and `createValidator`.
import type { ValidateFunction } from 'ajv';
import { compileValidator, type ValidatorSpec } from '../validation/validatorSpec';
import schema from './sidecar.schema.json';

export const validatorSpec: ValidatorSpec = {
  draft: '07',
  schema,
  // The schema is ours and fixed (its tests compile it): no meta-schema check, no code optimisation.
  options: { allErrors: false, strict: true, validateSchema: false, code: { optimize: false } },
};

export function createValidator(): ValidateFunction {
  return compileValidator(validatorSpec);
}
