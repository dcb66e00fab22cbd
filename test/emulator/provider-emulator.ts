/**
 * A local provider emulator: ONE node:http server on 127.0.0.1 (port 0) that speaks the OpenAI chat-completions,
 * Anthropic messages and Gemini generateContent / streamGenerateContent protocols, whole and as SSE, so the
 * official SDKs can be tested unchanged through their base-URL options. Replies are scripted (a queue, then a
 * function of the request); latency and faults are injected per reply or at a seeded rate; it counts the requests
 * it received and the usage it returned, per provider, which is what the ledger is checked against.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRandom } from '../../runtime/random.js';
import type { Usage } from '../../runtime/models/model.port.js';
import { sniffImage } from '../../runtime/models/image-input.js';
import { errorBody, malformedFrame, parseRequest, replyBody, streamFrames, type EmulatedFinish, type EmulatedRequest, type EmulatorProvider, type ReplyToolCall } from './emulator.wire.js';
import { billImage, type EmulatedImage } from './emulator.images.js';
import { createBatchRoutes, emptyBatchStats, type BatchOptions, type BatchStats, type CompleteFn } from './emulator.batch.js';
import { embeddingReply, embeddingRoute, embeddingTokens, emulatedEmbedding, EMULATED_DIMENSIONS, parseEmbeddingRequest, type EmbeddingFn } from './emulator.embeddings.js';

export type { EmulatedRequest, EmulatorProvider } from './emulator.wire.js';

/** A fault the emulator can produce instead of a normal reply. */
export type EmulatorFault =
  /** An HTTP error status (429, 500, 503, 529, 401, 400 ...); `retryAfter` sets the Retry-After header in seconds. */
  | { kind: 'status'; status: number; retryAfter?: number }
  /** The connection is destroyed before any byte of the response. */
  | { kind: 'reset' }
  /** Headers and `afterParts` stream frames (default 1) are sent, then the connection is destroyed. */
  | { kind: 'mid-stream-reset'; afterParts?: number }
  /** Headers and `afterParts` frames (default 1; whole replies send nothing) are sent, then nothing more, ever. */
  | { kind: 'stall'; afterParts?: number }
  /** A 200 whose body (or an SSE frame) is not valid JSON. */
  | { kind: 'malformed' }
  /** A 200 with no choices / content / candidates. */
  | { kind: 'empty' };

/** One scripted reply. */
export interface EmulatorReply {
  text?: string;
  fault?: EmulatorFault;
  /** Overrides the emulator's latency for this reply. */
  latencyMs?: number;
  /** Cached input tokens to report (a subset of input). */
  cachedTokens?: number;
  /** Default `tool-calls` when `toolCalls` are given, else `stop`. */
  finish?: EmulatedFinish;
  /**
   * Tool calls to reply with, in each protocol's wire format (whole and streamed). `arguments` is sent as given
   * when a string (so invalid JSON can be scripted), else as JSON. Ids default to `call_N_i` (OpenAI) and
   * `toolu_N_i` (Anthropic); Gemini calls carry no id unless one is given, as the Gemini API often sends none.
   */
  toolCalls?: { name: string; arguments?: unknown; id?: string }[];
}

/** Options of {@link startProviderEmulator}. */
export interface EmulatorOptions {
  /** Delay before each reply starts, in ms (default 0). */
  latencyMs?: number;
  /** The reply when the queue is empty (default: JSON `{"answer":"ok","n":N}` when JSON was asked, else `reply N`). */
  reply?: (req: EmulatedRequest) => EmulatorReply | string;
  /** Faults injected at a seeded rate on replies that script no fault of their own. */
  faults?: { rate: number; kinds: EmulatorFault[]; seed?: number };
  /** How many recent requests to keep in `requests` (default 1,000). */
  keepRequests?: number;
  /** The vector of an embedded text (default emulatedEmbedding: deterministic per model and text). */
  embedding?: EmbeddingFn;
  /** OpenAI Batch and Anthropic Message Batches: scripted processing delay (see emulator.batch.ts). */
  batch?: BatchOptions;
}

/** What the emulator has seen and returned since the last reset. */
export interface EmulatorStats {
  requests: Record<EmulatorProvider | 'total', number>;
  /** Usage carried by replies that were delivered whole (faulted replies deliver none). */
  usage: Record<EmulatorProvider | 'total', Usage>;
  /** Count of faults produced, by kind (`status:429`, `reset`, ...). */
  faults: Record<string, number>;
  /** Embeddings endpoints: requests, texts embedded and tokens billed (OpenAI-reported usage; Gemini reports none). */
  embeddings: { requests: Record<'openai' | 'gemini' | 'total', number>; texts: number; tokens: number };
  /** Image tokens billed inside `usage.inputTokens`, by provider. */
  imageTokens: Record<EmulatorProvider | 'total', number>;
  /** The batch endpoints: batches created, requests they carried, usage of the replies (not in `requests`/`usage`). */
  batch: BatchStats;
}

/** A running emulator. */
export interface ProviderEmulator {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Base URLs for the SDKs: openai (`/v1` appended), anthropic and gemini (the bare origin). */
  readonly baseUrls: Record<EmulatorProvider, string>;
  /** Queues replies, served in order before `reply` is asked. */
  enqueue(...replies: (EmulatorReply | string)[]): void;
  /** Replaces the reply function. */
  setReply(reply: EmulatorOptions['reply']): void;
  /** Replaces (or with undefined removes) the injected fault rate. */
  setFaults(faults: EmulatorOptions['faults']): void;
  setLatency(ms: number): void;
  stats(): EmulatorStats;
  /** The most recent requests (up to keepRequests), oldest first. */
  readonly requests: readonly EmulatedRequest[];
  /** Clears counters, the queue and the request log. */
  reset(): void;
  /** Replaces the embedding function (undefined: the default). */
  setEmbedding(fn: EmbeddingFn | undefined): void;
  /** Queues faults for the next embeddings requests (served before any normal embeddings reply). */
  enqueueEmbeddingFault(...faults: EmulatorFault[]): void;
  close(): Promise<void>;
  /** Serves `bytes` at `${url}/images/NAME` (what a provider would fetch for an image URL); returns the URL. */
  hostImage(name: string, bytes: Uint8Array, contentType?: string): string;
  /** Changes the batch processing delay. */
  setBatch(options: BatchOptions): void;
}

const zero = (): Usage => ({ inputTokens: 0, outputTokens: 0, cachedTokens: 0 });
const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function defaultReply(req: EmulatedRequest): EmulatorReply {
  return { text: req.json ? JSON.stringify({ answer: 'ok', n: req.n }) : `reply ${req.n}` };
}

function split(text: string, parts = 3): string[] {
  if (text.length < parts) return [text];
  const size = Math.ceil(text.length / parts);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** The key a client presented, whichever header or parameter its protocol uses. */
function presentedKey(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7);
  const h = req.headers['x-api-key'] ?? req.headers['x-goog-api-key'];
  if (typeof h === 'string') return h;
  return new URL(req.url ?? '/', 'http://x').searchParams.get('key') ?? undefined;
}

function route(method: string | undefined, path: string): EmulatorProvider | undefined {
  if (method !== 'POST') return undefined;
  if (/\/chat\/completions$/.test(path)) return 'openai';
  if (/\/v1\/messages$/.test(path)) return 'anthropic';
  if (/models\/[^:/]+:(generateContent|streamGenerateContent)/.test(path)) return 'gemini';
  return undefined;
}

/** Scripted tool calls in the neutral reply form, with each protocol's default ids. */
function replyCalls(provider: EmulatorProvider, n: number, calls: EmulatorReply['toolCalls']): ReplyToolCall[] {
  return (calls ?? []).map((c, i) => {
    const id = c.id ?? (provider === 'openai' ? `call_${n}_${i}` : provider === 'anthropic' ? `toolu_${n}_${i}` : undefined);
    return { ...(id ? { id } : {}), name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments ?? {}) };
  });
}

/** Starts the emulator on 127.0.0.1 with an ephemeral port. */
export async function startProviderEmulator(options: EmulatorOptions = {}): Promise<ProviderEmulator> {
  let latencyMs = options.latencyMs ?? 0;
  let replyFn = options.reply;
  let faults = options.faults;
  let faultRandom = createRandom(faults?.seed ?? 1);
  const keep = options.keepRequests ?? 1000;
  const queue: EmulatorReply[] = [];
  const log: EmulatedRequest[] = [];
  let stats: EmulatorStats;
  const hosted = new Map<string, { bytes: Uint8Array; contentType: string }>();
  let batchRoutes: ReturnType<typeof createBatchRoutes> | undefined;
  const resetStats = () => {
    stats = {
      requests: { openai: 0, anthropic: 0, gemini: 0, total: 0 },
      usage: { openai: zero(), anthropic: zero(), gemini: zero(), total: zero() },
      faults: {},
      embeddings: { requests: { openai: 0, gemini: 0, total: 0 }, texts: 0, tokens: 0 },
      imageTokens: { openai: 0, anthropic: 0, gemini: 0, total: 0 },
      batch: emptyBatchStats(),
    };
  };
  let embeddingFn: EmbeddingFn = options.embedding ?? emulatedEmbedding;
  const embeddingFaults: EmulatorFault[] = [];
  resetStats();
  const stalled = new Set<ServerResponse>();

  /** The pixel size of an image the client sent: inline bytes, or one of the hosted images by URL. */
  const resolveImage = (img: EmulatedImage): EmulatedImage | undefined => {
    let bytes: Uint8Array | undefined;
    if (img.data !== undefined) bytes = Buffer.from(img.data, 'base64');
    else if (img.url?.startsWith(`${url}/images/`)) bytes = hosted.get(decodeURIComponent(img.url.slice(`${url}/images/`.length)))?.bytes;
    const info = bytes ? sniffImage(bytes) : undefined;
    return info ? { ...img, width: info.width, height: info.height, mediaType: img.mediaType || info.mediaType } : undefined;
  };

  /** Bills the images of a request; a string names the first image it cannot read (a 400, as a provider would). */
  const billImages = (er: EmulatedRequest): number | string => {
    let n = 0;
    for (const m of er.messages) {
      for (const img of m.images ?? []) {
        const r = resolveImage(img);
        if (!r) return `cannot read image ${img.url ? img.url.slice(0, 80) : `(${img.mediaType ?? 'inline'} data)`} (emulated)`;
        img.width = r.width!;
        img.height = r.height!;
        n += billImage(er.provider, er.model, r);
      }
    }
    return n;
  };

  /** The prompt text the emulator counts (text, tool results and tool-call arguments in the history). */
  const promptOf = (er: EmulatedRequest) => (er.system ?? '') + er.messages.map((m) => m.content + (m.toolResults ?? []).map((r) => r.content).join('') + (m.toolCalls ?? []).map((c) => c.name + c.arguments).join('')).join('');

  const countUsage = (p: EmulatorProvider, u: Usage, er: EmulatedRequest) => {
    for (const k of [p, 'total'] as const) {
      stats.usage[k].inputTokens += u.inputTokens;
      stats.usage[k].outputTokens += u.outputTokens;
      stats.usage[k].cachedTokens += u.cachedTokens;
      stats.imageTokens[k] += u.imageTokens ?? 0;
    }
    er.usage = { inputTokens: u.inputTokens, outputTokens: u.outputTokens, cachedTokens: u.cachedTokens, imageTokens: u.imageTokens ?? 0 };
  };

  /**
   * One batched request answered whole (no latency, no faults): the same parse, scripted reply, image billing and
   * usage as a live request, counted in `stats.batch` instead of `requests`/`usage`.
   */
  const complete: CompleteFn = (provider, path, body) => {
    const er: EmulatedRequest = { ...parseRequest(provider, path, body), n: stats.requests.total + stats.batch.requests.openai + stats.batch.requests.anthropic + 1 };
    const q = queue.shift();
    const scripted = q ?? (replyFn ? replyFn(er) : defaultReply(er));
    const reply: EmulatorReply = typeof scripted === 'string' ? { text: scripted } : scripted;
    if (reply.fault?.kind === 'status') return { status: reply.fault.status, body: errorBody(provider, reply.fault.status) };
    const calls = replyCalls(provider, er.n, reply.toolCalls);
    const text = reply.text ?? (calls.length ? '' : defaultReply(er).text ?? '');
    const images = billImages(er);
    if (typeof images === 'string') return { status: 400, body: errorBody(provider, 400) };
    const inputTokens = tokens(promptOf(er)) + images;
    const usage: Usage = { inputTokens, outputTokens: tokens(text + calls.map((c) => c.name + c.arguments).join('')), cachedTokens: Math.min(reply.cachedTokens ?? 0, inputTokens), ...(images ? { imageTokens: images } : {}) };
    er.usage = { ...usage, imageTokens: images };
    log.push(er);
    if (log.length > keep) log.shift();
    return { status: 200, body: replyBody(er, text, reply.finish ?? (calls.length ? 'tool-calls' : 'stop'), usage, false, calls), usage };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const provider = route(req.method, path);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const embeddings = embeddingRoute(req.method, path);
    if (embeddings) { handleEmbeddings(embeddings, path, Buffer.concat(chunks).toString('utf8'), req, res); return; }
    if (req.method === 'GET' && path.startsWith('/images/')) {
      const img = hosted.get(decodeURIComponent(path.slice('/images/'.length)));
      if (!img) { res.writeHead(404).end(); return; }
      res.writeHead(200, { 'content-type': img.contentType }).end(Buffer.from(img.bytes));
      return;
    }
    if (batchRoutes && (await batchRoutes.handle(req, res, path, Buffer.concat(chunks)))) return;
    if (!provider) { res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"no such route (emulator)"}}'); return; }
    let body: Record<string, unknown>;
    try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>; } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify(errorBody(provider, 400))); return;
    }
    stats.requests[provider]++;
    stats.requests.total++;
    const key = presentedKey(req);
    const er: EmulatedRequest = { ...parseRequest(provider, req.url ?? '', body), n: stats.requests.total, ...(key ? { key } : {}) };
    log.push(er);
    if (log.length > keep) log.shift();
    const q = queue.shift();
    const scripted = q ?? (replyFn ? replyFn(er) : defaultReply(er));
    const reply: EmulatorReply = typeof scripted === 'string' ? { text: scripted } : scripted;
    let fault = reply.fault;
    if (!fault && faults && faults.kinds.length > 0 && faultRandom.next() < faults.rate) fault = faults.kinds[faultRandom.int(faults.kinds.length)];
    if (fault) { const k = fault.kind === 'status' ? `status:${fault.status}` : fault.kind; stats.faults[k] = (stats.faults[k] ?? 0) + 1; }
    const wait = reply.latencyMs ?? latencyMs;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));

    const calls = replyCalls(provider, er.n, reply.toolCalls);
    const text = reply.text ?? (calls.length ? '' : defaultReply(er).text ?? '');
    const finish = reply.finish ?? (calls.length ? 'tool-calls' : 'stop');
    const images = billImages(er);
    if (typeof images === 'string') {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify(errorBody(provider, 400)));
      return;
    }
    const inputTokens = tokens(promptOf(er)) + images;
    const usage: Usage = { inputTokens, outputTokens: tokens(text + calls.map((c) => c.name + c.arguments).join('')), cachedTokens: Math.min(reply.cachedTokens ?? 0, inputTokens), ...(images ? { imageTokens: images } : {}) };
    const sseHead = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' };

    if (fault?.kind === 'status') {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      res.writeHead(fault.status, headers).end(JSON.stringify(errorBody(provider, fault.status, fault.retryAfter, key)));
      return;
    }
    if (fault?.kind === 'reset') { req.socket.destroy(); return; }
    if (!er.stream) {
      if (fault?.kind === 'stall') { stalled.add(res); return; }
      if (fault?.kind === 'malformed') { res.writeHead(200, { 'content-type': 'application/json' }).end('{"id": "broken", "choices": [ {'); return; }
      const payload = JSON.stringify(replyBody(er, text, finish, usage, fault?.kind === 'empty', calls));
      if (fault?.kind === 'mid-stream-reset') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) });
        res.write(payload.slice(0, Math.floor(payload.length / 2)), () => req.socket.destroy());
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(payload);
      if (fault?.kind !== 'empty') countUsage(provider, usage, er);
      return;
    }
    const frames = streamFrames(er, split(text), finish, usage, fault?.kind === 'empty', calls);
    res.writeHead(200, sseHead);
    if (fault?.kind === 'stall' || fault?.kind === 'mid-stream-reset') {
      const n = fault.afterParts ?? 1;
      for (const f of frames.slice(0, n)) res.write(f);
      if (fault.kind === 'stall') stalled.add(res);
      else setTimeout(() => req.socket.destroy(), 5);
      return;
    }
    if (fault?.kind === 'malformed') { res.write(frames[0] ?? ''); res.end(malformedFrame(provider)); return; }
    for (const f of frames) res.write(f);
    res.end();
    if (fault?.kind !== 'empty') countUsage(provider, usage, er);
  };

  const handleEmbeddings = (p: 'openai' | 'gemini', path: string, raw: string, req: IncomingMessage, res: ServerResponse): void => {
    let body: Record<string, unknown>;
    try { body = JSON.parse(raw) as Record<string, unknown>; } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify(errorBody(p, 400))); return;
    }
    stats.embeddings.requests[p]++;
    stats.embeddings.requests.total++;
    const fault = embeddingFaults.shift();
    if (fault) { const k = fault.kind === 'status' ? `status:${fault.status}` : fault.kind; stats.faults[k] = (stats.faults[k] ?? 0) + 1; }
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      res.writeHead(fault.status, headers).end(JSON.stringify(errorBody(p, fault.status, fault.retryAfter, presentedKey(req))));
      return;
    }
    if (fault?.kind === 'reset') { req.socket.destroy(); return; }
    if (fault?.kind === 'malformed') { res.writeHead(200, { 'content-type': 'application/json' }).end('{"data": [ {'); return; }
    const er = parseEmbeddingRequest(p, path, body);
    const vectors = er.texts.map((t) => embeddingFn(er.model, t, er.dimensions ?? EMULATED_DIMENSIONS));
    const tokens = er.texts.reduce((n, t) => n + embeddingTokens(t), 0);
    stats.embeddings.texts += er.texts.length;
    if (p === 'openai') stats.embeddings.tokens += tokens;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(embeddingReply(p, path, er, fault?.kind === 'empty' ? [] : vectors, tokens)));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => { if (!res.headersSent) res.writeHead(500).end(); else res.destroy(); });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  batchRoutes = createBatchRoutes({ url, complete, options: options.batch ?? {}, stats: () => stats.batch });

  return {
    url,
    baseUrls: { openai: `${url}/v1`, anthropic: url, gemini: url },
    enqueue: (...replies) => { for (const r of replies) queue.push(typeof r === 'string' ? { text: r } : r); },
    setReply: (r) => { replyFn = r; },
    setFaults: (f) => { faults = f; faultRandom = createRandom(f?.seed ?? 1); },
    setLatency: (ms) => { latencyMs = ms; },
    stats: () => structuredClone(stats),
    get requests() { return log; },
    reset: () => { queue.length = 0; log.length = 0; embeddingFaults.length = 0; resetStats(); },
    setEmbedding: (fn) => { embeddingFn = fn ?? emulatedEmbedding; },
    enqueueEmbeddingFault: (...f) => { embeddingFaults.push(...f); },
    hostImage: (name, bytes, contentType) => {
      hosted.set(name, { bytes, contentType: contentType ?? sniffImage(bytes)?.mediaType ?? 'application/octet-stream' });
      return `${url}/images/${encodeURIComponent(name)}`;
    },
    setBatch: (b) => batchRoutes!.setOptions(b),
    close: async () => {
      for (const r of stalled) r.destroy();
      stalled.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
