import { LukhasError } from '../errors.js';
import { cosine, type Embedder } from '../embedding/embedder.port.js';
import { normaliseText } from '../embedding/hashed.embedder.js';

/**
 * Open-ended answers → positions. Two answers share a position when their normalised texts are equal, or when
 * they are linked by a chain of pairs whose embeddings have cosine ≥ threshold (connected components). Nothing
 * depends on input order: distinct normalised forms are processed sorted, groups are numbered in label order.
 */

/**
 * Default cosine threshold, tuned for the offline hashed n-gram embedder on the authored pairs in
 * grouping.pairs.ts (figures in runtime/consensus/README.md). That embedder sees lexical overlap only, so
 * negations and antonyms ("Do not adopt X" / "Adopt X": 0.84) score as high as paraphrases; the threshold sits
 * above every different-position pair, which leaves most paraphrases apart: a false split only makes consensus
 * harder, a false merge would report agreement that does not exist. Re-tune for any other embedder.
 */
export const DEFAULT_GROUPING_THRESHOLD = 0.88;

/** Options of {@link groupPositions}. */
export interface GroupingOptions {
  /** Cosine similarity at or above which two forms join one position, in [0, 1] (default {@link DEFAULT_GROUPING_THRESHOLD}). */
  threshold?: number;
}

/** The grouping of n texts: `labels[groupOf[i]]` is the position id of text i. */
export interface PositionGroups {
  groupOf: number[];
  /** One id per group, sorted: the group's most common normalised form (ties: the lexicographically smallest). */
  labels: string[];
}

/** Anything that embeds one text synchronously, e.g. the hashed embedder. */
export interface SyncEmbedder {
  embedSync(text: string): ArrayLike<number>;
}

interface Forms {
  /** Distinct normalised forms, sorted. */
  forms: string[];
  /** Text index → form index. */
  formOf: number[];
  /** Number of texts per form. */
  count: number[];
}

function prepare(texts: readonly string[], options: GroupingOptions | undefined): { f: Forms; threshold: number } {
  const threshold = options?.threshold ?? DEFAULT_GROUPING_THRESHOLD;
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
    throw new LukhasError('BAD_OPTION', `invalid grouping threshold: ${String(threshold)} (expected a cosine similarity in [0, 1])`, {
      details: { option: 'threshold' },
    });
  }
  if (!Array.isArray(texts)) throw new LukhasError('BAD_INPUT', 'texts must be an array of strings', { details: { field: 'texts' } });
  const norm = new Array<string>(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i];
    if (typeof t !== 'string') throw new LukhasError('BAD_INPUT', `text ${i} must be a string`, { details: { field: 'texts', index: i } });
    const n = normaliseText(t);
    if (n === '') {
      throw new LukhasError('BAD_INPUT', `text ${i} is empty after normalisation (no letters or digits)`, { details: { field: 'texts', index: i } });
    }
    norm[i] = n;
  }
  const forms = [...new Set(norm)].sort();
  const slot = new Map<string, number>();
  for (let i = 0; i < forms.length; i++) slot.set(forms[i]!, i);
  const count = new Array<number>(forms.length).fill(0);
  const formOf = norm.map((n) => slot.get(n)!);
  for (const s of formOf) count[s]!++;
  return { f: { forms, formOf, count }, threshold };
}

function find(parent: number[], i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]!]!;
    i = parent[i]!;
  }
  return i;
}

function assemble(f: Forms, vectors: readonly ArrayLike<number>[], threshold: number): PositionGroups {
  const k = f.forms.length;
  const parent = Array.from({ length: k }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      if (find(parent, i) === find(parent, j)) continue;
      if (cosine(vectors[i]!, vectors[j]!) >= threshold) parent[find(parent, j)] = find(parent, i);
    }
  }
  // representative per component: most texts, then the smallest form (forms are sorted, so the first seen)
  const best = new Map<number, number>();
  for (let i = 0; i < k; i++) {
    const root = find(parent, i);
    const cur = best.get(root);
    if (cur === undefined || f.count[i]! > f.count[cur]!) best.set(root, i);
  }
  const labels = [...best.values()].map((i) => f.forms[i]!).sort();
  const groupOfLabel = new Map(labels.map((l, g) => [l, g]));
  const groupOfRoot = new Map<number, number>();
  for (const [root, i] of best) groupOfRoot.set(root, groupOfLabel.get(f.forms[i]!)!);
  return { groupOf: f.formOf.map((s) => groupOfRoot.get(find(parent, s))!), labels };
}

/**
 * Groups open-ended answers into positions with any embedder (a provider's, or the offline hashed one).
 * Exact match after {@link normaliseText} first; distinct forms are embedded once each, in sorted order.
 *
 * @throws LukhasError BAD_INPUT for a text that is not a string or normalises to nothing; BAD_OPTION for a
 *   threshold outside [0, 1]; MODEL_BAD_OUTPUT when the embedder returns the wrong number of vectors.
 */
export async function groupPositions(texts: readonly string[], embedder: Embedder, options?: GroupingOptions): Promise<PositionGroups> {
  const { f, threshold } = prepare(texts, options);
  if (f.forms.length <= 1) return assemble(f, [], threshold);
  const vectors = await embedder.embed(f.forms);
  if (!Array.isArray(vectors) || vectors.length !== f.forms.length) {
    throw new LukhasError('MODEL_BAD_OUTPUT', `embedder ${embedder.id} returned ${Array.isArray(vectors) ? vectors.length : 'no'} vectors for ${f.forms.length} texts`, {
      details: { embedder: embedder.id },
    });
  }
  return assemble(f, vectors, threshold);
}

/**
 * The synchronous variant for embedders with `embedSync` (the hashed embedder), for the per-round hot path.
 * Same rules and errors as {@link groupPositions}.
 */
export function groupPositionsSync(texts: readonly string[], embedder: SyncEmbedder, options?: GroupingOptions): PositionGroups {
  const { f, threshold } = prepare(texts, options);
  const vectors = f.forms.length <= 1 ? [] : f.forms.map((t) => embedder.embedSync(t));
  return assemble(f, vectors, threshold);
}
