import { createHash } from 'node:crypto';

/**
 * Canonical JSON: object keys sorted, undefined members dropped, numbers as JSON prints them, typed arrays as
 * arrays. Two equal values always give the same bytes, whatever their key order (a JSONB round trip reorders
 * keys), which is what byte-identical journals and request hashes rest on. One pass, no intermediate copies:
 * it runs on every journal seal.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? 'null';
}

function write(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError('canonicalJson: BigInt is not JSON');
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) s += (i ? ',' : '') + (write(v[i]) ?? 'null');
    return `${s}]`;
  }
  if (ArrayBuffer.isView(v)) return write(Array.from(v as unknown as ArrayLike<number>));
  const o = v as Record<string, unknown>;
  if (typeof (o as { toJSON?: unknown }).toJSON === 'function') return write((o as { toJSON: () => unknown }).toJSON());
  const keys = Object.keys(o).sort();
  let s = '{';
  let first = true;
  for (const k of keys) {
    const w = write(o[k]);
    if (w === undefined) continue;
    s += `${first ? '' : ','}${JSON.stringify(k)}:${w}`;
    first = false;
  }
  return `${s}}`;
}

/** SHA-256 hex of the canonical JSON of a value. */
export function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
