import { LukhasError } from '../../runtime/errors.js';
import {
  MODEL_PORT_VERSION,
  streamFromGenerate,
  type DeliberationContext,
  type ModelAdapter,
  type ModelRequest,
  type ModelResponse,
} from '../../runtime/models/model.port.js';
import { createRandom, hash32, type Random } from '../../runtime/random.js';

/** Defaults of the simulated agent parameters. */
export const SIMULATED_DEFAULTS = { competence: 0.7, conformity: 0.5, adversarial: false } as const;

/** Options of the simulated model. */
export interface SimulatedModelOptions {
  /** Name reported as the model (default `sim-1`). */
  model?: string;
  /** Spread of the prior over options (default 1): larger means stronger idiosyncratic preferences. */
  priorSpread?: number;
}

const LENSES: Record<string, string[]> = {
  ethical: ['fairness', 'harm to those affected', 'rights and duties', 'who bears the risk'],
  creative: ['an overlooked option', 'a reframing of the problem', 'second-order effects', 'what could surprise us'],
  logical: ['the evidence', 'base rates', 'the soundness of the argument', 'the measurable outcome'],
  empathetic: ['the wellbeing of the people affected', 'trust', 'the voices that are missing', 'lived experience'],
  practical: ['cost', 'feasibility', 'implementation risk', 'what can be checked'],
};

/** The stances the simulated model takes on an open question (it has no ground truth to aim at). */
export function openStances(question: string): string[] {
  return /^\s*(should|is|are|do|does|can|could|would|will|must|ought)\b/i.test(question)
    ? ['Yes, do it.', 'No, do not do it.', 'Only as a time-limited pilot with a review.']
    : ['Pursue the most ambitious answer.', 'Take the cautious, incremental answer.', 'Gather more evidence before deciding.'];
}

/**
 * The answers the simulated model chooses among on an OPEN question that has a ground truth (a dataset's numeric
 * or free-text question): the ground truth and a few wrong answers derived from it (for a number: +1, −1, ×2,
 * +10; for a text: two fixed wrong answers). Competence and conformity then work as on a closed question.
 */
export function openAnswers(groundTruth: string): string[] {
  const n = Number(groundTruth);
  const wrong = Number.isFinite(n) && groundTruth.trim() !== ''
    ? [n + 1, n - 1, n * 2, n + 10].map((x) => String(Math.round(x * 1e9) / 1e9))
    : ['Unknown', 'Something else entirely'];
  return [groundTruth, ...new Set(wrong.filter((w) => w !== groundTruth))];
}

/**
 * How a simulated agent writes a numeric answer on an open question: half of the agents (by a hash of the agent
 * id, so an agent keeps its style) write the bare number, the others "The answer is N." — as real models do, so
 * answer checking and the grouping of paraphrased positions are exercised offline.
 */
export function styleOpenAnswer(answer: string, agent: string, seed: number): string {
  return Number.isFinite(Number(answer)) && hash32(agent, seed) % 2 === 1 ? `The answer is ${answer}.` : answer;
}

/** Gaussian-ish score in about [-1.7, 1.7] from a hash (sum of three uniforms, centred). */
function hashedScore(key: string, seed: number): number {
  const r = createRandom(hash32(key, seed));
  return r.next() + r.next() + r.next() - 1.5;
}

/**
 * The prior over options of one agent: softmax of hashed scores of (question, role, option, seed) times the
 * spread. Deterministic; different roles lean different ways on the same question.
 */
export function optionPrior(ctx: Pick<DeliberationContext, 'question' | 'role' | 'seed'>, options: readonly string[], spread = 1): number[] {
  const scores = options.map((o) => Math.exp(spread * hashedScore(`${ctx.question}\u0000${ctx.role}\u0000${o}`, ctx.seed)));
  const sum = scores.reduce((a, b) => a + b, 0);
  return scores.map((s) => s / sum);
}

function sample(weights: readonly number[], rnd: Random): number {
  let u = rnd.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) if ((u -= weights[i]!) < 0) return i;
  return weights.length - 1;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Decides one simulated proposal. The equations (documented in adapters/models/README.md):
 *
 * Blind round (r = 0). With ground truth g and competence p: choose g with probability p, otherwise a wrong
 * option drawn from the prior restricted to the wrong options; confidence c = 0.6 + 0.35u when right and
 * 0.4 + 0.35u when wrong (u uniform), so confidence is informative but noisy. Without ground truth: draw from
 * the prior; c = 0.45 + 0.5·prior(choice) + 0.1(u − 0.5).
 *
 * Later rounds. Let s(k) be the peers' confidence mass on k divided by their total mass. With conformity κ the
 * agent switches to the peers' top position b ≠ own with probability κ · max(0, s(b) − s(own)) / s(b) (the
 * relative lead of b over its own position among the peers); its confidence
 * becomes the mean peer confidence on b times 0.9. Otherwise it keeps its position and moves its confidence by
 * 0.2κ(s(own) − 0.5). With κ = 0 agents never move (independent voters: the Condorcet setting).
 *
 * Adversarial agents always propose the same wrong option (the wrong option with the highest prior) with
 * confidence 0.95 and never move.
 */
export function simulateProposal(ctx: DeliberationContext, spread = 1): { position: string; confidence: number; correct: boolean | undefined; switched: boolean } {
  const closed = Boolean(ctx.options && ctx.options.length > 0);
  const openTruth = !closed && ctx.groundTruth !== undefined;
  const options = closed ? ctx.options! : openTruth ? openAnswers(ctx.groundTruth!) : openStances(ctx.question);
  const p = ctx.simulated?.competence ?? SIMULATED_DEFAULTS.competence;
  const kappa = ctx.simulated?.conformity ?? SIMULATED_DEFAULTS.conformity;
  const rnd = createRandom(hash32(`${ctx.agent}\u0000${ctx.round}\u0000${ctx.question}`, ctx.seed));
  const prior = optionPrior(ctx, options, spread);
  const g = ctx.groundTruth !== undefined && options.includes(ctx.groundTruth) ? ctx.groundTruth : undefined;
  if (ctx.simulated?.adversarial) {
    let best = -1;
    options.forEach((o, i) => { if (o !== g && (best < 0 || prior[i]! > prior[best]!)) best = i; });
    return { position: options[best]!, confidence: 0.95, correct: g === undefined ? undefined : false, switched: false };
  }
  if (ctx.round === 0 || !ctx.previous) {
    if (g !== undefined) {
      const style = (a: string) => (openTruth ? styleOpenAnswer(a, ctx.agent, ctx.seed) : a);
      if (rnd.next() < p || options.length === 1) return { position: style(g), confidence: round3(0.6 + 0.35 * rnd.next()), correct: true, switched: false };
      const wrong = options.map((o, i) => (o === g ? 0 : prior[i]!));
      return { position: style(options[sample(wrong, rnd)]!), confidence: round3(0.4 + 0.35 * rnd.next()), correct: false, switched: false };
    }
    const i = sample(prior, rnd);
    return { position: options[i]!, confidence: round3(clamp(0.45 + 0.5 * prior[i]! + 0.1 * (rnd.next() - 0.5), 0.05, 0.99)), correct: undefined, switched: false };
  }
  const own = ctx.previous.position;
  const mass = new Map<string, { sum: number; n: number }>();
  let total = 0;
  for (const peer of ctx.peers ?? []) {
    const m = mass.get(peer.position) ?? { sum: 0, n: 0 };
    m.sum += peer.confidence; m.n += 1; total += peer.confidence;
    mass.set(peer.position, m);
  }
  const share = (k: string) => (total > 0 ? (mass.get(k)?.sum ?? 0) / total : 0);
  let best: string | undefined;
  for (const k of [...mass.keys()].sort()) if (k !== own && (best === undefined || share(k) > share(best))) best = k;
  const u = rnd.next();
  if (best !== undefined && share(best) > 0 && u < (kappa * Math.max(0, share(best) - share(own))) / share(best)) {
    const m = mass.get(best)!;
    return { position: best, confidence: round3(clamp((m.sum / m.n) * 0.9, 0.05, 0.99)), correct: g === undefined ? undefined : best === g, switched: true };
  }
  return {
    position: own,
    confidence: round3(clamp(ctx.previous.confidence + 0.2 * kappa * (share(own) - 0.5), 0.05, 0.99)),
    correct: g === undefined ? undefined : own === g,
    switched: false,
  };
}

function rationale(ctx: DeliberationContext, position: string, switched: boolean): string {
  const lenses = LENSES[ctx.role] ?? ['the question at hand'];
  const lens = lenses[hash32(`${ctx.agent}|${ctx.round}`, ctx.seed) % lenses.length]!;
  if (switched) return `After weighing the panel's proposals in terms of ${lens}, I now hold "${position}".`;
  if (ctx.round > 0 && ctx.previous) return `Having read the other proposals, I still hold "${position}" on grounds of ${lens}.`;
  return `Judged in terms of ${lens}, "${position}" is the better answer.`;
}

/**
 * The simulated judge: adopts the position with the largest summed confidence among the proposals it is shown
 * (ties: the lexicographically smallest id). A stand-in for an aggregator model, documented as such.
 */
export function simulateJudge(ctx: DeliberationContext): { decision: string | null; rationale: string } {
  const mass = new Map<string, number>();
  for (const p of ctx.peers ?? []) mass.set(p.position, (mass.get(p.position) ?? 0) + p.confidence);
  let best: string | null = null;
  for (const k of [...mass.keys()].sort()) if (best === null || mass.get(k)! > mass.get(best)!) best = k;
  return { decision: best, rationale: best === null ? 'No proposals to weigh.' : `"${best}" carries the most confidence-weighted support.` };
}

const tokens = (chars: number) => Math.max(1, Math.ceil(chars / 4));

/**
 * The offline default model: seeded, deterministic, free. It answers proposal requests by the documented
 * equations of {@link simulateProposal} (it needs the request's `context`), and any other request with a short,
 * clearly labelled simulated text. Usage is counted as characters / 4, the documented estimate; cost is 0.
 */
export function createSimulatedModel(options: SimulatedModelOptions = {}): ModelAdapter {
  const model = options.model ?? 'sim-1';
  const spread = options.priorSpread ?? 1;
  const adapter: ModelAdapter = {
    portVersion: MODEL_PORT_VERSION,
    provider: 'simulated',
    model,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      if (!Array.isArray(request.messages)) throw new LukhasError('BAD_INPUT', 'simulated model: request.messages must be an array');
      let inputChars = request.system?.length ?? 0;
      for (const m of request.messages) inputChars += m.content.length;
      let text: string;
      const ctx = request.context;
      if (ctx && request.purpose === 'judge') {
        text = JSON.stringify(simulateJudge(ctx));
      } else if (ctx && request.purpose === 'proposal') {
        const s = simulateProposal(ctx, spread);
        text = JSON.stringify({ position: s.position, rationale: rationale(ctx, s.position, s.switched), confidence: s.confidence });
      } else {
        const last = request.messages[request.messages.length - 1]?.content ?? '';
        text = `[simulated reply] ${last.slice(0, 160)}`;
      }
      return { text, finishReason: 'stop', usage: { inputTokens: tokens(inputChars), outputTokens: tokens(text.length), cachedTokens: 0 }, provider: 'simulated', model: request.model ?? model };
    },
    stream: (request, callOptions) => streamFromGenerate(adapter, request, callOptions),
  };
  return adapter;
}
