import { describe, expect, it } from 'vitest';
import { parseCsv, parseDataset, sampleDataset, type DatasetQuestion } from '../../runtime/simulation/datasets/index.js';

const auto = { format: 'auto' as const };
const jsonl = (...rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n');

describe('question files', () => {
  it('reads the four documented formats and infers them per row', () => {
    const qs = parseDataset(jsonl(
      { id: 'mc1', question: 'Capital of the UK?', options: ['Paris', 'London'], answer: 'B', category: 'geo' },
      { id: 'mc2', question: 'Largest?', choices: { A: 'ant', B: 'whale', C: 'cat' }, answerKey: 1 },
      { id: 'g1', question: 'Natalia sold 48 clips…', answer: 'She sold 48/2 = 24.\n#### 72' },
      { id: 'tq', question: 'First on the moon?', answer: ['Neil Armstrong', 'Armstrong'] },
      { id: 'sq', question: 'Is the sun a star?', answer: true },
      { id: 'n2', question: 'How much?', answer: '$1,000' },
    ), auto, 'q.jsonl');
    expect(qs.map((q) => q.answer.format)).toEqual(['choice', 'choice', 'numeric', 'text', 'yesno', 'numeric']);
    expect(qs[0]).toMatchObject({ text: 'Capital of the UK?\n\nA) Paris\nB) London', options: ['A', 'B'], groundTruth: 'B', category: 'geo', line: 1 });
    expect(qs[1]!.groundTruth).toBe('B');
    expect(qs[2]!.groundTruth).toBe('72');
    expect(qs[3]!.answer.accepted).toEqual(['Neil Armstrong', 'Armstrong']);
    expect(qs[4]).toMatchObject({ options: ['yes', 'no'], groundTruth: 'yes' });
    expect(qs[5]!.groundTruth).toBe('1000');
  });

  it('reads CSV with quoted fields, | separated options and accepted answers', () => {
    const csv = 'id,question,options,answer,category\r\nq1,"Pick one, please",red|green|blue,green,colour\r\nq2,"Who wrote ""Hamlet""?",,Shakespeare|William Shakespeare,lit\n';
    const qs = parseDataset(csv, auto, 'q.csv');
    expect(qs[0]).toMatchObject({ id: 'q1', options: ['A', 'B', 'C'], groundTruth: 'B', text: 'Pick one, please\n\nA) red\nB) green\nC) blue' });
    expect(qs[1]).toMatchObject({ id: 'q2', text: 'Who wrote "Hamlet"?', answer: { format: 'text', accepted: ['Shakespeare', 'William Shakespeare'] } });
    expect(parseCsv('a,b\n"x\ny",z\n')).toEqual([{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['x\ny', 'z'] }]);
  });

  it('names the file, the line and the field of a bad row', () => {
    const cases: [string, string, RegExp][] = [
      [jsonl({ question: 'q', answer: 1 }, { question: '', answer: 2 }), 'a.jsonl', /^a\.jsonl:2: field "question": expected a non-empty string/],
      [jsonl({ question: 'q' }), 'a.jsonl', /^a\.jsonl:1: field "answer": missing/],
      [`${jsonl({ question: 'q', answer: 1 })}\n{oops`, 'a.jsonl', /^a\.jsonl:2: not valid JSON/],
      [jsonl({ question: 'q', options: ['x', 'y'], answer: 'C' }), 'a.jsonl', /^a\.jsonl:1: field "answer": "C" is not an option \(expected a letter A–B/],
      [jsonl({ question: 'q', options: ['x'], answer: 'A' }), 'a.jsonl', /^a\.jsonl:1: field "options": expected 2 to 26 options, got 1/],
      [jsonl({ id: 7, question: 'q', answer: 1 }, { id: '7', question: 'r', answer: 2 }), 'a.jsonl', /^a\.jsonl:2: field "id": "7" was already used on line 1/],
      ['id,question\n1,q\n', 'b.csv', /^b\.csv:1: the header has no "answer" column/],
      ['question,answer\nq,1,extra\n', 'b.csv', /^b\.csv:2: field "\(row\)": 3 fields for 2 columns/],
      ['question,answer\n"q,1\n', 'b.csv', /^b\.csv:2: a quoted field is never closed/],
    ];
    for (const [text, source, re] of cases) expect(() => parseDataset(text, auto, source), source).toThrow(re);
    expect(() => parseDataset(jsonl({ question: 'q', answer: 'many' }), { format: 'numeric' }, 'c.jsonl')).toThrow(/^c\.jsonl:1: field "answer": "many" holds no number/);
    expect(() => parseDataset(jsonl({ question: 'q', answer: 'maybe' }), { format: 'yesno' }, 'c.jsonl')).toThrow(/not yes\/no/);
    // the shared GSM8K questions file has no answers: it cannot drive an experiment, and the error says so
    expect(() => parseDataset(jsonl({ text: 'Natalia sold clips…', label: 'safe', source: 'gsm8k' }), auto, 'gsm8k_questions.jsonl')).toThrow(/:1: field "question": missing/);
  });

  describe('sampling', () => {
    const items: DatasetQuestion[] = Array.from({ length: 40 }, (_, i) => ({
      id: `q${i}`, line: i + 1, text: `q${i}`, groundTruth: '1', answer: { format: 'numeric', accepted: ['1'] }, category: i < 30 ? 'big' : i < 38 ? 'mid' : 'small',
    }));
    it('first n, seeded and stratified: deterministic, in file order, distinct', () => {
      expect(sampleDataset(items, { n: 3, mode: 'first' }, 0).map((q) => q.id)).toEqual(['q0', 'q1', 'q2']);
      const a = sampleDataset(items, { n: 10, mode: 'seeded' }, 5).map((q) => q.line);
      expect(sampleDataset(items, { n: 10, mode: 'seeded' }, 5).map((q) => q.line)).toEqual(a);
      expect(sampleDataset(items, { n: 10, mode: 'seeded', seed: 6 }, 5).map((q) => q.line)).not.toEqual(a);
      expect([...a].sort((x, y) => x - y)).toEqual(a);
      expect(new Set(a).size).toBe(10);
      const s = sampleDataset(items, { n: 20, mode: 'stratified' }, 1);
      const per = (c: string) => s.filter((q) => q.category === c).length;
      // 30/40·20 = 15, 8/40·20 = 4, 2/40·20 = 1
      expect([per('big'), per('mid'), per('small')]).toEqual([15, 4, 1]);
      expect(sampleDataset(items, undefined, 0)).toHaveLength(40);
    });
    it('refuses a sample larger than the file', () => {
      expect(() => sampleDataset(items, { n: 41, mode: 'first' }, 0, 'd.jsonl')).toThrow(/d\.jsonl: dataset\.sample\.n is 41 but the file has 40 questions/);
    });
  });
});
