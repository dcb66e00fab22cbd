import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchClient, BatchItem, BatchRaw } from '../models/batch.clients.js';
import { LukhasError } from '../../runtime/errors.js';
import type { ModelRequest } from '../../runtime/models/model.port.js';
import { batchCallId, createBatchCoordinator, type BatchEvent } from './batch.coordinator.js';

/** An in-memory batch API: batches end after `pollsToEnd` polls; `result` decides each item's raw result. */
function fakeClient(o: { pollsToEnd?: number; result?: (item: BatchItem, batchNo: number) => BatchRaw | undefined; failBatch?: number; submitErrors?: LukhasError[] } = {}) {
  const batches = new Map<string, { items: BatchItem[]; polls: number; no: number }>();
  const submitted: BatchItem[][] = [];
  const client: BatchClient & { submitted: BatchItem[][]; pollCount: number } = {
    provider: 'openai', secrets: [], submitted, pollCount: 0,
    async submit(items) {
      const e = o.submitErrors?.shift();
      if (e) throw e;
      const id = `b${batches.size}`;
      batches.set(id, { items: [...items], polls: 0, no: batches.size });
      submitted.push([...items]);
      return id;
    },
    async poll(id) {
      client.pollCount++;
      const b = batches.get(id)!;
      if (b.no === o.failBatch) return { state: 'failed', detail: 'invalid file' };
      return ++b.polls >= (o.pollsToEnd ?? 1) ? { state: 'ended', detail: 'done' } : { state: 'pending', detail: 'running' };
    },
    async results(id) {
      const b = batches.get(id)!;
      const out = new Map<string, BatchRaw>();
      for (const it of b.items) { const r = (o.result ?? (() => ({ status: 200, body: { text: `re: ${it.request.messages[0]!.content}` } })))(it, b.no); if (r) out.set(it.customId, r); }
      return out;
    },
    outcome(raw, item) {
      if (raw.status === 200) return { ok: true, response: { text: (raw.body as { text: string }).text, finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1, cachedTokens: 0 }, provider: 'openai', model: item.model, serviceTier: 'batch' } };
      return { ok: false, error: { code: raw.status >= 500 ? 'MODEL_ERROR' : 'MODEL_BAD_REQUEST', message: `status ${raw.status}`, retryable: raw.status >= 500 } };
    },
  };
  return client;
}

const req = (text: string, d = 'd1', agent = 'logical/0', round = 0): ModelRequest => ({
  messages: [{ role: 'user', content: text }],
  context: { deliberationId: d, seed: 1, question: 'q', role: 'logical', agent, round },
});
const tmp = () => mkdtempSync(join(tmpdir(), 'lukhas-coord-'));
const fast = { quietMs: 5, pollMs: 2, maxPollMs: 10 };

describe('batch coordinator', () => {
  it('calls made together form one wave; their replies come back tagged batch; the next round is the next wave', async () => {
    const client = fakeClient();
    const c = createBatchCoordinator({ dir: tmp(), clients: { openai: client }, ...fast });
    await c.open();
    const m = c.adapter('openai', 'gpt-4o-mini');
    const round0 = await Promise.all(['a', 'b', 'c'].map((t, i) => m.generate(req(t, `d${i}`))));
    expect(round0.map((r) => [r.text, r.serviceTier])).toEqual([['re: a', 'batch'], ['re: b', 'batch'], ['re: c', 'batch']]);
    await Promise.all(['a2', 'b2'].map((t, i) => m.generate(req(t, `d${i}`, 'logical/0', 1))));
    expect(client.submitted.map((b) => b.length)).toEqual([3, 2]);
    expect(c.stats()).toMatchObject({ waves: 2, batchesSubmitted: 2, requestsSubmitted: 5 });
    await c.close();
  });

  it('ids: the same call in any process has the same id; the same words in two deliberations are two calls', () => {
    expect(batchCallId('openai', 'm', req('x'))).toBe(batchCallId('openai', 'm', structuredClone(req('x'))));
    expect(batchCallId('openai', 'm', req('x', 'd1'))).not.toBe(batchCallId('openai', 'm', req('x', 'd2')));
    expect(batchCallId('openai', 'm', req('x'))).toMatch(/^lk_[0-9a-f]{40}$/);
  });

  it('resume: answered calls come from the state, calls of a batch in flight join it, nothing is submitted twice', async () => {
    const dir = tmp();
    const slow = fakeClient({ pollsToEnd: 1_000_000 });
    const first = createBatchCoordinator({ dir, clients: { openai: slow }, ...fast });
    await first.open();
    const m1 = first.adapter('openai', 'gpt-4o-mini');
    const waiting = Promise.allSettled([m1.generate(req('p')), m1.generate(req('q', 'd2'))]);
    while (slow.submitted.length === 0) await new Promise((r) => setTimeout(r, 5));
    await first.close(); // the process stops while polling
    expect((await waiting).map((r) => r.status)).toEqual(['rejected', 'rejected']);

    // the next process: the same provider still holds batch b0 (the fake keeps it); it ends at the next poll
    const events: BatchEvent[] = [];
    const again = fakeClient();
    const second = createBatchCoordinator({ dir, clients: { openai: again }, ...fast, onEvent: (e) => events.push(e) });
    (again as unknown as { results: BatchClient['results'] }).results = slow.results; // same provider state
    (again as unknown as { poll: BatchClient['poll'] }).poll = async () => ({ state: 'ended', detail: 'done' });
    await second.open();
    const m2 = second.adapter('openai', 'gpt-4o-mini');
    const [p, q] = await Promise.all([m2.generate(req('p')), m2.generate(req('q', 'd2'))]);
    expect([p.text, q.text]).toEqual(['re: p', 're: q']);
    expect(again.submitted).toHaveLength(0);
    expect(second.stats()).toMatchObject({ batchesResumed: 1, joinedInFlight: 2, batchesSubmitted: 0 });
    expect(events[0]).toEqual({ type: 'resumed', batches: 1, responses: 0 });
    await second.close();

    const third = createBatchCoordinator({ dir, clients: { openai: fakeClient() }, ...fast });
    await third.open();
    expect((await third.adapter('openai', 'gpt-4o-mini').generate(req('p'))).text).toBe('re: p');
    expect(third.stats()).toMatchObject({ servedFromState: 1, batchesSubmitted: 0 });
    await third.close();
  });

  it('a torn last line of the state (killed mid-append) is ignored', async () => {
    const dir = tmp();
    const c = createBatchCoordinator({ dir, clients: { openai: fakeClient() }, ...fast });
    await c.open();
    await c.adapter('openai', 'm').generate(req('x'));
    await c.close();
    appendFileSync(join(dir, 'responses.jsonl'), '{"id":"lk_torn","sta');
    appendFileSync(join(dir, 'batches.jsonl'), '{"type":"submi');
    const again = createBatchCoordinator({ dir, clients: { openai: fakeClient() }, ...fast });
    await again.open();
    expect((await again.adapter('openai', 'm').generate(req('x'))).text).toBe('re: x');
    expect(again.stats().batchesResumed).toBe(0);
    await again.close();
  });

  it('items the provider did not run, or failed retryably, go in the next wave, up to maxAttempts; final errors fail the call', async () => {
    const seen: string[] = [];
    const client = fakeClient({
      result: (it, no) => {
        const t = it.request.messages[0]!.content;
        seen.push(`${no}:${t}`);
        if (t === 'expires-once') return no === 0 ? undefined : { status: 200, body: { text: 'late' } };
        if (t === 'always-500') return { status: 500, body: {} };
        if (t === 'bad') return { status: 400, body: {} };
        return { status: 200, body: { text: 'ok' } };
      },
    });
    const c = createBatchCoordinator({ dir: tmp(), clients: { openai: client }, ...fast, maxAttempts: 3 });
    await c.open();
    const m = c.adapter('openai', 'm');
    const out = await Promise.allSettled([m.generate(req('expires-once')), m.generate(req('always-500', 'd2')), m.generate(req('bad', 'd3')), m.generate(req('fine', 'd4'))]);
    expect(out[0]).toMatchObject({ status: 'fulfilled', value: { text: 'late' } });
    expect(out[1]).toMatchObject({ status: 'rejected', reason: { code: 'MODEL_ERROR' } });
    expect(out[2]).toMatchObject({ status: 'rejected', reason: { code: 'MODEL_BAD_REQUEST' } });
    expect(out[3]).toMatchObject({ status: 'fulfilled', value: { text: 'ok' } });
    expect(client.submitted.map((b) => b.length)).toEqual([4, 2, 1]); // always-500 three times in all
    await c.close();
  });

  it('a batch that fails as a whole is fatal: every waiting call is rejected with it', async () => {
    const c = createBatchCoordinator({ dir: tmp(), clients: { openai: fakeClient({ failBatch: 0 }) }, ...fast });
    await c.open();
    const m = c.adapter('openai', 'm');
    const out = await Promise.allSettled([m.generate(req('a')), m.generate(req('b', 'd2'))]);
    expect(out.every((r) => r.status === 'rejected' && /batch b0 failed: invalid file/.test(String(r.reason.message)))).toBe(true);
    expect(c.fatal?.code).toBe('MODEL_BAD_REQUEST');
    await expect(m.generate(req('c', 'd3'))).rejects.toBe(c.fatal);
    await c.close();
  });

  it('submissions that may pass are tried again; one that cannot is fatal', async () => {
    const retry = fakeClient({ submitErrors: [new LukhasError('MODEL_RATE_LIMITED', '429')] });
    const c = createBatchCoordinator({ dir: tmp(), clients: { openai: retry }, ...fast });
    await c.open();
    expect((await c.adapter('openai', 'm').generate(req('a'))).text).toBe('re: a');
    await c.close();
    const auth = createBatchCoordinator({ dir: tmp(), clients: { openai: fakeClient({ submitErrors: [new LukhasError('MODEL_AUTH', '401')] }) }, ...fast });
    await auth.open();
    await expect(auth.adapter('openai', 'm').generate(req('a'))).rejects.toMatchObject({ code: 'MODEL_AUTH' });
    await auth.close();
  });

  it('polls back off 1.5x up to the cap', async () => {
    const events: BatchEvent[] = [];
    const c = createBatchCoordinator({ dir: tmp(), clients: { openai: fakeClient({ pollsToEnd: 7 }) }, quietMs: 1, pollMs: 2, maxPollMs: 9, onEvent: (e) => events.push(e) });
    await c.open();
    await c.adapter('openai', 'm').generate(req('a'));
    expect(events.filter((e) => e.type === 'polled').map((e) => (e as { nextPollMs: number }).nextPollMs)).toEqual([3, 5, 8, 9, 9, 9]);
    await c.close();
  });

  it('a caller that gives up leaves the wave; state is written before replies are used', async () => {
    const dir = tmp();
    const client = fakeClient();
    const c = createBatchCoordinator({ dir, clients: { openai: client }, quietMs: 30, pollMs: 2 });
    await c.open();
    const m = c.adapter('openai', 'm');
    const ctl = new AbortController();
    const gone = m.generate(req('abandoned'), { signal: ctl.signal });
    const kept = m.generate(req('kept', 'd2'));
    ctl.abort(new LukhasError('MODEL_TIMEOUT', 'turn deadline'));
    await expect(gone).rejects.toMatchObject({ code: 'MODEL_TIMEOUT' });
    expect((await kept).text).toBe('re: kept');
    expect(client.submitted.flat().map((i) => i.request.messages[0]!.content)).toEqual(['kept']);
    const responses = readFileSync(join(dir, 'responses.jsonl'), 'utf8').trim().split('\n');
    expect(responses).toHaveLength(1);
    await c.close();
  });

  it('refuses bad options, naming them', () => {
    expect(() => createBatchCoordinator({ dir: tmp(), clients: {}, pollMs: 0 })).toThrow(/invalid batch pollMs: 0/);
    expect(() => createBatchCoordinator({ dir: tmp(), clients: {}, maxAttempts: 1.5 })).toThrow(/maxAttempts/);
    const c = createBatchCoordinator({ dir: tmp(), clients: {} });
    expect(() => c.adapter('anthropic', 'x')).toThrow(/no batch client for anthropic/);
  });
});
