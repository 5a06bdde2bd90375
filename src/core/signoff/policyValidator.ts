// The schema of `.aiprov/policy.json`. Bundles replace this module with the validator compiled at
// build time (scripts/precompileValidators.mjs): keep its exports to `validatorSpec` and `createValidator`.
import type { ValidateFunction } from 'ajv';
import { CONFIDENCES, ORIGINS } from '../model';
import { compileValidator, type ValidatorSpec } from '../validation/validatorSpec';

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['version'],
  properties: {
    version: { const: 1 },
    origins: { type: 'array', items: { enum: [...ORIGINS] } },
    confidences: { type: 'array', items: { enum: [...CONFIDENCES] } },
    forbidSelfSignOff: { type: 'boolean' },
    minSeniors: { type: 'integer', minimum: 1 },
    requireSignature: { type: 'boolean' },
    requireAiAssistedTrailer: { type: 'boolean' },
    checklist: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'label'],
        properties: { id: { type: 'string', minLength: 1 }, label: { type: 'string' } },
      },
    },
  },
} as const;

export const validatorSpec: ValidatorSpec = { draft: '07', schema, options: { strict: true } };

export function createValidator(): ValidateFunction {
  return compileValidator(validatorSpec);
}
