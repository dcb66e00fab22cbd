/**
 * Benchmark (a) of issue 2: 4 agents, up to 3 rounds, an instant scripted model. The same workload three ways,
 * in one run: plain async JavaScript, a minimal raw-XState colony (one parent, four children, the model called
 * from an action) and lukhas with every feature on (journal, envelopes, supervision, protocol, parsing).
 * Prints µs per agent-turn (median of repetitions), deliberations/s, sequential and with 64 in flight, and the
 * ratios lukhas / raw XState and lukhas / plain JS.
 */
import { assign, createActor, sendParent, setup, type AnyActorRef } from 'xstate';
import { createRuntime } from '../../adapters/lukhas.main.js';
import { createLocalExecutor } from '../../agents/deliberation/local.executor.js';
import { RoleCatalogue } from '../../agents/roles/role.catalogue.js';
import { createScriptedModel } from '../../test/fakes/scripted.model.js';
import { inFlight, median, row } from './bench.util.js';

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

// issue 2's feature set without issue 5's ethics gate: the local executor (role prompt, injection-safe quoting of
// peers, the model call, tolerant parsing) with no gate — a configuration only a custom executor reaches (the
// runtime's own executor always gates); measured to show what the gate costs per turn, not as the product's figure
const ungated = createRuntime({ executor: createLocalExecutor(new RoleCatalogue(), () => model) });
async function lukhasUngated(): Promise<number> {
  const r = await ungated.deliberate({ question: 'A or B?', options: ['A', 'B'], agents: AGENTS, limits: { rounds: ROUNDS }, seed: seed++ });
  return r.usage.calls;
}

const impls: [string, () => Promise<number>][] = [['plain-js', plainJs], ['raw-xstate', rawXState], ['lukhas-engine', lukhasEngine], ['lukhas-no-gate', lukhasUngated], ['lukhas', lukhas]];
const N = 2000, REPS = 7;
// interleaved: every repetition runs every implementation once, sequential then 64 in flight, so a change of load
// on this shared machine hits all of them alike; per-rep ratios are taken within one repetition
const seqMs: Record<string, number[]> = {}, parMs: Record<string, number[]> = {}, turnsOf: Record<string, { seq: number; par: number }> = {};
async function once(name: string, fn: () => Promise<number>): Promise<void> {
  let turns = 0;
  let t = performance.now();
  for (let i = 0; i < N; i++) turns += await fn();
  (seqMs[name] ??= []).push(performance.now() - t);
  const seqTurns = turns;
  turns = 0;
  t = performance.now();
  await inFlight(N, 64, async () => { const k = await fn(); turns += k; }); // not `turns += await fn()`: that reads turns before the await
  (parMs[name] ??= []).push(performance.now() - t);
  turnsOf[name] = { seq: seqTurns, par: turns };
}
for (const [name, fn] of impls) { await once(name, fn); seqMs[name] = []; parMs[name] = []; } // warm-up
for (let rep = 0; rep < REPS; rep++) for (const [name, fn] of impls) await once(name, fn);
const results: Record<string, { seqUs: number; parUs: number; seqRate: number; parRate: number }> = {};
for (const [name] of impls) {
  const ms = median(seqMs[name]!), pms = median(parMs[name]!);
  results[name] = { seqUs: (ms * 1000) / turnsOf[name]!.seq, parUs: (pms * 1000) / turnsOf[name]!.par, seqRate: N / (ms / 1000), parRate: N / (pms / 1000) };
}
/** Median over repetitions of the per-turn time ratio a/b (both measured in the same repetition). */
const repRatio = (a: string, b: string, par: boolean) => {
  const A = par ? parMs[a]! : seqMs[a]!, B = par ? parMs[b]! : seqMs[b]!;
  const ta = par ? turnsOf[a]!.par : turnsOf[a]!.seq, tb = par ? turnsOf[b]!.par : turnsOf[b]!.seq;
  return median(A.map((x, i) => (x / ta) / (B[i]! / tb)));
};
const w = [14, 16, 16, 18, 18];
console.log(`workload: ${AGENTS.length} agents x ${ROUNDS} rounds (2-2 tie, all rounds run), instant scripted model, ${N} deliberations x ${REPS} reps, medians`);
console.log(row(['impl', 'us/turn seq', 'us/turn 64-fl', 'delib/s seq', 'delib/s 64-fl'], w));
for (const [name, r] of Object.entries(results)) console.log(row([name, r.seqUs, r.parUs, Math.round(r.seqRate), Math.round(r.parRate)], w));
const ratio = (a: string, b: string) => `seq ${repRatio(a, b, false).toFixed(2)}x, 64-in-flight ${repRatio(a, b, true).toFixed(2)}x`;
console.log('ratios per turn (median over repetitions of the ratio within each repetition):');
console.log(`  lukhas/raw-xstate:         ${ratio('lukhas', 'raw-xstate')}   (target <= 1.5x)`);
console.log(`  lukhas/plain-js:           ${ratio('lukhas', 'plain-js')}   (target <= 25x)`);
console.log(`  lukhas-engine/raw-xstate:  ${ratio('lukhas-engine', 'raw-xstate')}   (engine without prompt, gate, parse)`);
console.log(`  lukhas-no-gate/raw-xstate: ${ratio('lukhas-no-gate', 'raw-xstate')}   (journal, envelopes, supervision, prompts, parsing; no ethics gate)`);
console.log(`  lukhas-no-gate/plain-js:   ${ratio('lukhas-no-gate', 'plain-js')}`);
console.log(`  raw-xstate/plain-js:       ${ratio('raw-xstate', 'plain-js')}   (the issue's note: about 24x on this machine)`);
console.log(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
const L = results['lukhas']!;
console.log(`lukhas deliberations/s: seq ${Math.round(L.seqRate)}, 64 in flight ${Math.round(L.parRate)}   (target >= 2000)`);
