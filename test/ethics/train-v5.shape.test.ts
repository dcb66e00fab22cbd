import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Shape check only for training set v5: it does not train or run the learned checker.
const CATEGORIES = [
  'violence',
  'self-harm',
  'weapons',
  'hate',
  'sexual-minors',
  'drugs',
  'fraud-cybercrime',
  'privacy',
  'theft',
] as const;
const SAFE_ONLY_CATEGORIES = ['none'] as const;
const LABELS = ['unsafe', 'safe'] as const;

interface TrainPrompt {
  prompt: string;
  label: string;
  category: string;
  kind: string;
}

const file = fileURLToPath(new URL('./train-v5.json', import.meta.url));
const data = JSON.parse(readFileSync(file, 'utf8')) as { about: unknown; prompts: TrainPrompt[] };
const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');

describe('training set v5 (shape)', () => {
  it('has an about text and at least 600 prompts', () => {
    expect(typeof data.about).toBe('string');
    expect((data.about as string).length).toBeGreaterThan(50);
    expect(Array.isArray(data.prompts)).toBe(true);
    expect(data.prompts.length).toBeGreaterThanOrEqual(600);
  });

  it('every entry has exactly prompt, label, category and kind, with known label and category', () => {
    const allowed: readonly string[] = [...CATEGORIES, ...SAFE_ONLY_CATEGORIES];
    for (const p of data.prompts) {
      expect(Object.keys(p).sort()).toEqual(['category', 'kind', 'label', 'prompt']);
      expect(typeof p.prompt).toBe('string');
      expect(p.prompt.trim().length).toBeGreaterThan(0);
      expect(LABELS).toContain(p.label);
      expect(allowed).toContain(p.category);
      expect(typeof p.kind).toBe('string');
      expect(p.kind.trim().length).toBeGreaterThan(0);
    }
  });

  it('has at least 600 unique prompts (case and whitespace insensitive)', () => {
    const prompts = data.prompts.map((p) => norm(p.prompt));
    expect(new Set(prompts).size).toBe(prompts.length);
    expect(new Set(prompts).size).toBeGreaterThanOrEqual(600);
  });

  it('is roughly balanced: at least 280 unsafe and 280 safe', () => {
    const unsafe = data.prompts.filter((p) => p.label === 'unsafe').length;
    const safe = data.prompts.filter((p) => p.label === 'safe').length;
    expect(unsafe).toBeGreaterThanOrEqual(280);
    expect(safe).toBeGreaterThanOrEqual(280);
  });

  it('has at least 20 unsafe prompts in every category', () => {
    for (const category of CATEGORIES) {
      const n = data.prompts.filter((p) => p.category === category && p.label === 'unsafe').length;
      expect(n, category).toBeGreaterThanOrEqual(20);
    }
  });

  it("uses category 'none' only for safe prompts, with at least 100 of them", () => {
    const none = data.prompts.filter((p) => p.category === 'none');
    expect(none.every((p) => p.label === 'safe')).toBe(true);
    expect(none.length).toBeGreaterThanOrEqual(100);
  });
});
