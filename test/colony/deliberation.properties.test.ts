import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../adapters/lukhas.main.js';
import type { AgentSpec } from '../../runtime/deliberation/deliberation.types.js';

const runtime = createRuntime();
const ROLES = ['ethical', 'creative', 'logical', 'empathetic', 'practical'];

const colony = fc.record({
  n: fc.integer({ min: 2, max: 7 }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  options: fc.constantFrom(['A', 'B'], ['A', 'B', 'C'], undefined),
  protocol: fc.constantFrom('majority', 'supermajority:0.6', 'unanimity', 'confidence-weighted', 'ranked', 'approval', 'judge'),
  rounds: fc.integer({ min: 1, max: 3 }),
  conformity: fc.double({ min: 0, max: 1, noNaN: true }),
  adversarial: fc.boolean(),
});

function agentsOf(c: { n: number; conformity: number; adversarial: boolean }): AgentSpec[] {
  return Array.from({ length: c.n }, (_, i) => ({
    role: ROLES[i % ROLES.length]!,
    key: `k${i}`,
    simulated: { competence: 0.6, conformity: c.conformity, adversarial: c.adversarial && i === 0 },
  }));
}

describe('deliberation properties (fast-check, seeded)', () => {
  it('a permutation of the agents never changes the decision', async () => {
    await fc.assert(
      fc.asyncProperty(colony, fc.integer({ min: 0, max: 1000 }), async (c, shuffleSeed) => {
        const agents = agentsOf(c);
        const shuffled = fc.sample(fc.shuffledSubarray(agents, { minLength: agents.length, maxLength: agents.length }), { seed: shuffleSeed, numRuns: 1 })[0]!;
        const base = { question: 'Should the council fund the new library?', protocol: c.protocol, limits: { rounds: c.rounds }, seed: c.seed, ...(c.options ? { options: c.options, groundTruth: c.options[0] } : {}) };
        const a = await runtime.deliberate({ ...base, agents });
        const b = await runtime.deliberate({ ...base, agents: shuffled });
        expect(b.decision).toBe(a.decision);
        expect(b.consensusReached).toBe(a.consensusReached);
        expect(b.rounds).toBe(a.rounds);
      }),
      { numRuns: 60, seed: 42 },
    );
  });

  it('no protocol ever returns a decision no agent proposed', async () => {
    await fc.assert(
      fc.asyncProperty(colony, async (c) => {
        const r = await runtime.deliberate({ question: 'Which plan should we pick?', agents: agentsOf(c), protocol: c.protocol, limits: { rounds: c.rounds }, seed: c.seed, ...(c.options ? { options: c.options } : {}) });
        if (r.decision !== null) {
          const proposed = r.journal.entries.filter((e) => e.type === 'proposal.made').map((e) => e.data.position);
          expect(proposed).toContain(r.decision);
        }
        // consensus and decision agree, and no-consensus is a result, not an error
        expect(r.consensusReached).toBe(r.decision !== null);
      }),
      { numRuns: 80, seed: 7 },
    );
  });

  it('the same request and seed give a byte-identical journal', async () => {
    await fc.assert(
      fc.asyncProperty(colony, async (c) => {
        const req = { question: 'Should we?', agents: agentsOf(c), protocol: c.protocol, limits: { rounds: c.rounds }, seed: c.seed, ...(c.options ? { options: c.options } : {}) };
        const a = await runtime.deliberate(req);
        const b = await createRuntime().deliberate(req);
        expect(JSON.stringify(b.journal)).toBe(JSON.stringify(a.journal));
        expect(b.journalId).toBe(a.journalId);
      }),
      { numRuns: 30, seed: 3 },
    );
  });
});
