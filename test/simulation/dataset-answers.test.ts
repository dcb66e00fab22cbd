import { describe, expect, it } from 'vitest';
import { checkAnswer, extractNumber, type AnswerSpec } from '../../runtime/simulation/datasets/index.js';

/**
 * The answer checker, table-driven: each row is [reply, expected correct, expected scoredBy, expected extracted].
 * Tricky cases first; each one fails if the rule it names is broken.
 */
type Row = [reply: string | null, correct: boolean, scoredBy: string, extracted: string | null];

const numeric = (accepted: string, extra: Partial<AnswerSpec> = {}): AnswerSpec => ({ format: 'numeric', accepted: [accepted], ...extra });

const NUMERIC: [AnswerSpec, Row[]][] = [
  [numeric('1000'), [
    ['1,000', true, 'numeric:last-number', '1000'],
    ['1000.0', true, 'numeric:last-number', '1000'],
    ['$1000', true, 'numeric:last-number', '1000'],
    ['$1,000.00', true, 'numeric:last-number', '1000'],
    ['The answer is 1,000.', true, 'numeric:answer-is', '1000'],
    ['It costs $5 per item, 200 items, so the answer is $1,000 in total.', true, 'numeric:answer-is', '1000'],
    ['First 500, then 1000. The answer is 999.', false, 'numeric:answer-is', '999'],
    ['Step 1: 10 × 100 = 1000\n#### 1000', true, 'numeric:hashes', '1000'],
    ['#### 1,000', true, 'numeric:hashes', '1000'],
    ['so \\boxed{1000} is it', true, 'numeric:boxed', '1000'],
    ['1001', false, 'numeric:last-number', '1001'],
    ['10,00', false, 'numeric:last-number', '0'], // "10,00" is no thousands group: reads 10 then 0; the last is 0
    ['I do not know', false, 'numeric:none', null],
    ['', false, 'numeric:none', null],
    [null, false, 'numeric:none', null],
  ]],
  [numeric('0.75'), [
    ['3/4', true, 'numeric:last-number', '0.75'],
    ['The answer is 3 / 4 of the cake', true, 'numeric:answer-is', '0.75'],
    ['.75', true, 'numeric:last-number', '0.75'],
    ['0.750', true, 'numeric:last-number', '0.75'],
    ['75%', false, 'numeric:last-number', '75'], // a percent sign reads as the number written (GSM8K style)
  ]],
  [numeric('1.5'), [
    ['1 1/2 cups', true, 'numeric:last-number', '1.5'],
    ['3/2', true, 'numeric:last-number', '1.5'],
    ['1/0', false, 'numeric:none', null], // a zero denominator is no number
  ]],
  [numeric('-5'), [
    ['-5', true, 'numeric:last-number', '-5'],
    ['−5', true, 'numeric:last-number', '-5'], // unicode minus
    ['The temperature fell to -5 degrees, so the answer is -5.', true, 'numeric:answer-is', '-5'],
    ['-$5', true, 'numeric:last-number', '-5'],
    ['10-5', false, 'numeric:last-number', '5'], // a hyphen after a digit is subtraction, not a sign
    ['5', false, 'numeric:last-number', '5'],
  ]],
  [numeric('50'), [
    ['50%', true, 'numeric:last-number', '50'],
    ['The answer is 50 %.', true, 'numeric:answer-is', '50'],
  ]],
  [numeric('12', { convention: 'answer-is' }), [
    ['12', false, 'numeric:none', null], // no marker: under answer-is nothing counts
    ['So the final answer: 12', true, 'numeric:answer-is', '12'],
  ]],
  [numeric('7', { convention: 'last-number' }), [
    ['The answer is 7, not 8', false, 'numeric:last-number', '8'], // last-number ignores the marker
    ['#### 7', true, 'numeric:last-number', '7'],
  ]],
  [numeric('3.14', { tolerance: 0.01 }), [
    ['3.141', true, 'numeric:last-number', '3.141'],
    ['3.2', false, 'numeric:last-number', '3.2'],
  ]],
];

const CHOICE: AnswerSpec = { format: 'choice', accepted: ['B'], ids: ['A', 'B', 'C', 'D'], texts: ['Paris', 'London', 'Rome', 'Berlin'] };
const CHOICE_ROWS: Row[] = [
  ['B', true, 'choice:id', 'B'],
  ['b', true, 'choice:id', 'B'],
  ['(B)', true, 'choice:letter', 'B'],
  ['B) London', true, 'choice:letter', 'B'],
  ['B. London is the capital', true, 'choice:letter', 'B'],
  ['The answer is B.', true, 'choice:letter', 'B'],
  ['I considered A and C, but the answer is (B)', true, 'choice:letter', 'B'],
  ['London', true, 'choice:text', 'B'],
  ['london.', true, 'choice:text', 'B'],
  ['It is London, of course', true, 'choice:text-contains', 'B'],
  ['A', false, 'choice:id', 'A'],
  ['Paris', false, 'choice:text', 'A'],
  ['Paris or London', false, 'choice:none', null], // two options named: no answer, not a guess
  ['E', false, 'choice:none', null],
  ['A cat is not an option', false, 'choice:none', null], // the article "A" is no option letter
];

const TEXT: AnswerSpec = { format: 'text', accepted: ['Neil Armstrong', 'Armstrong'] };
const TEXT_ROWS: Row[] = [
  ['Neil Armstrong', true, 'text:any-of', 'neil armstrong'],
  ['neil armstrong.', true, 'text:any-of', 'neil armstrong'],
  ['  ARMSTRONG ', true, 'text:any-of', 'armstrong'],
  ['"Neil Armstrong"', true, 'text:any-of', 'neil armstrong'],
  ['It was Neil Armstrong', false, 'text:any-of', 'it was neil armstrong'], // exact match: a sentence is not the answer
  ['Buzz Aldrin', false, 'text:any-of', 'buzz aldrin'],
  ['...', false, 'text:none', null],
];
const TEXT_ONE: AnswerSpec = { format: 'text', accepted: ['The Beatles'] };
const TEXT_ONE_ROWS: Row[] = [
  ['Beatles', true, 'text:exact', 'beatles'], // articles are removed (SQuAD normalisation)
  ['the beatles!', true, 'text:exact', 'beatles'],
  ['The Rolling Stones', false, 'text:exact', 'rolling stones'],
];
const CONTAINS: AnswerSpec = { format: 'text', accepted: ['Paris'], match: 'contains' };
const CONTAINS_ROWS: Row[] = [
  ['The capital of France is Paris.', true, 'text:contains', 'capital of france is paris'],
  ['Parisian', false, 'text:contains', 'parisian'], // whole words only
];

const YESNO: AnswerSpec = { format: 'yesno', accepted: ['yes'] };
const YESNO_ROWS: Row[] = [
  ['Yes', true, 'yesno:first-word', 'yes'],
  ['yes.', true, 'yesno:first-word', 'yes'],
  ['True', true, 'yesno:first-word', 'yes'],
  ['Yes, because the stars align.', true, 'yesno:first-word', 'yes'],
  ['No.', false, 'yesno:first-word', 'no'],
  ['After weighing it up, the answer is no', false, 'yesno:answer-is', 'no'],
  ['I would say yes', true, 'yesno:only-word', 'yes'],
  ['yes and no', true, 'yesno:first-word', 'yes'],
  ['It depends', false, 'yesno:none', null],
  ['Maybe yes, maybe no', false, 'yesno:none', null],
];

function run(spec: AnswerSpec, rows: Row[]): void {
  for (const [reply, correct, scoredBy, extracted] of rows) {
    const got = checkAnswer(reply, spec);
    expect({ reply, ...got }, JSON.stringify(reply)).toEqual({ reply, correct, scoredBy, extracted });
  }
}

describe('answer checking, per format', () => {
  it('numeric: separators, decimals, currency, fractions, negatives, percentages and the conventions', () => {
    for (const [spec, rows] of NUMERIC) run(spec, rows);
  });
  it('multiple choice: option id, letter forms, option text', () => run(CHOICE, CHOICE_ROWS));
  it('free text: SQuAD normalisation, any of several accepted answers, contains', () => {
    run(TEXT, TEXT_ROWS);
    run(TEXT_ONE, TEXT_ONE_ROWS);
    run(CONTAINS, CONTAINS_ROWS);
  });
  it('yes/no: first word, "the answer is", a single yes or no', () => {
    run(YESNO, YESNO_ROWS);
    run({ format: 'yesno', accepted: ['no'] }, [['False', true, 'yesno:first-word', 'no']]);
  });
  it('a numeric spec whose accepted value is no number is a clear error', () => {
    expect(() => checkAnswer('5', numeric('five'))).toThrow(/accepted value "five" is not a number/);
  });
  it('GSM8K gold answers read their "####" marker, not the working above it', () => {
    expect(extractNumber('Natalia sold 48/2 = 24 clips in May.\nNatalia sold 48+24 = 72 clips.\n#### 72')).toEqual({ value: 72, text: '72', via: 'hashes' });
  });
});
