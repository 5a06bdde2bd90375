// One canonical JSON form: keys sorted at every level, two-space indent, trailing newline. Equal
// data always gives equal bytes, so sidecar diffs in pull requests show only real changes.
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

/** Compact canonical form, for bytes that get signed. */
export function canonicalJsonCompact(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** Returns `value` itself when it is already canonical, so canonical input costs no copying. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = sortKeys(value[i]);
      if (v !== value[i]) (copy ??= value.slice())[i] = v;
    }
    return copy ?? value;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    let children: unknown[] | undefined;
    let sorted = true;
    for (let i = 0; i < keys.length; i++) {
      if (i > 0 && keys[i - 1] >= keys[i]) sorted = false;
      const v = record[keys[i]];
      const c = v === undefined ? undefined : sortKeys(v);
      if (c !== v || v === undefined) children ??= keys.slice(0, i).map((k) => record[k]);
      if (children) children[i] = c;
    }
    if (sorted && !children) return value;
    const out: Record<string, unknown> = {};
    const order = keys.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : 1));
    for (const i of order) {
      const c = children ? children[i] : record[keys[i]];
      if (c !== undefined) out[keys[i]] = c;
    }
    return out;
  }
  return value;
}
