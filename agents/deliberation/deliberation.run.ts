import type { RoundVerdict, ColonyHost, ColonyOutput } from '../../machines/colony.machine.js';
import type { TurnCompletedEvent } from '../../machines/agent.machine.js';
import type { Envelope } from '../../runtime/actors/envelope.js';
import { decide, groupPositionsSync, protocolLabel, type SyncEmbedder } from '../../runtime/consensus/index.js';
import type { Ballot } from '../../runtime/consensus/consensus.types.js';
import type { DeliberationResult, ProposalView, StopReason } from '../../runtime/deliberation/deliberation.types.js';
import type { PeerView, TurnInput } from '../../runtime/deliberation/turn.port.js';
import { Journal } from '../../runtime/journal/journal.js';
import { keyedGrouping } from '../../runtime/embedding/position-keys.js';
import type { ModelResponse } from '../../runtime/models/model.port.js';
import { toLukhasError } from '../../runtime/errors.js';
import type { NormalisedRequest } from './request.normalise.js';
import { AgentSpecs, PeerViews, countFlips, journalResponse, newRunController, type RoundState } from './run.helpers.js';

export { journalResponse } from './run.helpers.js';

/** Prices a call from the usage the provider reported; null when the model is not in the price table. */
export type PriceFn = (response: ModelResponse) => number | null;

/** Decides a round through a judge model (the judge protocol). */
export type RoundJudge = (run: DeliberationRun, round: number, ballots: Ballot[], texts: Map<string, string>) => Promise<{ decision: string | null; response?: ModelResponse; request?: unknown; rationale?: string }>;

/** What the run needs from its engine. */
export interface RunDeps {
  embedder: SyncEmbedder;
  price: PriceFn;
  now: () => number;
  maxRestarts: number;
  restartWindowMs: number;
  judge?: RoundJudge;
  groupingThreshold?: number;
}

const FINISHED = Object.freeze({ name: 'Finished', message: 'the deliberation has finished' });

/**
 * The data side of one deliberation (the colony machine's host): builds turn inputs, records turns, closes rounds
 * under the protocol, keeps usage and writes the journal — in agent order at each round's close, never in arrival
 * order, so the journal does not depend on timing.
 */
export class DeliberationRun implements ColonyHost {
  readonly journal: Journal;
  readonly agentIds: readonly string[];
  readonly turnTimeoutMs: number;
  readonly maxRestarts: number;
  readonly restartWindowMs: number;
  /**
   * Cancels the run's calls when it finishes with calls still in flight. A controller with no listener left may be
   * handed on to the next deliberation of the same colony (the engine checks), since it was never aborted.
   */
  readonly abort: AbortController;
  /** Turns and judge calls started and not yet settled. */
  inFlight = 0;
  private readonly rounds: RoundState[] = [];
  private readonly usage = { calls: 0, inputTokens: 0, outputTokens: 0, cachedTokens: 0, usd: 0 };
  private unpriced = false;
  private degraded = false;
  private stopReason: StopReason | undefined;
  private lastCounted: number | undefined;
  private decisions: (string | null)[] = [];

  constructor(readonly req: NormalisedRequest, private readonly deps: RunDeps, journalId = req.id, controller?: AbortController) {
    this.abort = controller ?? newRunController();
    this.journal = new Journal(journalId, 'deliberation');
    this.agentIds = req.agents.map((a) => a.id);
    this.turnTimeoutMs = req.turnTimeoutMs;
    this.maxRestarts = deps.maxRestarts;
    this.restartWindowMs = deps.restartWindowMs;
    this.journal.append('deliberation.requested', {
      id: req.id,
      question: req.question,
      ...(req.options ? { options: req.options } : {}),
      agents: req.agents.map((a) => ({ id: a.id, role: a.role, model: a.model ?? 'simulated', ...(a.simulated ? { simulated: a.simulated } : {}) })),
      protocol: protocolLabel(req.protocol),
      limits: { rounds: req.rounds, calls: req.calls, tokens: req.tokens, usd: req.usd, wallMs: req.wallMs, turnTimeoutMs: req.turnTimeoutMs },
      seed: req.seed,
      quorum: req.quorum,
      ...(req.groundTruth !== undefined ? { groundTruth: req.groundTruth } : {}),
    });
  }

  now(): number {
    return this.deps.now();
  }

  private readonly views = new PeerViews();
  private readonly specs = new AgentSpecs();

  /** The most recent successful proposal of an agent before `round`. */
  private previousOf(agentId: string, round: number): { position: string; rationale: string; confidence: number } | undefined {
    for (let r = round - 1; r >= 0; r--) {
      const o = this.rounds[r]?.outputs.get(agentId);
      if (o?.ok) return { position: o.proposal.position, rationale: o.proposal.rationale, confidence: o.proposal.confidence };
    }
    return undefined;
  }

  /**
   * Whether the next round would pass a limit; the round that would is not sent. Its cost is estimated as the
   * last round's (documented). Before round 0 there is no reply yet: each agent's call is estimated at 500
   * tokens, and priced at the agent's model (`provider:model`) with 400 input and 100 output tokens.
   */
  private limitReached(): StopReason | undefined {
    const n = this.agentIds.length;
    const { calls, tokens, usd } = this.req;
    if (calls !== undefined && this.usage.calls + n > calls) return 'calls';
    const last = this.rounds[this.rounds.length - 1];
    let nextTokens = 0, nextUsd = 0;
    if (last) {
      for (const o of last.outputs.values()) if (o.response) {
        nextTokens += o.response.usage.inputTokens + o.response.usage.outputTokens;
        nextUsd += this.deps.price(o.response) ?? 0;
      }
    } else {
      nextTokens = n * 500;
      for (const a of this.req.agents) {
        const [provider, model] = a.model ? [a.model.slice(0, a.model.indexOf(':')), a.model.slice(a.model.indexOf(':') + 1)] : ['simulated', 'sim-1'];
        nextUsd += this.deps.price({ text: '', finishReason: 'stop', usage: { inputTokens: 400, outputTokens: 100, cachedTokens: 0 }, provider: provider!, model: model! }) ?? 0;
      }
    }
    // token and dollar limits are the deliberation's budget: both stop with reason `budget`
    if (tokens !== undefined && this.usage.inputTokens + this.usage.outputTokens + nextTokens > tokens) return 'budget';
    if (usd !== undefined && this.usage.usd + nextUsd > usd) return 'budget';
    return undefined;
  }

  openRound(round: number): { agentId: string; envelope: Envelope<TurnInput> }[] {
    if (round === 0 && (this.req.calls !== undefined || this.req.tokens !== undefined || this.req.usd !== undefined)) {
      const limit = this.limitReached();
      if (limit) {
        this.stopReason = limit;
        this.rounds[round] = { outputs: new Map(), crashes: [], crashErrors: new Map(), asked: [], texts: new Map(), positionOf: new Map() };
        return [];
      }
    }
    const prev = round > 0 ? this.rounds[round - 1] : undefined;
    const state: RoundState = { outputs: new Map(), crashes: [], crashErrors: new Map(), asked: [...this.agentIds], texts: new Map(), positionOf: new Map() };
    this.rounds[round] = state;
    const turns: { agentId: string; envelope: Envelope<TurnInput> }[] = [];
    for (const agent of this.req.agents) {
      const peers: PeerView[] = [];
      if (prev) {
        let i = 0;
        for (const other of this.agentIds) {
          if (other === agent.id) continue;
          const o = prev.outputs.get(other);
          if (o?.ok) peers.push(this.views.of(i, other, o.proposal));
          i++;
        }
      }
      const previous = round > 0 ? this.previousOf(agent.id, round) : undefined;
      // built field by field (no spread temporaries: this runs for every turn), in the order the type lists them
      const input = { deliberationId: this.req.id, seed: this.req.seed, round, agentId: agent.id, agent: this.specs.of(agent), question: this.req.question } as TurnInput;
      if (this.req.options) input.options = this.req.options;
      input.peers = peers;
      if (previous) input.previous = previous;
      if (this.req.groundTruth !== undefined) input.groundTruth = this.req.groundTruth;
      // the message to the agent: an envelope from the colony, traced by the deliberation id (ids are positional,
      // so they are deterministic and cost no random bytes)
      turns.push({ agentId: agent.id, envelope: { id: `${this.req.id}/${round}/${agent.id}`, sender: `colony/${this.req.id}`, recipient: agent.id, payload: input, traceId: this.req.id } });
    }
    return turns;
  }

  recordTurn(event: TurnCompletedEvent): void {
    const e = event.envelope;
    this.rounds[e.payload.round]?.outputs.set(e.sender, e.payload.output);
  }

  recordCrash(agentId: string, round: number, error: unknown): void {
    const r = this.rounds[round];
    if (!r) return;
    r.crashes.push(agentId);
    const e = toLukhasError(error);
    r.crashErrors.set(agentId, e.message);
    r.outputs.set(agentId, { ok: false, error: { code: 'AGENT_FAILED', message: `agent actor crashed: ${e.message}` } });
  }

  /** Ballots of a round, positions grouped for open questions. */
  private ballots(round: number): Ballot[] {
    const r = this.rounds[round]!;
    const ok: { agentId: string; text: string; confidence: number }[] = [];
    for (const id of this.agentIds) {
      const o = r.outputs.get(id);
      if (o?.ok) ok.push({ agentId: id, text: o.proposal.position, confidence: o.proposal.confidence });
    }
    if (this.req.options) {
      for (const b of ok) { r.positionOf.set(b.agentId, b.text); r.texts.set(b.text, b.text); }
    } else if (ok.length > 0) {
      // position keys (canonical forms, provider vectors) come with the turns: runtime/embedding/position-keys.ts
      const keyed = keyedGrouping(ok.map((b) => ({ text: b.text, output: r.outputs.get(b.agentId) })), this.deps.embedder);
      const groups = groupPositionsSync(keyed.texts, keyed.embedder, this.deps.groupingThreshold === undefined ? undefined : { threshold: this.deps.groupingThreshold });
      ok.forEach((b, i) => {
        const label = groups.labels[groups.groupOf[i]!]!;
        r.positionOf.set(b.agentId, label);
        if (!r.texts.has(label)) r.texts.set(label, b.text);
      });
    }
    return ok.map((b) => ({ agent: b.agentId, position: r.positionOf.get(b.agentId)!, confidence: b.confidence }));
  }

  private journalRound(round: number): void {
    const r = this.rounds[round]!;
    for (const id of this.agentIds) {
      if (r.crashes.includes(id)) this.journal.append('agent.restarted', { round, agent: id, error: r.crashErrors.get(id) ?? '' });
      const o = r.outputs.get(id);
      if (!o) {
        if (r.asked.includes(id)) this.journal.append('turn.failed', { round, agent: id, error: { code: 'MODEL_TIMEOUT', message: `no answer within ${this.turnTimeoutMs} ms` }, timedOut: true });
        continue;
      }
      if (o.request && o.response) {
        const called: Record<string, unknown> = { round, agent: id, request: o.request, response: journalResponse(o.response) };
        if (o.gate) called.gate = o.gate;
        this.journal.append('model.called', called);
      }
      if (o.ok && o.positionKey) this.journal.append('position.keyed', { round, agent: id, ...o.positionKey });
      if (o.response) this.account(o.response);
      else if (o.request) this.usage.calls += 1;
      if (o.ok) {
        // key order is the journal's byte order: position, group (open questions), rationale, confidence, answeredBy
        const made: Record<string, unknown> = { round, agent: id, position: o.proposal.position };
        if (!this.req.options) made.group = r.positionOf.get(id);
        made.rationale = o.proposal.rationale;
        made.confidence = o.proposal.confidence;
        made.answeredBy = o.response ? `${o.response.provider}:${o.response.model}` : undefined;
        this.journal.append('proposal.made', made);
      } else {
        this.journal.append('turn.failed', { round, agent: id, error: o.error, ...(o.request && !o.response ? { request: o.request as unknown as Record<string, unknown> } : {}), ...(o.gate && !o.response ? { gate: o.gate } : {}) });
      }
    }
  }

  account(response: ModelResponse): void {
    this.usage.calls += 1;
    this.usage.inputTokens += response.usage.inputTokens;
    this.usage.outputTokens += response.usage.outputTokens;
    this.usage.cachedTokens += response.usage.cachedTokens;
    const usd = this.deps.price(response);
    if (usd === null) this.unpriced = true;
    else this.usage.usd += usd;
    if ((response as { fallbackUsed?: boolean }).fallbackUsed) this.degraded = true;
  }

  closeRound(round: number, timedOut: boolean): RoundVerdict {
    const r = this.rounds[round]!;
    if (r.asked.length === 0) return { finished: true, needsJudge: false }; // a limit stopped us before the round
    this.journalRound(round);
    // a call refused by the ledger's budget was not sent: stop after this round with reason `budget`
    const overBudget = [...r.outputs.values()].some((o) => !o.ok && o.error.code === 'BUDGET_EXCEEDED');
    const ballots = this.ballots(round);
    if (this.req.protocol.name === 'judge') {
      const quorumOk = ballots.length > 0 && ballots.length / r.asked.length >= this.req.quorum;
      if (quorumOk && this.deps.judge) {
        (r as RoundState & { pendingBallots?: Ballot[] }).pendingBallots = ballots;
        return { finished: false, needsJudge: true };
      }
    }
    r.tally = decide(ballots, this.req.protocol.name === 'judge' ? { name: 'majority' } : this.req.protocol, { eligible: r.asked.length, quorum: this.req.quorum });
    const finished = this.afterTally(round, ballots, timedOut);
    if (overBudget && (!finished || this.stopReason === 'max-rounds' || this.stopReason === 'no-quorum')) {
      this.stopReason = 'budget';
      return { finished: true, needsJudge: false };
    }
    return { finished, needsJudge: false };
  }

  async judgeRound(round: number): Promise<boolean> {
    const r = this.rounds[round]! as RoundState & { pendingBallots?: Ballot[] };
    const ballots = r.pendingBallots ?? [];
    const counts: Record<string, number> = {};
    for (const b of ballots) counts[b.position] = (counts[b.position] ?? 0) + 1;
    let decision: string | null = null;
    this.inFlight++;
    try {
      const out = await this.deps.judge!(this, round, ballots, r.texts).finally(() => { this.inFlight--; });
      if (out.response) this.account(out.response);
      this.journal.append('judge.called', { round, ...(out.request ? { request: out.request as Record<string, unknown> } : {}), ...(out.response ? { response: journalResponse(out.response) } : {}), decision: out.decision, rationale: out.rationale ?? '' });
      decision = out.decision !== null && counts[out.decision] !== undefined ? out.decision : null;
    } catch (err) {
      const e = toLukhasError(err);
      this.journal.append('judge.failed', { round, error: { code: e.code, message: e.message } });
    }
    const support = decision ? counts[decision]! / ballots.length : 0;
    const conf = decision ? ballots.filter((b) => b.position === decision).reduce((s, b) => s + b.confidence, 0) / counts[decision]! : 0;
    r.tally = { decided: decision !== null, decision, support, confidence: conf, scores: counts, reason: decision ? 'decided' : 'judge-declined', counted: ballots.length, abstained: r.asked.length - ballots.length };
    return this.afterTally(round, ballots, false);
  }

  private afterTally(round: number, ballots: Ballot[], timedOut: boolean): boolean {
    const r = this.rounds[round]!;
    const t = r.tally!;
    this.journal.append('round.closed', {
      round,
      decided: t.decided,
      decision: t.decision,
      support: t.support,
      confidence: t.confidence,
      scores: t.scores,
      reason: t.reason,
      counted: t.counted,
      abstained: t.abstained,
      ...(this.req.options ? {} : { texts: Object.fromEntries(r.texts) }),
      ...(timedOut ? { timedOut: true } : {}),
    });
    if (t.reason !== 'no-quorum' && t.reason !== 'no-ballots') {
      this.lastCounted = round;
      this.decisions.push(t.decided ? t.decision : null);
    }
    const unanimous = ballots.length === r.asked.length && ballots.length > 0 && ballots.every((b) => b.position === ballots[0]!.position);
    if (unanimous && t.decided) { this.stopReason = 'unanimity'; return true; }
    const k = this.req.stableRounds;
    const recent = this.decisions.slice(-k);
    if (t.decided && this.lastCounted === round && recent.length === k && recent.every((d) => d === t.decision) && round > 0) {
      this.stopReason = 'stable';
      return true;
    }
    if (round + 1 >= this.req.rounds) { this.stopReason = this.lastCounted === undefined ? 'no-quorum' : 'max-rounds'; return true; }
    // the next round must be able to run in full: the limits are checked here, before it opens
    const limit = this.limitReached();
    if (limit) { this.stopReason = limit; return true; }
    return false;
  }

  wallTimeReached(): void {
    this.stopReason = 'wall-time';
  }

  /** Set by the engine: receives the colony's outcome when the deliberation ends. */
  onSettled: ((outcome: ColonyOutput) => void) | undefined;

  settled(outcome: ColonyOutput): void {
    const f = this.onSettled;
    this.onSettled = undefined;
    f?.(outcome);
  }

  /** Builds the result (and closes the journal with `deliberation.ended`). */
  finish(failed?: unknown): DeliberationResult {
    // only calls still in flight need cancelling (a late reply is then dropped); a given reason: abort() without
    // one builds a DOMException with a stack
    if (this.inFlight > 0) this.abort.abort(FINISHED);
    const last = this.lastCounted === undefined ? undefined : this.rounds[this.lastCounted];
    const t = last?.tally;
    const roundsRun = this.rounds.filter((r) => r.asked.length > 0).length;
    const finalRound = [...this.rounds].reverse().find((r) => r.asked.length > 0 && [...r.outputs.values()].some((o) => o.ok));
    const finalIndex = finalRound ? this.rounds.indexOf(finalRound) : -1;
    const view = (round: number, id: string): ProposalView | undefined => {
      const o = this.rounds[round]?.outputs.get(id);
      if (!o?.ok) return undefined;
      return { agent: id, round, position: o.proposal.position, rationale: o.proposal.rationale, confidence: o.proposal.confidence, ...(o.response ? { answeredBy: `${o.response.provider}:${o.response.model}` } : {}) };
    };
    const proposals = finalIndex < 0 ? [] : this.agentIds.map((id) => view(finalIndex, id)).filter((v): v is ProposalView => v !== undefined);
    const decided = Boolean(t?.decided);
    const decisionId = decided ? t!.decision : null;
    const decision = decisionId === null ? null : (last!.texts.get(decisionId) ?? decisionId);
    const dissentingViews = decided && finalRound ? proposals.filter((p) => finalRound.positionOf.get(p.agent) !== decisionId) : proposals;
    const flips = countFlips(this.agentIds, this.rounds, this.req.groundTruth);
    const stopReason: StopReason = failed !== undefined ? 'failed' : (this.stopReason ?? 'max-rounds');
    const result: DeliberationResult = {
      id: this.req.id,
      question: this.req.question,
      consensusReached: decided,
      decision,
      support: t?.support ?? 0,
      confidence: t?.confidence ?? 0,
      dissentingViews,
      rounds: roundsRun,
      flips,
      usage: { ...this.usage, usd: Math.round(this.usage.usd * 1e9) / 1e9 },
      degraded: this.degraded,
      journalId: '',
      protocol: protocolLabel(this.req.protocol),
      stopReason,
      proposals,
      ...(this.req.groundTruth !== undefined ? { correct: decision === this.req.groundTruth } : {}),
      ...(this.unpriced ? { unpriced: true } : {}),
    };
    this.journal.append('deliberation.ended', {
      consensusReached: result.consensusReached,
      decision: result.decision,
      support: result.support,
      confidence: result.confidence,
      rounds: result.rounds,
      stopReason,
      usage: result.usage,
      degraded: result.degraded,
    });
    const journal = this.journal;
    Object.defineProperty(result, 'journalId', { get: () => journal.seal(), enumerable: true, configurable: true });
    return result;
  }
}
