import { createRuntime } from './dist/adapters/lukhas.main.js';
import { createScriptedModel } from './dist/test/fakes/scripted.model.js';
import { inFlight } from './dist/simulations/bench/bench.util.js';
const AGENTS = ['ethical', 'logical', 'practical', 'creative'];
const REPLIES = AGENTS.map((_, i) => JSON.stringify({ position: i < 2 ? 'A' : 'B', rationale: 'because', confidence: 0.7 }));
const model = createScriptedModel({ record: false, replies: (req) => REPLIES[AGENTS.indexOf(req.context.agent.split('/')[0])] });
const full = createRuntime({ models: () => model });
let seed = 0;
const go = (rt) => rt.deliberate({ question: 'A or B?', options: ['A', 'B'], agents: AGENTS, limits: { rounds: 3 }, seed: seed++ });
for (let rep = 0; rep < 6; rep++) { const t = performance.now(); await inFlight(2000, +(process.argv[2] ?? 64), () => go(full)); console.log(((performance.now() - t) * 1000 / 24000).toFixed(1)); }
