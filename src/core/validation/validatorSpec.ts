// A JSON Schema validator described as data: the schema, its draft and ajv's options. Tests and
// `tsx` runs compile it on first use; the bundles carry it compiled at build time instead
// (scripts/precompileValidators.mjs), so no short-lived process pays ajv's compile.
import Ajv, { type Options, type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';

export interface ValidatorSpec {
  draft: '07' | '2020-12';
  schema: object;
  options: Options;
}

export function compileValidator(spec: ValidatorSpec): ValidateFunction {
  const ajv = spec.draft === '2020-12' ? new Ajv2020(spec.options) : new Ajv(spec.options);
  return ajv.compile(spec.schema);
}
