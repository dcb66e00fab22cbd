/**
 * Fitting the learned checker's model (runtime/ethics/learned.ts): logistic regression over hashed features and a
 * softmax over categories, by deterministic SGD (a fixed shuffle per epoch), and the choice of its two thresholds
 * from cross-validated scores. Used by simulations/eval/learned.train.ts.
 */
import type { Category } from '../../runtime/ethics/checker.types.js';
import { featureScale, learnedBuckets } from '../../runtime/ethics/learned.features.js';
import type { LearnedModel } from '../../runtime/ethics/learned.js';
import { hash32 } from '../../runtime/random.js';

/** `ordinary`: a safe everyday request with no harm at all (category `none`, kind `ordinary`, or the everyday set). */
export interface Example {
  text: string; unsafe: boolean; category?: Category; src: string; kind?: string; ordinary?: boolean;
  /** For a copy of a prompt as the deliberation engine formats it: the prompt it copies (its fold, its figures). */
  base?: string;
}
export const CATEGORIES: Category[] = ['violence', 'self-harm', 'weapons', 'hate', 'sexual-minors', 'drugs', 'fraud-cybercrime', 'crime', 'privacy'];

/**
 * Hyper-parameters, chosen by the trainer's cross-validation (see runtime/ethics/README.md): 2^18 buckets (fewer
 * collide more, more change nothing), character 3-, 4- and 5-grams (4 alone: about 1 point less recall), 25
 * epochs, learning rate 1, L2 1e-3 (15–50 epochs, 1e-5–1e-3 and averaged SGD are within noise of each other).
 * A one-hidden-layer network (16–64 units) over the same features was measured too: no better than this linear
 * model, alone or averaged with it.
 */
export const BITS = 18;
export const GRAMS = [3, 4, 5];
const EPOCHS = 25, LR = 1, L2 = 1e-3;

export interface Trained { bias: number; weights: Float64Array; catBias: number[]; catWeights: Map<number, Float64Array> }

export function train(examples: Example[]): Trained {
  const feats = examples.map((e) => learnedBuckets(e.text, BITS, GRAMS));
  const weights = new Float64Array(1 << BITS);
  let bias = 0;
  const order = examples.map((_, i) => i);
  for (let ep = 0; ep < EPOCHS; ep++) {
    order.sort((a, b) => hash32(`${ep}:${a}`) - hash32(`${ep}:${b}`)); // a fixed shuffle per epoch
    for (const i of order) {
      const f = feats[i]!.buckets;
      const x = featureScale(f.length);
      let z = bias;
      for (const k of f) z += weights[k]! * x;
      const g = 1 / (1 + Math.exp(-z)) - (examples[i]!.unsafe ? 1 : 0);
      for (const k of f) weights[k] = weights[k]! - LR * (g * x + L2 * weights[k]!);
      bias -= LR * g * 0.1;
    }
  }
  // categories: softmax over the unsafe examples with a category, word and word-pair features only
  const catWeights = new Map<number, Float64Array>();
  const catBias = CATEGORIES.map(() => 0);
  const cats = examples.map((e, i) => ({ e, f: feats[i]!.buckets.subarray(0, feats[i]!.lexical) })).filter((x) => x.e.unsafe && x.e.category);
  for (let ep = 0; ep < EPOCHS; ep++) {
    const idx = cats.map((_, i) => i).sort((a, b) => hash32(`c${ep}:${a}`) - hash32(`c${ep}:${b}`));
    for (const i of idx) {
      const { e, f } = cats[i]!;
      const x = featureScale(f.length);
      const z = catBias.slice();
      for (const k of f) { const w = catWeights.get(k); if (w) for (let c = 0; c < z.length; c++) z[c]! += w[c]! * x; }
      const m = Math.max(...z);
      const ex = z.map((v) => Math.exp(v - m));
      const sum = ex.reduce((a, b) => a + b, 0);
      const target = CATEGORIES.indexOf(e.category!);
      for (let c = 0; c < z.length; c++) {
        const g = ex[c]! / sum - (c === target ? 1 : 0);
        catBias[c]! -= LR * g * 0.1;
        for (const k of f) {
          let w = catWeights.get(k);
          if (!w) catWeights.set(k, (w = new Float64Array(CATEGORIES.length)));
          w[c] = w[c]! - LR * (g * x + L2 * w[c]!);
        }
      }
    }
  }
  return { bias, weights, catBias, catWeights };
}

/** p(unsafe) of a text under a trained model (what scoreLearned computes from the written file, before rounding). */
export function pUnsafe(t: Trained, text: string): number {
  const { buckets } = learnedBuckets(text, BITS, GRAMS);
  const x = featureScale(buckets.length);
  let z = t.bias;
  for (const k of buckets) z += t.weights[k]! * x;
  return 1 / (1 + Math.exp(-z));
}

/** The most likely category of a text under a trained model. */
export function category(t: Trained, text: string): Category {
  const { buckets, lexical } = learnedBuckets(text, BITS, GRAMS);
  const x = featureScale(lexical);
  const z = t.catBias.slice();
  for (let i = 0; i < lexical; i++) { const w = t.catWeights.get(buckets[i]!); if (w) for (let c = 0; c < z.length; c++) z[c]! += w[c]! * x; }
  let best = 0;
  for (let c = 1; c < z.length; c++) if (z[c]! > z[best]!) best = c;
  return CATEGORIES[best]!;
}

export function toModel(t: Trained, threshold: number, plainThreshold: number, about: string): LearnedModel {
  const r = (v: number) => Math.round(v * 1e4) / 1e4;
  const weights: Record<string, number> = {};
  for (let k = 0; k < t.weights.length; k++) if (Math.abs(t.weights[k]!) >= 0.005) weights[k] = r(t.weights[k]!);
  const categoryWeights: Record<string, number[]> = {};
  for (const [k, w] of [...t.catWeights].sort((a, b) => a[0] - b[0])) if (w.some((v) => Math.abs(v) >= 0.005)) categoryWeights[k] = [...w].map(r);
  return { version: 2, about, threshold, plainThreshold, bits: BITS, grams: GRAMS, bias: r(t.bias), weights, categories: CATEGORIES, categoryBias: t.catBias.map(r), categoryWeights };
}

/** One cross-validated score: the held-out model's p(unsafe), whether the text mentions harm, whether the rules block it. */
export interface CvScore { p: number; harm: boolean; rules: boolean; e: Example }

export interface Rates { blocked: number; refused: number; unsafe: number; safe: number }
/** Block and refusal rates of the model alone (`rules: false`) or of the gate, rules or model (`rules: true`). */
export function rates(scores: CvScore[], threshold: number, plainThreshold: number, withRules: boolean): Rates {
  const flag = (s: CvScore) => (withRules && s.rules) || s.p >= (s.harm ? threshold : plainThreshold);
  const u = scores.filter((s) => s.e.unsafe), s = scores.filter((x) => !x.e.unsafe);
  return { blocked: u.filter(flag).length / u.length, refused: s.filter(flag).length / s.length, unsafe: u.length, safe: s.length };
}

/**
 * The two thresholds: the pair (threshold for texts that mention harm, plainThreshold ≥ it for texts that do not;
 * 0.50–0.99 and up to 1, never, in steps of 0.01) that blocks most held-out unsafe prompts while the gate, rules or
 * model, refuses at most `maxRefused` of the held-out safe prompts and the model alone at most `maxPlainRefused` of
 * those that mention no harm (most ordinary traffic: agents' deliberations, everyday requests), and the gate at most
 * `maxOrdinaryRefused` of the ordinary requests (examples marked `ordinary`); ties go to the fewer refusals, then the
 * lower thresholds. At least 0.5: the policy's default threshold, below which the gate would ignore the finding.
 */
export function chooseThresholds(scores: CvScore[], maxRefused: number, maxPlainRefused: number, maxOrdinaryRefused = 1): { threshold: number; plainThreshold: number } {
  let best = { threshold: 0.99, plainThreshold: 1, blocked: -1, refused: 1 };
  const plainSafe = scores.filter((s) => !s.harm && !s.e.unsafe);
  const ordinary = scores.filter((s) => s.e.ordinary === true);
  for (let a = 50; a <= 99; a++) {
    for (let b = a; b <= 100; b++) {
      if (plainSafe.filter((s) => s.p >= b / 100).length > maxPlainRefused * plainSafe.length) continue;
      if (rates(ordinary, a / 100, b / 100, true).refused > maxOrdinaryRefused) continue;
      const r = rates(scores, a / 100, b / 100, true);
      if (r.refused > maxRefused) continue;
      if (r.blocked > best.blocked + 1e-12 || (Math.abs(r.blocked - best.blocked) <= 1e-12 && r.refused < best.refused - 1e-12)) {
        best = { threshold: a / 100, plainThreshold: b / 100, blocked: r.blocked, refused: r.refused };
      }
    }
  }
  return { threshold: best.threshold, plainThreshold: best.plainThreshold };
}
