import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The import direction of ../shared/DESIGN.md, enforced: runtime imports no project folder; machines imports
// runtime; agents imports runtime and machines; adapters imports runtime (composition roots — *.main.ts and the
// CLI commands they register — may import any layer but test/ and simulations/).
const root = fileURLToPath(new URL('..', import.meta.url));
const LAYERS = ['runtime', 'machines', 'agents', 'adapters', 'test', 'simulations'];
const allowed: Record<string, string[]> = {
  runtime: ['runtime'],
  machines: ['runtime', 'machines'],
  agents: ['runtime', 'machines', 'agents'],
  adapters: ['runtime', 'adapters'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

function isCompositionRoot(rel: string): boolean {
  return rel.endsWith('.main.ts') || rel.startsWith(`adapters${sep}cli${sep}`);
}

describe('import direction', () => {
  for (const layer of Object.keys(allowed)) {
    it(`${layer}/ imports only what it may`, () => {
      const bad: string[] = [];
      for (const file of files(join(root, layer))) {
        const rel = relative(root, file);
        const src = readFileSync(file, 'utf8');
        for (const m of src.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
          const target = relative(root, join(file, '..', m[1]!)).split(sep)[0]!;
          if (!LAYERS.includes(target)) continue;
          const ok = isCompositionRoot(rel) ? !['test', 'simulations'].includes(target) : allowed[layer]!.includes(target);
          if (!ok) bad.push(`${rel} -> ${m[1]}`);
        }
      }
      expect(bad).toEqual([]);
    });
  }
});
