import { createHash } from 'node:crypto';

/**
 * Canonical JSON: object keys sorted, no undefined, numbers as JSON prints them. Two equal values always give
 * the same bytes, which is what byte-identical journals and request hashes rest on.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** SHA-256 hex of the canonical JSON of a value. */
export function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
