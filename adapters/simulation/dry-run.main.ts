/**
 * `lukhas simulate FILE --dry-run`: what a scenario would send and roughly what it would cost, with nothing sent.
 * Calls are an upper bound (every round runs; a deliberation that reaches unanimity early spends less). Input
 * tokens are the real round-0 prompts (the prompt builder's text, characters / 4) plus, for later rounds, the
 * quoted peers (about 80 tokens each); output is counted at 150 tokens a reply (typical of the JSON proposal)
 * and, for the upper bound, at the 400-token cap every proposal request sets. Prices: the bundled table.
 */
import { RoleCatalogue } from '../../agents/roles/role.catalogue.js';
import { buildTurnRequest } from '../../agents/roles/prompt.builder.js';
import type { AgentSpec } from '../../runtime/deliberation/deliberation.types.js';
import type { TurnInput } from '../../runtime/deliberation/turn.port.js';
import { costOf, DEFAULT_PRICES, priceFor, type PriceTable } from '../../runtime/models/ledger.js';
import type { SimulationPlan } from '../../runtime/simulation/plan.js';
import { expandAgents } from '../../runtime/simulation/run-spec.js';
import { selfConsistencyOf } from '../../runtime/simulation/experiment.js';

const PEER_TOKENS = 80;
const OUTPUT_TYPICAL = 150;
const OUTPUT_MAX = 400;
const ANSWER_TOKENS = 12;

/** One model's share of a dry run. */
export interface ModelEstimate { model: string; calls: number; inputTokens: number; outputTokens: number; outputTokensMax: number; usd: number | null; usdMax: number | null }

/** What a scenario would do. */
export interface DryRunEstimate {
  scenario: string;
  cells: number;
  runsPerCell: number;
  deliberations: { colony: number; selfConsistency: number };
  calls: { colony: number; selfConsistency: number; canonicaliser: number; judge: number; total: number };
  models: ModelEstimate[];
  embeddings: { embedder: string; texts: number; tokens: number; usd: number | null } | null;
  usd: number | null;
  usdMax: number | null;
  pricesAsOf: string;
  /** Models with no price in the table (their cost is left out, never counted as 0). */
  unpriced: string[];
}

const tok = (chars: number) => Math.max(1, Math.ceil(chars / 4));

/** Estimates a plan's calls, tokens and cost (nothing is sent). */
export function estimatePlan(plan: SimulationPlan, prices: PriceTable = DEFAULT_PRICES, roles = new RoleCatalogue()): DryRunEstimate {
  const s = plan.scenario;
  const per = new Map<string, { calls: number; input: number; output: number; outputMax: number }>();
  const add = (model: string, calls: number, input: number, output: number, outputMax: number) => {
    const m = per.get(model) ?? { calls: 0, input: 0, output: 0, outputMax: 0 };
    m.calls += calls; m.input += input; m.output += output; m.outputMax += outputMax;
    per.set(model, m);
  };
  let colonyCalls = 0, scCalls = 0, canonCalls = 0, embedTexts = 0, scDelib = 0, judgeCalls = 0;
  const judge = s.scoring?.judge;
  const canon = s.grouping?.canonicalise?.startsWith('model:') ? s.grouping.canonicalise.slice(6) : undefined;
  const embedder = s.grouping?.embedder && s.grouping.embedder !== 'hashed' ? s.grouping.embedder : undefined;
  for (const cell of plan.cells) {
    const c = cell.config;
    const agents = expandAgents(cell);
    const n = agents.length;
    const rounds = c.limits.rounds ?? 3;
    const cap = c.limits.calls;
    const sc = selfConsistencyOf(s, c);
    c.questions.forEach((q, qi) => {
      const times = qi < s.runs ? Math.floor((s.runs - qi - 1) / c.questions.length) + 1 : 0;
      if (times === 0) return;
      const open = !q.options;
      const prompt = (a: AgentSpec, i: number) => {
        const role = roles.has(a.role) ? roles.get(a.role) : roles.get('logical');
        const input: TurnInput = { deliberationId: 'dry-run', seed: 0, round: 0, agentId: `${a.role}/${i}`, agent: a, question: q.text, peers: [] };
        if (q.options) input.options = q.options;
        const r = buildTurnRequest(role, input);
        return tok((r.system?.length ?? 0) + r.messages.reduce((x, m) => x + m.content.length, 0));
      };
      // the colony: round 0 for every agent, then later rounds with the peers quoted, within the call cap
      let left = cap ?? Number.POSITIVE_INFINITY;
      for (let r = 0; r < rounds && left >= n; r++) {
        agents.forEach((a, i) => {
          const input = prompt(a, i) + (r > 0 ? (n - 1) * PEER_TOKENS : 0);
          add(a.model ?? 'simulated', times, input * times, OUTPUT_TYPICAL * times, OUTPUT_MAX * times);
        });
        colonyCalls += n * times;
        left -= n;
        if (open) { embedTexts += n * times; if (canon) canonCalls += n * times; }
      }
      // the judge sees only decisions no accepted answer matched: at most one call per free-text question asked
      if (judge && q.answer?.format === 'text') {
        add(judge, times, tok(q.text.length + 400) * times, OUTPUT_TYPICAL * times, OUTPUT_MAX * times);
        judgeCalls += times;
      }
      if (sc) {
        const first = c.agents.slice(0, sc.group).reduce((x, g) => x + g.count, 0);
        const a = agents[first]!;
        add(a.model ?? 'simulated', sc.k * times, prompt(a, first) * sc.k * times, OUTPUT_TYPICAL * sc.k * times, OUTPUT_MAX * sc.k * times);
        scCalls += sc.k * times;
        scDelib += times;
        if (open) { embedTexts += sc.k * times; if (canon) canonCalls += sc.k * times; }
      }
    });
  }
  if (canon) add(canon, canonCalls, canonCalls * 90, canonCalls * 10, canonCalls * 40);
  const unpriced: string[] = [];
  const priceOf = (model: string, input: number, output: number): number | null => {
    if (model === 'simulated') return 0;
    const i = model.indexOf(':');
    const p = priceFor(prices, model.slice(0, i), model.slice(i + 1).replace(/@.*$/, ''));
    if (!p) { if (!unpriced.includes(model)) unpriced.push(model); return null; }
    return costOf({ inputTokens: input, outputTokens: output, cachedTokens: 0 }, p);
  };
  const models: ModelEstimate[] = [...per.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([model, m]) => ({
    model, calls: m.calls, inputTokens: m.input, outputTokens: m.output, outputTokensMax: m.outputMax,
    usd: priceOf(model, m.input, m.output), usdMax: priceOf(model, m.input, m.outputMax),
  }));
  const embeddings = embedder ? { embedder, texts: embedTexts, tokens: embedTexts * ANSWER_TOKENS, usd: priceOf(embedder, embedTexts * ANSWER_TOKENS, 0) } : null;
  const sum = (k: 'usd' | 'usdMax') => {
    const parts = [...models.map((m) => m[k]), ...(embeddings ? [embeddings.usd] : [])];
    return parts.some((x) => x === null) ? null : parts.reduce((a, b) => a! + b!, 0)!;
  };
  return {
    scenario: s.name, cells: plan.cells.length, runsPerCell: s.runs,
    deliberations: { colony: plan.total, selfConsistency: scDelib },
    calls: { colony: colonyCalls, selfConsistency: scCalls, canonicaliser: canonCalls, judge: judgeCalls, total: colonyCalls + scCalls + canonCalls + judgeCalls },
    models, embeddings, usd: sum('usd'), usdMax: sum('usdMax'), pricesAsOf: prices.asOf, unpriced: unpriced.sort(),
  };
}

const n0 = (x: number) => x.toLocaleString('en-US');
const money = (x: number | null) => (x === null ? 'unpriced' : `$${x < 0.01 ? x.toFixed(6) : x.toFixed(2)}`);

/** The estimate as lines for people. */
export function formatEstimate(e: DryRunEstimate): string[] {
  const lines = [
    `dry run of ${e.scenario}: nothing is sent`,
    `  ${e.cells} cell(s) × ${e.runsPerCell} runs = ${n0(e.deliberations.colony)} colony deliberations${e.deliberations.selfConsistency ? ` + ${n0(e.deliberations.selfConsistency)} self-consistency deliberations` : ''}`,
    `  model calls, at most (every round runs): ${n0(e.calls.colony)} colony${e.calls.selfConsistency ? ` + ${n0(e.calls.selfConsistency)} self-consistency` : ''}${e.calls.canonicaliser ? ` + ${n0(e.calls.canonicaliser)} canonicaliser` : ''}${e.calls.judge ? ` + ${n0(e.calls.judge)} judge` : ''} = ${n0(e.calls.total)}`,
  ];
  for (const m of e.models) lines.push(`  ${m.model.padEnd(34)} ${n0(m.calls).padStart(9)} calls  ~${n0(m.inputTokens)} input + ${n0(m.outputTokens)} output tokens  ~${money(m.usd)} (at most ${money(m.usdMax)} with ${OUTPUT_MAX}-token replies)`);
  if (e.embeddings) lines.push(`  embeddings ${e.embeddings.embedder}: ~${n0(e.embeddings.texts)} texts before caching, ~${n0(e.embeddings.tokens)} tokens, ~${money(e.embeddings.usd)}`);
  lines.push(`  estimated cost ~${money(e.usd)}, at most ${money(e.usdMax)} (prices as of ${e.pricesAsOf}, runtime/models/prices.json)${e.unpriced.length ? `; unpriced, not included: ${e.unpriced.join(', ')}` : ''}`);
  return lines;
}
