/**
 * Position keys: what lets a colony group open answers with a provider embedder and an optional canonicaliser,
 * although grouping happens synchronously when a round closes. A turn executor wrapper
 * ({@link withPositionKeys}) prepares each open answer as its turn completes — canonical form first, then the
 * vector of the normalised grouping text — and attaches both to the turn output; the engine journals them
 * (`position.keyed`) and groups the round with {@link keyedGrouping}, which reads the vectors from the round's
 * outputs. Replay attaches the journaled keys instead: no embedding and no canonicaliser call is made.
 */
import { toLukhasError } from '../errors.js';
import type { TurnExecutor, TurnOutput, PositionKey } from '../deliberation/turn.port.js';
import type { ModelAdapter, ModelRequest, ModelResponse, CallOptions } from '../models/model.port.js';
import type { SyncEmbedder } from '../consensus/grouping.js';
import { canonicalNumber, extractNumber } from '../simulation/datasets/numeric.js';
import { normaliseAnswer } from '../simulation/datasets/answer-check.js';
import type { Embedder } from './embedder.port.js';
import { normaliseText } from './hashed.embedder.js';

/** Turns a position into its canonical form (or returns null to keep it). */
export interface Canonicaliser {
  /** `numeric`, `text`, or `model:provider:model`. */
  readonly id: string;
  canonicalise(question: string, position: string, options?: CallOptions): Promise<{ canonical: string | null; call?: { request: ModelRequest; response: ModelResponse } }>;
}

/** Rule canonicalisers: `numeric` (the answer number, as the checker reads it) and `text` (SQuAD normalisation). */
export function ruleCanonicaliser(kind: 'numeric' | 'text'): Canonicaliser {
  return {
    id: kind,
    canonicalise: async (_q, position) => {
      if (kind === 'numeric') {
        const n = extractNumber(position, 'auto');
        return { canonical: n ? canonicalNumber(n.value) : null };
      }
      const t = normaliseAnswer(position);
      return { canonical: t === '' ? null : t };
    },
  };
}

const CANON_SYSTEM = 'You reduce an answer to its canonical short form so that equivalent answers become identical strings. Reply with the short answer only: no explanation, no punctuation at the end. For a number, digits only (no units, no thousands separators).';

/**
 * A model canonicaliser ("are these the same answer?" asked one answer at a time, so the result never depends on
 * which answers arrived first): the model states the answer's short canonical form. Its call is journaled with
 * the position key. `call` is the gated caller of the composition root (the ethics gate sees this call too).
 */
export function modelCanonicaliser(model: ModelAdapter, call: (m: ModelAdapter, r: ModelRequest, o?: CallOptions) => Promise<ModelResponse> = (m, r, o) => m.generate(r, o)): Canonicaliser {
  const id = `model:${model.provider}:${model.model}`;
  return {
    id,
    async canonicalise(question, position, options) {
      const request: ModelRequest = {
        system: CANON_SYSTEM,
        messages: [{ role: 'user', content: `Question:\n<<<\n${question}\n>>>\nAnswer:\n<<<\n${position}\n>>>\nThe canonical short form of this answer:` }],
        temperature: 0, maxOutputTokens: 40, purpose: 'other',
      };
      const response = await call(model, request, options);
      const text = response.text.trim().split('\n')[0]!.trim().replace(/^["'`]+|["'`.]+$/g, '');
      return { canonical: normaliseText(text) === '' ? null : text, call: { request, response } };
    },
  };
}

/** Base64 of a vector's float32 bytes (little-endian, as every supported platform stores them). */
export function encodeVector(v: ArrayLike<number>): string {
  const f = v instanceof Float32Array ? v : Float32Array.from(v as ArrayLike<number>);
  return Buffer.from(f.buffer, f.byteOffset, f.byteLength).toString('base64');
}

/** The vector of {@link encodeVector}'s text. */
export function decodeVector(text: string): Float32Array {
  const b = Buffer.from(text, 'base64');
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return new Float32Array(copy.buffer);
}

/** Options of {@link withPositionKeys}. */
export interface PositionKeyOptions {
  embedder?: Embedder;
  canonicaliser?: Canonicaliser;
}

/**
 * Wraps a turn executor: each successful turn of an OPEN question gets its position key before it reaches the
 * colony. A failing canonicaliser or embedder fails the turn (the agent is excluded from the round, as for any
 * failed call), because an answer that cannot be placed must not be grouped by another embedder's vectors.
 */
export function withPositionKeys(inner: TurnExecutor, o: PositionKeyOptions): TurnExecutor {
  if (!o.embedder && !o.canonicaliser) return inner;
  return {
    async turn(input, options) {
      const out = await inner.turn(input, options);
      if (!out.ok || input.options) return out;
      const key: PositionKey = { position: out.proposal.position };
      try {
        if (o.canonicaliser) {
          const c = await o.canonicaliser.canonicalise(input.question, out.proposal.position, options?.signal ? { signal: options.signal } : undefined);
          if (c.canonical !== null && normaliseText(c.canonical) !== '') { key.canonical = c.canonical; key.canonicalBy = o.canonicaliser.id; }
          if (c.call) key.call = c.call;
        }
        if (o.embedder) {
          const [v] = await o.embedder.embed([normaliseText(key.canonical ?? key.position)]);
          key.embedder = o.embedder.id;
          key.vector = encodeVector(v!);
        }
      } catch (err) {
        const e = toLukhasError(err);
        const failed: TurnOutput = { ok: false, error: { code: e.code, message: `the answer could not be prepared for grouping: ${e.message}` }, request: out.request, response: out.response };
        if (out.gate) failed.gate = out.gate;
        return failed;
      }
      return { ...out, positionKey: key };
    },
  };
}

/**
 * The texts and embedder a round groups with: each answer's canonical form where it has one, and the vectors of
 * the round's position keys (falling back to `fallback` only when no answer of the round carries a vector, so two
 * embedders' vectors are never compared: an answer without one is then its own position).
 */
export function keyedGrouping(answers: readonly { text: string; output: TurnOutput | undefined }[], fallback: SyncEmbedder): { texts: string[]; embedder: SyncEmbedder } {
  const vectors = new Map<string, Float32Array>();
  const texts = answers.map(({ text, output }) => {
    const key = output?.ok ? output.positionKey : undefined;
    const t = key?.canonical ?? text;
    if (key?.vector) vectors.set(normaliseText(t), decodeVector(key.vector));
    return t;
  });
  if (vectors.size === 0) return { texts, embedder: fallback };
  const none = new Float32Array(vectors.values().next().value!.length); // cosine 0 with everything
  return { texts, embedder: { embedSync: (form) => vectors.get(form) ?? none } };
}
