/**
 * The providers' batch APIs through their official SDKs: OpenAI Batch (a JSONL input file uploaded with purpose
 * `batch`, `POST /v1/batches`, poll, then the output and error files) and Anthropic Message Batches
 * (`POST /v1/messages/batches`, poll, then the results JSONL). Request bodies are built by the same functions as
 * the live adapters (openAIChatBody, anthropicBody) and replies mapped by the same functions (openAIResponse,
 * anthropicResponse), so a batch run sends and reads exactly what a live run does; replies are marked
 * `serviceTier: 'batch'` and priced at the table's batch prices. SDK retries are off, as for the live adapters: the
 * coordinator (adapters/simulation/batch.coordinator.ts) owns polling and back-off.
 */
import { toFile } from 'openai';
import type OpenAI from 'openai';
import type Anthropic from '@anthropic-ai/sdk';
import { LukhasError } from '../../runtime/errors.js';
import type { ModelRequest, ModelResponse } from '../../runtime/models/model.port.js';
import { anthropicBody, anthropicResponse, createAnthropicClient, type AnthropicClientConfig } from './anthropic.adapter.js';
import { createOpenAIClient, openAIChatBody, openAIResponse, type OpenAIClientConfig } from './openai.adapter.js';
import { mapProviderError } from './provider-errors.js';

/** The providers with a batch client. */
export type BatchProviderId = 'openai' | 'anthropic';

/** One request of a batch. `customId` is unique within the batch (1–64 of a-z A-Z 0-9 _ -). */
export interface BatchItem { customId: string; model: string; request: ModelRequest }

/** Where a batch is. `ended`: its results can be read (some items may be missing: expired or cancelled). */
export type BatchStatus = { state: 'pending'; detail: string } | { state: 'ended'; detail: string } | { state: 'failed'; detail: string };

/**
 * One item's raw result as the provider returned it: an HTTP-like status and the body (a chat completion, a
 * Message, or an error body). Kept raw so it can be persisted and mapped later with the request it answers.
 */
export interface BatchRaw { status: number; body: unknown }

/** One item's outcome: a reply, or the error the provider gave for it. Items without an outcome were not run. */
export type BatchOutcome = { ok: true; response: ModelResponse } | { ok: false; error: { code: string; message: string; retryable: boolean } };

/** A provider's batch API. */
export interface BatchClient {
  readonly provider: BatchProviderId;
  /** Submits the items as one batch; resolves with the provider's batch id. */
  submit(items: readonly BatchItem[], label: string): Promise<string>;
  poll(batchId: string): Promise<BatchStatus>;
  /** The raw results of an ended batch, by custom id (ids missing were not run: expired or cancelled). */
  results(batchId: string): Promise<Map<string, BatchRaw>>;
  /** A raw result as the port outcome for the request it answers (the live adapter's own mapping). */
  outcome(raw: BatchRaw, item: BatchItem): BatchOutcome;
  /** The secrets errors must never show. */
  readonly secrets: readonly string[];
}

const asBatch = (r: ModelResponse): ModelResponse => ({ ...r, serviceTier: 'batch' });

function itemError(provider: string, model: string, status: number, body: unknown, secrets: readonly string[]): BatchOutcome {
  const message = (body as { error?: { message?: string } } | undefined)?.error?.message ?? `status ${status}`;
  const e = mapProviderError({ status, message }, { provider, model, secrets });
  return { ok: false, error: { code: e.code, message: e.message, retryable: e.isRetryable } };
}

function mapped(run: () => ModelResponse): BatchOutcome {
  try { return { ok: true, response: asBatch(run()) }; } catch (err) {
    const e = LukhasError.isInstance(err) ? err : new LukhasError('MODEL_BAD_OUTPUT', String(err));
    return { ok: false, error: { code: e.code, message: e.message, retryable: e.isRetryable } };
  }
}

/** OpenAI Batch over the chat-completions endpoint (key `OPENAI_API_KEY`, base URL `OPENAI_BASE_URL`). */
export function createOpenAIBatchClient(config: OpenAIClientConfig = {}): BatchClient {
  const { client, secrets } = createOpenAIClient({ ...config, provider: 'openai' });
  const fail = (err: unknown, what: string) => mapProviderError(err, { provider: 'openai', model: `batch ${what}`, secrets });
  return {
    provider: 'openai',
    secrets,
    async submit(items, label) {
      const models = new Set(items.map((i) => i.model));
      if (models.size !== 1) throw new LukhasError('INTERNAL', `an OpenAI batch holds one model, got ${[...models].join(', ')}`);
      const jsonl = items.map((i) => JSON.stringify({ custom_id: i.customId, method: 'POST', url: '/v1/chat/completions', body: openAIChatBody(i.request, i.model) })).join('\n') + '\n';
      try {
        const file = await client.files.create({ file: await toFile(Buffer.from(jsonl), `${label}.jsonl`, { type: 'application/jsonl' }), purpose: 'batch' });
        const batch = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { lukhas: label } });
        return batch.id;
      } catch (err) { throw fail(err, 'submit'); }
    },
    async poll(batchId) {
      let b: OpenAI.Batch;
      try { b = await client.batches.retrieve(batchId); } catch (err) { throw fail(err, 'poll'); }
      const counts = b.request_counts ? `${b.request_counts.completed}/${b.request_counts.total} done, ${b.request_counts.failed} failed` : '';
      if (b.status === 'completed' || b.status === 'expired' || b.status === 'cancelled') return { state: 'ended', detail: `${b.status} ${counts}` };
      if (b.status === 'failed') return { state: 'failed', detail: `failed: ${(b.errors?.data ?? []).map((e) => e.message).join('; ') || 'no reason given'}` };
      return { state: 'pending', detail: `${b.status} ${counts}` };
    },
    async results(batchId) {
      let b: OpenAI.Batch;
      try { b = await client.batches.retrieve(batchId); } catch (err) { throw fail(err, 'results'); }
      const out = new Map<string, BatchRaw>();
      for (const fileId of [b.output_file_id, b.error_file_id]) {
        if (!fileId) continue;
        let text: string;
        try { text = await (await client.files.content(fileId)).text(); } catch (err) { throw fail(err, 'results'); }
        for (const line of text.split('\n')) {
          if (!line.trim()) continue;
          let row: { custom_id: string; response?: { status_code: number; body: unknown } | null };
          try { row = JSON.parse(line) as typeof row; } catch { throw new LukhasError('MODEL_BAD_OUTPUT', `openai batch ${batchId}: a result line is not JSON`, { retryable: true }); }
          // an item with only an `error` (e.g. batch_expired) was not run: no result, it is submitted again
          if (row.response) out.set(row.custom_id, { status: row.response.status_code, body: row.response.body });
        }
      }
      return out;
    },
    outcome(raw, item) {
      return raw.status === 200
        ? mapped(() => openAIResponse(raw.body as OpenAI.ChatCompletion, item.request, 'openai', item.model))
        : itemError('openai', item.model, raw.status, raw.body, secrets);
    },
  };
}

/** Anthropic Message Batches (key `ANTHROPIC_API_KEY`, base URL `ANTHROPIC_BASE_URL`). */
export function createAnthropicBatchClient(config: AnthropicClientConfig = {}): BatchClient {
  const { client, secrets } = createAnthropicClient(config);
  const fail = (err: unknown, what: string) => mapProviderError(err, { provider: 'anthropic', model: `batch ${what}`, secrets });
  return {
    provider: 'anthropic',
    secrets,
    async submit(items) {
      try {
        const b = await client.messages.batches.create({ requests: items.map((i) => ({ custom_id: i.customId, params: anthropicBody(i.request, i.model) })) });
        return b.id;
      } catch (err) { throw fail(err, 'submit'); }
    },
    async poll(batchId) {
      let b: Anthropic.Messages.MessageBatch;
      try { b = await client.messages.batches.retrieve(batchId); } catch (err) { throw fail(err, 'poll'); }
      const c = b.request_counts;
      const detail = `${b.processing_status}: ${c.succeeded} succeeded, ${c.errored} errored, ${c.processing} processing, ${c.expired} expired`;
      return b.processing_status === 'ended' ? { state: 'ended', detail } : { state: 'pending', detail };
    },
    async results(batchId) {
      const out = new Map<string, BatchRaw>();
      try {
        for await (const row of await client.messages.batches.results(batchId)) {
          const r = row.result;
          if (r.type === 'succeeded') out.set(row.custom_id, { status: 200, body: r.message });
          else if (r.type === 'errored') {
            const type = r.error?.error?.type ?? 'api_error';
            const status = type === 'invalid_request_error' ? 400 : type === 'authentication_error' ? 401 : type === 'rate_limit_error' ? 429 : type === 'overloaded_error' ? 529 : 500;
            out.set(row.custom_id, { status, body: r.error });
          }
          // canceled / expired: not run, submitted again
        }
      } catch (err) { throw fail(err, 'results'); }
      return out;
    },
    outcome(raw, item) {
      return raw.status === 200 ? mapped(() => anthropicResponse(raw.body as Anthropic.Message, item.request, item.model)) : itemError('anthropic', item.model, raw.status, raw.body, secrets);
    },
  };
}
