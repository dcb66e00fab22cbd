/**
 * Writes simulations/data/arithmetic.jsonl: 100 arithmetic questions in the form of Du et al. 2023 ("Improving
 * Factuality and Reasoning in Language Models through Multiagent Debate", the arithmetic task: six integers in
 * [0, 30), `a+b*c+d-e*f`), drawn with a fixed seed. Project-written: the expressions are generated here, the
 * answers computed here. Run: `npx tsx simulations/data/arithmetic.make.ts`.
 */
import { writeFileSync } from 'node:fs';
import { createRandom } from '../../runtime/random.js';

const rnd = createRandom(2023);
const lines: string[] = [];
for (let i = 0; i < 100; i++) {
  const [a, b, c, d, e, f] = Array.from({ length: 6 }, () => rnd.int(30));
  const answer = a! + b! * c! + d! - e! * f!;
  lines.push(JSON.stringify({ id: `arith-${String(i).padStart(3, '0')}`, question: `What is the result of ${a}+${b}*${c}+${d}-${e}*${f}? Make sure to state your answer at the end of the response.`, answer, category: answer < 0 ? 'negative' : 'non-negative' }));
}
writeFileSync(new URL('./arithmetic.jsonl', import.meta.url), `${lines.join('\n')}\n`);
