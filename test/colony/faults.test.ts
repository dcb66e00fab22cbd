import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, RoleCatalogue } from '../../adapters/lukhas.main.js';
import { createSimulatedModel } from '../../adapters/models/simulated.adapter.js';
import { createLocalExecutor } from '../../agents/deliberation/local.executor.js';
import type { TurnExecutor } from '../../runtime/deliberation/turn.port.js';
import { LukhasError } from '../../runtime/errors.js';
import { createGate } from '../../runtime/ethics/gate.js';
import { createScriptedModel } from '../fakes/scripted.model.js';

let uncaught = 0;
let unhandled = 0;
const onUncaught = () => { uncaught++; };
const onUnhandled = () => { unhandled++; };
beforeAll(() => { process.on('uncaughtException', onUncaught); process.on('unhandledRejection', onUnhandled); });
afterAll(() => {
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUnhandled);
});

const sim = createSimulatedModel();
const question = { question: 'Which option?', options: ['A', 'B'], groundTruth: 'A', agents: ['ethical', 'logical', 'practical', 'creative'], limits: { rounds: 2, turnTimeoutMs: 100 }, seed: 4 };

describe('faults', () => {
  it('an agent whose model throws is excluded and the deliberation completes', async () => {
    const broken = createScriptedModel({ replies: [{ error: new LukhasError('MODEL_ERROR', 'provider 503') }] });
    const rt = createRuntime({ models: (a) => (a.role === 'logical' ? broken : sim) });
    const r = await rt.deliberate(question);
    expect(r.stopReason).not.toBe('failed');
    const failed = r.journal.entries.filter((e) => e.type === 'turn.failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((e) => e.data.agent === 'logical/1' && (e.data.error as { code: string }).code === 'MODEL_ERROR')).toBe(true);
    expect(r.proposals.map((p) => p.agent)).not.toContain('logical/1');
  });

  it('an agent whose model hangs is excluded at the turn deadline', async () => {
    const hanging = createScriptedModel({ replies: [{ hang: true }] });
    const rt = createRuntime({ models: (a) => (a.role === 'practical' ? hanging : sim) });
    const t = Date.now();
    const r = await rt.deliberate(question);
    expect(Date.now() - t).toBeLessThan(2000);
    const timeouts = r.journal.entries.filter((e) => e.type === 'turn.failed' && e.data.timedOut);
    expect(timeouts.length).toBeGreaterThan(0);
    expect(timeouts[0]!.data.agent).toBe('practical/1');
    // the journal of a timed-out run still replays exactly
    const rep = await rt.replay(r.journal);
    expect(rep.identical).toBe(true);
  });

  it('below quorum a round does not count: no-consensus is reported, not thrown', async () => {
    const broken = createScriptedModel({ replies: [{ error: new LukhasError('MODEL_ERROR', 'down') }] });
    const rt = createRuntime({ models: (a) => (a.role === 'ethical' ? sim : broken) });
    const r = await rt.deliberate({ ...question, limits: { rounds: 2 } });
    expect(r.consensusReached).toBe(false);
    expect(r.decision).toBeNull();
    expect(r.stopReason).toBe('no-quorum');
  });

  it('a crashed agent actor is restarted and the deliberation completes', async () => {
    const roles = new RoleCatalogue();
    const local = createLocalExecutor(roles, () => sim, createGate()); // the same gate replay re-validates with
    let crashes = 0;
    const executor: TurnExecutor = {
      turn(input, o) {
        if (input.agentId === 'creative/1' && input.round === 0 && crashes === 0) { crashes++; throw new Error('boom'); }
        return local.turn(input, o);
      },
    };
    const rt = createRuntime({ executor });
    const r = await rt.deliberate(question);
    expect(crashes).toBe(1);
    expect(r.journal.entries.some((e) => e.type === 'agent.restarted' && e.data.agent === 'creative/1')).toBe(true);
    // the restarted actor answers in the next round
    expect(r.journal.entries.some((e) => e.type === 'proposal.made' && e.data.agent === 'creative/1' && e.data.round === 1)).toBe(true);
    const rep = await rt.replay(r.journal);
    expect(rep.identical).toBe(true);
  });

  it('past the restart intensity the deliberation fails with a clear error', async () => {
    const executor: TurnExecutor = { turn() { throw new Error('always crashes'); } };
    const rt = createRuntime({ executor, maxRestarts: 2, restartWindowMs: 60_000 });
    await expect(rt.deliberate({ ...question, limits: { rounds: 5 } })).rejects.toMatchObject({ code: 'RESTART_INTENSITY', message: expect.stringMatching(/restart intensity/) });
  });

  it('no unhandled error ever reached the process', async () => {
    await new Promise((r) => setTimeout(r, 50));
    expect(uncaught).toBe(0);
    expect(unhandled).toBe(0);
  });
});
