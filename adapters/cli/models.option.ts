import { offlinePrice, type RuntimeOptions } from '../lukhas.main.js';
import { createSimulatedModel } from '../models/simulated.adapter.js';
import { createModelResolver, parseModelSpec, parseModelsFlag } from '../models/model-spec.js';
import { costOf, DEFAULT_PRICES, loadPriceTable, priceFor, type PriceTable } from '../../runtime/models/ledger.js';
import type { ModelResponse } from '../../runtime/models/model.port.js';

/** What the CLI's model flags turn into. */
export interface ConfiguredModels {
  runtimeOptions: Partial<RuntimeOptions>;
  /** Plain notices for people ("running on the simulated model"). */
  notices: string[];
}

/** Prices a response from a price table; offline models are free; a model missing from the table is unpriced (null). */
export function pricer(table: PriceTable = DEFAULT_PRICES) {
  return (r: ModelResponse): number | null => {
    if (offlinePrice(r) === 0) return 0;
    const p = priceFor(table, r.provider, r.model);
    return p ? costOf(r.usage, p) : null;
  };
}

/** Turns `--models`, `--judge`, `--record`, `--replay`, `--prices` into runtime options. */
export function configureModels(flags: { models?: string; judge?: string; record?: string; replay?: string; prices?: string; seed?: number }): ConfiguredModels {
  const simulated = createSimulatedModel();
  const table = flags.prices ? loadPriceTable(flags.prices) : DEFAULT_PRICES;
  const resolver = createModelResolver({
    simulated: () => simulated,
    ...(flags.models ? { models: parseModelsFlag(flags.models) } : {}),
    ...(flags.record ? { record: flags.record } : {}),
    ...(flags.replay ? { replay: flags.replay } : {}),
    resilience: { seed: flags.seed ?? 0 },
  });
  const notices: string[] = [];
  if (!flags.models && !flags.replay) notices.push('Running on the simulated model (offline, seeded): no API keys are used and no provider is called.');
  else if (resolver.notice) notices.push(resolver.notice);
  if (flags.replay) notices.push(`Serving model replies from the cassettes in ${flags.replay}: no network calls.`);
  // one adapter per agent, built once (the resolver shares provider clients between agents)
  const cache = new Map<string, ReturnType<typeof resolver>>();
  const models: RuntimeOptions['models'] = (agent) => {
    const key = `${agent.role}/${agent.key ?? ''}/${agent.model ?? ''}`;
    let m = cache.get(key);
    if (!m) cache.set(key, (m = resolver(agent)));
    return m;
  };
  const judge = flags.judge ? resolver({ role: 'judge', key: '1', model: (parseModelSpec(flags.judge, '--judge'), flags.judge) }) : undefined;
  return { runtimeOptions: { models, price: pricer(table), ...(judge ? { judge } : {}) }, notices };
}
