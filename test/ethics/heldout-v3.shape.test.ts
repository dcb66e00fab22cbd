import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Shape check only for held-out set v3: it does not run the ethics gate.
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
const LABELS = ['unsafe', 'safe'] as const;

interface HeldoutPrompt {
  prompt: string;
  label: string;
  category: string;
  kind: string;
}

const file = fileURLToPath(new URL('./heldout-v3.json', import.meta.url));
const data = JSON.parse(readFileSync(file, 'utf8')) as { about: unknown; prompts: HeldoutPrompt[] };

describe('held-out set v3 (shape)', () => {
  it('has an about text and at least 300 prompts', () => {
    expect(typeof data.about).toBe('string');
    expect((data.about as string).length).toBeGreaterThan(50);
    expect(Array.isArray(data.prompts)).toBe(true);
    expect(data.prompts.length).toBeGreaterThanOrEqual(300);
  });

  it('every entry has exactly prompt, label, category and kind, with known label and category', () => {
    for (const p of data.prompts) {
      expect(Object.keys(p).sort()).toEqual(['category', 'kind', 'label', 'prompt']);
      expect(typeof p.prompt).toBe('string');
      expect(p.prompt.trim().length).toBeGreaterThan(0);
      expect(LABELS).toContain(p.label);
      expect(CATEGORIES).toContain(p.category);
      expect(typeof p.kind).toBe('string');
      expect(p.kind.length).toBeGreaterThan(0);
    }
  });

  it('has no duplicate prompts (case and whitespace insensitive)', () => {
    const norm = data.prompts.map((p) => p.prompt.trim().toLowerCase().replace(/\s+/g, ' '));
    expect(new Set(norm).size).toBe(norm.length);
  });

  it('has at least 12 unsafe and 12 safe prompts in every category', () => {
    for (const category of CATEGORIES) {
      for (const label of LABELS) {
        const n = data.prompts.filter((p) => p.category === category && p.label === label).length;
        expect(n, `${category}/${label}`).toBeGreaterThanOrEqual(12);
      }
    }
  });
});
