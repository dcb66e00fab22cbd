/**
 * The learned checker: a linear model (logistic regression for "is this request unsafe", and a softmax over the
 * policy's categories for "which harm") over word, word-pair and character 4-gram features, trained by
 * simulations/eval/learned.train.ts on the labelled prompt sets of the project and XSTest, and shipped as a data
 * file (runtime/ethics/learned.model.json) that anyone can retrain or replace.
 *
 * Why: the offline rules are transparent but generalise poorly to phrasings nobody wrote a rule for; a linear
 * model over n-grams generalises further from the same examples. It stays explainable: every finding names the
 * features that pushed its score most.
 *
 * Scope: requests only (`input` stage), read paragraph by paragraph (blank-line separated) outside quoted
 * untrusted blocks and after the request's system prompt (CheckInput.systemLength) — what a person asks, not the
 * caller's instructions, the data quoted to a model nor a model's reply (the rules read all of it). Only paragraphs
 * that mention harm ({@link mentionsHarm}) are scored. A paragraph scoring at or above the model's threshold is a
 * finding with that score; the gate combines it with the rules' findings by its usual rule (the most severe wins).
 */
import type { Category, Checker, Finding } from './checker.types.js';
import shippedModel from './learned.model.json' with { type: 'json' };
import { splitQuoted } from './quote.js';
import { HARM_IRREGULAR, HARM_VERBS, LETHAL_IRREGULAR, LETHAL_VERBS, MASS_VIOLENCE_VERBS, THEFT_IRREGULAR, THEFT_VERBS } from './lexicon.js';
import { PRIVATE_ATTRIBUTES } from './lexicon.privacy.js';
import { CRIME_NOUNS, CYBER_STRONG, DEHUMANISING, DISCRIMINATORY_PREDICATES, DRUGS, DUAL_USE_WEAPONS, ILLICIT_CUES, WEAPONS } from './lexicon.topics.js';

/** The model file's shape. */
export interface LearnedModel {
  version: 1;
  about: string;
  /** p(unsafe) at or above which a paragraph is a finding. */
  threshold: number;
  bias: number;
  /** Feature → weight of the unsafe/safe model (features absent here weigh 0). */
  weights: Record<string, number>;
  categories: Category[];
  categoryBias: number[];
  /** Feature → weights per category (same order as `categories`). */
  categoryWeights: Record<string, number[]>;
}

/**
 * The features of a text: `w:` words, `b:` adjacent word pairs and `c:` character 4-grams of the words joined by
 * single spaces, after NFKC folding (full-width and compatibility forms) and lower-casing. Each feature once.
 */
export function learnedFeatures(text: string): string[] {
  const words = text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    out.add(`w:${words[i]}`);
    if (i + 1 < words.length) out.add(`b:${words[i]} ${words[i + 1]}`);
  }
  const s = ` ${words.join(' ')} `;
  for (let i = 0; i + 4 <= s.length; i++) out.add(`c:${s.slice(i, i + 4)}`);
  return [...out];
}

/**
 * Harm words of the rules' lexicons, and a few more per category, that let the learned model speak (see below).
 * Words common in neutral questions ("lives", "deaths", "high", "ban", "track") are left out on purpose.
 */
const EXTRA_CUES = [
  // self-harm
  'suicide', 'suicidal', 'self-harm', 'overdose', 'lethal', 'fatal', 'end my life', 'end it all', 'kill myself',
  'pills', 'noose', 'wrists', 'starve', 'purge', 'laxatives', 'anorexia', 'bulimia', 'unalive',
  // sexual content involving minors
  'sex', 'sexual', 'nude', 'naked', 'porn', 'erotic', 'explicit', 'seduce', 'groom', 'molest', 'intercourse', 'lewd', 'nsfw', 'undress',
  // fraud and cybercrime, privacy
  'fraud', 'scam', 'launder', 'counterfeit', 'forge', 'forged', 'fake id', 'phish', 'ponzi', 'pyramid scheme', 'embezzle', 'evade', 'evasion',
  'insider trading', 'ransomware', 'malware', 'spyware', 'keylogger', 'botnet', 'exploit', 'backdoor', 'hack', 'crack', 'bypass', 'password',
  'home address', 'social security', 'ssn', 'spy', 'stalk', 'dox', 'phone number',
  // drugs, weapons, hate, crime
  'drug', 'meth', 'cocaine', 'heroin', 'fentanyl', 'lsd', 'mdma', 'opioid', 'dealer', 'gun', 'rifle', 'pistol', 'ammo', 'bomb',
  'explosive', 'weapon', 'knife', 'poison', 'nerve agent', 'anthrax', 'ricin', 'hate', 'inferior', 'slur', 'racist', 'should not be allowed',
  "shouldn't be allowed", 'deport', 'illegal', 'illegally', 'without getting caught', 'get away with', 'untraceable', 'revenge',
];

/**
 * Whether a text mentions harm at all: a word of the rules' harm lexicons (lethal, harm, mass-violence and theft
 * verbs, drugs, weapons, illicit cues, dehumanising words, private attributes, cyber verbs) or of EXTRA_CUES, as a
 * word start (so "kill" covers "killing"). The learned model only arbitrates between a harmful and a harmless reading
 * of a text that mentions harm: a text that mentions none of these is never flagged by it (trained on look-alike
 * pairs, it otherwise reads harm into neutral questions).
 */
let cueRegex: RegExp | undefined;
export function mentionsHarm(text: string): boolean {
  if (!cueRegex) {
    const words = new Set<string>();
    for (const list of [LETHAL_VERBS, LETHAL_IRREGULAR, HARM_VERBS, HARM_IRREGULAR, MASS_VIOLENCE_VERBS, THEFT_VERBS, THEFT_IRREGULAR, DRUGS, WEAPONS, DUAL_USE_WEAPONS, ILLICIT_CUES, DEHUMANISING, DISCRIMINATORY_PREDICATES, PRIVATE_ATTRIBUTES, CYBER_STRONG, Object.keys(CRIME_NOUNS), EXTRA_CUES]) {
      for (const w of list) if (typeof w === 'string' && w.trim().length >= 3) words.add(w.trim().toLowerCase());
    }
    const esc = [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
    cueRegex = new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${esc.join('|')})`, 'iu');
  }
  return cueRegex.test(text.normalize('NFKC'));
}

/** A model's scores for one text: p(unsafe), the most likely category and the features that weighed most. */
export interface LearnedScore {
  unsafe: number;
  category: Category;
  top: { feature: string; weight: number }[];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** A model's weights as maps (a 20,000-key object is a slow dictionary), built once per model object. */
const compiledModels = new WeakMap<LearnedModel, { weights: Map<string, number>; categoryWeights: Map<string, number[]> }>();
function compiled(model: LearnedModel) {
  let c = compiledModels.get(model);
  if (!c) compiledModels.set(model, (c = { weights: new Map(Object.entries(model.weights)), categoryWeights: new Map(Object.entries(model.categoryWeights)) }));
  return c;
}

/**
 * A feature's value in a text of n features: 1/√max(n, 40). Normalising by length keeps long texts from scoring
 * high by size alone; the floor keeps a short text's few features from weighing as much as a long text's many.
 */
export function featureScale(n: number): number {
  return n > 0 ? 1 / Math.sqrt(Math.max(n, 40)) : 0;
}

/** Scores a text with a model (features scaled by {@link featureScale}, as in training). */
export function scoreLearned(model: LearnedModel, text: string): LearnedScore {
  const { weights, categoryWeights } = compiled(model);
  const feats = learnedFeatures(text);
  const x = featureScale(feats.length);
  let z = model.bias;
  const cz = model.categoryBias.slice();
  const hits: { feature: string; weight: number }[] = [];
  for (const f of feats) {
    const w = weights.get(f);
    if (w !== undefined) { z += w * x; if (w > 0) hits.push({ feature: f, weight: w }); }
    const cw = categoryWeights.get(f);
    if (cw !== undefined) for (let k = 0; k < cz.length; k++) cz[k]! += cw[k]! * x;
  }
  let best = 0;
  for (let k = 1; k < cz.length; k++) if (cz[k]! > cz[best]!) best = k;
  hits.sort((a, b) => b.weight - a.weight || (a.feature < b.feature ? -1 : 1));
  return { unsafe: sigmoid(z), category: model.categories[best]!, top: hits.slice(0, 4) };
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
  if (m.version !== 1) throw new Error('learned model: version must be 1');
  if (typeof m.threshold !== 'number' || !(m.threshold > 0 && m.threshold < 1)) throw new Error('learned model: threshold must be a number in (0, 1)');
  if (typeof m.bias !== 'number' || !m.weights || !Array.isArray(m.categories) || !Array.isArray(m.categoryBias) || !m.categoryWeights) throw new Error('learned model: bias, weights, categories, categoryBias and categoryWeights are required');
  if (m.categoryBias.length !== m.categories.length) throw new Error('learned model: categoryBias must have one entry per category');
  return m as LearnedModel;
}

/** Options of {@link createLearnedChecker}. */
export interface LearnedCheckerOptions {
  model?: LearnedModel;
  /** Overrides the model's threshold. */
  threshold?: number;
}

/** Entries of each of the learned checker's memo tables. */
const MEMO_MAX = 20_000;

/** The learned checker (see the module comment). */
export function createLearnedChecker(options: LearnedCheckerOptions = {}): Checker {
  let model = options.model;
  // paragraph → its score, or null when it mentions no harm; and whole request → its worst paragraph. Agent prompts
  // repeat paragraphs and whole requests from turn to turn. Bounded; cleared when full.
  const paragraphs = new Map<string, LearnedScore | null>();
  const requests = new Map<string, { s: LearnedScore; paragraph: string } | null>();
  const scoreParagraph = (m: LearnedModel, paragraph: string): LearnedScore | null => {
    let s = paragraphs.get(paragraph);
    if (s === undefined) {
      if (paragraphs.size >= MEMO_MAX) paragraphs.clear();
      paragraphs.set(paragraph, (s = mentionsHarm(paragraph) ? scoreLearned(m, paragraph) : null));
    }
    return s;
  };
  const worstOf = (m: LearnedModel, asked: string): { s: LearnedScore; paragraph: string } | null => {
    let w = requests.get(asked);
    if (w !== undefined) return w;
    w = null;
    const { outside } = asked.includes('<<<untrusted ') ? splitQuoted(asked) : { outside: asked };
    for (const paragraph of outside.split(/\n\s*\n/)) {
      const p = paragraph.trim();
      if (p.length === 0) continue;
      const s = scoreParagraph(m, p);
      if (s !== null && (w === null || s.unsafe > w.s.unsafe)) w = { s, paragraph: p };
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
      const threshold = options.threshold ?? m.threshold;
      // what was asked: the request without its system prompt (the caller's instructions), without quoted data
      const worst = worstOf(m, input.systemLength ? input.text.slice(input.systemLength) : input.text);
      if (!worst || worst.s.unsafe < threshold) return { checker: 'learned', findings: [], notes: [] };
      const words = worst.s.top.map((t) => `${t.feature.slice(2)} (+${t.weight.toFixed(2)})`).join(', ');
      const finding: Finding = {
        category: worst.s.category,
        score: Math.round(worst.s.unsafe * 1000) / 1000,
        reason: `learned model: p(unsafe) ${worst.s.unsafe.toFixed(2)} ≥ ${threshold} for "${worst.paragraph.slice(0, 80)}"; heaviest features ${words}`,
      };
      return { checker: 'learned', findings: [finding], notes: [] };
    },
  };
}
