import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../adapters/lukhas.main.js';
import { createSimulatedModel } from '../../adapters/models/simulated.adapter.js';
import type { ModelAdapter } from '../../runtime/models/model.port.js';
import type { DeliberationRequest } from '../../runtime/deliberation/deliberation.types.js';
import { canonicalJson } from '../../runtime/journal/canonical.js';

/** Counts calls to the wrapped model. */
function counting(inner: ModelAdapter): ModelAdapter & { count: number } {
  const m = { ...inner, count: 0, generate: (req: Parameters<ModelAdapter['generate']>[0], o?: Parameters<ModelAdapter['generate']>[1]) => { m.count++; return inner.generate(req, o); } };
  return m;
}

const requests: DeliberationRequest[] = Array.from({ length: 100 }, (_, i) => ({
  question: i % 3 === 0 ? 'Should the city adopt a four-day work week?' : 'Which option is right?',
  ...(i % 3 === 0 ? {} : { options: ['A', 'B', 'C'], groundTruth: 'B' }),
  agents: ['ethical', 'creative', 'logical', 'empathetic', 'practical'].slice(0, 3 + (i % 3)),
  protocol: ['majority', 'confidence-weighted', 'ranked', 'judge', 'supermajority:0.75'][i % 5]!,
  limits: { rounds: 1 + (i % 4) },
  seed: 1000 + i,
}));

describe('replay', () => {
  it('100 seeded deliberations replay with zero model calls into identical journals', async () => {
    const model = counting(createSimulatedModel());
    const live = createRuntime({ models: () => model, judge: model });
    const outcomes = [];
    for (const r of requests) outcomes.push(await live.deliberate(r));
    expect(model.count).toBeGreaterThan(100);
    const silent = counting(createSimulatedModel());
    const replayer = createRuntime({ models: () => silent, judge: silent });
    for (const o of outcomes) {
      // through a JSON round trip, as a store returns it (JSONB reorders keys)
      const stored = JSON.parse(canonicalJson(o.journal));
      const rep = await replayer.replay(stored);
      expect(rep.identical).toBe(true);
      expect(rep.journalId).toBe(o.journalId);
      expect(JSON.stringify(rep.journal)).toBe(JSON.stringify(o.journal));
      expect(rep.decision).toBe(o.decision);
    }
    expect(silent.count).toBe(0);
  });

  it('1 at a time or 64 concurrently gives identical journals', async () => {
    const rt = createRuntime();
    const sequential: string[] = [];
    for (const r of requests) sequential.push(JSON.stringify((await rt.deliberate(r)).journal));
    const concurrent = await Promise.all(requests.map(async (r, i) => {
      await new Promise((res) => setTimeout(res, (i * 7) % 5)); // shuffle start order
      return JSON.stringify((await rt.deliberate(r)).journal);
    }));
    expect(concurrent).toEqual(sequential);
  });

  it('a journal whose recorded reply was altered does not replay identically', async () => {
    const rt = createRuntime();
    const o = await rt.deliberate(requests[1]!);
    const tampered = JSON.parse(JSON.stringify(o.journal));
    const call = tampered.entries.find((e: { type: string }) => e.type === 'model.called');
    call.data.response.text = call.data.response.text.replace(/"confidence":[0-9.]+/, '"confidence":0.01');
    const rep = await rt.replay(tampered);
    expect(rep.identical).toBe(false);
  });
});
