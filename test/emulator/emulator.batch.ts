/**
 * The batch endpoints of the provider emulator: OpenAI's Files + Batch API (`POST /v1/files` multipart upload,
 * `POST /v1/batches`, `GET /v1/batches/:id`, `GET /v1/files/:id/content`) and Anthropic's Message Batches
 * (`POST /v1/messages/batches`, `GET /v1/messages/batches/:id`, `GET /v1/messages/batches/:id/results`), shaped so
 * the official SDKs accept them. Each batched request is answered by the emulator's normal reply path (scripted
 * replies, image billing, usage) when the batch is created; the batch reports itself done once `delayMs` has passed
 * since its creation (wall time, so a client that restarts mid-poll finds it where it left it). Batch state lives
 * as long as the emulator does, like a provider's.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Usage } from '../../runtime/models/model.port.js';
import type { EmulatorProvider } from './emulator.wire.js';

type Json = Record<string, unknown>;
type BatchProvider = 'openai' | 'anthropic';

/** Scripted batch behaviour. */
export interface BatchOptions {
  /** Milliseconds from creation until a batch is done (default 0: done at the first poll). */
  delayMs?: number;
}

/** What the batch endpoints have seen since the last reset. */
export interface BatchStats {
  /** Batches created. */
  batches: Record<BatchProvider, number>;
  /** Requests carried by those batches. */
  requests: Record<BatchProvider, number>;
  /** Usage of the batched replies (succeeded ones). */
  usage: Record<BatchProvider, Usage>;
  /** Status polls (GET of a batch). */
  polls: Record<BatchProvider, number>;
  /** Result downloads (output file content / results). */
  downloads: Record<BatchProvider, number>;
}

/** Answers one batched request body (the emulator's normal reply path, whole, no faults but scripted statuses). */
export type CompleteFn = (provider: EmulatorProvider, path: string, body: Json) => { status: number; body: Json; usage?: Usage };

interface StoredFile { id: string; bytes: Buffer; filename: string; purpose: string; created: number }
interface OpenAIBatch { id: string; created: number; inputFileId: string; endpoint: string; window: string; metadata: unknown; lines: Json[]; invalid?: string; outputFileId?: string; errorFileId?: string; results: { customId: string; status: number; body: Json }[] }
interface AnthropicBatch { id: string; created: number; results: { customId: string; status: number; body: Json }[] }

const zero = (): Usage => ({ inputTokens: 0, outputTokens: 0, cachedTokens: 0 });
/** Zeroed batch stats. */
export const emptyBatchStats = (): BatchStats => ({
  batches: { openai: 0, anthropic: 0 }, requests: { openai: 0, anthropic: 0 }, usage: { openai: zero(), anthropic: zero() },
  polls: { openai: 0, anthropic: 0 }, downloads: { openai: 0, anthropic: 0 },
});

/** The parts of a multipart/form-data body (enough for the SDKs' file uploads). */
function multipart(body: Buffer, contentType: string): Map<string, { filename?: string; data: Buffer }> {
  const out = new Map<string, { filename?: string; data: Buffer }>();
  const b = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!b) return out;
  const delimiter = Buffer.from(`--${b[1] ?? b[2]}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2); // after CRLF, before CRLF
    const sep = part.indexOf('\r\n\r\n');
    if (sep >= 0) {
      const head = part.subarray(0, sep).toString('utf8');
      const name = /name="([^"]*)"/i.exec(head)?.[1];
      const filename = /filename="([^"]*)"/i.exec(head)?.[1];
      if (name !== undefined) out.set(name, { ...(filename !== undefined ? { filename } : {}), data: part.subarray(sep + 4) });
    }
    start = next;
  }
  return out;
}

const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;

/** Creates the batch routes over the emulator's reply path. */
export function createBatchRoutes(deps: { url: string; complete: CompleteFn; options: BatchOptions; stats: () => BatchStats }) {
  let options = deps.options;
  const files = new Map<string, StoredFile>();
  const openaiBatches = new Map<string, OpenAIBatch>();
  const anthropicBatches = new Map<string, AnthropicBatch>();
  let counter = 0;
  const nextId = (prefix: string) => `${prefix}${(++counter).toString(36).padStart(6, '0')}`;
  const sec = (ms: number) => Math.floor(ms / 1000);
  const done = (created: number) => Date.now() - created >= (options.delayMs ?? 0);
  const send = (res: ServerResponse, status: number, body: unknown, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type }).end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const count = (p: BatchProvider, u: Usage | undefined) => {
    const s = deps.stats();
    s.requests[p]++;
    if (!u) return;
    s.usage[p].inputTokens += u.inputTokens;
    s.usage[p].outputTokens += u.outputTokens;
    s.usage[p].cachedTokens += u.cachedTokens;
  };

  const openaiView = (b: OpenAIBatch): Json => {
    const finished = done(b.created);
    const failed = b.invalid !== undefined;
    if (finished && !failed && b.outputFileId === undefined) {
      // the output file (200s) and the error file (the rest) appear when the batch completes
      const line = (r: OpenAIBatch['results'][number], i: number) => JSON.stringify({ id: `batch_req_${b.id}_${i}`, custom_id: r.customId, response: { status_code: r.status, request_id: `req_${b.id}_${i}`, body: r.body }, error: null });
      const ok = b.results.map((r, i) => (r.status === 200 ? line(r, i) : '')).filter(Boolean);
      const bad = b.results.map((r, i) => (r.status !== 200 ? line(r, i) : '')).filter(Boolean);
      const store = (lines: string[], name: string) => {
        const id = nextId('file-');
        files.set(id, { id, bytes: Buffer.from(lines.map((l) => `${l}\n`).join('')), filename: name, purpose: 'batch_output', created: Date.now() });
        return id;
      };
      if (ok.length) b.outputFileId = store(ok, `${b.id}_output.jsonl`);
      if (bad.length) b.errorFileId = store(bad, `${b.id}_error.jsonl`);
    }
    const completedN = b.results.filter((r) => r.status === 200).length;
    return {
      id: b.id, object: 'batch', endpoint: b.endpoint, errors: failed ? { object: 'list', data: [{ code: 'invalid_request', message: b.invalid, line: null, param: null }] } : null,
      input_file_id: b.inputFileId, completion_window: b.window,
      status: failed ? (finished ? 'failed' : 'validating') : finished ? 'completed' : 'in_progress',
      output_file_id: finished ? b.outputFileId ?? null : null, error_file_id: finished ? b.errorFileId ?? null : null,
      created_at: sec(b.created), in_progress_at: failed ? null : sec(b.created), expires_at: sec(b.created) + 86_400,
      finalizing_at: finished && !failed ? sec(Date.now()) : null, completed_at: finished && !failed ? sec(Date.now()) : null,
      failed_at: finished && failed ? sec(Date.now()) : null, expired_at: null, cancelling_at: null, cancelled_at: null,
      request_counts: { total: b.lines.length, completed: finished && !failed ? completedN : 0, failed: finished && !failed ? b.results.length - completedN : 0 },
      metadata: b.metadata ?? null,
    };
  };

  const anthropicView = (b: AnthropicBatch): Json => {
    const finished = done(b.created);
    const ok = b.results.filter((r) => r.status === 200).length;
    return {
      id: b.id, type: 'message_batch', processing_status: finished ? 'ended' : 'in_progress',
      request_counts: { processing: finished ? 0 : b.results.length, succeeded: finished ? ok : 0, errored: finished ? b.results.length - ok : 0, canceled: 0, expired: 0 },
      ended_at: finished ? new Date().toISOString() : null, created_at: new Date(b.created).toISOString(),
      expires_at: new Date(b.created + 86_400_000).toISOString(), archived_at: null, cancel_initiated_at: null,
      results_url: finished ? `${deps.url}/v1/messages/batches/${b.id}/results` : null,
    };
  };

  async function handle(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer): Promise<boolean> {
    const m = req.method;
    const json = (): Json | undefined => { try { return JSON.parse(body.toString('utf8')) as Json; } catch { return undefined; } };
    // ---- OpenAI Files + Batch ----
    if (m === 'POST' && path === '/v1/files') {
      const parts = multipart(body, String(req.headers['content-type'] ?? ''));
      const file = parts.get('file');
      const purpose = parts.get('purpose')?.data.toString('utf8') ?? '';
      if (!file) { send(res, 400, { error: { message: 'no file part (emulated)', type: 'invalid_request_error', code: null, param: 'file' } }); return true; }
      const id = nextId('file-');
      files.set(id, { id, bytes: Buffer.from(file.data), filename: file.filename ?? 'upload', purpose, created: Date.now() });
      send(res, 200, { id, object: 'file', bytes: file.data.length, created_at: sec(Date.now()), filename: file.filename ?? 'upload', purpose, status: 'processed', expires_at: null, status_details: null });
      return true;
    }
    let r = /^\/v1\/files\/([^/]+)\/content$/.exec(path);
    if (m === 'GET' && r) {
      const f = files.get(r[1]!);
      if (!f) { send(res, 404, { error: { message: `no such file ${r[1]} (emulated)`, type: 'invalid_request_error', code: null, param: null } }); return true; }
      if (f.purpose === 'batch_output') deps.stats().downloads.openai++;
      send(res, 200, f.bytes.toString('utf8'), 'application/octet-stream');
      return true;
    }
    if (m === 'POST' && path === '/v1/batches') {
      const b = json();
      const input = files.get(String(b?.input_file_id ?? ''));
      if (!b || !input) { send(res, 400, { error: { message: 'unknown input_file_id (emulated)', type: 'invalid_request_error', code: null, param: 'input_file_id' } }); return true; }
      const id = nextId('batch_');
      const lines: Json[] = [];
      let invalid: string | undefined;
      const seen = new Set<string>();
      input.bytes.toString('utf8').split('\n').forEach((text, i) => {
        if (!text.trim() || invalid) return;
        let line: Json;
        try { line = JSON.parse(text) as Json; } catch { invalid = `line ${i + 1} is not JSON`; return; }
        const cid = String(line.custom_id ?? '');
        if (!cid) invalid = `line ${i + 1} has no custom_id`;
        else if (seen.has(cid)) invalid = `duplicate custom_id ${cid}`;
        else if (line.url !== b.endpoint) invalid = `line ${i + 1}: url ${String(line.url)} differs from the batch endpoint ${String(b.endpoint)}`;
        seen.add(cid);
        lines.push(line);
      });
      const batch: OpenAIBatch = { id, created: Date.now(), inputFileId: input.id, endpoint: String(b.endpoint), window: String(b.completion_window ?? '24h'), metadata: b.metadata, lines, results: [], ...(invalid ? { invalid } : {}) };
      deps.stats().batches.openai++;
      if (!invalid) {
        for (const line of lines) {
          const out = deps.complete('openai', String(line.url), (line.body as Json) ?? {});
          count('openai', out.status === 200 ? out.usage : undefined);
          batch.results.push({ customId: String(line.custom_id), status: out.status, body: out.body });
        }
      }
      openaiBatches.set(id, batch);
      send(res, 200, openaiView(batch));
      return true;
    }
    r = /^\/v1\/batches\/([^/]+)$/.exec(path);
    if (m === 'GET' && r) {
      const b = openaiBatches.get(r[1]!);
      if (!b) { send(res, 404, { error: { message: `no such batch ${r[1]} (emulated)`, type: 'invalid_request_error', code: null, param: null } }); return true; }
      deps.stats().polls.openai++;
      send(res, 200, openaiView(b));
      return true;
    }
    // ---- Anthropic Message Batches ----
    if (m === 'POST' && path === '/v1/messages/batches') {
      const b = json();
      const requests = Array.isArray(b?.requests) ? (b.requests as Json[]) : undefined;
      const bad = (message: string) => send(res, 400, { type: 'error', error: { type: 'invalid_request_error', message: `${message} (emulated)` } });
      if (!requests || requests.length === 0) { bad('requests: expected a non-empty list'); return true; }
      const seen = new Set<string>();
      for (const q of requests) {
        const cid = String(q.custom_id ?? '');
        if (!CUSTOM_ID.test(cid)) { bad(`custom_id ${JSON.stringify(cid)} must match ^[a-zA-Z0-9_-]{1,64}$`); return true; }
        if (seen.has(cid)) { bad(`duplicate custom_id ${cid}`); return true; }
        seen.add(cid);
      }
      const id = nextId('msgbatch_');
      const batch: AnthropicBatch = { id, created: Date.now(), results: [] };
      deps.stats().batches.anthropic++;
      for (const q of requests) {
        const out = deps.complete('anthropic', '/v1/messages', (q.params as Json) ?? {});
        count('anthropic', out.status === 200 ? out.usage : undefined);
        batch.results.push({ customId: String(q.custom_id), status: out.status, body: out.body });
      }
      anthropicBatches.set(id, batch);
      send(res, 200, anthropicView(batch));
      return true;
    }
    r = /^\/v1\/messages\/batches\/([^/]+)(\/results)?$/.exec(path);
    if (m === 'GET' && r) {
      const b = anthropicBatches.get(r[1]!);
      if (!b) { send(res, 404, { type: 'error', error: { type: 'not_found_error', message: `no such batch ${r[1]} (emulated)` } }); return true; }
      if (!r[2]) { deps.stats().polls.anthropic++; send(res, 200, anthropicView(b)); return true; }
      if (!done(b.created)) { send(res, 400, { type: 'error', error: { type: 'invalid_request_error', message: 'batch still processing (emulated)' } }); return true; }
      deps.stats().downloads.anthropic++;
      // results are not in request order (the docs say so): reversed here, so clients must match by custom_id
      const lines = [...b.results].reverse().map((x) => JSON.stringify({
        custom_id: x.customId,
        result: x.status === 200 ? { type: 'succeeded', message: x.body } : { type: 'errored', error: { type: 'error', error: (x.body.error as Json) ?? { type: 'api_error', message: `status ${x.status}` } } },
      }));
      send(res, 200, lines.map((l) => `${l}\n`).join(''), 'application/binary');
      return true;
    }
    return false;
  }

  return {
    handle,
    setOptions: (o: BatchOptions) => { options = o; },
  };
}
