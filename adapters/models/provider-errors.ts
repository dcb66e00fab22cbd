/**
 * Maps whatever a provider SDK throws (OpenAI / Anthropic APIError family, Gemini ApiError, fetch and socket
 * errors, JSON syntax errors, aborts) onto LukhasError codes with the right retryability. Messages are scrubbed of
 * anything key-like and of the adapter's own configured secrets; the SDK error is NOT kept as `cause`, because a
 * cause chain is exactly where request headers and URLs with keys end up being logged.
 */
import { LukhasError, type ErrorCode } from '../../runtime/errors.js';
import { scrubSecrets } from '../../runtime/logger.js';

/** Removes key-like strings and the given secrets (exact occurrences) from a text. */
export function scrub(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  return scrubSecrets(out);
}

/** Parses Retry-After (seconds or an HTTP date) / retry-after-ms into ms, or undefined. */
export function parseRetryAfter(headers: { get(name: string): string | null } | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const ra = headers.get('retry-after');
  if (!ra) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(ra)) return Math.max(0, Number(ra) * 1000);
  const date = Date.parse(ra);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Gemini puts the delay in the error body (google.rpc.RetryInfo `retryDelay: "30s"`). */
function retryDelayFromMessage(message: string): number | undefined {
  const m = /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/.exec(message);
  return m ? Number(m[1]) * 1000 : undefined;
}

function asHeaders(h: unknown): { get(name: string): string | null } | undefined {
  if (!h || typeof h !== 'object') return undefined;
  if (typeof (h as Headers).get === 'function') return h as Headers;
  const rec = h as Record<string, string>;
  return { get: (n) => rec[n] ?? rec[n.toLowerCase()] ?? null };
}

const CONNECTION = /ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|terminated|other side closed|fetch failed|network|premature close|UND_ERR/i;

/** Context of a mapping: who failed, which secrets to scrub, and the caller's signal (to tell cancel from fault). */
export interface MapContext {
  provider: string;
  model: string;
  secrets?: readonly (string | undefined)[];
  signal?: AbortSignal;
  /** A Retry-After the adapter captured itself (Gemini's SDK drops response headers). */
  retryAfterMs?: number;
}

/** Turns anything thrown by a provider call into a LukhasError. */
export function mapProviderError(err: unknown, ctx: MapContext): LukhasError {
  if (LukhasError.isInstance(err)) return err;
  // An abort we caused (timeout, stall, failover) carries its own LukhasError as the signal's reason.
  if (ctx.signal?.aborted) {
    const reason: unknown = ctx.signal.reason;
    if (LukhasError.isInstance(reason)) return reason;
    return new LukhasError('CANCELLED', `${ctx.provider}:${ctx.model} call cancelled`, { details: { provider: ctx.provider, model: ctx.model } });
  }
  const e = err as { name?: string; message?: string; status?: unknown; headers?: unknown; code?: unknown; cause?: { code?: string; message?: string } };
  const raw = `${e?.message ?? String(err)}${e?.cause?.message ? ` (${e.cause.message})` : ''}`;
  const message = scrub(raw, ctx.secrets).slice(0, 500);
  const status = typeof e?.status === 'number' ? e.status : undefined;
  const details: Record<string, unknown> = { provider: ctx.provider, model: ctx.model, ...(status ? { status } : {}) };
  const make = (code: ErrorCode, what: string, retryable?: boolean) =>
    new LukhasError(code, `${ctx.provider}:${ctx.model} ${what}${status ? ` (HTTP ${status})` : ''}: ${message}`, { details, ...(retryable === undefined ? {} : { retryable }) });

  if (status !== undefined) {
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(asHeaders(e.headers)) ?? ctx.retryAfterMs ?? retryDelayFromMessage(raw);
      if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
      return make('MODEL_RATE_LIMITED', 'rate limited');
    }
    if (status === 401 || status === 403) return make('MODEL_AUTH', 'refused the credentials');
    if (status === 408) return make('MODEL_TIMEOUT', 'timed out at the provider');
    if (status >= 500) return make('MODEL_ERROR', status === 529 ? 'is overloaded' : 'failed', status !== 501);
    if (status === 409) return make('MODEL_ERROR', 'reported a conflict', true);
    return make('MODEL_BAD_REQUEST', 'rejected the request');
  }
  if (e?.name === 'APIConnectionTimeoutError' || /timed? ?out/i.test(e?.name ?? '')) return make('MODEL_TIMEOUT', 'timed out');
  if (e?.name === 'SyntaxError' || /JSON|Unexpected token|Unexpected end/i.test(raw) && !CONNECTION.test(raw)) return make('MODEL_BAD_OUTPUT', 'returned malformed JSON');
  if (e?.name === 'APIConnectionError' || CONNECTION.test(raw) || CONNECTION.test(String(e?.cause?.code ?? ''))) return make('MODEL_ERROR', 'connection failed', true);
  if (e?.name === 'AbortError' || e?.name === 'APIUserAbortError') return make('CANCELLED', 'call aborted');
  return make('MODEL_ERROR', 'failed', true);
}

/** Throws MODEL_BAD_OUTPUT when JSON was asked for and the text is not JSON. */
export function checkJson(text: string, wanted: boolean, provider: string, model: string): void {
  if (!wanted) return;
  try { JSON.parse(text); } catch {
    throw new LukhasError('MODEL_BAD_OUTPUT', `${provider}:${model} returned text that is not the JSON asked for (${text.length} chars)`, { details: { provider, model } });
  }
}

/** Throws MODEL_BAD_OUTPUT for a reply with nothing in it (no choices / content blocks / candidates). */
export function emptyReply(provider: string, model: string, what: string): LukhasError {
  return new LukhasError('MODEL_BAD_OUTPUT', `${provider}:${model} returned ${what}`, { details: { provider, model } });
}
