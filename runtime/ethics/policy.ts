/**
 * The ethics policy: for each category a severity, an action (allow, block with an alternative suggestion,
 * heal) and an optional threshold; how healing runs; how verdicts of several checkers combine; the checker
 * deadline. Users edit a JSON file; {@link parsePolicy} validates it with zod and names the key that is wrong.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LukhasError } from '../errors.js';
import { CATEGORIES, type Category } from './checker.types.js';
import defaultPolicyJson from './policy.default.json' with { type: 'json' };

/** Severities, least to most severe: the combination rule ranks findings by them. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

const CategoryPolicySchema = z.strictObject({
  severity: z.enum(SEVERITIES),
  action: z.enum(['allow', 'block', 'heal']),
  /** Score at or above which a finding of this category counts (default: the policy's defaultThreshold). */
  threshold: z.number().min(0).max(1).optional(),
  alternative: z.string().min(1),
});

/** zod schema of a policy file. */
export const PolicySchema = z.strictObject({
  version: z.literal(1),
  defaultThreshold: z.number().min(0).max(1),
  categories: z.strictObject(Object.fromEntries(CATEGORIES.map((c) => [c, CategoryPolicySchema])) as Record<Category, typeof CategoryPolicySchema>),
  healing: z.strictObject({
    maxPasses: z.number().int().min(0).max(10),
    /** `redact` masks PII offline; `revise` asks a model to critique and rewrite; `redact-then-revise` tries both in order. */
    strategy: z.enum(['redact', 'revise', 'redact-then-revise']),
  }),
  /** `most-severe`: the most severe verdict of all checkers wins; a checker error or timeout blocks. */
  combine: z.literal('most-severe'),
  deadlineMs: z.number().int().min(1).max(600_000),
});

/** A validated policy. */
export type Policy = z.infer<typeof PolicySchema>;
/** One category's policy. */
export type CategoryPolicy = z.infer<typeof CategoryPolicySchema>;

/** Validates a parsed policy object; a bad one throws BAD_INPUT naming each wrong key. */
export function parsePolicy(value: unknown, source = 'policy'): Policy {
  const r = PolicySchema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  throw new LukhasError('BAD_INPUT', `invalid ${source}: ${issues.join('; ')}`, { details: { keys: r.error.issues.map((i) => i.path.join('.')) } });
}

/** Reads and validates a policy file (JSON). */
export function loadPolicyFile(path: string): Policy {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (err) {
    throw new LukhasError('BAD_INPUT', `cannot read policy file ${path}: ${(err as Error).message}`, { cause: err });
  }
  let json: unknown;
  try { json = JSON.parse(text); } catch (err) {
    throw new LukhasError('BAD_INPUT', `policy file ${path} is not JSON: ${(err as Error).message}`, { cause: err });
  }
  return parsePolicy(json, `policy file ${path}`);
}

/** The default policy (runtime/ethics/policy.default.json), validated. A fresh copy on each call. */
export function defaultPolicy(): Policy {
  return parsePolicy(structuredClone(defaultPolicyJson), 'default policy');
}
