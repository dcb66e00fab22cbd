import type { RuntimeOptions } from '../lukhas.main.js';
import { LukhasError } from '../../runtime/errors.js';

/** What the CLI's model flags turn into. */
export interface ConfiguredModels {
  runtimeOptions: Partial<RuntimeOptions>;
  /** Plain notices for people ("running on the simulated model"). */
  notices: string[];
}

/** Turns `--models`, `--judge`, `--record`, `--replay` into runtime options. */
export function configureModels(flags: { models?: string; judge?: string; record?: string; replay?: string; roles: string[] }): ConfiguredModels {
  if (flags.models || flags.judge || flags.record || flags.replay) {
    throw new LukhasError('UNSUPPORTED', 'provider models are not wired into this build yet');
  }
  return { runtimeOptions: {}, notices: ['Running on the simulated model (offline, seeded): no API keys are used and no provider is called.'] };
}
