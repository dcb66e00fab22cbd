import { createRuntime } from './dist/adapters/lukhas.main.js';
import { createScriptedModel } from './dist/test/fakes/scripted.model.js';
const AGENTS = ['ethical', 'logical', 'practical', 'creative'];
const REPLIES = AGENTS.map((_, i) => JSON.stringify({ position: i < 2 ? 'A' : 'B', rationale: 'because', confidence: 0.7 }));
const model = createScriptedModel({ record: false, replies: (req) => REPLIES[AGENTS.indexOf(req.context.agent.split('/')[0])] });
const runtime = createRuntime({ models: () => model });
const mode = process.argv[2] ?? 'full';
let seed = 0;
for (let rep = 0; rep < 4; rep++) {
  const t = performance.now();
  for (let i = 0; i < 2000; i++) await runtime.deliberate({ question: 'A or B?', options: ['A', 'B'], agents: AGENTS, limits: { rounds: 3 }, seed: seed++ });
  console.log(((performance.now() - t) * 1000 / 24000).toFixed(2), 'us/turn');
}
