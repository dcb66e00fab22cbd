/**
 * Benchmark (a) of issue 2: 4 agents, up to 3 rounds, an instant scripted model. The same workload three ways,
 * in one run: plain async JavaScript, a minimal raw-XState colony (one parent, four children, the model called
 * from an action) and lukhas with every feature on (journal, envelopes, supervision, protocol, parsing).
 * Prints µs per agent-turn (median of repetitions), deliberations/s, sequential and with 64 in flight, and the
 * ratios lukhas / raw XState and lukhas / plain JS.
 */
import { assign, createActor, sendParent, setup, type AnyActorRef } from 'xstate';
import { createRuntime } from '../../adapters/lukhas.main.js';
import { createScriptedModel } from '../../test/fakes/scripted.model.js';
import { inFlight, median, row, timeRuns } from './bench.util.js';

const AGENTS = ['ethical', 'logical', 'practical', 'creative'];
const ROUNDS = 3;
// agents 0,1 say A and 2,3 say B every round: a 2–2 tie, so every deliberation runs all 3 rounds (12 turns)
const replyFor = (i: number) => JSON.stringify({ position: i < 2 ? 'A' : 'B', rationale: 'because', confidence: 0.7 });
const REPLIES = AGENTS.map((_, i) => replyFor(i));
const indexOfAgent = (agent: string) => AGENTS.indexOf(agent.split('/')[0]!);
const model = createScriptedModel({ record: false, replies: (req) => REPLIES[indexOfAgent(req.context!.agent)]! });
// the baselines call the same scripted model adapter with a minimal request (a question, no role prompt); no
// implementation's model keeps a call log
const baseModel = createScriptedModel({ record: false, replies: (req) => REPLIES[Number(req.messages[0]!.content.slice(-1))]! });
const instant = async (i: number) => {
  const r = await baseModel.generate({ messages: [{ role: 'user', content: `A or B? agent ${i}` }] });
  return r.text;
};

function parse(text: string): { position: string; confidence: number } {
  const o = JSON.parse(text) as { position: string; confidence: number };
  return { position: o.position, confidence: o.confidence };
}
function majority(ps: { position: string }[]): string | null {
  const c = new Map<string, number>();
  for (const p of ps) c.set(p.position, (c.get(p.position) ?? 0) + 1);
  for (const [k, v] of c) if (v * 2 > ps.length) return k;
  return null;
}

/** Plain JS: rounds of Promise.all over the agents, parse, tally. */
async function plainJs(): Promise<number> {
  let turns = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const ps = await Promise.all(AGENTS.map(async (_, i) => parse(await instant(i))));
    turns += ps.length;
    if (majority(ps) !== null && r > 0) break;
  }
  return turns;
}

/** Minimal raw XState colony: parent + 4 children; the child calls the model from an action. */
const rawChild = setup({}).createMachine({
  context: ({ input }: { input: { i: number } }) => ({ i: input.i }),
  on: {
    ask: {
      actions: ({ context, self }) => {
        instant(context.i).then((text) => self.send({ type: 'answer', text }));
      },
    },
    answer: { actions: sendParent(({ event }) => ({ type: 'proposal', p: parse((event as unknown as { text: string }).text) })) },
  },
});
const rawColony = setup({ actors: { child: rawChild } }).createMachine({
  context: ({ spawn }) => ({ kids: AGENTS.map((_, i) => spawn('child', { id: `c${i}`, input: { i } }) as AnyActorRef), got: [] as { position: string }[], round: 0, turns: 0 }),
  initial: 'asking',
  states: {
    asking: {
      entry: ({ context }) => { for (const k of context.kids) k.send({ type: 'ask' }); },
      on: { proposal: { actions: assign({ got: ({ context, event }) => [...context.got, (event as unknown as { p: { position: string } }).p], turns: ({ context }) => context.turns + 1 }) } },
      always: [
        { guard: ({ context }) => context.got.length === AGENTS.length && (context.round + 1 >= ROUNDS || (majority(context.got) !== null && context.round > 0)), target: 'done' },
        { guard: ({ context }) => context.got.length === AGENTS.length, target: 'asking', reenter: true, actions: assign({ got: [], round: ({ context }) => context.round + 1 }) },
      ],
    },
    done: { type: 'final' },
  },
  output: ({ context }) => context.turns,
});
function rawXState(): Promise<number> {
  return new Promise((resolve, reject) => {
    const a = createActor(rawColony);
    a.subscribe({ complete: () => resolve(a.getSnapshot().output as number), error: reject });
    a.start();
  });
}

const runtime = createRuntime({ models: () => model });
let seed = 0;
async function lukhas(): Promise<number> {
  const r = await runtime.deliberate({ question: 'A or B?', options: ['A', 'B'], agents: AGENTS, limits: { rounds: ROUNDS }, seed: seed++ });
  return r.usage.calls;
}

// the same engine with the turn executor replaced by precomputed replies: machine, supervision, journal,
// protocol and seal only — what lukhas adds around the model call, without prompt building, gate and parsing
const fixed = AGENTS.map((_, i) => ({ ok: true as const, proposal: { position: i < 2 ? 'A' : 'B', rationale: 'because', confidence: 0.7 }, request: { messages: [] }, response: { text: REPLIES[i]!, finishReason: 'stop' as const, usage: { inputTokens: 10, outputTokens: 5, cachedTokens: 0 }, provider: 'scripted', model: 'scripted-1' } }));
const engineOnly = createRuntime({ executor: { turn: async (input) => fixed[AGENTS.indexOf(input.agent.role)]! } });
async function lukhasEngine(): Promise<number> {
  const r = await engineOnly.deliberate({ question: 'A or B?', options: ['A', 'B'], agents: AGENTS, limits: { rounds: ROUNDS }, seed: seed++ });
  return r.usage.calls;
}

const impls: [string, () => Promise<number>][] = [['plain-js', plainJs], ['raw-xstate', rawXState], ['lukhas-engine', lukhasEngine], ['lukhas', lukhas]];
const N = 2000, REPS = 7;
const results: Record<string, { seqUs: number; parUs: number; seqRate: number; parRate: number }> = {};
for (const [name, fn] of impls) {
  let turns = 0;
  model.reset();
  const seq = await timeRuns(async () => { turns = 0; for (let i = 0; i < N; i++) turns += await fn(); }, REPS, 1);
  const seqTurns = turns;
  const par = await timeRuns(async () => { turns = 0; await inFlight(N, 64, async () => { const t = await fn(); turns += t; }); }, REPS, 1);
  const ms = median(seq), pms = median(par);
  results[name] = { seqUs: (ms * 1000) / seqTurns, parUs: (pms * 1000) / turns, seqRate: N / (ms / 1000), parRate: N / (pms / 1000) };
}
const w = [14, 16, 16, 18, 18];
console.log(`workload: ${AGENTS.length} agents x ${ROUNDS} rounds (2-2 tie, all rounds run), instant scripted model, ${N} deliberations x ${REPS} reps, medians`);
console.log(row(['impl', 'us/turn seq', 'us/turn 64-fl', 'delib/s seq', 'delib/s 64-fl'], w));
for (const [name, r] of Object.entries(results)) console.log(row([name, r.seqUs, r.parUs, Math.round(r.seqRate), Math.round(r.parRate)], w));
const L = results['lukhas']!, X = results['raw-xstate']!, P = results['plain-js']!;
console.log(`ratio lukhas/raw-xstate per turn: seq ${(L.seqUs / X.seqUs).toFixed(2)}x, 64-in-flight ${(L.parUs / X.parUs).toFixed(2)}x   (target <= 1.5x)`);
console.log(`ratio lukhas/plain-js per turn:   seq ${(L.seqUs / P.seqUs).toFixed(2)}x, 64-in-flight ${(L.parUs / P.parUs).toFixed(2)}x   (target <= 25x)`);
const E = results['lukhas-engine']!;
console.log(`ratio lukhas-engine/raw-xstate:   seq ${(E.seqUs / X.seqUs).toFixed(2)}x, 64-in-flight ${(E.parUs / X.parUs).toFixed(2)}x   (engine without prompt, gate, parse)`);
console.log(`ratio raw-xstate/plain-js:        seq ${(X.seqUs / P.seqUs).toFixed(2)}x`);
console.log(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
console.log(`lukhas deliberations/s: seq ${Math.round(L.seqRate)}, 64 in flight ${Math.round(L.parRate)}   (target >= 2000)`);
