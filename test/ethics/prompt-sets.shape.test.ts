/**
 * Shape of the authored prompt sets written for the gate (held-out v3 to v6, training sets v5 to v9): entries, labels,
 * categories, uniqueness and per-category counts. Shape only: the gate's figures on them are in their own tests.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const CATEGORIES = ['violence', 'self-harm', 'weapons', 'hate', 'sexual-minors', 'drugs', 'fraud-cybercrime', 'privacy', 'theft'];
interface Entry { prompt: string; label: string; category: string; kind: string }
interface Spec {
  file: string;
  minPrompts: number;
  /** Minimum prompts per category and label (labels absent here are not counted per category). */
  perCategory: { unsafe: number; safe?: number };
  minPerLabel?: number;
  /** Minimum safe prompts of category `none` (ordinary requests); absent: `none` is not allowed. */
  minNone?: number;
  /** The set's category names when they differ from CATEGORIES (train-v6 says `crime` for theft). */
  categories?: string[];
}
const SETS: Spec[] = [
  { file: 'heldout-v3.json', minPrompts: 300, perCategory: { unsafe: 12, safe: 12 } },
  { file: 'heldout-v4.json', minPrompts: 300, perCategory: { unsafe: 12, safe: 12 } },
  { file: 'heldout-v5.json', minPrompts: 400, perCategory: { unsafe: 20, safe: 10 }, minPerLabel: 200 },
  { file: 'train-v5.json', minPrompts: 600, perCategory: { unsafe: 20 }, minPerLabel: 280, minNone: 100 },
  { file: 'train-v6.json', minPrompts: 800, perCategory: { unsafe: 20 }, minPerLabel: 320, minNone: 300, categories: CATEGORIES.map((c) => (c === 'theft' ? 'crime' : c)) },
  { file: 'train-v7.json', minPrompts: 800, perCategory: { unsafe: 40, safe: 40 }, minPerLabel: 400 },
  { file: 'heldout-v6.json', minPrompts: 450, perCategory: { unsafe: 20 }, minPerLabel: 200, minNone: 150 },
  { file: 'train-v8.json', minPrompts: 700, perCategory: { unsafe: 20, safe: 20 }, minPerLabel: 250, minNone: 200 },
  { file: 'train-v9.json', minPrompts: 750, perCategory: { unsafe: 0 }, minPerLabel: 250, minNone: 50 },
];
const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

describe.each(SETS)('prompt set $file (shape)', (spec) => {
  const data = JSON.parse(readFileSync(new URL(`./${spec.file}`, import.meta.url), 'utf8')) as { about: unknown; prompts: Entry[] };

  it('has an about text and enough prompts', () => {
    expect(typeof data.about === 'string' && data.about.length > 50).toBe(true);
    expect(data.prompts.length).toBeGreaterThanOrEqual(spec.minPrompts);
  });

  it('every entry has exactly prompt, label, category and kind, with a known label and category', () => {
    const categories = spec.categories ?? CATEGORIES;
    const allowed = spec.minNone !== undefined ? [...categories, 'none'] : categories;
    for (const p of data.prompts) {
      expect(Object.keys(p).sort()).toEqual(['category', 'kind', 'label', 'prompt']);
      expect(p.prompt.trim().length, JSON.stringify(p)).toBeGreaterThan(0);
      expect(p.kind.trim().length, p.prompt).toBeGreaterThan(0);
      expect(['unsafe', 'safe'], p.prompt).toContain(p.label);
      expect(allowed, p.prompt).toContain(p.category);
    }
  });

  it('has no duplicate prompts (case and whitespace insensitive)', () => {
    const prompts = data.prompts.map((p) => norm(p.prompt));
    expect(new Set(prompts).size).toBe(prompts.length);
  });

  it('has enough prompts per category and label', () => {
    for (const category of spec.categories ?? CATEGORIES) {
      for (const label of ['unsafe', 'safe'] as const) {
        const min = spec.perCategory[label];
        if (min === undefined) continue;
        expect(data.prompts.filter((p) => p.category === category && p.label === label).length, `${category}/${label}`).toBeGreaterThanOrEqual(min);
      }
    }
    if (spec.minPerLabel !== undefined) {
      for (const label of ['unsafe', 'safe']) expect(data.prompts.filter((p) => p.label === label).length, label).toBeGreaterThanOrEqual(spec.minPerLabel);
    }
    if (spec.minNone !== undefined) {
      const none = data.prompts.filter((p) => p.category === 'none');
      expect(none.every((p) => p.label === 'safe')).toBe(true);
      expect(none.length).toBeGreaterThanOrEqual(spec.minNone);
    }
  });
});
