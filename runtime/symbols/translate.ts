/**
 * Translation of a message from the sender's symbols into the receiver's: extract, embed concepts, match
 * (plaintext or CKKS), rebuild the message, and measure what survived (integrity, tone).
 */
import { createHashedEmbedder } from '../embedding/hashed.embedder.js';
import { cosine, type Embedder } from '../embedding/embedder.port.js';
import { badOption, LukhasError } from '../errors.js';
import { defineTask, type WorkerPool } from '../pool/pool.js';
import { attestSymbols, type SymbolAttestation } from './attest.js';
import { createCkksSession, type CkksSession } from './ckks.js';
import matchEncrypted, { type CkksMatchInput, type CkksMatchOutput } from './ckks-match.worker.js';
import { createSymbolIndex, extractSymbols, prepareMessage, type Occurrence, type SymbolIndex } from './extract.js';
import matchPlain, { type MatchInput, type MatchOutput } from './match.worker.js';
import { pickBest } from './select.js';
import type { Vocabularies } from './vocabularies.js';
import { conceptText, type Vocabulary } from './vocabulary.js';

const matchTask = defineTask<MatchInput, MatchOutput>(new URL('./match.worker.js', import.meta.url));
const ckksTask = defineTask<CkksMatchInput, CkksMatchOutput>(new URL('./ckks-match.worker.js', import.meta.url));

/** `low`: plaintext vectors; `high`: the matching side sees the sender's vectors only as CKKS ciphertexts. */
export type Privacy = 'low' | 'high';

/** Options of {@link createTranslator}. */
export interface TranslatorOptions {
  vocabularies: Vocabularies;
  /** Concept embedder (default: the hashed n-gram embedder, which sees lexical overlap only). */
  embedder?: Embedder;
  /** Pool for matching; without one, matching runs inline (same code, on the calling thread). */
  pool?: WorkerPool;
  /** Minimum cosine for a mapping (default 0.35). */
  threshold?: number;
  /** Integrity at or above which `integrityOk` is true (default 0.92). */
  minIntegrity?: number;
  /** Largest tone difference counted as preserved (default 0.3). */
  toneBound?: number;
  /** Longest message, in graphemes (default 10,000). */
  maxGraphemes?: number;
  /** Plaintext matching goes to the pool when queries × candidates × dims exceeds this (default 2^20). */
  poolWorkThreshold?: number;
}

/** One translate call. */
export interface TranslateRequest {
  from: string;
  to: string;
  message: string;
  privacy?: Privacy;
  signal?: AbortSignal;
  /** The sender's ML-DSA-65 secret key: when given, the result carries a signed commitment to the symbols. */
  signWith?: Uint8Array;
  /** A CKKS session to reuse (privacy high); by default a fresh one per call, destroyed after it. */
  ckksSession?: CkksSession;
}

/** One sender symbol and what it became. */
export interface SymbolMapping {
  from: string;
  to: string;
  score: number;
  toneFrom: number;
  toneTo: number;
  occurrences: number;
}

/** The outcome of a translation. */
export interface TranslationResult {
  from: string;
  to: string;
  privacy: Privacy;
  original: string;
  translated: string;
  mappings: SymbolMapping[];
  /** Sender symbols with no receiver symbol at or above the threshold, with their best score. */
  unmapped: Array<{ symbol: string; bestScore: number; occurrences: number }>;
  /** Cosine of the concept renderings of original and translation. */
  integrity: number;
  integrityOk: boolean;
  minIntegrity: number;
  threshold: number;
  /** Mean tone of the symbols as sent vs as received (an unmapped symbol carries tone 0 for the receiver). */
  tone: { original: number; translated: number; delta: number; preserved: boolean; bound: number };
  vocabularyVersions: { from: number; to: number };
  embedder: string;
  attestation?: SymbolAttestation;
}

/** A translator. */
export interface Translator {
  translate(request: TranslateRequest): Promise<TranslationResult>;
  /** Extracts a user's symbols from a message (no matching). */
  extract(user: string, message: string): Promise<{ graphemes: string[]; occurrences: Occurrence[]; vocabulary: Vocabulary }>;
  readonly embedder: Embedder;
}

function checkUnit(name: string, v: number | undefined, def: number, min = 0, max = 1): number {
  if (v === undefined) return def;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) badOption(name, v, `a number in [${min}, ${max}]`);
  return v;
}

/** Creates a translator. */
export function createTranslator(options: TranslatorOptions): Translator {
  const embedder = options.embedder ?? createHashedEmbedder();
  const threshold = checkUnit('threshold', options.threshold, 0.35, -1, 1);
  const minIntegrity = checkUnit('minIntegrity', options.minIntegrity, 0.92);
  const toneBound = checkUnit('toneBound', options.toneBound, 0.3, 0, 2);
  const maxGraphemes = options.maxGraphemes ?? 10_000;
  const poolWork = options.poolWorkThreshold ?? 2 ** 20;
  const { vocabularies, pool } = options;

  // per (user, version): compiled index and concept vectors, so a vocabulary is embedded once per version
  const cache = new Map<string, { index: SymbolIndex; vectors: Float32Array }>();
  const compiled = async (v: Vocabulary) => {
    const key = `${v.user}@${v.version}`;
    let c = cache.get(key);
    if (!c) {
      const vecs = await embedder.embed(v.entries.map((e) => conceptText(e.concept)));
      const flat = new Float32Array(vecs.length * embedder.dimensions);
      vecs.forEach((x, i) => flat.set(x, i * embedder.dimensions));
      c = { index: createSymbolIndex(v.entries), vectors: flat };
      if (cache.size >= 64) cache.delete(cache.keys().next().value!);
      cache.set(key, c);
    }
    return c;
  };

  const extract = async (user: string, message: string) => {
    const gs = prepareMessage(message, { maxGraphemes });
    const vocabulary = await vocabularies.get(user);
    const { index } = await compiled(vocabulary);
    return { graphemes: gs, occurrences: extractSymbols(index, gs), vocabulary };
  };

  const rows = (flat: Float32Array, idx: readonly number[]) => {
    const d = embedder.dimensions, out = new Float32Array(idx.length * d);
    idx.forEach((r, i) => out.set(flat.subarray(r * d, (r + 1) * d), i * d));
    return out;
  };

  const matchLow = async (queries: Float32Array, candidates: Float32Array, signal?: AbortSignal): Promise<MatchOutput> => {
    const input: MatchInput = { queries, candidates, dims: embedder.dimensions };
    const work = (queries.length / embedder.dimensions) * candidates.length;
    return pool && work > poolWork ? pool.run(matchTask, input, { signal }) : matchPlain(input);
  };

  const matchHigh = async (queries: Float32Array, candidates: Float32Array, given: CkksSession | undefined, signal?: AbortSignal): Promise<MatchOutput> => {
    const d = embedder.dimensions, nq = queries.length / d, nc = candidates.length / d;
    const session = given ?? await createCkksSession(d);
    try {
      if (session.dims !== d) badOption('ckksSession', session.dims, `a session for ${d}-dimensional vectors`);
      // key holder: encrypt the sender's vectors; nothing else about them crosses to the matching side
      const encryptedQueries = Array.from({ length: nq }, (_, i) => session.encryptQuery(queries.subarray(i * d, (i + 1) * d)));
      const blocks = Math.ceil(nc / session.perCiphertext);
      const jobs: Array<[number, number]> = [];
      for (let q = 0; q < nq; q++) for (let b = 0; b < blocks; b++) jobs.push([q, b]);
      const parts = Math.max(1, Math.min(pool?.size ?? 1, jobs.length));
      const chunks = Array.from({ length: parts }, (_, p) => jobs.filter((_, i) => i % parts === p));
      const base = { sessionId: session.id, params: session.material.params, galoisKeys: session.material.galoisKeys, dims: d, encryptedQueries, candidates };
      const outs = await Promise.all(chunks.map((c) => {
        const input: CkksMatchInput = { ...base, jobs: c };
        return pool ? pool.run(ckksTask, input, { signal }) : matchEncrypted(input);
      }));
      // key holder: decrypt the block heads only
      const scores = Array.from({ length: nq }, () => new Float64Array(nc));
      chunks.forEach((c, p) => c.forEach(([q, b], k) => {
        const count = Math.min(session.perCiphertext, nc - b * session.perCiphertext);
        session.decryptScores(outs[p]!.results[k]!, count).forEach((s, i) => { scores[q]![b * session.perCiphertext + i] = s; });
      }));
      const best = new Int32Array(nq), score = new Float64Array(nq);
      scores.forEach((row, q) => { const [b, s] = pickBest(row); best[q] = b; score[q] = s; });
      return { best, score };
    } finally {
      if (!given) session.destroy();
    }
  };

  const translate = async (req: TranslateRequest): Promise<TranslationResult> => {
    const privacy = req.privacy ?? 'low';
    if (privacy !== 'low' && privacy !== 'high') badOption('privacy', privacy, 'low or high');
    const sent = await extract(req.from, req.message);
    const receiverVocab = await vocabularies.get(req.to);
    const receiver = await compiled(receiverVocab);
    const sender = await compiled(sent.vocabulary);
    req.signal?.throwIfAborted();

    const used = [...new Set(sent.occurrences.map((o) => o.entry))].sort((a, b) => a - b);
    const queries = rows(sender.vectors, used);
    const result = used.length === 0 || receiverVocab.entries.length === 0
      ? { best: new Int32Array(used.length).fill(-1), score: new Float64Array(used.length) }
      : privacy === 'low' ? await matchLow(queries, receiver.vectors, req.signal) : await matchHigh(queries, receiver.vectors, req.ckksSession, req.signal);

    const target = new Map<number, { to: number; score: number }>();
    used.forEach((e, i) => target.set(e, { to: result.best[i]!, score: result.score[i]! }));
    return assemble(req, privacy, sent, receiverVocab, target);
  };

  const assemble = async (
    req: TranslateRequest, privacy: Privacy,
    sent: { graphemes: string[]; occurrences: Occurrence[]; vocabulary: Vocabulary },
    receiverVocab: Vocabulary, target: Map<number, { to: number; score: number }>,
  ): Promise<TranslationResult> => {
    const sv = sent.vocabulary.entries, rv = receiverVocab.entries;
    const mapped = (e: number) => { const t = target.get(e)!; return t.to >= 0 && t.score >= threshold ? t : undefined; };
    let translated = '', origConcept = '', transConcept = '', at = 0;
    let toneO = 0, toneT = 0;
    const counts = new Map<number, number>();
    for (const o of sent.occurrences) {
      const plain = sent.graphemes.slice(at, o.start).join('');
      const src = sent.graphemes.slice(o.start, o.end).join('');
      translated += plain; origConcept += plain; transConcept += plain;
      const m = mapped(o.entry);
      const sc = sv[o.entry]!.concept;
      origConcept += ` ${conceptText(sc)} `;
      toneO += sc.tone;
      if (m) {
        const rc = rv[m.to]!;
        translated += rc.symbol; transConcept += ` ${conceptText(rc.concept)} `; toneT += rc.concept.tone;
      } else {
        translated += src; transConcept += ` ${src} `;
      }
      counts.set(o.entry, (counts.get(o.entry) ?? 0) + 1);
      at = o.end;
    }
    const rest = sent.graphemes.slice(at).join('');
    translated += rest; origConcept += rest; transConcept += rest;
    const [a, b] = await embedder.embed([origConcept, transConcept]);
    const integrity = cosine(a!, b!);
    const n = sent.occurrences.length;
    const tone = { original: n ? toneO / n : 0, translated: n ? toneT / n : 0, delta: 0, preserved: true, bound: toneBound };
    tone.delta = tone.translated - tone.original;
    tone.preserved = Math.abs(tone.delta) <= toneBound + 1e-12;

    const mappings: SymbolMapping[] = [], unmapped: TranslationResult['unmapped'] = [];
    for (const [e, count] of counts) {
      const m = mapped(e), t = target.get(e)!;
      if (m) mappings.push({ from: sv[e]!.symbol, to: rv[m.to]!.symbol, score: m.score, toneFrom: sv[e]!.concept.tone, toneTo: rv[m.to]!.concept.tone, occurrences: count });
      else unmapped.push({ symbol: sv[e]!.symbol, bestScore: t.score, occurrences: count });
    }
    const res: TranslationResult = {
      from: req.from, to: req.to, privacy, original: req.message, translated, mappings, unmapped,
      integrity, integrityOk: integrity >= minIntegrity, minIntegrity, threshold, tone,
      vocabularyVersions: { from: sent.vocabulary.version, to: receiverVocab.version }, embedder: embedder.id,
    };
    if (req.signWith) {
      res.attestation = attestSymbols({ from: req.from, to: req.to, message: req.message, secretKey: req.signWith, symbols: sent.occurrences.map((o) => ({ symbol: o.symbol, start: o.start, end: o.end })) });
    }
    return res;
  };

  return { translate, extract, embedder };
}

/** What the completion pipeline's "translate personal symbols" step gets back. */
export interface PersonalSymbolTranslation {
  text: string;
  mappings: Array<{ symbol: string; replacement: string; score?: number }>;
}

/**
 * The hook for the completion pipeline: `(user, text) → { text, mappings }`. With `to`, symbols are translated
 * into that user's vocabulary; without it, each symbol is expanded in place to `symbol (description)` so a model
 * reads what the user means. A user with no vocabulary gets the text back unchanged (personal symbols are
 * optional); other errors (bidi tricks, oversize text) propagate.
 */
export function createSymbolTranslator(options: TranslatorOptions & { to?: string; privacy?: Privacy }): (user: string, text: string) => Promise<PersonalSymbolTranslation> {
  const translator = createTranslator(options);
  return async (user, text) => {
    try {
      if (options.to) {
        const r = await translator.translate({ from: user, to: options.to, message: text, privacy: options.privacy ?? 'low' });
        return { text: r.translated, mappings: r.mappings.map((m) => ({ symbol: m.from, replacement: m.to, score: m.score })) };
      }
      const { graphemes: gs, occurrences, vocabulary } = await translator.extract(user, text);
      let out = '', at = 0;
      const mappings: PersonalSymbolTranslation['mappings'] = [];
      for (const o of occurrences) {
        const e = vocabulary.entries[o.entry]!;
        const replacement = `${gs.slice(o.start, o.end).join('')} (${e.concept.description})`;
        out += gs.slice(at, o.start).join('') + replacement;
        mappings.push({ symbol: e.symbol, replacement });
        at = o.end;
      }
      return { text: out + gs.slice(at).join(''), mappings };
    } catch (err) {
      if (LukhasError.isInstance(err) && err.code === 'NOT_FOUND' && (err.details as { user?: string } | undefined)?.user === user) return { text, mappings: [] };
      throw err;
    }
  };
}
