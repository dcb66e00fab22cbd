import { createRuntime } from './dist/adapters/lukhas.main.js';
const AGENTS = ['ethical', 'logical', 'practical', 'creative'];
const REPLIES = AGENTS.map((_, i) => JSON.stringify({ position: i < 2 ? 'A' : 'B', rationale: 'because', confidence: 0.7 }));
const fixed = AGENTS.map((_, i) => ({ ok: true, proposal: { position: i < 2 ? 'A' : 'B', rationale: 'because', confidence: 0.7 }, request: { messages: [] }, response: { text: REPLIES[i], finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 5, cachedTokens: 0 }, provider: 'scripted', model: 'scripted-1' } }));
const runtime = createRuntime({ executor: { turn: async (input) => fixed[AGENTS.indexOf(input.agent.role)] } });
let seed = 0;
for (let rep = 0; rep < 5; rep++) {
  const t = performance.now();
  for (let i = 0; i < 3000; i++) await runtime.deliberate({ question: 'A or B?', options: ['A', 'B'], agents: AGENTS, limits: { rounds: 3 }, seed: seed++ });
  console.log(((performance.now() - t) * 1000 / 36000).toFixed(2), 'us/turn');
}
