/**
 * The HTTP transport the provider SDKs use: a WHATWG `fetch` built on undici's `request` API over one keep-alive
 * connection pool. The SDKs are unchanged (they build, send and parse their own requests through the `fetch`
 * option every one of them accepts); what changes is the layer below them. Node's global `fetch` wraps every
 * request and response body in web streams and spec bookkeeping (request cloning, transferable streams,
 * timing info); on the emulator a call through this transport costs about a third less CPU (measured:
 * simulations/bench/providers.bench.ts prints both), which is what decides wall time once many calls are in
 * flight.
 *
 * What it does: methods, headers and string/byte bodies as fetch does; a non-streaming response body is read
 * whole (so the SDK's `json()` / `text()` read a buffer) and an `text/event-stream` body is passed through as a
 * web stream (SSE keeps its incremental parts); the caller's AbortSignal aborts the request and its body, and the
 * rejection is the signal's reason, as with fetch. Network errors reject with `TypeError('fetch failed', { cause })`
 * exactly like fetch, so the SDKs classify them the same way. Anything else — a `Request` object as input, a
 * stream, form or blob body, a redirect to follow — is handed to the global `fetch` unchanged. No timeouts of its
 * own: the SDK's timeout and the runtime's deadlines (resilience.ts) govern, through the signal.
 */
import { STATUS_CODES } from 'node:http';
import { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';

/** Options of {@link createHttpTransport}. */
export interface HttpTransportOptions {
  /** Connections per origin (default: no limit, as with fetch; the provider guards bound calls in flight). */
  connections?: number;
  /** How long an idle keep-alive connection is kept, in ms (default 10,000). Idle sockets never hold the process. */
  keepAliveTimeoutMs?: number;
}

/** A fetch for the SDKs and the pool behind it. */
export interface HttpTransport {
  readonly fetch: typeof globalThis.fetch;
  /** Closes the pooled connections (pending requests finish first). */
  close(): Promise<void>;
}

const NULL_BODY = new Set([101, 103, 204, 205, 304]);
const REDIRECT = new Set([301, 302, 303, 307, 308]);

type Headers0 = RequestInit['headers'];
/** fetch's header forms (Headers, pairs, record) as the record undici takes. */
function headerRecord(h: Headers0): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  if (Array.isArray(h)) { for (const [k, v] of h) out[k!.toLowerCase()] = v!; return out; }
  if (typeof (h as Headers).forEach === 'function') { (h as Headers).forEach((v, k) => { out[k] = v; }); return out; }
  for (const [k, v] of Object.entries(h as Record<string, string>)) if (v !== undefined) out[k.toLowerCase()] = String(v);
  return out;
}

function responseHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const h = new Headers();
  for (const k in raw) {
    const v = raw[k];
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) h.append(k, x);
    else h.append(k, v);
  }
  return h;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Bodies this transport sends itself; anything else goes to the global fetch. */
function simpleBody(body: RequestInit['body']): body is string | Uint8Array | null | undefined {
  return body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
}

/** Creates a transport with its own connection pool. */
export function createHttpTransport(options: HttpTransportOptions = {}): HttpTransport {
  const agent = new Agent({
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 10_000,
    ...(options.connections !== undefined ? { connections: options.connections } : {}),
    // no transport timeouts: the SDK's own timeout and the runtime's per-call deadline and stall detection apply
    headersTimeout: 0,
    bodyTimeout: 0,
  });

  async function transportFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    if ((typeof input !== 'string' && !(input instanceof URL)) || !simpleBody(init.body)) {
      return globalThis.fetch(input, init);
    }
    const signal = init.signal ?? undefined;
    if (signal?.aborted) throw abortReason(signal);
    const method = (init.method ?? 'GET').toUpperCase() as Dispatcher.HttpMethod;
    let res: Dispatcher.ResponseData;
    try {
      res = await request(input, { method, headers: headerRecord(init.headers), body: init.body ?? null, dispatcher: agent, ...(signal ? { signal } : {}) });
    } catch (err) {
      if (signal?.aborted) throw abortReason(signal);
      throw new TypeError('fetch failed', { cause: err });
    }
    const status = res.statusCode;
    if (REDIRECT.has(status) && init.redirect !== 'manual' && res.headers.location !== undefined) {
      // fetch follows redirects; the global fetch does it with its own rules (the body here is a string or bytes)
      await res.body.dump();
      return globalThis.fetch(input, init);
    }
    const headers = responseHeaders(res.headers);
    const statusText = STATUS_CODES[status] ?? '';
    if (NULL_BODY.has(status) || method === 'HEAD') {
      await res.body.dump();
      return new Response(null, { status, statusText, headers });
    }
    if ((headers.get('content-type') ?? '').includes('text/event-stream')) {
      // streamed: an abort or a broken connection errors the stream the SDK is reading
      return new Response(Readable.toWeb(res.body) as ReadableStream<Uint8Array>, { status, statusText, headers });
    }
    let bytes: ArrayBuffer;
    try {
      bytes = await res.body.arrayBuffer();
    } catch (err) {
      if (signal?.aborted) throw abortReason(signal);
      throw new TypeError('fetch failed', { cause: err });
    }
    return new Response(bytes, { status, statusText, headers });
  }

  return {
    fetch: transportFetch as typeof globalThis.fetch,
    close: () => agent.close(),
  };
}
