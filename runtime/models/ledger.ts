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
import type { ModelRequest, Usage } from './model.port.js';
import defaultPrices from './prices.json' with { type: 'json' };

/** USD per million tokens. `cachedInput` defaults to `input` when a provider has no cache discount. */
export interface PriceEntry { input: number; output: number; cachedInput?: number }

/** A dated price table. */
export interface PriceTable { asOf: string; currency: 'USD'; note?: string; models: Record<string, PriceEntry> }

const priceSchema = z.object({
  asOf: z.string().min(1),
  currency: z.literal('USD'),
  note: z.string().optional(),
  unit: z.string().optional(),
  models: z.record(z.string(), z.object({ input: z.number().nonnegative(), output: z.number().nonnegative(), cachedInput: z.number().nonnegative().optional() })),
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

/** The price of provider:model: exact key, then the undated name (`-2024-07-18`, `-20251001`), then `provider:*`. */
export function priceFor(table: PriceTable, provider: string, model: string): PriceEntry | undefined {
  const m = table.models;
  const exact = m[`${provider}:${model}`];
  if (exact) return exact;
  const undated = model.replace(/-(\d{4}-\d{2}-\d{2}|\d{8}|latest|preview[-\w]*)$/, '');
  return m[`${provider}:${undated}`] ?? m[`${provider}:*`];
}

/** USD for one call's usage at a price (cached input billed at the cached rate). */
export function costOf(usage: Usage, price: PriceEntry): number {
  const cached = Math.min(usage.cachedTokens, usage.inputTokens);
  return ((usage.inputTokens - cached) * price.input + cached * (price.cachedInput ?? price.input) + usage.outputTokens * price.output) / 1e6;
}

/** One recorded call. */
export interface LedgerEntry { agent: string; round: number; provider: string; model: string; usage: Usage; usd: number | null }

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
      const price = priceFor(prices, call.provider, call.model);
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
      const inputTokens = Math.ceil(chars / 4);
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
