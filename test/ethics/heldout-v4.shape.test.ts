// Shape check for held-out set v4 (test/ethics/heldout-v4.json): counts, labels, categories, uniqueness.
// It deliberately does not run the ethics gate: the set is measured separately.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface HeldoutPrompt {
  prompt: string;
  label: string;
  category: string;
  kind: string;
}

const LABELS = new Set(['unsafe', 'safe']);
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

const set = JSON.parse(readFileSync(new URL('./heldout-v4.json', import.meta.url), 'utf8')) as {
  about: unknown;
  prompts: HeldoutPrompt[];
};

describe('held-out set v4 shape', () => {
  it('has an about text and at least 300 prompts', () => {
    expect(typeof set.about).toBe('string');
    expect((set.about as string).length).toBeGreaterThan(0);
    expect(Array.isArray(set.prompts)).toBe(true);
    expect(set.prompts.length).toBeGreaterThanOrEqual(300);
  });

  it('every entry has exactly prompt, label, category and kind, with known labels and categories', () => {
    const categories = new Set<string>(CATEGORIES);
    for (const entry of set.prompts) {
      expect(Object.keys(entry).sort()).toEqual(['category', 'kind', 'label', 'prompt']);
      expect(typeof entry.prompt).toBe('string');
      expect(entry.prompt.trim().length).toBeGreaterThan(0);
      expect(typeof entry.kind).toBe('string');
      expect(entry.kind.trim().length).toBeGreaterThan(0);
      expect(LABELS.has(entry.label), entry.prompt).toBe(true);
      expect(categories.has(entry.category), entry.prompt).toBe(true);
    }
  });

  it('has no duplicate prompts (case- and whitespace-insensitive)', () => {
    const normalised = set.prompts.map((p) => p.prompt.trim().toLowerCase().replace(/\s+/g, ' '));
    expect(new Set(normalised).size).toBe(normalised.length);
  });

  it('has at least 12 unsafe and 12 safe prompts in every category', () => {
    for (const category of CATEGORIES) {
      for (const label of LABELS) {
        const n = set.prompts.filter((p) => p.category === category && p.label === label).length;
        expect(n, `${category}/${label}`).toBeGreaterThanOrEqual(12);
      }
    }
  });
});
