// Chat edits name their model as the host's language-model identifier: `vendor|group|id` for
// bring-your-own-key models (`customendpoint|Fake|fake-model`), `vendor/id` for others. Reviewers
// want the model; the vendor is kept beside it.

export interface ModelName {
  model: string;
  provider?: string;
}

export function parseModelId(raw: unknown): ModelName | undefined {
  if (typeof raw !== 'string') return undefined;
  const parts = raw
    .split(raw.includes('|') ? '|' : '/')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return undefined;
  const model = parts[parts.length - 1];
  return parts.length > 1 ? { model, provider: parts[0] } : { model };
}
