/**
 * The cost ledger: one entry per model call that answered, from the usage the PROVIDER reported (never estimated,
 * never multiplied by the number of agents that share a client), priced from a dated price table the user can
 * override. A model missing from the table costs `null` and is reported as unpriced, never silently as 0.
 * Budgets (tokens, USD) are checked BEFORE a call is sent, from an estimate: input ≈ prompt characters / 4,
 * output = the request's maxOutputTokens (or the ledger's default) — a deliberate over-estimate of output, so a
 * budget is not overrun by the call that crosses it.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LukhasError } from '../errors.js';
import { imageTokens, type ImageTokenRule } from './image-tokens.js';
import type { ModelRequest, ModelResponse, Usage } from './model.port.js';
import defaultPrices from './prices.json' with { type: 'json' };

/**
 * USD per million tokens. `cachedInput` defaults to `input` when a provider has no cache discount; `imageInput`
 * (for image tokens a provider reports separately) defaults to `input`.
 */
export interface PriceEntry { input: number; output: number; cachedInput?: number; imageInput?: number }

/** A dated section of the price table (batch prices, image-token rules), with where its numbers come from. */
export interface PriceSection<T> { asOf: string; sources?: Record<string, string>; note?: string; models: Record<string, T> }

/**
 * A dated price table. `batch`: prices of calls made through a provider's batch API (OpenAI Batch, Anthropic
 * Message Batches); a model without a batch price is unpriced in batch mode, never priced at the standard rate.
 * `images`: each model's image-token rule (image-tokens.ts), for pre-call estimates.
 */
export interface PriceTable {
  asOf: string;
  currency: 'USD';
  note?: string;
  models: Record<string, PriceEntry>;
  batch?: PriceSection<PriceEntry>;
  images?: PriceSection<ImageTokenRule>;
}

const entrySchema = z.object({ input: z.number().nonnegative(), output: z.number().nonnegative(), cachedInput: z.number().nonnegative().optional(), imageInput: z.number().nonnegative().optional() });
const positive = z.number().positive();
const ruleSchema = z.discriminatedUnion('rule', [
  z.object({ rule: z.literal('tiles'), base: z.number().int().nonnegative(), tile: z.number().int().nonnegative() }),
  z.object({ rule: z.literal('patches'), multiplier: positive }),
  z.object({ rule: z.literal('area'), divisor: positive, maxEdge: positive, maxTokens: positive }),
  z.object({ rule: z.literal('gemini-tiles'), small: positive, tile: positive, tokens: z.number().int().positive() }),
]);
const section = <T extends z.ZodType>(models: T) => z.object({ asOf: z.string().min(1), sources: z.record(z.string(), z.string()).optional(), note: z.string().optional(), models: z.record(z.string(), models) });

const priceSchema = z.object({
  asOf: z.string().min(1),
  currency: z.literal('USD'),
  note: z.string().optional(),
  unit: z.string().optional(),
  models: z.record(z.string(), entrySchema),
  batch: section(entrySchema).optional(),
  images: section(ruleSchema).optional(),
});

/** Validates a price table; the error names the offending key. */
export function parsePriceTable(value: unknown, source = 'price table'): PriceTable {
  const r = priceSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new LukhasError('BAD_OPTION', `invalid ${source}: ${issue.path.join('.') || '(root)'}: ${issue.message} (expected { asOf, currency: "USD", models: { "provider:model": { input, output, cachedInput? } } } in USD per million tokens)`, { details: { option: 'prices', key: issue.path.join('.') } });
  }
  return r.data as PriceTable;
}

/** Reads and validates a price table file. */
export function loadPriceTable(file: string): PriceTable {
  let raw: unknown;
  try { raw = JSON.parse(readFileSync(file, 'utf8')); } catch (err) {
    throw new LukhasError('BAD_OPTION', `invalid prices file ${file}: ${(err as Error).message}`, { details: { option: 'prices' } });
  }
  return parsePriceTable(raw, `prices file ${file}`);
}

/** The bundled snapshot (see its `asOf` and `note`). */
export const DEFAULT_PRICES: PriceTable = parsePriceTable(defaultPrices, 'bundled prices.json');

function lookup<T>(m: Record<string, T> | undefined, provider: string, model: string): T | undefined {
  if (!m) return undefined;
  const exact = m[`${provider}:${model}`];
  if (exact) return exact;
  const undated = model.replace(/-(\d{4}-\d{2}-\d{2}|\d{8}|latest|preview[-\w]*)$/, '');
  return m[`${provider}:${undated}`] ?? m[`${provider}:*`];
}

/** The price of provider:model: exact key, then the undated name (`-2024-07-18`, `-20251001`), then `provider:*`. */
export function priceFor(table: PriceTable, provider: string, model: string): PriceEntry | undefined {
  return lookup(table.models, provider, model);
}

/** The batch-API price of provider:model (same lookup as {@link priceFor}); undefined when the table has none. */
export function batchPriceFor(table: PriceTable, provider: string, model: string): PriceEntry | undefined {
  return lookup(table.batch?.models, provider, model);
}

/** The image-token rule of provider:model (same lookup as {@link priceFor}); undefined when the table has none. */
export function imageRuleFor(table: PriceTable, provider: string, model: string): ImageTokenRule | undefined {
  return lookup(table.images?.models, provider, model);
}

/**
 * USD for one call's usage at a price: cached input at the cached rate, image tokens the provider reported
 * separately at the image rate (both default to the input rate), the rest of input and all output at theirs.
 */
export function costOf(usage: Usage, price: PriceEntry): number {
  const cached = Math.min(usage.cachedTokens, usage.inputTokens);
  const images = Math.min(usage.imageTokens ?? 0, usage.inputTokens - cached);
  return ((usage.inputTokens - cached - images) * price.input + cached * (price.cachedInput ?? price.input) + images * (price.imageInput ?? price.input) + usage.outputTokens * price.output) / 1e6;
}

/** The price that applies to a reply: the batch price for batch replies (`serviceTier: 'batch'`), else the standard one. */
export function priceForResponse(table: PriceTable, r: Pick<ModelResponse, 'provider' | 'model' | 'serviceTier'>): PriceEntry | undefined {
  return r.serviceTier === 'batch' ? batchPriceFor(table, r.provider, r.model) : priceFor(table, r.provider, r.model);
}

/** USD of a reply from a price table, or null when its model (at its tier) is not in the table. */
export function costOfResponse(table: PriceTable, r: Pick<ModelResponse, 'provider' | 'model' | 'serviceTier' | 'usage'>): number | null {
  const p = priceForResponse(table, r);
  return p ? costOf(r.usage, p) : null;
}

/**
 * Image tokens of a request before it is sent, by the model's rule in the table (image-tokens.ts); 0 for a
 * request without images or a model without a rule.
 */
export function estimateImageTokens(table: PriceTable, request: ModelRequest, provider: string, model: string): number {
  let rule: ImageTokenRule | undefined;
  let n = 0;
  for (const m of request.messages) {
    if (!m.images?.length) continue;
    rule ??= imageRuleFor(table, provider, model);
    if (!rule) return 0;
    for (const img of m.images) n += imageTokens(rule, img.width, img.height, img.detail);
  }
  return n;
}

/** One recorded call. `tier: 'batch'` when it went through a batch API (priced at batch rates). */
export interface LedgerEntry { agent: string; round: number; provider: string; model: string; usage: Usage; usd: number | null; tier?: 'batch' }

/** Sums over a set of calls. `usd` sums priced calls only; `unpricedCalls` says how many are not in it. */
export interface LedgerTotals { calls: number; inputTokens: number; outputTokens: number; cachedTokens: number; usd: number; unpricedCalls: number }

/** Limits per ledger (one ledger per deliberation). */
export interface Budget { tokens?: number; usd?: number }

/** A call's cost before it is sent. */
export interface CallEstimate { inputTokens: number; outputTokens: number; usd: number | null }

/** The verdict of {@link Ledger.check}. */
export type BudgetCheck = { ok: true; unpriced?: boolean } | { ok: false; reason: 'tokens' | 'usd'; limit: number; spent: number; estimate: number };

/** A cost ledger. */
export interface Ledger {
  readonly entries: readonly LedgerEntry[];
  readonly prices: PriceTable;
  record(call: Omit<LedgerEntry, 'usd'>): LedgerEntry;
  totals(): { overall: LedgerTotals; perAgent: Record<string, LedgerTotals>; perRound: Record<string, LedgerTotals>; unpriced: string[] };
  /** Estimates a request's cost before sending (see the module comment for the rule). */
  estimate(request: ModelRequest, provider: string, model: string): CallEstimate;
  /** Whether a call with this estimate fits the budget. An unpriced call cannot be held to a USD budget: it passes with `unpriced: true`. */
  check(estimate: CallEstimate): BudgetCheck;
}

/** Options of {@link createLedger}. */
export interface LedgerOptions {
  prices?: PriceTable;
  budget?: Budget;
  /** Output tokens assumed for a request without maxOutputTokens (default 1,024). */
  defaultMaxOutputTokens?: number;
}

const emptyTotals = (): LedgerTotals => ({ calls: 0, inputTokens: 0, outputTokens: 0, cachedTokens: 0, usd: 0, unpricedCalls: 0 });

function add(t: LedgerTotals, e: LedgerEntry): void {
  t.calls++;
  t.inputTokens += e.usage.inputTokens;
  t.outputTokens += e.usage.outputTokens;
  t.cachedTokens += e.usage.cachedTokens;
  if (e.usd === null) t.unpricedCalls++; else t.usd += e.usd;
}

/** Creates a ledger. */
export function createLedger(options: LedgerOptions = {}): Ledger {
  const prices = options.prices ?? DEFAULT_PRICES;
  const budget = options.budget ?? {};
  for (const [k, v] of Object.entries(budget)) {
    if (v !== undefined && (typeof v !== 'number' || !(v >= 0))) throw new LukhasError('BAD_OPTION', `invalid budget.${k}: ${JSON.stringify(v)} (expected a number >= 0)`, { details: { option: `budget.${k}` } });
  }
  const entries: LedgerEntry[] = [];
  const overall = emptyTotals();
  const defaultOut = options.defaultMaxOutputTokens ?? 1024;
  return {
    entries,
    prices,
    record(call) {
      const price = call.tier === 'batch' ? batchPriceFor(prices, call.provider, call.model) : priceFor(prices, call.provider, call.model);
      const entry: LedgerEntry = { ...call, usage: { ...call.usage }, usd: price ? costOf(call.usage, price) : null };
      entries.push(entry);
      add(overall, entry);
      return entry;
    },
    totals() {
      const perAgent: Record<string, LedgerTotals> = {};
      const perRound: Record<string, LedgerTotals> = {};
      const unpriced = new Set<string>();
      for (const e of entries) {
        add((perAgent[e.agent] ??= emptyTotals()), e);
        add((perRound[String(e.round)] ??= emptyTotals()), e);
        if (e.usd === null) unpriced.add(`${e.provider}:${e.model}`);
      }
      return { overall: { ...overall }, perAgent, perRound, unpriced: [...unpriced].sort() };
    },
    estimate(request, provider, model) {
      const chars = (request.system?.length ?? 0) + request.messages.reduce((n, m) => n + m.content.length, 0);
      const inputTokens = Math.ceil(chars / 4) + estimateImageTokens(prices, request, provider, request.model ?? model);
      const outputTokens = request.maxOutputTokens ?? defaultOut;
      const price = priceFor(prices, provider, request.model ?? model);
      return { inputTokens, outputTokens, usd: price ? costOf({ inputTokens, outputTokens, cachedTokens: 0 }, price) : null };
    },
    check(estimate) {
      if (budget.tokens !== undefined) {
        const spent = overall.inputTokens + overall.outputTokens;
        const est = estimate.inputTokens + estimate.outputTokens;
        if (spent + est > budget.tokens) return { ok: false, reason: 'tokens', limit: budget.tokens, spent, estimate: est };
      }
      if (budget.usd !== undefined) {
        if (estimate.usd === null) return { ok: true, unpriced: true };
        if (overall.usd + estimate.usd > budget.usd) return { ok: false, reason: 'usd', limit: budget.usd, spent: overall.usd, estimate: estimate.usd };
      }
      return { ok: true };
    },
  };
}
