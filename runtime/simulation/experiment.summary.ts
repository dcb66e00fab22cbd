import type { ExperimentRecord, RunRecord } from './run-spec.js';
import type { CellConfig } from './scenario.schema.js';
import { CappedCounter, round, wilsonInterval } from './statistics.js';

/** One arm of a cell's comparison: the colony under its protocol, or a baseline. */
export interface ArmSummary {
  arm: 'colony' | 'vote' | 'single' | 'sc';
  label: string;
  /** Questions scored. */
  n: number;
  correct: number;
  accuracy: number | null;
  accuracyCi95: [number, number] | null;
  callsPerQuestion: number | null;
  tokensPerQuestion: number | null;
  usdPerQuestion: number | null;
  /** Total USD / correct answers; null with no correct answer or an unpriced call. */
  usdPerCorrect: number | null;
  /** colony only: flips per question, right → wrong and wrong → right (by the answer checker). */
  flipsPerQuestion?: { rightToWrong: number | null; wrongToRight: number | null };
}

/** The experiment block of a cell summary (present when the cell's questions carry answer specs). */
export interface ExperimentSummary {
  arms: ArmSummary[];
  /** Each agent group alone: its first agent's first-round answer (one call per question). */
  groups: { group: number; label: string; n: number; correct: number; accuracy: number | null; accuracyCi95: [number, number] | null }[];
  /** The group the `single` arm reports: the best by accuracy, chosen after the fact (an optimistic baseline). */
  bestGroup: number | null;
  /** How the colony's decisions were scored. */
  scoredBy: Record<string, number>;
}

class Tally {
  n = 0;
  correct = 0;
  calls = 0;
  tokens = 0;
  usd = 0;
  unpriced = false;
  add(correct: boolean, calls: number, tokens: number, usd: number | null): void {
    this.n++;
    if (correct) this.correct++;
    this.calls += calls;
    this.tokens += tokens;
    if (usd === null) this.unpriced = true;
    else this.usd += usd;
  }
}

/** Streaming accumulator of one cell's experiment fields (constant memory per cell). */
export class ExperimentAccumulator {
  readonly colony = new Tally();
  readonly vote = new Tally();
  readonly sc = new Tally();
  scK = 0;
  readonly groups: Tally[];
  readonly scoredBy = new CappedCounter(32);
  rw = 0;
  wr = 0;
  private readonly firstOf: number[];

  constructor(private readonly config: CellConfig) {
    let i = 0;
    this.firstOf = config.agents.map((g) => { const f = i; i += g.count; return f; });
    this.groups = config.agents.map(() => new Tally());
  }

  add(r: RunRecord): void {
    const e = r as Partial<ExperimentRecord>;
    if (!Array.isArray(e.r0)) return;
    this.colony.add(r.correct === true, r.calls, r.tokens, r.usd);
    this.rw += r.rightToWrong;
    this.wr += r.wrongToRight;
    this.scoredBy.add(e.scoredBy ?? 'none');
    const tokens = (e.r0Tokens ?? []).reduce((a, b) => a + b, 0);
    const usdList = e.r0Usd ?? [];
    const usd = usdList.some((u) => u === null) ? null : (usdList as number[]).reduce((a, b) => a + b, 0);
    this.vote.add(e.vote?.correct === true, e.r0.filter((x) => x !== null).length, tokens, usd);
    this.firstOf.forEach((f, g) => {
      if (f < e.r0!.length) this.groups[g]!.add(e.r0![f] === 1, 1, e.r0Tokens?.[f] ?? 0, e.r0Usd?.[f] ?? 0);
    });
    if (e.sc) {
      this.sc.add(e.sc.correct, e.sc.calls, e.sc.tokens, e.sc.usd);
      this.scK = e.sc.k;
    }
  }

  summary(protocol: string): ExperimentSummary | undefined {
    if (this.colony.n === 0) return undefined;
    const label = (g: number): string => {
      const a = this.config.agents[g]!;
      return `group ${g}: ${a.model ?? `simulated${a.competence !== undefined ? ` p=${a.competence}` : ''}`} (${a.role})`;
    };
    const acc = (t: Tally) => (t.n ? round(t.correct / t.n) : null);
    const ci = (t: Tally) => (t.n ? (wilsonInterval(t.correct, t.n).map((x) => round(x)) as [number, number]) : null);
    const arm = (kind: ArmSummary['arm'], text: string, t: Tally): ArmSummary => ({
      arm: kind, label: text, n: t.n, correct: t.correct, accuracy: acc(t), accuracyCi95: ci(t),
      callsPerQuestion: t.n ? round(t.calls / t.n) : null,
      tokensPerQuestion: t.n ? round(t.tokens / t.n) : null,
      usdPerQuestion: t.n && !t.unpriced ? round(t.usd / t.n) : null,
      usdPerCorrect: t.correct && !t.unpriced ? round(t.usd / t.correct) : null,
    });
    const groups = this.groups.map((t, g) => ({ group: g, label: label(g), n: t.n, correct: t.correct, accuracy: acc(t), accuracyCi95: ci(t) }));
    let best: number | null = null;
    groups.forEach((g) => { if (g.n > 0 && (best === null || g.accuracy! > groups[best]!.accuracy!)) best = g.group; });
    const colony = arm('colony', `colony (${protocol})`, this.colony);
    colony.flipsPerQuestion = { rightToWrong: round(this.rw / this.colony.n), wrongToRight: round(this.wr / this.colony.n) };
    const arms = [colony, arm('vote', 'majority vote of the first round', this.vote)];
    if (best !== null) arms.push(arm('single', `best single model alone (${label(best)})`, this.groups[best]!));
    if (this.sc.n > 0) arms.push(arm('sc', `self-consistency, k=${this.scK} samples`, this.sc));
    return { arms, groups, bestGroup: best, scoredBy: this.scoredBy.toJSON() };
  }
}
