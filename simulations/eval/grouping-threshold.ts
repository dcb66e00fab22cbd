/**
 * The grouping threshold measured on a paraphrase set: for each cosine threshold, the precision and recall of
 * "these two texts are the same answer" when pairs at or above it are merged, with the hashed embedder and (when
 * a key is present) a provider embedder.
 *
 *   npx tsx simulations/eval/grouping-threshold.ts FILE [--embedder hashed|provider:model] [--limit N]
 *
 * FILE is a public paraphrase set, read in place: PAWS (TSV: id, sentence1, sentence2, label — Zhang et al. 2019,
 * github.com/google-research-datasets/paws, its own licence terms) or STS-B (TSV or CSV with sentence1, sentence2,
 * score on 0–5; a pair counts as the same when score ≥ 4). NONE IS AVAILABLE TO THIS PROJECT TODAY: the machines
 * reach the npm registry only, no npm package ships either set, and ../shared/data holds neither, so the threshold
 * figures in runtime/embedding/README.md are not yet measured on public data. This script is ready for when one is.
 */
import { readFileSync } from 'node:fs';
import { createEmbedder } from '../../adapters/models/embedder-spec.js';
import { cosine, type Embedder } from '../../runtime/embedding/embedder.port.js';
import { parseCsv } from '../../runtime/simulation/datasets/csv.js';

/** One labelled pair. */
export interface Pair { a: string; b: string; same: boolean }

/** Reads PAWS (label column) or STS-B (score column) pairs from TSV or CSV text. */
export function readPairs(text: string, source: string): Pair[] {
  const rows = source.endsWith('.csv') ? parseCsv(text, source).map((r) => r.fields) : text.split('\n').filter((l) => l.trim() !== '').map((l) => l.split('\t'));
  const header = rows[0]!.map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const [s1, s2, label, score] = [col('sentence1'), col('sentence2'), col('label'), col('score')];
  if (s1 < 0 || s2 < 0 || (label < 0 && score < 0)) throw new Error(`${source}: expected columns sentence1, sentence2 and label (PAWS) or score (STS-B); found ${header.join(', ')}`);
  return rows.slice(1).map((r) => ({ a: r[s1]!, b: r[s2]!, same: label >= 0 ? r[label]!.trim() === '1' : Number(r[score]) >= 4 }));
}

/** Precision, recall and F1 of merging pairs at each threshold. */
export async function thresholdTable(pairs: readonly Pair[], embedder: Embedder, thresholds = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.88, 0.9, 0.92, 0.95, 0.97, 0.99]): Promise<{ threshold: number; precision: number | null; recall: number; f1: number | null; merged: number }[]> {
  const va = await embedder.embed(pairs.map((p) => p.a));
  const vb = await embedder.embed(pairs.map((p) => p.b));
  const sims = pairs.map((p, i) => ({ s: cosine(va[i]!, vb[i]!), same: p.same }));
  const positives = sims.filter((x) => x.same).length;
  return thresholds.map((t) => {
    const merged = sims.filter((x) => x.s >= t);
    const tp = merged.filter((x) => x.same).length;
    const precision = merged.length ? tp / merged.length : null;
    const recall = positives ? tp / positives : 0;
    const f1 = precision !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
    return { threshold: t, precision, recall, f1, merged: merged.length };
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  const spec = args.includes('--embedder') ? args[args.indexOf('--embedder') + 1]! : 'hashed';
  const limit = args.includes('--limit') ? Number(args[args.indexOf('--limit') + 1]) : 2000;
  if (!file) {
    console.error('grouping-threshold: no paraphrase set given. None is reachable from this project (npm registry only; no package ships PAWS or STS-B; ../shared/data has neither): pass a PAWS or STS-B file read in place.');
    process.exitCode = 2;
    return;
  }
  const pairs = readPairs(readFileSync(file, 'utf8'), file).slice(0, limit);
  const e = await createEmbedder(spec);
  console.log(`${file}: ${pairs.length} pairs (${pairs.filter((p) => p.same).length} same), embedder ${e.id}`);
  for (const r of await thresholdTable(pairs, e)) console.log(`  cosine ≥ ${r.threshold.toFixed(2)}: merged ${r.merged}, precision ${r.precision === null ? '—' : r.precision.toFixed(3)}, recall ${r.recall.toFixed(3)}, F1 ${r.f1 === null ? '—' : r.f1.toFixed(3)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
