import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LukhasError } from '../errors.js';

/**
 * A typed handle on a worker task: which module, which export, and (for the type checker only) the input and
 * output types. Plain data, so it can be logged or put in a config.
 */
export interface TaskRef<I, O> {
  readonly filename: string;
  readonly name: string;
  readonly __types?: [I, O];
}

/**
 * Finds the file that actually exists for a task module URL. Callers write `new URL('./x.worker.js',
 * import.meta.url)` so that the compiled `dist/` tree works unchanged; when running from the TypeScript source
 * only `x.worker.ts` exists, so the `.ts` sibling is taken (and the pool then starts workers under tsx).
 */
export function resolveTaskFile(moduleUrl: URL): string {
  if (moduleUrl.protocol !== 'file:') {
    throw new LukhasError('BAD_OPTION', `invalid worker task module: ${moduleUrl.href} (expected a file: URL)`);
  }
  const path = fileURLToPath(moduleUrl);
  if (existsSync(path)) return path;
  const candidates = path.endsWith('.js') ? [path.slice(0, -3) + '.ts'] : path.endsWith('.mjs') ? [path.slice(0, -4) + '.mts'] : [];
  for (const c of candidates) if (existsSync(c)) return c;
  throw new LukhasError('BAD_OPTION', `worker task module not found: ${path}${candidates.length ? ` (nor ${candidates.join(', ')})` : ''}`);
}

/**
 * Declares a worker task. The module must export (by default as `default`) a function taking and returning plain
 * data (structured-clone-safe; typed arrays are fine). The file is resolved lazily on first use, so declaring a
 * task at module top level touches nothing.
 *
 * @example const similarity = defineTask<SimIn, SimOut>(new URL('./similarity.worker.js', import.meta.url));
 */
export function defineTask<I, O>(moduleUrl: URL, exportName = 'default'): TaskRef<I, O> {
  if (!(moduleUrl instanceof URL)) {
    throw new LukhasError('BAD_OPTION', `invalid worker task module: ${String(moduleUrl)} (expected a URL, e.g. new URL('./x.worker.js', import.meta.url))`);
  }
  if (typeof exportName !== 'string' || exportName.length === 0) badExport(exportName);
  let resolved: string | undefined;
  return {
    get filename(): string {
      resolved ??= resolveTaskFile(moduleUrl);
      return resolved;
    },
    name: exportName,
  };
}

function badExport(name: unknown): never {
  throw new LukhasError('BAD_OPTION', `invalid worker task export name: ${JSON.stringify(name)} (expected a non-empty string)`);
}

/** True when a task file needs a TypeScript loader in the worker. */
export function isTypeScriptFile(filename: string): boolean {
  return /\.(c|m)?ts$/.test(filename);
}

/** What the task host sends back: task errors travel as data so they are never mistaken for a crashed worker. */
export type TaskOutcome<O> =
  | { ok: true; value: O }
  | { ok: false; error: { name: string; message: string; code?: string; details?: Record<string, unknown>; stack?: string } };

/** The message the pool posts to its task host. */
export interface TaskEnvelope {
  filename: string;
  name: string;
  input: unknown;
}
