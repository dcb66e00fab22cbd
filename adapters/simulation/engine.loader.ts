import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LukhasError } from '../../runtime/errors.js';
import type { EngineModule, SimulationEngine } from '../../runtime/simulation/executor.port.js';

/** `.ts` when running from source (tsx, vitest), `.js` when running from dist: child entries follow suit. */
export const SOURCE_EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/** Absolute path of a sibling module of this folder, with the extension of the running code. */
export function siblingPath(base: string): string {
  return fileURLToPath(new URL(`./${base}${SOURCE_EXT}`, import.meta.url));
}

/** The default engine module: the real runtime (`createRuntime`) wired by runtime-engine.main. */
export function defaultEngineModule(): string {
  return siblingPath('runtime-engine.main');
}

/** Resolves an `--engine` argument (a path, relative to the working directory) to an absolute file path. */
export function resolveEngineModule(specifier: string | undefined): string {
  if (specifier === undefined || specifier === '') return defaultEngineModule();
  return isAbsolute(specifier) ? specifier : resolve(process.cwd(), specifier);
}

/** Node arguments a child needs to load `modules` (tsx for TypeScript sources). */
export function execArgvFor(...modules: string[]): string[] {
  return modules.some((m) => m.endsWith('.ts') || m.endsWith('.mts')) ? ['--import', 'tsx'] : [];
}

/**
 * Loads an engine module and creates its engine. The module must export `createEngine()`; anything else is a
 * BAD_OPTION naming the module, so a wrong `--engine` fails before any run starts.
 */
export async function loadEngine(modulePath?: string): Promise<SimulationEngine> {
  const path = resolveEngineModule(modulePath);
  let mod: Partial<EngineModule>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Partial<EngineModule>;
  } catch (err) {
    throw new LukhasError('BAD_OPTION', `invalid --engine: cannot load ${path} (${(err as Error).message})`, { cause: err });
  }
  if (typeof mod.createEngine !== 'function') {
    throw new LukhasError('BAD_OPTION', `invalid --engine: ${path} does not export createEngine()`);
  }
  const engine = await mod.createEngine();
  if (!engine || typeof engine.deliberate !== 'function') {
    throw new LukhasError('BAD_OPTION', `invalid --engine: createEngine() of ${path} returned no deliberate function`);
  }
  return engine;
}
