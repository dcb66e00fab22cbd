/**
 * The embeddings endpoints of the provider emulator: OpenAI (and OpenAI-compatible) `POST /v1/embeddings`, whole
 * float arrays or base64 (the SDK's default), and Gemini `models/M:batchEmbedContents` / `:embedContent`. Vectors
 * are a deterministic function of (model, text, dimensions) that tests can replace, so a test can say exactly
 * which vector a text must come back with, and which texts are "paraphrases" (the same vector).
 */
import { createRandom, hash32 } from '../../runtime/random.js';

/** The embedding a text gets: default {@link emulatedEmbedding}, replaceable per emulator. */
export type EmbeddingFn = (model: string, text: string, dimensions: number) => number[];

/** Dimensions when the request names none. */
export const EMULATED_DIMENSIONS = 8;

/**
 * The default emulated embedding: a unit vector drawn from a seed of (model, text), rounded to float32, so the
 * value the SDK decodes is exactly this array.
 */
export function emulatedEmbedding(model: string, text: string, dimensions = EMULATED_DIMENSIONS): number[] {
  const r = createRandom(hash32(`${model}\u0000${text}`));
  const v = Array.from({ length: dimensions }, () => r.next() * 2 - 1);
  const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return Array.from(new Float32Array(v.map((x) => x / n)));
}

/** The tokens the emulator bills for an embedded text (as for chat: characters / 4, at least 1). */
export const embeddingTokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

/** Which embeddings protocol a path is, or undefined. */
export function embeddingRoute(method: string | undefined, path: string): 'openai' | 'gemini' | undefined {
  if (method !== 'POST') return undefined;
  if (/\/embeddings$/.test(path)) return 'openai';
  if (/models\/[^:/]+:(batchEmbedContents|embedContent)$/.test(path)) return 'gemini';
  return undefined;
}

type Json = Record<string, unknown>;

/** Texts and options of an embeddings request. */
export function parseEmbeddingRequest(provider: 'openai' | 'gemini', path: string, body: Json): { model: string; texts: string[]; dimensions?: number; base64: boolean } {
  if (provider === 'openai') {
    const input = body.input;
    const texts = Array.isArray(input) ? input.map(String) : [String(input ?? '')];
    return { model: String(body.model ?? ''), texts, ...(typeof body.dimensions === 'number' ? { dimensions: body.dimensions } : {}), base64: body.encoding_format === 'base64' };
  }
  const model = /models\/([^:/]+):/.exec(path)?.[1] ?? '';
  const reqs = Array.isArray(body.requests) ? (body.requests as Json[]) : [body];
  const texts = reqs.map((r) => (((r.content as Json | undefined)?.parts as Json[] | undefined) ?? []).map((p) => String(p.text ?? '')).join(''));
  const dims = reqs.find((r) => typeof r.outputDimensionality === 'number')?.outputDimensionality;
  return { model, texts, ...(typeof dims === 'number' ? { dimensions: dims } : {}), base64: false };
}

const b64 = (v: number[]): string => Buffer.from(new Float32Array(v).buffer).toString('base64');

/** The reply body for an embeddings request. */
export function embeddingReply(provider: 'openai' | 'gemini', path: string, req: ReturnType<typeof parseEmbeddingRequest>, vectors: number[][], tokens: number): Json {
  if (provider === 'openai') {
    return {
      object: 'list', model: req.model,
      data: vectors.map((v, index) => ({ object: 'embedding', index, embedding: req.base64 ? b64(v) : v })),
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    };
  }
  return /:embedContent$/.test(path) ? { embedding: { values: vectors[0] } } : { embeddings: vectors.map((values) => ({ values })) };
}
