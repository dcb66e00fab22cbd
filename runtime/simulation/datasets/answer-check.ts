import { z } from 'zod';
import { LukhasError } from '../../errors.js';
import { canonicalNumber, extractNumber, numbersAgree, type NumericConvention } from './numeric.js';

/**
 * Answer checking per question format. Every check returns how it scored (`scoredBy`), which goes on the
 * results line, so a reader can see whether an answer counted by its option letter, its option text, a number
 * after "the answer is", the last number, an exact or contained normalised text, or a judge's verdict.
 *
 *   choice  option id / letter ("B", "(B)", "B) London", "the answer is B"), else the option's text
 *   numeric a number by convention (numeric.ts) within a tolerance
 *   text    SQuAD-style normalised exact match against any accepted answer; `match: contains` also accepts a
 *           reply that contains an accepted answer as whole words
 *   yesno   yes/no/true/false as the first word or after "the answer is"
 */

/** The answer formats of datasets. */
export const ANSWER_FORMATS = ['choice', 'numeric', 'text', 'yesno'] as const;
/** One answer format. */
export type AnswerFormat = (typeof ANSWER_FORMATS)[number];

/** How a question's answers are checked: plain data, it travels with each run to any worker. */
export const answerSpecSchema = z.strictObject({
  format: z.enum(ANSWER_FORMATS),
  /** Accepted answers: choice → the correct option id; numeric → the number; text → every alias; yesno → yes|no. */
  accepted: z.array(z.string().min(1)).min(1),
  /** choice: the option ids (A, B, …) in order. */
  ids: z.array(z.string().min(1)).min(2).optional(),
  /** choice: the options' texts, in the order of `ids`. */
  texts: z.array(z.string()).optional(),
  /** numeric: absolute tolerance (default a relative 1e-6). */
  tolerance: z.number().nonnegative().optional(),
  /** numeric: which number counts (default auto). */
  convention: z.enum(['auto', 'answer-is', 'last-number']).optional(),
  /** text: exact (default) or contains. */
  match: z.enum(['exact', 'contains']).optional(),
});

/** How a question's answers are checked. */
export type AnswerSpec = z.output<typeof answerSpecSchema>;

/** The verdict on one answer. */
export interface AnswerScore {
  correct: boolean;
  /** `format:rule`, e.g. `numeric:answer-is`, `choice:text`, `text:any-of`, `yesno:first-word`, or `none` (no answer found). */
  scoredBy: string;
  /** The answer as the checker read it (option id, canonical number, normalised text, yes/no), or null. */
  extracted: string | null;
}

/** SQuAD-style normalisation: NFKC, lower case, punctuation and symbols removed, articles removed, spaces folded. */
export function normaliseAnswer(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\b(a|an|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const none = (format: string): AnswerScore => ({ correct: false, scoredBy: `${format}:none`, extracted: null });

/** The option letters A, B, C, … for n options. */
export function optionLetters(n: number): string[] {
  if (!Number.isInteger(n) || n < 2 || n > 26) throw new LukhasError('BAD_INPUT', `a multiple-choice question needs 2 to 26 options, got ${n}`);
  return Array.from({ length: n }, (_, i) => String.fromCharCode(65 + i));
}

function readChoice(answer: string, spec: AnswerSpec): { id: string; how: string } | null {
  const ids = spec.ids ?? [];
  const t = answer.trim();
  const exact = ids.find((id) => id === t) ?? ids.find((id) => id.toLowerCase() === t.toLowerCase());
  if (exact) return { id: exact, how: 'id' };
  const single = ids.every((id) => /^[A-Za-z]$/.test(id));
  if (single) {
    const up = new Set(ids.map((i) => i.toUpperCase()));
    const pick = (l: string | undefined) => (l && up.has(l.toUpperCase()) ? ids.find((i) => i.toUpperCase() === l.toUpperCase())! : undefined);
    const marked = [...t.matchAll(/(?:answer is|answer\s*:|option|choice)\s*:?\s*\(?([A-Za-z])\)?(?![A-Za-z])/gi)].pop();
    const m1 = pick(marked?.[1]);
    if (m1) return { id: m1, how: 'letter' };
    // a leading option letter with a delimiter: "(B) London", "B) London", "B. London", "B: London", "B - London"
    const lead = /^\(([A-Za-z])\)|^([A-Z])(?:[.):\]]|\s+[-–—])/.exec(t);
    const m2 = lead ? pick(lead[1] ?? lead[2]) : undefined;
    if (m2) return { id: m2, how: 'letter' };
  }
  const texts = spec.texts ?? [];
  const norm = normaliseAnswer(t);
  if (norm) {
    const byText = texts.findIndex((x) => normaliseAnswer(x) === norm);
    if (byText >= 0 && ids[byText]) return { id: ids[byText]!, how: 'text' };
    const within = texts.map((x, i) => ({ x: normaliseAnswer(x), i })).filter(({ x }) => x !== '' && ` ${norm} `.includes(` ${x} `));
    if (within.length === 1 && ids[within[0]!.i]) return { id: ids[within[0]!.i]!, how: 'text-contains' };
  }
  return null;
}

function readYesNo(answer: string): { v: 'yes' | 'no'; how: string } | null {
  const norm = normaliseAnswer(answer);
  const map = (w: string | undefined): 'yes' | 'no' | undefined => (w === 'yes' || w === 'true' ? 'yes' : w === 'no' || w === 'false' ? 'no' : undefined);
  const marked = [...norm.matchAll(/answer is (yes|no|true|false)\b/g)].pop();
  if (marked) return { v: map(marked[1])!, how: 'answer-is' };
  const first = map(norm.split(' ')[0]);
  if (first) return { v: first, how: 'first-word' };
  const words = new Set(norm.split(' ').map(map).filter((w): w is 'yes' | 'no' => w !== undefined));
  if (words.size === 1) return { v: [...words][0]!, how: 'only-word' };
  return null;
}

/**
 * Checks one answer against a spec. A null or empty answer (no decision) is wrong, scored `FORMAT:none`.
 * @throws LukhasError BAD_INPUT when the spec itself is unusable (a numeric spec whose accepted value is no number).
 */
export function checkAnswer(answer: string | null | undefined, spec: AnswerSpec): AnswerScore {
  const f = spec.format;
  if (answer === null || answer === undefined || answer.trim() === '') return none(f);
  switch (f) {
    case 'choice': {
      const r = readChoice(answer, spec);
      if (!r) return none(f);
      return { correct: spec.accepted.includes(r.id), scoredBy: `choice:${r.how}`, extracted: r.id };
    }
    case 'numeric': {
      const x = extractNumber(answer, (spec.convention ?? 'auto') as NumericConvention);
      if (!x) return none(f);
      const golds = spec.accepted.map((a) => {
        const g = extractNumber(a, 'auto');
        if (!g) throw new LukhasError('BAD_INPUT', `numeric answer spec: accepted value ${JSON.stringify(a)} is not a number`);
        return g.value;
      });
      return { correct: golds.some((g) => numbersAgree(x.value, g, spec.tolerance)), scoredBy: `numeric:${x.via}`, extracted: canonicalNumber(x.value) };
    }
    case 'text': {
      const norm = normaliseAnswer(answer);
      if (!norm) return none(f);
      const acc = spec.accepted.map(normaliseAnswer).filter((a) => a !== '');
      if (acc.includes(norm)) return { correct: true, scoredBy: acc.length > 1 ? 'text:any-of' : 'text:exact', extracted: norm };
      if (spec.match === 'contains' && acc.some((a) => ` ${norm} `.includes(` ${a} `))) return { correct: true, scoredBy: 'text:contains', extracted: norm };
      return { correct: false, scoredBy: spec.match === 'contains' ? 'text:contains' : acc.length > 1 ? 'text:any-of' : 'text:exact', extracted: norm };
    }
    case 'yesno': {
      const r = readYesNo(answer);
      if (!r) return none(f);
      return { correct: spec.accepted.some((a) => readYesNo(a)?.v === r.v), scoredBy: `yesno:${r.how}`, extracted: r.v };
    }
  }
}
