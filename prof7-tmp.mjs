import { createRuntime } from './dist/adapters/lukhas.main.js';
import { createLocalExecutor } from './dist/agents/deliberation/local.executor.js';
import { RoleCatalogue } from './dist/agents/roles/role.catalogue.js';
import { createScriptedModel } from './dist/test/fakes/scripted.model.js';
import { inFlight } from './dist/simulations/bench/bench.util.js';
const AGENTS = ['ethical', 'logical', 'practical', 'creative'];
const REPLIES = AGENTS.map((_, i) => JSON.stringify({ position: i < 2 ? 'A' : 'B', rationale: 'because', confidence: 0.7 }));
const model = createScriptedModel({ record: false, replies: (req) => REPLIES[AGENTS.indexOf(req.context.agent.split('/')[0])] });
const full = createRuntime({ models: () => model });
const nogate = createRuntime({ executor: createLocalExecutor(new RoleCatalogue(), () => model) });
const which = process.argv[2] ?? 'both';
let seed = 0;
const go = (rt) => rt.deliberate({ question: 'A or B?', options: ['A', 'B'], agents: AGENTS, limits: { rounds: 3 }, seed: seed++ });
for (let rep = 0; rep < 6; rep++) {
  const out = [];
  for (const [name, rt] of [['full', full], ['nogate', nogate]]) {
    if (which !== 'both' && which !== name) continue;
    let t = performance.now(); await inFlight(2000, 64, () => go(rt)); const par = (performance.now() - t) * 1000 / 24000;
    t = performance.now(); for (let i = 0; i < 2000; i++) await go(rt); const sq = (performance.now() - t) * 1000 / 24000;
    out.push(`${name} seq ${sq.toFixed(1)} par ${par.toFixed(1)}`);
  }
  console.log(out.join(' | '));
}
