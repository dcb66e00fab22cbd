/**
 * Batch waves for simulations. Every agent whose model is `openai:…` or `anthropic:…` gets a batching adapter:
 * its `generate` does not call the provider, it adds the request to the current wave and waits. All deliberations
 * of a sweep run at once, so round 0 of every deliberation lands in the first wave; when no new request has come
 * for `quietMs` (every deliberation is waiting on a reply), the wave is submitted — one batch per provider and
 * model, split at `maxBatchRequests` — and polled with capped exponential back-off. When a batch ends, its replies
 * are persisted, the waiting turns resume, the deliberations reach their next round, and those requests form the
 * next wave. A multi-round deliberation is therefore one wave per round (plus a wave for items the provider did not
 * run or failed with a retryable error, submitted again up to `maxAttempts` times).
 *
 * Identity and resume: a request's custom id is a SHA-256 over the provider, the model, the request and the
 * deliberation facts of its context (deliberation id, agent, round, purpose) — the same call gets the same id in
 * every process, and two deliberations asking the same words are still two calls, as in a live run. The state lives
 * in `dir`: `batches.jsonl` (each batch submitted, then ended or failed) and `responses.jsonl` (each final raw
 * result). After a restart the sweep re-runs its unfinished deliberations from the start: requests already answered
 * are served from `responses.jsonl`, requests of a batch still in flight wait for that batch (polled again, never
 * resubmitted), and only requests never submitted form new waves. One gap remains: a process killed between the
 * provider accepting a batch and the `submitted` line being written loses that batch id, and its requests are
 * submitted again (at most one wave per provider is exposed, for the length of one append).
 */
import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BatchClient, BatchItem, BatchOutcome, BatchProviderId, BatchRaw } from '../models/batch.clients.js';
import { LukhasError, toLukhasError } from '../../runtime/errors.js';
import { canonicalJson } from '../../runtime/journal/canonical.js';
import { MODEL_PORT_VERSION_2, streamFromGenerate, type ModelAdapter, type ModelRequest, type ModelResponse } from '../../runtime/models/model.port.js';

/** What the coordinator reports as it works (progress lines, tests). */
export type BatchEvent =
  | { type: 'submitted'; provider: BatchProviderId; model: string; batchId: string; requests: number; wave: number }
  | { type: 'polled'; batchId: string; state: string; detail: string; nextPollMs: number }
  | { type: 'ended'; batchId: string; results: number; resubmitted: number }
  | { type: 'resumed'; batches: number; responses: number };

/** Options of {@link createBatchCoordinator}. */
export interface BatchCoordinatorOptions {
  /** Where the state lives (created if missing). */
  dir: string;
  clients: Partial<Record<BatchProviderId, BatchClient>>;
  /** Idle time that closes a wave, ms (default 200). */
  quietMs?: number;
  /** First poll interval, ms (default 5,000); each unchanged poll waits 1.5× longer, up to `maxPollMs`. */
  pollMs?: number;
  /** Poll interval cap, ms (default 60,000). */
  maxPollMs?: number;
  /** Requests per batch at most (default 10,000; OpenAI allows 50,000, Anthropic 100,000). */
  maxBatchRequests?: number;
  /** Batches an item may be submitted in before it fails (default 3). */
  maxAttempts?: number;
  onEvent?: (event: BatchEvent) => void;
}

/** Counters of one coordinator (this process). */
export interface BatchCoordinatorStats {
  waves: number;
  batchesSubmitted: number;
  requestsSubmitted: number;
  /** Requests answered from responses.jsonl (a resumed run's earlier rounds). */
  servedFromState: number;
  /** Requests that joined a batch submitted by an earlier process. */
  joinedInFlight: number;
  batchesResumed: number;
  polls: number;
}

/** The coordinator. */
export interface BatchCoordinator {
  /** Loads the state and resumes polling the batches in flight; call once before any request. */
  open(): Promise<void>;
  /** The batching adapter of provider:model. */
  adapter(provider: BatchProviderId, model: string): ModelAdapter;
  /** Set when a batch failed as a whole or polling cannot go on: every waiting call was rejected with it. */
  readonly fatal: LukhasError | undefined;
  stats(): BatchCoordinatorStats;
  /** Stops timers and polls (waiting calls are rejected as CANCELLED). */
  close(): Promise<void>;
}

interface Waiter { resolve(r: ModelResponse): void; reject(e: LukhasError): void }
interface Entry { item: BatchItem; provider: BatchProviderId; waiters: Waiter[]; attempts: number; lastError?: BatchOutcome & { ok: false } }

/** The custom id of a call (see the module comment): `lk_` + 40 hex digits. */
export function batchCallId(provider: string, model: string, request: ModelRequest, occurrence = 0): string {
  const { context, ...wire } = request;
  const who = context ? { d: context.deliberationId, a: context.agent, r: context.round } : { o: occurrence };
  return `lk_${createHash('sha256').update(canonicalJson({ p: provider, m: model, w: who, q: wire })).digest('hex').slice(0, 40)}`;
}

/** Waits `ms`, or less when `signal` aborts; the abort listener goes with the wait (polls sleep thousands of times). */
const sleep = (ms: number, signal: AbortSignal) => new Promise<void>((resolve) => {
  if (signal.aborted) { resolve(); return; }
  const onAbort = () => { clearTimeout(t); resolve(); };
  const t = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(); }, ms);
  signal.addEventListener('abort', onAbort, { once: true });
});

/** Creates a coordinator over the given batch clients. */
export function createBatchCoordinator(o: BatchCoordinatorOptions): BatchCoordinator {
  const quietMs = o.quietMs ?? 200;
  const pollMs = o.pollMs ?? 5_000;
  const maxPollMs = Math.max(pollMs, o.maxPollMs ?? 60_000);
  const maxBatch = o.maxBatchRequests ?? 10_000;
  const maxAttempts = o.maxAttempts ?? 3;
  for (const [k, v] of Object.entries({ quietMs, pollMs, maxBatchRequests: maxBatch, maxAttempts })) {
    if (!Number.isInteger(v) || v < (k === 'quietMs' ? 0 : 1)) throw new LukhasError('BAD_OPTION', `invalid batch ${k}: ${v} (expected a positive integer)`, { details: { option: k } });
  }
  const batchesFile = join(o.dir, 'batches.jsonl');
  const responsesFile = join(o.dir, 'responses.jsonl');
  const closing = new AbortController();
  setMaxListeners(0, closing.signal); // one listener per batch being polled: as many as there are batches in flight
  const raw = new Map<string, BatchRaw>(); // final results, persisted
  const entries = new Map<string, Entry>(); // calls waiting, by id
  const pending = new Set<string>(); // ids for the next wave
  const inFlight = new Map<string, string>(); // id → batch id
  const batchIds = new Map<string, { provider: BatchProviderId; ids: string[] }>();
  const polls = new Set<Promise<void>>();
  const occurrences = new Map<string, number>();
  const counters: BatchCoordinatorStats = { waves: 0, batchesSubmitted: 0, requestsSubmitted: 0, servedFromState: 0, joinedInFlight: 0, batchesResumed: 0, polls: 0 };
  let fatal: LukhasError | undefined;
  let quiet: NodeJS.Timeout | undefined;
  let writes: Promise<unknown> = Promise.resolve();
  let waveNo = 0;
  const emit = (e: BatchEvent) => { try { o.onEvent?.(e); } catch { /* a listener cannot break the run */ } };
  // appends are chained: lines never interleave, and a state line is on disk before what depends on it happens
  const append = (file: string, lines: unknown[]) => (writes = writes.then(() => appendFile(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''))));

  const client = (p: BatchProviderId): BatchClient => {
    const c = o.clients[p];
    if (!c) throw new LukhasError('BAD_OPTION', `no batch client for ${p}`, { details: { option: 'clients' } });
    return c;
  };

  const fail = (e: LukhasError) => {
    fatal ??= e;
    for (const [id, entry] of entries) for (const w of entry.waiters) { w.reject(fatal); entries.delete(id); }
    pending.clear();
    closing.abort();
  };

  const deliver = (id: string, outcome: BatchOutcome) => {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    for (const w of entry.waiters) {
      if (outcome.ok) w.resolve(outcome.response);
      else w.reject(new LukhasError(outcome.error.code as never, outcome.error.message, { retryable: outcome.error.retryable, details: { provider: entry.provider, model: entry.item.model, batch: true } }));
    }
  };

  const armQuiet = () => {
    if (quiet) clearTimeout(quiet);
    // tracked like a poll: close() waits for a submission in progress, so its batch id reaches the state file
    quiet = setTimeout(() => { quiet = undefined; track(flush()); }, quietMs);
  };

  async function flush(): Promise<void> {
    if (pending.size === 0 || fatal) return;
    const wave = waveNo++;
    counters.waves++;
    const groups = new Map<string, { provider: BatchProviderId; model: string; ids: string[] }>();
    for (const id of pending) {
      const e = entries.get(id);
      if (!e) continue;
      const k = `${e.provider}:${e.item.model}`;
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { provider: e.provider, model: e.item.model, ids: [] }));
      g.ids.push(id);
    }
    pending.clear();
    for (const g of groups.values()) {
      g.ids.sort(); // a batch's lines in a fixed order, whatever order the calls arrived in
      for (let i = 0; i < g.ids.length; i += maxBatch) {
        // calls whose callers all gave up while an earlier chunk was being submitted are left out
        const items = g.ids.slice(i, i + maxBatch).map((id) => entries.get(id)?.item).filter((x): x is BatchItem => x !== undefined);
        if (items.length === 0) continue;
        const ids = items.map((it) => it.customId);
        let batchId: string | undefined;
        // a submission that may pass (429, 5xx, a dropped connection) is tried again after a back-off
        for (let attempt = 1, wait = pollMs; batchId === undefined; attempt++, wait = Math.min(maxPollMs, Math.ceil(wait * 1.5))) {
          try {
            batchId = await client(g.provider).submit(items, `lukhas-w${wave}-${g.provider}-${i / maxBatch}`);
          } catch (err) {
            const e = toLukhasError(err);
            if (!e.isRetryable || attempt >= 5) { fail(e); return; }
            await sleep(wait, closing.signal);
            if (closing.signal.aborted) return;
          }
        }
        await append(batchesFile, [{ type: 'submitted', provider: g.provider, model: g.model, batchId, wave, ids }]);
        counters.batchesSubmitted++;
        counters.requestsSubmitted += ids.length;
        for (const id of ids) { inFlight.set(id, batchId); const e = entries.get(id); if (e) e.attempts++; }
        batchIds.set(batchId, { provider: g.provider, ids });
        emit({ type: 'submitted', provider: g.provider, model: g.model, batchId, requests: ids.length, wave });
        track(poll(batchId));
      }
    }
  }

  const track = (p: Promise<void>) => { polls.add(p); void p.finally(() => polls.delete(p)); };

  async function poll(batchId: string): Promise<void> {
    const b = batchIds.get(batchId)!;
    const c = client(b.provider);
    let wait = pollMs;
    for (;;) {
      await sleep(wait, closing.signal);
      if (closing.signal.aborted) return;
      counters.polls++;
      let state: Awaited<ReturnType<BatchClient['poll']>>;
      try {
        state = await c.poll(batchId);
      } catch (err) {
        const e = toLukhasError(err);
        if (!e.isRetryable) { fail(e); return; }
        wait = Math.min(maxPollMs, wait * 1.5);
        emit({ type: 'polled', batchId, state: 'error', detail: e.message, nextPollMs: wait });
        continue;
      }
      if (state.state === 'failed') {
        await append(batchesFile, [{ type: 'failed', batchId, detail: state.detail }]);
        fail(new LukhasError('MODEL_BAD_REQUEST', `${b.provider} batch ${batchId} failed: ${state.detail}`, { details: { provider: b.provider, batchId } }));
        return;
      }
      if (state.state === 'pending') {
        wait = Math.min(maxPollMs, Math.ceil(wait * 1.5));
        emit({ type: 'polled', batchId, state: 'pending', detail: state.detail, nextPollMs: wait });
        continue;
      }
      let results: Map<string, BatchRaw>;
      try { results = await c.results(batchId); } catch (err) {
        const e = toLukhasError(err);
        if (!e.isRetryable) { fail(e); return; }
        wait = Math.min(maxPollMs, wait * 1.5);
        continue;
      }
      await settle(batchId, b.provider, b.ids, results);
      return;
    }
  }

  async function settle(batchId: string, provider: BatchProviderId, ids: readonly string[], results: Map<string, BatchRaw>): Promise<void> {
    const finals: { id: string; status: number; body: unknown }[] = [];
    const outcomes = new Map<string, BatchOutcome>();
    const again: string[] = [];
    for (const id of ids) {
      inFlight.delete(id);
      const r = results.get(id);
      const entry = entries.get(id);
      if (r && entry) {
        const out = client(provider).outcome(r, entry.item);
        if (out.ok || !out.error.retryable) { finals.push({ id, ...r }); outcomes.set(id, out); continue; }
        entry.lastError = out;
      } else if (r) {
        // nobody waits (the deliberation was cut short): keep a final result for a later run, drop a retryable one
        if (r.status === 200 || r.status === 400) finals.push({ id, ...r });
        continue;
      }
      if (entry) again.push(id);
    }
    // replies on disk before anyone acts on them; the `ended` line after, so a crash in between re-reads the batch
    if (finals.length) await append(responsesFile, finals);
    await append(batchesFile, [{ type: 'ended', batchId }]);
    batchIds.delete(batchId);
    for (const f of finals) raw.set(f.id, { status: f.status, body: f.body });
    for (const [id, out] of outcomes) deliver(id, out);
    let resubmitted = 0;
    for (const id of again) {
      const entry = entries.get(id)!;
      if (entry.attempts >= maxAttempts) {
        deliver(id, entry.lastError ?? { ok: false, error: { code: 'MODEL_TIMEOUT', message: `${provider}:${entry.item.model} did not answer this request in ${entry.attempts} batches (expired or cancelled)`, retryable: false } });
      } else { pending.add(id); resubmitted++; }
    }
    if (resubmitted) armQuiet();
    emit({ type: 'ended', batchId, results: results.size, resubmitted });
  }

  function call(provider: BatchProviderId, model: string, request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
    if (fatal) return Promise.reject(fatal);
    if (signal?.aborted) return Promise.reject(LukhasError.isInstance(signal.reason) ? signal.reason : new LukhasError('CANCELLED', 'call cancelled'));
    if (closing.signal.aborted) return Promise.reject(new LukhasError('CANCELLED', 'batch coordinator closed'));
    let id: string;
    if (request.context) id = batchCallId(provider, model, request);
    else {
      const base = batchCallId(provider, model, request, 0);
      const n = occurrences.get(base) ?? 0;
      occurrences.set(base, n + 1);
      id = n === 0 ? base : batchCallId(provider, model, request, n);
    }
    const item: BatchItem = { customId: id, model, request };
    const known = raw.get(id);
    if (known) {
      counters.servedFromState++;
      const out = client(provider).outcome(known, item);
      return out.ok ? Promise.resolve(out.response) : Promise.reject(new LukhasError(out.error.code as never, out.error.message, { retryable: out.error.retryable }));
    }
    return new Promise<ModelResponse>((resolve, reject) => {
      let entry = entries.get(id);
      if (!entry) {
        entry = { item, provider, waiters: [], attempts: 0 };
        entries.set(id, entry);
        if (inFlight.has(id)) counters.joinedInFlight++;
        else { pending.add(id); armQuiet(); }
      }
      if (!signal) { entry.waiters.push({ resolve, reject }); return; }
      // a caller that gives up (a turn deadline, a stop) stops waiting; a request nobody waits for leaves the next wave
      const onAbort = () => {
        const e = entries.get(id);
        if (e) {
          e.waiters = e.waiters.filter((w) => w !== waiter);
          if (e.waiters.length === 0 && pending.delete(id)) entries.delete(id);
        }
        reject(LukhasError.isInstance(signal.reason) ? signal.reason : new LukhasError('CANCELLED', 'call cancelled'));
      };
      const waiter: Waiter = {
        resolve: (r) => { signal.removeEventListener('abort', onAbort); resolve(r); },
        reject: (e) => { signal.removeEventListener('abort', onAbort); reject(e); },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.waiters.push(waiter);
    });
  }

  return {
    async open() {
      await mkdir(o.dir, { recursive: true });
      const lines = async (file: string): Promise<Record<string, unknown>[]> => {
        let text: string;
        try { text = await readFile(file, 'utf8'); } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
          throw new LukhasError('BAD_INPUT', `cannot read ${file}: ${(err as Error).message}`);
        }
        const out: Record<string, unknown>[] = [];
        // a torn last line (the process died mid-append) is ignored: its batch is polled again
        for (const l of text.split('\n')) { if (!l.trim()) continue; try { out.push(JSON.parse(l) as Record<string, unknown>); } catch { break; } }
        return out;
      };
      for (const r of await lines(responsesFile)) raw.set(String(r.id), { status: Number(r.status), body: r.body });
      const open = new Map<string, { provider: BatchProviderId; ids: string[] }>();
      for (const l of await lines(batchesFile)) {
        if (l.type === 'submitted') open.set(String(l.batchId), { provider: l.provider as BatchProviderId, ids: l.ids as string[] });
        else open.delete(String(l.batchId));
        if (typeof l.wave === 'number') waveNo = Math.max(waveNo, l.wave + 1);
      }
      for (const [batchId, b] of open) {
        client(b.provider);
        batchIds.set(batchId, b);
        for (const id of b.ids) inFlight.set(id, batchId);
        counters.batchesResumed++;
        track(poll(batchId));
      }
      emit({ type: 'resumed', batches: open.size, responses: raw.size });
    },
    adapter(provider, model) {
      client(provider);
      return {
        portVersion: MODEL_PORT_VERSION_2,
        provider,
        model,
        generate: (request, options) => call(provider, request.model ?? model, request, options?.signal),
        stream(request, options) { return streamFromGenerate(this, request, options); },
      };
    },
    get fatal() { return fatal; },
    stats: () => ({ ...counters }),
    async close() {
      if (quiet) clearTimeout(quiet);
      closing.abort();
      for (const [id, entry] of entries) { for (const w of entry.waiters) w.reject(new LukhasError('CANCELLED', 'batch coordinator closed')); entries.delete(id); }
      await Promise.allSettled([...polls]);
      await writes.catch(() => undefined);
    },
  };
}
