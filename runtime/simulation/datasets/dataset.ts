import { z } from 'zod';
import { LukhasError } from '../../errors.js';
import { createRandom, hash32 } from '../../random.js';
import { ANSWER_FORMATS, optionLetters, type AnswerFormat, type AnswerSpec } from './answer-check.js';
import { parseCsv } from './csv.js';
import { canonicalNumber, extractNumber } from './numeric.js';

/**
 * Question files as scenario input (documented in simulations/README.md, "Datasets"). A JSONL file has one JSON
 * object per line; a CSV file has a header row. Fields:
 *
 *   question  the question text (required)
 *   options   multiple choice: a list of option texts, or an object {"A": "...", "B": "..."}; CSV: texts joined by |
 *   answer    choice: the letter, the 0-based index or the option text; numeric: a number or a text holding one
 *             (GSM8K's "…#### 72" reads as 72); text: one answer or a list of accepted answers (CSV: joined by |);
 *             yesno: true/false or yes/no
 *   id        optional (default the line number); ids must be distinct
 *   category  optional; what stratified sampling stratifies by
 *
 * Aliases: `choices` for options and `answerKey` for answer (MMLU / ARC exports). Every error names the file, the
 * line and the field.
 */

/** How to read and sample a question file (the scenario's `dataset` key). */
export const datasetConfigSchema = z.strictObject({
  /** Path of a .jsonl or .csv file, relative to the scenario file. */
  file: z.string().min(1),
  /** Answer format of every row, or auto (inferred per row). */
  format: z.enum([...ANSWER_FORMATS, 'auto']).default('auto'),
  sample: z
    .strictObject({
      n: z.number().int().min(1),
      /** first: the first n rows; seeded: n rows drawn with the seed; stratified: n rows spread over categories in proportion. */
      mode: z.enum(['first', 'seeded', 'stratified']).default('first'),
      /** Sampling seed (default the scenario seed). */
      seed: z.number().int().min(0).max(0xffffffff).optional(),
    })
    .optional(),
  /** numeric: absolute tolerance. */
  tolerance: z.number().nonnegative().optional(),
  /** numeric: which number of a reply counts. */
  convention: z.enum(['auto', 'answer-is', 'last-number']).optional(),
  /** text: exact (default) or contains. */
  match: z.enum(['exact', 'contains']).optional(),
});

/** A dataset configuration. */
export type DatasetConfig = z.output<typeof datasetConfigSchema>;

/** One question of a dataset, ready to run. */
export interface DatasetQuestion {
  id: string;
  category?: string;
  /** The text the colony is asked (multiple-choice options are listed in it as `A) …` lines). */
  text: string;
  /** Option ids for closed questions (A, B, … for multiple choice; yes, no for yes/no). */
  options?: string[];
  /** The ground truth the simulated model aims at: the correct option id, the canonical number, the first accepted text. */
  groundTruth: string;
  answer: AnswerSpec;
  /** 1-based line of the row in its file. */
  line: number;
}

interface RawRow { line: number; get(field: string): unknown; has(field: string): boolean }

function bad(source: string, line: number, field: string, why: string): never {
  throw new LukhasError('BAD_INPUT', `${source}:${line}: field "${field}": ${why}`, { details: { source, line, field } });
}

function rowsOf(text: string, source: string): RawRow[] {
  if (/\.csv$/i.test(source)) {
    const rows = parseCsv(text, source);
    if (rows.length === 0) throw new LukhasError('BAD_INPUT', `${source}: empty file (expected a header row and question rows)`, { details: { source } });
    const header = rows[0]!.fields.map((h) => h.trim());
    for (const need of ['question', 'answer']) {
      if (!header.includes(need) && !(need === 'answer' && header.includes('answerKey'))) {
        throw new LukhasError('BAD_INPUT', `${source}:1: the header has no "${need}" column (columns: ${header.join(', ')})`, { details: { source, line: 1, field: need } });
      }
    }
    return rows.slice(1).map((r) => {
      if (r.fields.length !== header.length) bad(source, r.line, '(row)', `${r.fields.length} fields for ${header.length} columns`);
      const rec = new Map(header.map((h, i) => [h, r.fields[i]!] as const));
      const split = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.split('|').map((s) => s.trim()));
      return {
        line: r.line,
        has: (f: string) => rec.has(f) && rec.get(f)!.trim() !== '',
        get: (f: string) => (f === 'options' || f === 'choices' ? split(rec.get(f)) : f === 'answer' || f === 'answerKey' ? (split(rec.get(f))?.length === 1 ? split(rec.get(f))![0] : split(rec.get(f))) : rec.get(f)?.trim()),
      };
    });
  }
  const out: RawRow[] = [];
  text.split('\n').forEach((l, i) => {
    if (l.trim() === '') return;
    let v: unknown;
    try { v = JSON.parse(l); } catch (err) {
      throw new LukhasError('BAD_INPUT', `${source}:${i + 1}: not valid JSON (${(err as Error).message})`, { details: { source, line: i + 1 } });
    }
    if (!v || typeof v !== 'object' || Array.isArray(v)) bad(source, i + 1, '(row)', 'expected a JSON object');
    const o = v as Record<string, unknown>;
    out.push({ line: i + 1, has: (f) => o[f] !== undefined && o[f] !== null, get: (f) => o[f] });
  });
  return out;
}

const YES = new Set(['yes', 'true']);
const NO = new Set(['no', 'false']);

function inferFormat(options: string[] | undefined, answer: unknown): AnswerFormat {
  if (options) return 'choice';
  if (typeof answer === 'boolean') return 'yesno';
  if (typeof answer === 'string' && (YES.has(answer.trim().toLowerCase()) || NO.has(answer.trim().toLowerCase()))) return 'yesno';
  if (typeof answer === 'number') return 'numeric';
  if (typeof answer === 'string' && (/####/.test(answer) || /^\s*[-−]?[$€£]?\s*[\d,]*\.?\d+\s*%?\s*$/.test(answer))) return 'numeric';
  return 'text';
}

/** Parses a question file's text into questions (no sampling). */
export function parseDataset(text: string, config: Pick<DatasetConfig, 'format' | 'tolerance' | 'convention' | 'match'>, source = 'dataset'): DatasetQuestion[] {
  const rows = rowsOf(text, source);
  if (rows.length === 0) throw new LukhasError('BAD_INPUT', `${source}: no question rows`, { details: { source } });
  const ids = new Map<string, number>();
  return rows.map((row) => {
    const line = row.line;
    const q = row.get('question');
    if (typeof q !== 'string' || q.trim() === '') bad(source, line, 'question', row.has('question') ? 'expected a non-empty string' : 'missing');
    const answerField = row.has('answer') ? 'answer' : row.has('answerKey') ? 'answerKey' : undefined;
    if (!answerField) bad(source, line, 'answer', 'missing (every row needs its correct answer)');
    const answer = row.get(answerField);
    const optField = row.has('options') ? 'options' : row.has('choices') ? 'choices' : undefined;
    let options: string[] | undefined;
    if (optField) {
      const o = row.get(optField);
      if (Array.isArray(o)) options = o.map((x) => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : bad(source, line, optField, 'expected option texts (strings)')));
      else if (o && typeof o === 'object') {
        const entries = Object.entries(o as Record<string, unknown>);
        const letters = optionLetters(Math.max(2, entries.length));
        if (entries.some(([k], i) => k.toUpperCase() !== letters[i])) bad(source, line, optField, 'an object of options must have keys A, B, C, … in order');
        options = entries.map(([, v]) => (typeof v === 'string' ? v : bad(source, line, optField, 'expected option texts (strings)')));
      } else bad(source, line, optField, 'expected a list of option texts or an object {"A": …}');
      if (options.length < 2 || options.length > 26) bad(source, line, optField, `expected 2 to 26 options, got ${options.length}`);
      if (options.some((x) => x.trim() === '')) bad(source, line, optField, 'an option text is empty');
    }
    const format = config.format === 'auto' ? inferFormat(options, answer) : config.format;
    const idRaw = row.get('id');
    if (idRaw !== undefined && typeof idRaw !== 'string' && typeof idRaw !== 'number') bad(source, line, 'id', 'expected a string or a number');
    const id = idRaw === undefined || idRaw === '' ? `line-${line}` : String(idRaw);
    const seen = ids.get(id);
    if (seen !== undefined) bad(source, line, 'id', `${JSON.stringify(id)} was already used on line ${seen}`);
    ids.set(id, line);
    const cat = row.get('category');
    if (cat !== undefined && typeof cat !== 'string') bad(source, line, 'category', 'expected a string');
    const base = { id, line, ...(typeof cat === 'string' && cat !== '' ? { category: cat } : {}) };
    const question = q.trim();
    if (format === 'choice') {
      if (!options) bad(source, line, 'options', 'missing (the format is choice)');
      const letters = optionLetters(options.length);
      let letter: string | undefined;
      if (typeof answer === 'number' && Number.isInteger(answer) && answer >= 0 && answer < options.length) letter = letters[answer];
      else if (typeof answer === 'string') {
        const a = answer.trim();
        letter = letters.find((l) => l === a.toUpperCase()) ?? letters[options.findIndex((o) => o.trim() === a)];
        if (letter === undefined && /^\d+$/.test(a) && Number(a) < options.length) letter = letters[Number(a)];
      }
      if (letter === undefined) bad(source, line, answerField, `${JSON.stringify(answer)} is not an option (expected a letter ${letters[0]}–${letters[letters.length - 1]}, a 0-based index or an option text)`);
      return {
        ...base, text: `${question}\n\n${options.map((o, i) => `${letters[i]}) ${o.trim()}`).join('\n')}`, options: letters, groundTruth: letter,
        answer: { format, accepted: [letter], ids: letters, texts: options.map((o) => o.trim()) },
      };
    }
    if (options) bad(source, line, optField!, `options are only for the choice format (the format is ${format})`);
    if (format === 'yesno') {
      const a = typeof answer === 'boolean' ? (answer ? 'yes' : 'no') : typeof answer === 'string' ? (YES.has(answer.trim().toLowerCase()) ? 'yes' : NO.has(answer.trim().toLowerCase()) ? 'no' : undefined) : undefined;
      if (!a) bad(source, line, answerField, `${JSON.stringify(answer)} is not yes/no (expected true, false, "yes" or "no")`);
      return { ...base, text: question, options: ['yes', 'no'], groundTruth: a, answer: { format, accepted: [a] } };
    }
    if (format === 'numeric') {
      const x = typeof answer === 'number' ? (Number.isFinite(answer) ? { value: answer } : null) : typeof answer === 'string' ? extractNumber(answer, 'auto') : null;
      if (!x) bad(source, line, answerField, `${JSON.stringify(answer)} holds no number`);
      const n = canonicalNumber(x.value);
      return {
        ...base, text: question, groundTruth: n,
        answer: { format, accepted: [n], ...(config.tolerance !== undefined ? { tolerance: config.tolerance } : {}), ...(config.convention ? { convention: config.convention } : {}) },
      };
    }
    const list = Array.isArray(answer) ? answer : [answer];
    const accepted = list.map((a) => (typeof a === 'string' ? a.trim() : typeof a === 'number' ? String(a) : bad(source, line, answerField, 'expected a text or a list of texts')));
    if (accepted.length === 0 || accepted.some((a) => a === '')) bad(source, line, answerField, 'expected at least one non-empty accepted answer');
    return { ...base, text: question, groundTruth: accepted[0]!, answer: { format: 'text', accepted, ...(config.match ? { match: config.match } : {}) } };
  });
}

/**
 * Picks the questions a scenario runs: all (no `sample`), the first n, n drawn with a seed, or n stratified by
 * category (largest-remainder allocation in proportion to each category's size, each category drawn with its own
 * seed). The chosen rows keep their file order, so the same file, sample and seed give the same questions.
 */
export function sampleDataset(items: readonly DatasetQuestion[], sample: DatasetConfig['sample'], defaultSeed: number, source = 'dataset'): DatasetQuestion[] {
  if (!sample) return items.slice();
  const n = sample.n;
  if (n > items.length) throw new LukhasError('BAD_INPUT', `${source}: dataset.sample.n is ${n} but the file has ${items.length} questions`, { details: { source, field: 'dataset.sample.n' } });
  const seed = sample.seed ?? defaultSeed;
  const draw = (pool: number[], k: number, key: string): number[] => {
    const rnd = createRandom(hash32(key, seed));
    const a = pool.slice();
    for (let i = 0; i < k; i++) {
      const j = i + rnd.int(a.length - i);
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a.slice(0, k);
  };
  let picked: number[];
  if (sample.mode === 'first') picked = items.slice(0, n).map((_, i) => i);
  else if (sample.mode === 'seeded') picked = draw(items.map((_, i) => i), n, 'seeded');
  else {
    const byCat = new Map<string, number[]>();
    items.forEach((q, i) => { const c = q.category ?? '(none)'; (byCat.get(c) ?? byCat.set(c, []).get(c)!).push(i); });
    const cats = [...byCat.keys()].sort();
    const quota = cats.map((c) => (n * byCat.get(c)!.length) / items.length);
    const alloc = quota.map(Math.floor);
    let left = n - alloc.reduce((a, b) => a + b, 0);
    const order = cats.map((c, i) => ({ i, frac: quota[i]! - alloc[i]!, c })).sort((a, b) => b.frac - a.frac || (a.c < b.c ? -1 : 1));
    for (const o of order) { if (left === 0) break; alloc[o.i]!++; left--; }
    picked = cats.flatMap((c, i) => draw(byCat.get(c)!, alloc[i]!, `stratified\u0000${c}`));
  }
  return picked.sort((a, b) => a - b).map((i) => items[i]!);
}
