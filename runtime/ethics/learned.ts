/**
 * The learned checker: a linear model (logistic regression for "is this request unsafe", and a softmax over the
 * policy's categories for "which harm") over hashed word, word-pair and character 3- to 5-gram features
 * (learned.features.ts), trained by simulations/eval/learned.train.ts on the labelled prompt sets of the project and
 * XSTest, and shipped as a data file (runtime/ethics/learned.model.json) that anyone can retrain or replace.
 *
 * Why: the offline rules are transparent but generalise poorly to phrasings nobody wrote a rule for; a linear
 * model over n-grams generalises further from the same examples. It stays explainable: every finding names the
 * features that pushed its score most.
 *
 * Scope: requests only (`input` stage), read paragraph by paragraph (blank-line separated) outside quoted
 * untrusted blocks and after the request's system prompt (CheckInput.systemLength) — what a person asks, not the
 * caller's instructions, the data quoted to a model nor a model's reply (the rules read all of it). A paragraph that
 * mentions harm ({@link mentionsHarm}) scoring at or above the model's `threshold`, or one that mentions none scoring
 * at or above its higher `plainThreshold`, is a finding with that score; the gate combines it with the rules'
 * findings by its usual rule (the most severe wins).
 */
import type { Category, Checker, Finding } from './checker.types.js';
import shippedModel from './learned.model.json' with { type: 'json' };
import { featureName, featureScale, learnedBuckets, mentionsHarm } from './learned.features.js';
import { splitQuoted } from './quote.js';

export { featureScale, learnedFeatures, mentionsHarm } from './learned.features.js';

/** The model file's shape. */
export interface LearnedModel {
  version: 2;
  about: string;
  /** p(unsafe) at or above which a paragraph that mentions harm is a finding. */
  threshold: number;
  /** p(unsafe) at or above which a paragraph that mentions no harm is a finding (at least `threshold`; 1: never). */
  plainThreshold: number;
  /** Features are hashed into 2^bits buckets (learned.features.ts). */
  bits: number;
  /** Lengths of the character n-gram features. */
  grams: number[];
  bias: number;
  /** Bucket (decimal) → weight of the unsafe/safe model (buckets absent here weigh 0). */
  weights: Record<string, number>;
  categories: Category[];
  categoryBias: number[];
  /** Bucket (decimal) of a word or word-pair feature → weights per category (same order as `categories`). */
  categoryWeights: Record<string, number[]>;
}

/** A model's scores for one text: p(unsafe), the most likely category and the features that weighed most. */
export interface LearnedScore {
  unsafe: number;
  category: Category;
  /** Whether the text mentions harm (which threshold applies). */
  harm: boolean;
  top: { feature: string; weight: number }[];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** A model's weights as dense tables over its buckets, built once per model object. */
interface Compiled { weights: Float32Array; catRow: Int32Array; catWeights: Float32Array }
const compiledModels = new WeakMap<LearnedModel, Compiled>();
function compiled(model: LearnedModel): Compiled {
  let c = compiledModels.get(model);
  if (!c) {
    const size = 1 << model.bits, k = model.categories.length;
    const weights = new Float32Array(size);
    for (const [b, w] of Object.entries(model.weights)) weights[Number(b)] = w;
    const catRow = new Int32Array(size).fill(-1);
    const rows = Object.entries(model.categoryWeights);
    const catWeights = new Float32Array(rows.length * k);
    rows.forEach(([b, w], r) => { catRow[Number(b)] = r; catWeights.set(w, r * k); });
    compiledModels.set(model, (c = { weights, catRow, catWeights }));
  }
  return c;
}

/**
 * Scores a text with a model (features scaled by {@link featureScale}, as in training). `explain: false` skips naming
 * the heaviest features (`top` is then empty; {@link explainLearned} names them later).
 */
export function scoreLearned(model: LearnedModel, text: string, options: { explain?: boolean } = {}): LearnedScore {
  const { weights, catRow, catWeights } = compiled(model);
  const { buckets, lexical } = learnedBuckets(text, model.bits, model.grams);
  const x = featureScale(buckets.length);
  let z = model.bias;
  for (let i = 0; i < buckets.length; i++) z += weights[buckets[i]!]! * x;
  const k = model.categories.length;
  const cz = model.categoryBias.slice();
  const cx = featureScale(lexical);
  for (let i = 0; i < lexical; i++) {
    const r = catRow[buckets[i]!]!;
    if (r >= 0) for (let c = 0; c < k; c++) cz[c]! += catWeights[r * k + c]! * cx;
  }
  let best = 0;
  for (let c = 1; c < k; c++) if (cz[c]! > cz[best]!) best = c;
  const unsafe = sigmoid(z);
  return { unsafe, category: model.categories[best]!, harm: mentionsHarm(text), top: options.explain === false ? [] : explainLearned(model, text) };
}

/** The four features of a text with the largest positive weights (each bucket once, by its first feature's name). */
export function explainLearned(model: LearnedModel, text: string): { feature: string; weight: number }[] {
  const { weights } = compiled(model);
  const b = learnedBuckets(text, model.bits, model.grams);
  const round = (w: number) => Math.round(w * 1e4) / 1e4;
  // the fourth largest positive weight, in one pass; then the features at or above it (ties included), named
  const top = [0, 0, 0, 0];
  for (let i = 0; i < b.buckets.length; i++) {
    const w = round(weights[b.buckets[i]!]!);
    if (w > top[3]!) { let j = 3; while (j > 0 && w > top[j - 1]!) { top[j] = top[j - 1]!; j--; } top[j] = w; }
  }
  const cut = Math.max(top[3]!, Number.MIN_VALUE);
  const named: { feature: string; weight: number }[] = [];
  for (let i = 0; i < b.buckets.length; i++) { const w = round(weights[b.buckets[i]!]!); if (w >= cut) named.push({ feature: featureName(b, i), weight: w }); }
  named.sort((x, y) => y.weight - x.weight || (x.feature < y.feature ? -1 : 1));
  return named.slice(0, 4);
}

/** The threshold that applies to a score. */
export function thresholdFor(model: LearnedModel, score: LearnedScore, threshold = model.threshold, plainThreshold = model.plainThreshold): number {
  return score.harm ? threshold : Math.max(threshold, plainThreshold);
}

let defaultModel: LearnedModel | undefined;
/** The shipped model (checked on first use; a JSON import, so the build copies the file beside the code). */
export function defaultLearnedModel(): LearnedModel {
  return (defaultModel ??= checkLearnedModel(shippedModel as unknown));
}

/** Reads a model file; throws naming what is wrong. */
export function parseLearnedModel(json: string): LearnedModel {
  return checkLearnedModel(JSON.parse(json));
}

function checkLearnedModel(value: unknown): LearnedModel {
  const m = value as Partial<LearnedModel>;
  if (m.version !== 2) throw new Error('learned model: version must be 2');
  if (typeof m.threshold !== 'number' || !(m.threshold > 0 && m.threshold < 1)) throw new Error('learned model: threshold must be a number in (0, 1)');
  if (typeof m.plainThreshold !== 'number' || !(m.plainThreshold >= m.threshold && m.plainThreshold <= 1)) throw new Error('learned model: plainThreshold must be a number in [threshold, 1]');
  if (!Number.isInteger(m.bits) || m.bits! < 10 || m.bits! > 24 || !Array.isArray(m.grams) || !m.grams.every((n) => Number.isInteger(n) && n >= 1 && n <= 14)) throw new Error('learned model: bits must be an integer in [10, 24] and grams a list of integers in [1, 14]');
  if (typeof m.bias !== 'number' || !m.weights || !Array.isArray(m.categories) || !Array.isArray(m.categoryBias) || !m.categoryWeights) throw new Error('learned model: bias, weights, categories, categoryBias and categoryWeights are required');
  if (m.categoryBias.length !== m.categories.length) throw new Error('learned model: categoryBias must have one entry per category');
  const size = 2 ** m.bits!;
  for (const b of Object.keys(m.weights)) if (!(Number(b) >= 0 && Number(b) < size)) throw new Error(`learned model: weight bucket ${b} is outside [0, 2^bits)`);
  for (const [b, w] of Object.entries(m.categoryWeights)) if (!(Number(b) >= 0 && Number(b) < size) || w.length !== m.categories.length) throw new Error(`learned model: category bucket ${b} is outside [0, 2^bits) or has not one weight per category`);
  return m as LearnedModel;
}

/** Options of {@link createLearnedChecker}. */
export interface LearnedCheckerOptions {
  model?: LearnedModel;
  /** Overrides the model's threshold (paragraphs that mention harm). */
  threshold?: number;
  /** Overrides the model's plainThreshold (paragraphs that mention none; never below the threshold). */
  plainThreshold?: number;
}

/** Entries of each of the learned checker's memo tables. */
const MEMO_MAX = 20_000;

/** The learned checker (see the module comment). */
export function createLearnedChecker(options: LearnedCheckerOptions = {}): Checker {
  let model = options.model;
  // paragraph → its score; and whole request → its worst flagged paragraph (null: none flagged). Agent prompts
  // repeat paragraphs and whole requests from turn to turn. Bounded; cleared when full.
  const paragraphs = new Map<string, LearnedScore>();
  const requests = new Map<string, { s: LearnedScore; paragraph: string; threshold: number; words?: string } | null>();
  const scoreParagraph = (m: LearnedModel, paragraph: string): LearnedScore => {
    let s = paragraphs.get(paragraph);
    if (s === undefined) {
      if (paragraphs.size >= MEMO_MAX) paragraphs.clear();
      paragraphs.set(paragraph, (s = scoreLearned(m, paragraph, { explain: false })));
    }
    return s;
  };
  const worstOf = (m: LearnedModel, asked: string): { s: LearnedScore; paragraph: string; threshold: number; words?: string } | null => {
    let w = requests.get(asked);
    if (w !== undefined) return w;
    w = null;
    const { outside } = asked.includes('<<<untrusted ') ? splitQuoted(asked) : { outside: asked };
    for (const paragraph of outside.split(/\n\s*\n/)) {
      const p = paragraph.trim();
      if (p.length === 0) continue;
      const s = scoreParagraph(m, p);
      const threshold = thresholdFor(m, s, options.threshold, options.plainThreshold);
      if (s.unsafe >= threshold && (w === null || s.unsafe > w.s.unsafe)) w = { s, paragraph: p, threshold };
    }
    if (requests.size >= MEMO_MAX) requests.clear();
    requests.set(asked, w);
    return w;
  };
  return {
    id: 'learned',
    async check(input) {
      if (input.stage !== 'input') return { checker: 'learned', findings: [], notes: [] };
      const m = (model ??= defaultLearnedModel());
      // what was asked: the request without its system prompt (the caller's instructions), without quoted data
      const worst = worstOf(m, input.systemLength ? input.text.slice(input.systemLength) : input.text);
      if (!worst) return { checker: 'learned', findings: [], notes: [] };
      const words = (worst.words ??= explainLearned(m, worst.paragraph).map((t) => `${t.feature.slice(2)} (+${t.weight.toFixed(2)})`).join(', '));
      const finding: Finding = {
        category: worst.s.category,
        score: Math.round(worst.s.unsafe * 1000) / 1000,
        reason: `learned model: p(unsafe) ${worst.s.unsafe.toFixed(2)} ≥ ${worst.threshold} for "${worst.paragraph.slice(0, 80)}"; heaviest features ${words}`,
      };
      return { checker: 'learned', findings: [finding], notes: [] };
    },
  };
}
