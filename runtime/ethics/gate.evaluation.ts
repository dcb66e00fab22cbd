/**
 * Measuring the gate: XSTest (Röttger et al., NAACL 2024, CC-BY-4.0) block and refusal rates per prompt type
 * and per id-parity split, the authored prompt sets, and the injection set. Shared by the eval script
 * (simulations/eval/gate.eval.ts) and the tests that assert the targets, so both compute the same numbers.
 */
import { readFileSync } from 'node:fs';
import type { Gate } from './gate.js';

/** One XSTest row. */
export interface XsTestRow { id: number; prompt: string; type: string; label: 'safe' | 'unsafe' }

/** Counts and rates of one slice. */
export interface RateReport {
  unsafe: number; blocked: number; safe: number; refused: number;
  /** blocked / unsafe (NaN when there are no unsafe prompts). */
  blockRate: number;
  /** refused / safe (NaN when there are no safe prompts). */
  refusalRate: number;
}

function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) { if (c === '"') { if (s[i + 1] === '"') { field += '"'; i++; } else quoted = false; } else field += c; }
    else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** Reads the XSTest prompts CSV (columns id, prompt, type, label, focus, note) in place. */
export function readXsTest(path: string): XsTestRow[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  const col = (n: string) => { const i = header!.indexOf(n); if (i < 0) throw new Error(`${path}: no column ${n}`); return i; };
  const [id, prompt, type, label] = [col('id'), col('prompt'), col('type'), col('label')];
  return rows.filter((r) => r.length > 1).map((r) => ({ id: Number(r[id]), prompt: r[prompt]!, type: r[type]!, label: r[label] === 'unsafe' ? 'unsafe' : 'safe' }));
}

function rates(items: { label: 'safe' | 'unsafe'; blocked: boolean }[]): RateReport {
  const unsafe = items.filter((i) => i.label === 'unsafe'), safe = items.filter((i) => i.label === 'safe');
  const blocked = unsafe.filter((i) => i.blocked).length, refused = safe.filter((i) => i.blocked).length;
  return { unsafe: unsafe.length, blocked, safe: safe.length, refused, blockRate: blocked / unsafe.length, refusalRate: refused / safe.length };
}

/** Runs the gate on every XSTest prompt (input stage); "blocked" means any verdict other than approved. */
export async function evaluateGateOnXsTest(gate: Gate, rows: XsTestRow[]) {
  const items: (XsTestRow & { blocked: boolean; reasoning: string })[] = [];
  for (const r of rows) {
    const v = await gate.check(r.prompt, { stage: 'input' });
    items.push({ ...r, blocked: v.verdict !== 'approved', reasoning: v.reasoning });
  }
  const types = [...new Set(rows.map((r) => r.type))];
  return {
    all: rates(items),
    even: rates(items.filter((i) => i.id % 2 === 0)),
    odd: rates(items.filter((i) => i.id % 2 === 1)),
    byType: Object.fromEntries(types.map((t) => [t, rates(items.filter((i) => i.type === t))])),
    errors: items.filter((i) => (i.label === 'unsafe') !== i.blocked),
  };
}

/** Runs the gate on an authored prompt set (`{prompts: [{text, label, kind}]}`). */
export async function evaluateAuthored(gate: Gate, prompts: { text: string; label: 'safe' | 'unsafe'; kind: string }[]) {
  const items: { text: string; label: 'safe' | 'unsafe'; kind: string; blocked: boolean; reasoning: string }[] = [];
  for (const p of prompts) { const v = await gate.check(p.text, { stage: 'input' }); items.push({ ...p, blocked: v.verdict !== 'approved', reasoning: v.reasoning }); }
  return { all: rates(items), errors: items.filter((i) => (i.label === 'unsafe') !== i.blocked) };
}

/** Runs the gate on the injection set: attack success = an attack not flagged as prompt injection. */
export async function evaluateInjections(gate: Gate, cases: { id: string; kind: string; attack: boolean; text: string }[]) {
  const out: { id: string; kind: string; attack: boolean; flagged: boolean; blocked: boolean }[] = [];
  for (const c of cases) {
    const v = await gate.check(c.text, { stage: 'input' });
    out.push({ id: c.id, kind: c.kind, attack: c.attack, flagged: v.findings.some((f) => f.category === 'prompt-injection'), blocked: v.verdict !== 'approved' });
  }
  const attacks = out.filter((o) => o.attack), benign = out.filter((o) => !o.attack);
  const kinds = [...new Set(attacks.map((a) => a.kind))];
  return {
    attacks: attacks.length, benign: benign.length,
    attackSuccessRate: attacks.filter((a) => !a.blocked).length / attacks.length,
    falsePositiveRate: benign.filter((b) => b.blocked).length / benign.length,
    byKind: Object.fromEntries(kinds.map((k) => { const a = attacks.filter((x) => x.kind === k); return [k, { attacks: a.length, succeeded: a.filter((x) => !x.blocked).length }]; })),
    errors: out.filter((o) => o.attack !== o.blocked),
  };
}

/** One prompt of a held-out set (test/ethics/heldout-v2.json). */
export interface HeldoutPrompt { prompt: string; label: 'safe' | 'unsafe'; category: string; kind: string; split: 'dev' | 'test' }

/**
 * Reads and validates a held-out set file; a malformed entry is an error naming its index and field. A set
 * without a split (test/ethics/dev-v3.json: `unsplit`) has every prompt read as dev.
 */
export function readHeldout(path: string, options: { unsplit?: boolean } = {}): HeldoutPrompt[] {
  const data = JSON.parse(readFileSync(path, 'utf8')) as { prompts?: unknown };
  if (!Array.isArray(data.prompts)) throw new Error(`${path}: no "prompts" array`);
  return data.prompts.map((p: Partial<HeldoutPrompt>, i) => {
    if (typeof p.prompt !== 'string' || !p.prompt) throw new Error(`${path}: prompts[${i}].prompt is not a non-empty string`);
    if (p.label !== 'safe' && p.label !== 'unsafe') throw new Error(`${path}: prompts[${i}].label must be safe or unsafe`);
    if (options.unsplit) { if (p.split !== undefined) throw new Error(`${path}: prompts[${i}] has a split, but the set is unsplit`); p = { ...p, split: 'dev' }; }
    if (p.split !== 'dev' && p.split !== 'test') throw new Error(`${path}: prompts[${i}].split must be dev or test`);
    if (typeof p.category !== 'string' || typeof p.kind !== 'string') throw new Error(`${path}: prompts[${i}] needs category and kind`);
    return p as HeldoutPrompt;
  });
}

/** Runs the gate on one split of a held-out set: overall, per category and per kind, with the errors. */
export async function evaluateHeldout(gate: Gate, prompts: HeldoutPrompt[], split: 'dev' | 'test') {
  const items: (HeldoutPrompt & { blocked: boolean; reasoning: string })[] = [];
  for (const p of prompts.filter((x) => x.split === split)) {
    const v = await gate.check(p.prompt, { stage: 'input' });
    items.push({ ...p, blocked: v.verdict !== 'approved', reasoning: v.reasoning });
  }
  const by = (key: 'category' | 'kind') => Object.fromEntries([...new Set(items.map((i) => i[key]))].sort().map((k) => [k, rates(items.filter((i) => i[key] === k))]));
  return { split, all: rates(items), byCategory: by('category'), byKind: by('kind'), errors: items.filter((i) => (i.label === 'unsafe') !== i.blocked) };
}
