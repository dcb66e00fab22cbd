/**
 * FAKE ENGINE for the simulation mechanics tests (runner, child processes, NATS, CLI): a small, seeded stand-in
 * for `createRuntime().deliberate` that follows the simulated model's equations (blind round: right with
 * probability `competence`, otherwise a wrong option by a uniform prior; later rounds: move to the peers'
 * plurality with probability `conformity`; adversaries push the first wrong option) with a plain plurality /
 * threshold vote. ~10× faster than the real engine, so byte-identity and kill tests stay short; the Condorcet
 * and remote-agent tests use the real engine. `LUKHAS_FAKE_ENGINE_DELAY_MS` adds a timer delay per deliberation.
 */
import type { DeliberationRequest, DeliberationResult, ProposalView } from '../../runtime/deliberation/deliberation.types.js';
import { createRandom } from '../../runtime/random.js';
import type { SimulationEngine } from '../../runtime/simulation/executor.port.js';

function threshold(protocol: unknown): number {
  const p = typeof protocol === 'string' ? protocol : 'majority';
  if (p === 'unanimity') return 1;
  if (p.startsWith('supermajority:')) return Number(p.slice('supermajority:'.length));
  return 0.5;
}

/** One fake deliberation (pure function of the request). */
export function fakeDeliberate(req: DeliberationRequest): DeliberationResult {
  const rnd = createRandom(req.seed ?? 0);
  const options = req.options ?? ['yes', 'no'];
  const gt = req.groundTruth ?? options[0]!;
  const wrong = options.filter((o) => o !== gt);
  const agents = (req.agents ?? []).map((a) => (typeof a === 'string' ? { role: a } : a));
  const maxRounds = req.limits?.rounds ?? 3;
  const theta = threshold(req.protocol);
  let positions = agents.map((a, i) => {
    const r = rnd.fork(`a${i}`);
    if (a.simulated?.adversarial) return wrong[0]!;
    return r.next() < (a.simulated?.competence ?? 0.7) ? gt : wrong[r.int(wrong.length)]!;
  });
  const tally = (ps: string[]): { decision: string | null; support: number } => {
    const counts = new Map<string, number>();
    for (const p of ps) counts.set(p, (counts.get(p) ?? 0) + 1);
    const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const [top, n] = sorted[0]!;
    const tie = sorted.length > 1 && sorted[1]![1] === n;
    const support = n / ps.length;
    return { decision: !tie && (theta === 0.5 ? support > 0.5 : support >= theta) ? top : null, support };
  };
  let t = tally(positions);
  let rounds = 1;
  let rw = 0;
  let wr = 0;
  while (rounds < maxRounds && !(t.decision !== null && t.support === 1)) {
    const plural = tally(positions).decision ?? positions[0]!;
    const next = positions.map((p, i) => {
      const a = agents[i]!;
      if (a.simulated?.adversarial) return p;
      return rnd.fork(`r${rounds}a${i}`).next() < (a.simulated?.conformity ?? 0.3) ? plural : p;
    });
    next.forEach((p, i) => {
      if (positions[i] === gt && p !== gt) rw++;
      if (positions[i] !== gt && p === gt) wr++;
    });
    positions = next;
    t = tally(positions);
    rounds++;
  }
  const calls = agents.length * rounds;
  const proposals: ProposalView[] = positions.map((p, i) => ({ agent: `${agents[i]!.role}/${i}`, round: rounds - 1, position: p, rationale: '', confidence: 0.8 }));
  return {
    id: req.id ?? 'fake', question: req.question, consensusReached: t.decision !== null, decision: t.decision,
    support: t.support, confidence: 0.8, dissentingViews: proposals.filter((p) => p.position !== t.decision), rounds,
    flips: { rightToWrong: rw, wrongToRight: wr, total: rw + wr },
    usage: { inputTokens: 80 * calls, outputTokens: 20 * calls, cachedTokens: 0, calls, usd: 0 },
    degraded: false, journalId: req.id ?? 'fake', protocol: String(req.protocol ?? 'majority'),
    stopReason: t.decision !== null && t.support === 1 ? 'unanimity' : 'max-rounds',
    ...(req.groundTruth !== undefined ? { correct: t.decision === req.groundTruth } : {}), proposals,
  };
}

/** The engine-module export the runner, child processes and workers load with `--engine`. */
export function createEngine(): SimulationEngine {
  const delay = Number(process.env.LUKHAS_FAKE_ENGINE_DELAY_MS ?? 0);
  return {
    deliberate: async (req) => {
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      return fakeDeliberate(req);
    },
    close: async () => undefined,
  };
}
