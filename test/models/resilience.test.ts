/**
 * The runtime's resilience around real SDK adapters against the emulator: injected 429/5xx at 30%, Retry-After
 * honoured up to the cap and failed over beyond it, deadlines and stall detection, breaker and bulkhead per
 * provider. Sleeps are injected (recorded, not waited), so no test waits real backoff seconds.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicAdapter, createAnthropicClient } from '../../adapters/models/anthropic.adapter.js';
import { createOpenAIAdapter, createOpenAIClient } from '../../adapters/models/openai.adapter.js';
import { LukhasError } from '../../runtime/errors.js';
import { withFallback } from '../../runtime/models/fallback.js';
import { collectStream, type ModelAdapter, type ModelRequest } from '../../runtime/models/model.port.js';
import { createProviderGuard } from '../../runtime/models/provider-guard.js';
import { withResilience, type ResilienceOptions } from '../../runtime/models/resilience.js';
import { createRandom } from '../../runtime/random.js';
import { startProviderEmulator, type ProviderEmulator } from '../emulator/index.js';

let em: ProviderEmulator;
let openai: ModelAdapter;
let anthropic: ModelAdapter;
beforeAll(async () => {
  em = await startProviderEmulator();
  openai = createOpenAIAdapter({ model: 'gpt-4o-mini', handle: createOpenAIClient({ apiKey: 'k-openai', baseURL: em.baseUrls.openai, env: {} }) });
  anthropic = createAnthropicAdapter({ model: 'claude-haiku-4-5', handle: createAnthropicClient({ apiKey: 'k-anthropic', baseURL: em.baseUrls.anthropic, env: {} }) });
});
afterAll(async () => { await em.close(); });
beforeEach(() => { em.reset(); em.setFaults(undefined); em.setLatency(0); });

const REQ: ModelRequest = { messages: [{ role: 'user', content: 'decide' }] };

/** A sleep that records what it was asked to wait and returns at once. */
function fakeSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => { waits.push(ms); } };
}

async function failure(run: () => Promise<unknown>): Promise<LukhasError> {
  try { await run(); } catch (err) { return err as LukhasError; }
  throw new Error('expected failure');
}

describe('withResilience over the real SDKs', () => {
  it('30% injected 429/5xx: every call ends within 3 attempts, requests = attempts, no wait above the cap', async () => {
    em.setFaults({ rate: 0.3, seed: 7, kinds: [{ kind: 'status', status: 429, retryAfter: 1 }, { kind: 'status', status: 500 }, { kind: 'status', status: 503 }, { kind: 'status', status: 529 }] });
    const { waits, sleep } = fakeSleep();
    const opts: ResilienceOptions = { sleep, random: createRandom(1), baseDelayMs: 250, maxDelayMs: 4000, retryAfterCapMs: 30_000 };
    const primary = withResilience(openai, opts);
    const chain = withFallback([primary, withResilience(anthropic, opts)]);
    let attempts = 0; let lostPrimary = 0; let lostChain = 0; let maxAttempts = 0;
    const N = 300;
    for (let i = 0; i < N; i++) {
      try {
        const r = await chain.generate(REQ);
        attempts += r.attempts!;
        maxAttempts = Math.max(maxAttempts, r.fallbackUsed ? r.attempts! - 3 : r.attempts!);
        if (r.fallbackUsed) lostPrimary++;
      } catch (err) {
        const e = err as LukhasError;
        expect(e.details?.attempts).toBe(6); // 3 on each model of the chain, never more
        attempts += 6; lostChain++; lostPrimary++;
      }
    }
    expect(em.stats().requests.total).toBe(attempts);
    expect(maxAttempts).toBeLessThanOrEqual(3);
    expect(Math.max(...waits)).toBeLessThanOrEqual(4000);
    expect(waits.filter((w) => w === 1000).length).toBeGreaterThan(0); // Retry-After: 1 honoured as 1,000 ms
    // A primary turn is lost only after its 3 attempts all failed (~0.3^3 = 2.7%); the fallback catches nearly all.
    expect(lostPrimary).toBeGreaterThan(0);
    expect(lostPrimary).toBeLessThan(N * 0.08);
    expect(lostChain).toBeLessThanOrEqual(2);
  });

  it('jitter is seeded: the same seed gives the same waits', async () => {
    const run = async () => {
      em.reset();
      for (let i = 0; i < 3; i++) em.enqueue({ fault: { kind: 'status', status: 500 } });
      const { waits, sleep } = fakeSleep();
      await failure(() => withResilience(openai, { sleep, random: createRandom(42), maxAttempts: 3 }).generate(REQ));
      em.reset();
      return waits;
    };
    const a = await run();
    expect(a).toHaveLength(2);
    expect(a[0]).toBeGreaterThanOrEqual(125);
    expect(a[0]).toBeLessThanOrEqual(250);
    expect(await run()).toEqual(a);
  });

  it('Retry-After 3600 fails over at once to the next model, without waiting', async () => {
    em.enqueue({ fault: { kind: 'status', status: 429, retryAfter: 3600 } });
    const { waits, sleep } = fakeSleep();
    const chain = withFallback([withResilience(openai, { sleep }), withResilience(anthropic, { sleep })]);
    const t0 = performance.now();
    const r = await chain.generate(REQ);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(waits).toEqual([]);
    expect(r.provider).toBe('anthropic');
    expect(r.fallbackUsed).toBe(true);
    expect(r.attempts).toBe(2);
    expect(em.stats().requests).toMatchObject({ openai: 1, anthropic: 1 });
  });

  it('Retry-After 3600 with no fallback → MODEL_RATE_LIMITED marked failover, not retryable, no wait', async () => {
    em.enqueue({ fault: { kind: 'status', status: 429, retryAfter: 3600 } });
    const { waits, sleep } = fakeSleep();
    const e = await failure(() => withResilience(openai, { sleep }).generate(REQ));
    expect(e.code).toBe('MODEL_RATE_LIMITED');
    expect(e.isRetryable).toBe(false);
    expect(e.details).toMatchObject({ failover: true, retryAfterMs: 3_600_000, capMs: 30_000 });
    expect(waits).toEqual([]);
  });

  it('a stream stalled before its first part is aborted at the first-part deadline and retried', async () => {
    em.enqueue({ fault: { kind: 'stall', afterParts: 1 } }, 'after the stall'); // frame 1 carries no text
    const { waits, sleep } = fakeSleep();
    const t0 = performance.now();
    const r = await collectStream(withResilience(openai, { sleep, timeoutMs: 200, stallMs: 5000 }).stream(REQ));
    const took = performance.now() - t0;
    expect(r.text).toBe('after the stall');
    expect(r.attempts).toBe(2);
    expect(waits).toHaveLength(1);
    expect(took).toBeGreaterThanOrEqual(190);
    expect(took).toBeLessThan(1000);
    expect(em.stats().requests.openai).toBe(2);
  });

  it('a stream stalled after its first part fails with MODEL_TIMEOUT at the deadline (never retried: text was delivered)', async () => {
    em.enqueue({ fault: { kind: 'stall', afterParts: 2 } });
    const { sleep } = fakeSleep();
    let last = 0;
    const e = await failure(async () => {
      for await (const p of withResilience(openai, { sleep, stallMs: 200 }).stream(REQ)) { void p; last = performance.now(); }
    });
    const waited = performance.now() - last;
    expect(e.code).toBe('MODEL_TIMEOUT');
    expect(e.details).toMatchObject({ partial: true, deadlineMs: 200 });
    expect(waited).toBeGreaterThanOrEqual(190);
    expect(waited).toBeLessThan(700);
    expect(em.stats().requests.openai).toBe(1);
  });

  it('a call that never answers times out at its deadline and is retried', async () => {
    em.enqueue({ fault: { kind: 'stall' } }, 'second try answers');
    const { waits, sleep } = fakeSleep();
    const t0 = performance.now();
    const r = await withResilience(openai, { sleep, timeoutMs: 200 }).generate(REQ);
    const took = performance.now() - t0;
    expect(r.text).toBe('second try answers');
    expect(r.attempts).toBe(2);
    expect(waits).toHaveLength(1);
    expect(took).toBeGreaterThanOrEqual(190);
    expect(took).toBeLessThan(1000);
  });

  it('an open breaker sheds calls at once, without a request, for every adapter of the provider', async () => {
    const guard = createProviderGuard('openai', { breakerThreshold: 3, halfOpenAfterMs: 60_000 });
    const { sleep } = fakeSleep();
    const a = withResilience(openai, { sleep, guard, maxAttempts: 1 });
    const b = withResilience(createOpenAIAdapter({ model: 'gpt-4o', handle: createOpenAIClient({ apiKey: 'k', baseURL: em.baseUrls.openai, env: {} }) }), { sleep, guard });
    for (let i = 0; i < 3; i++) { em.enqueue({ fault: { kind: 'status', status: 503 } }); expect((await failure(() => a.generate(REQ))).code).toBe('MODEL_ERROR'); }
    expect(guard.state()).toBe('open');
    const before = em.stats().requests.total;
    const e = await failure(() => b.generate(REQ));
    expect(e.code).toBe('CIRCUIT_OPEN');
    expect(em.stats().requests.total).toBe(before);
  });

  it('the bulkhead queues up to its bound and rejects beyond it with BULKHEAD_FULL', async () => {
    em.setLatency(150);
    const guard = createProviderGuard('openai', { maxInFlight: 1, maxQueue: 1 });
    const a = withResilience(openai, { guard });
    const calls = [a.generate(REQ), a.generate(REQ), a.generate(REQ)].map((p) => p.then(() => 'ok', (e: LukhasError) => e.code));
    expect(await Promise.all(calls)).toEqual(['ok', 'ok', 'BULKHEAD_FULL']);
    expect(em.stats().requests.openai).toBe(2);
  });

  it('non-retryable errors are not retried (401 → one request)', async () => {
    em.enqueue({ fault: { kind: 'status', status: 401 } });
    const { waits, sleep } = fakeSleep();
    const e = await failure(() => withResilience(openai, { sleep }).generate(REQ));
    expect(e.code).toBe('MODEL_AUTH');
    expect(waits).toEqual([]);
    expect(em.stats().requests.openai).toBe(1);
  });
});
