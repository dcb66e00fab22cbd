/**
 * The optimised offline checker reproduces the golden verdicts (test/ethics/checker.golden.json, written by
 * simulations/eval/checker.golden.ts; first from the unoptimised checker, regenerated after the generalisation change) exactly: verdict, category, score, finding
 * categories, and a hash of the reasoning, every finding's reason and every note, at both stages, with and
 * without injection detection — on XSTest (read in place), the fixture sets and ~2,000 generated texts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createGate } from '../../runtime/ethics/gate.js';
import { checkOffline, createOfflineChecker } from '../../runtime/ethics/offline.checker.js';
import { FIXTURE_SOURCES, ROOT, fixtureItems, goldenVerdict, textKey, type GoldenVerdict } from '../../simulations/eval/checker.corpus.js';

interface Entry { src: string; key: string; hash?: string; text?: string; input: GoldenVerdict; output?: GoldenVerdict }
const golden = JSON.parse(readFileSync(`${ROOT}test/ethics/checker.golden.json`, 'utf8')) as { entries: Entry[] };
const fixtures = new Map(fixtureItems().map((f) => [`${f.src}\u0000${f.key}`, f.text]));
const fixtureSources = new Set<string>(FIXTURE_SOURCES);

describe('offline checker golden verdicts', () => {
  it('covers every fixture source and the generated texts', () => {
    const srcs = new Set(golden.entries.map((e) => e.src));
    for (const s of ['heldout-v2', 'dev-v3', 'authored-prompts', 'authored-holdout', 'injections', 'agent-prompt', 'sim-reply', 'mixture']) expect(srcs.has(s), s).toBe(true);
    expect(golden.entries.filter((e) => !fixtureSources.has(e.src)).length).toBeGreaterThanOrEqual(1800);
  });

  it('reproduces every golden verdict exactly', async () => {
    const gate = createGate({ checkers: [createOfflineChecker()] }); // the rules alone: these are the offline rules' golden verdicts
    const mismatches: string[] = [];
    let checked = 0;
    for (const e of golden.entries) {
      let text = e.text;
      if (text === undefined) {
        text = fixtures.get(`${e.src}\u0000${e.key}`);
        if (text === undefined) {
          if (e.src === 'xstest') continue; // XSTest is read in place; absent on machines without ../shared/data
          mismatches.push(`${e.src}#${e.key}: fixture entry missing (fixture file changed: regenerate the golden file from a known-good checker)`);
          continue;
        }
        if (textKey(text) !== e.hash) { mismatches.push(`${e.src}#${e.key}: fixture text changed (regenerate the golden file from a known-good checker)`); continue; }
      }
      for (const stage of ['input', 'output'] as const) {
        const want = stage === 'input' ? e.input : (e.output ?? e.input);
        const got = await goldenVerdict(gate, checkOffline, text, stage);
        if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${e.src}#${e.key} ${stage}: want ${JSON.stringify(want)} got ${JSON.stringify(got)} — ${JSON.stringify(text.slice(0, 120))}`);
        checked++;
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(checked).toBeGreaterThan(4000);
  }, 60_000);
});
