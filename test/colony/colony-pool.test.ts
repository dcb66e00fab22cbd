/**
 * Colonies are kept between deliberations (a pool of idle colonies with their agent actors): reuse must be
 * invisible — the same journals as a fresh runtime, a fresh restart window per deliberation, no late reply of an
 * earlier deliberation reaching a later one, and a colony that escalated never reused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRuntime, RoleCatalogue } from '../../adapters/lukhas.main.js';
import { createSimulatedModel } from '../../adapters/models/simulated.adapter.js';
import { createLocalExecutor } from '../../agents/deliberation/local.executor.js';
import type { TurnExecutor, TurnOutput } from '../../runtime/deliberation/turn.port.js';
import { createGate } from '../../runtime/ethics/gate.js';

const ROLES = ['ethical', 'logical', 'practical', 'creative', 'empathetic'];
const sim = createSimulatedModel();
const LATE = { text: '{"position":"C"}', finishReason: 'stop' as const, usage: { inputTokens: 1, outputTokens: 1, cachedTokens: 0 }, provider: 'scripted', model: 'late' };
const base = { question: 'Which option?', options: ['A', 'B', 'C'], groundTruth: 'B' };

describe('colony pool', () => {
  it('a warm runtime gives the same journals as a fresh runtime for every deliberation (property)', async () => {
    const warm = createRuntime();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ seed: fc.integer({ min: 0, max: 1000 }), agents: fc.subarray(ROLES, { minLength: 1 }), rounds: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 6 }),
        async (runs) => {
          const warmIds = await Promise.all(runs.map(async (r) => (await warm.deliberate({ ...base, agents: r.agents, limits: { rounds: r.rounds }, seed: r.seed })).journalId));
          for (let i = 0; i < runs.length; i++) {
            const r = runs[i]!;
            const fresh = await createRuntime().deliberate({ ...base, agents: r.agents, limits: { rounds: r.rounds }, seed: r.seed });
            expect(warmIds[i]).toBe(fresh.journalId);
          }
        },
      ),
      { numRuns: 15 },
    );
    await warm.close();
  });

  it('restart intensity is counted per deliberation, not across the deliberations a colony runs', async () => {
    const local = createLocalExecutor(new RoleCatalogue(), () => sim, createGate());
    // two agents crash on every deliberation's first round: 2 restarts each time, under a limit of 3
    const executor: TurnExecutor = {
      turn(input, o) {
        if ((input.agentId === 'creative/1' || input.agentId === 'logical/1') && input.round === 0) throw new Error('crash in round 0');
        return local.turn(input, o);
      },
    };
    const rt = createRuntime({ executor, maxRestarts: 3, restartWindowMs: 60_000 });
    for (let i = 0; i < 5; i++) {
      const r = await rt.deliberate({ ...base, agents: ['ethical', 'logical', 'practical', 'creative'], limits: { rounds: 2 }, seed: i });
      expect(r.stopReason).not.toBe('failed');
      expect(r.journal.entries.filter((e) => e.type === 'agent.restarted').map((e) => e.data.agent)).toEqual(['logical/1', 'creative/1']);
      // the restarted actors answer in round 1
      expect(r.journal.entries.filter((e) => e.type === 'proposal.made' && e.data.round === 1)).toHaveLength(4);
    }
  });

  it('after an escalation the next deliberation with the same agents runs on a new colony', async () => {
    const local = createLocalExecutor(new RoleCatalogue(), () => sim, createGate());
    let crashing = true;
    const executor: TurnExecutor = {
      turn(input, o) {
        if (crashing) throw new Error('always crashes');
        return local.turn(input, o);
      },
    };
    const rt = createRuntime({ executor, maxRestarts: 2, restartWindowMs: 60_000 });
    const req = { ...base, agents: ['ethical', 'logical', 'practical'], limits: { rounds: 3 }, seed: 9 };
    await expect(rt.deliberate(req)).rejects.toMatchObject({ code: 'RESTART_INTENSITY' });
    crashing = false;
    const r = await rt.deliberate(req);
    expect(r.journal.entries.some((e) => e.type === 'agent.restarted')).toBe(false);
    expect(r.journalId).toBe((await createRuntime({ executor: local }).deliberate(req)).journalId);
  });

  it('a late reply of a deliberation that ended never reaches the next one on the same colony', async () => {
    const local = createLocalExecutor(new RoleCatalogue(), () => sim, createGate());
    let first = true;
    const late: Promise<unknown>[] = [];
    const executor: TurnExecutor = {
      turn(input, o) {
        if (first && input.agentId === 'practical/1') {
          // ignores the abort signal and answers after its deliberation has ended, with a position of its own
          const reply = new Promise<TurnOutput>((resolve) => setTimeout(() => resolve({ ok: true, proposal: { position: 'C', rationale: 'late', confidence: 1 }, request: { messages: [] }, response: LATE }), 150));
          late.push(reply);
          return reply;
        }
        // the next deliberation is slow too: its round 0 is still open when the late reply arrives
        if (!first) return new Promise((r) => setTimeout(r, 200)).then(() => local.turn(input, o));
        return local.turn(input, o);
      },
    };
    const rt = createRuntime({ executor });
    const agents = ['ethical', 'logical', 'practical'];
    const ended = await rt.deliberate({ ...base, agents, limits: { rounds: 3, wallMs: 40 }, seed: 1 });
    expect(ended.stopReason).toBe('wall-time');
    first = false;
    const second = await rt.deliberate({ ...base, agents, limits: { rounds: 1 }, seed: 2 });
    await Promise.all(late);
    expect(second.journal.entries.some((e) => e.type === 'proposal.made' && e.data.rationale === 'late')).toBe(false);
    const fresh = await createRuntime({ executor: local }).deliberate({ ...base, agents, limits: { rounds: 1 }, seed: 2 });
    expect(second.journalId).toBe(fresh.journalId);
  });

  it('maxIdleColonies: 0 (a colony per deliberation) gives the same journals as the pool; a bad value is refused by name', async () => {
    const pooled = createRuntime();
    const unpooled = createRuntime({ maxIdleColonies: 0 });
    for (let seed = 0; seed < 5; seed++) {
      const req = { ...base, agents: ['ethical', 'logical', 'practical'], limits: { rounds: 3 }, seed };
      const [a, b] = await Promise.all([pooled.deliberate(req), unpooled.deliberate(req)]);
      expect(b.journalId).toBe(a.journalId);
    }
    for (const bad of [-1, 1.5, Number.NaN]) {
      expect(() => createRuntime({ maxIdleColonies: bad })).toThrow(expect.objectContaining({ code: 'BAD_OPTION', message: expect.stringContaining('maxIdleColonies') }));
    }
    await Promise.all([pooled.close(), unpooled.close()]);
  });
});
