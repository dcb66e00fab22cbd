/**
 * The ledger's v2 parts: batch prices (dated section, half the standard price, unpriced when missing — never the
 * standard rate), image tokens (priced at the image rate when a provider reports them apart; estimated before a
 * call by the dated rules), and the price table's validation naming the bad key.
 */
import { describe, expect, it } from 'vitest';
import { costOf, costOfResponse, createLedger, DEFAULT_PRICES, estimateImageTokens, parsePriceTable, priceFor, batchPriceFor } from '../../runtime/models/ledger.js';
import { withLedger } from '../../runtime/models/metered.js';
import { MODEL_PORT_VERSION_2, type ModelAdapter, type ModelRequest } from '../../runtime/models/model.port.js';

const usage = { inputTokens: 1_000_000, outputTokens: 200_000, cachedTokens: 100_000 };

describe('ledger v2', () => {
  it('batch prices are half the standard ones for every OpenAI and Anthropic model in the bundled table', () => {
    for (const [key, p] of Object.entries(DEFAULT_PRICES.models)) {
      const [provider, model] = key.split(':') as [string, string];
      const b = batchPriceFor(DEFAULT_PRICES, provider, model);
      if (provider !== 'openai' && provider !== 'anthropic') { expect(b, key).toBeUndefined(); continue; }
      expect(b!.input, key).toBeCloseTo(p.input / 2, 12);
      expect(b!.output, key).toBeCloseTo(p.output / 2, 12);
    }
    expect(DEFAULT_PRICES.batch?.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(DEFAULT_PRICES.batch?.sources ?? {})).toEqual(['openai', 'anthropic']);
  });

  it('a batch reply is priced at the batch rate; a model without a batch price is unpriced, not standard', () => {
    const live = costOfResponse(DEFAULT_PRICES, { provider: 'anthropic', model: 'claude-haiku-4-5-20251001', usage });
    const batch = costOfResponse(DEFAULT_PRICES, { provider: 'anthropic', model: 'claude-haiku-4-5-20251001', usage, serviceTier: 'batch' });
    expect(batch! * 2).toBeCloseTo(live!, 12);
    expect(costOfResponse(DEFAULT_PRICES, { provider: 'gemini', model: 'gemini-2.5-flash', usage, serviceTier: 'batch' })).toBeNull();
    const ledger = createLedger();
    const uncached = { ...usage, cachedTokens: 0 };
    ledger.record({ agent: 'a', round: 0, provider: 'openai', model: 'gpt-4o-mini', usage: uncached, tier: 'batch' });
    ledger.record({ agent: 'a', round: 0, provider: 'openai', model: 'gpt-4o-mini', usage: uncached });
    expect(ledger.entries[0]!.usd! * 2).toBeCloseTo(ledger.entries[1]!.usd!, 12);
    // no OpenAI batch cached-input price is listed: cached batch input is billed at the batch input price (documented over-estimate)
    const cachedBatch = costOfResponse(DEFAULT_PRICES, { provider: 'openai', model: 'gpt-4o-mini', usage, serviceTier: 'batch' })!;
    expect(cachedBatch).toBeCloseTo((1_000_000 * 0.075 + 200_000 * 0.3) / 1e6, 12);
  });

  it('withLedger records a batch reply with its tier', async () => {
    const model: ModelAdapter = {
      portVersion: MODEL_PORT_VERSION_2, provider: 'openai', model: 'gpt-4o-mini', stream: () => { throw new Error('unused'); },
      generate: async () => ({ text: 'x', finishReason: 'stop', usage, provider: 'openai', model: 'gpt-4o-mini', serviceTier: 'batch' }),
    };
    const ledger = createLedger();
    await withLedger(model, ledger).generate({ messages: [{ role: 'user', content: 'q' }] });
    expect(ledger.entries[0]).toMatchObject({ tier: 'batch', usd: costOf(usage, batchPriceFor(DEFAULT_PRICES, 'openai', 'gpt-4o-mini')!) });
  });

  it('image tokens a provider reports apart are priced at the image rate (default: the input rate)', () => {
    const withImages = { ...usage, imageTokens: 300_000 };
    const p = priceFor(DEFAULT_PRICES, 'gemini', 'gemini-2.5-flash')!;
    expect(costOf(withImages, p)).toBeCloseTo(costOf(usage, p), 12);
    expect(costOf(withImages, { ...p, imageInput: 0 })).toBeCloseTo(costOf(usage, p) - (300_000 * p.input) / 1e6, 12);
  });

  it('the pre-call estimate adds the images by the model\'s dated rule', () => {
    const req: ModelRequest = { messages: [{ role: 'user', content: 'x'.repeat(400), images: [{ source: 'url', url: 'https://x.org/a.png', width: 1024, height: 1024 }] }], maxOutputTokens: 10 };
    expect(estimateImageTokens(DEFAULT_PRICES, req, 'openai', 'gpt-4o')).toBe(765);
    expect(createLedger().estimate(req, 'openai', 'gpt-4o').inputTokens).toBe(100 + 765);
    expect(estimateImageTokens(DEFAULT_PRICES, req, 'anthropic', 'claude-sonnet-4-5')).toBe(Math.ceil((1024 * 1024) / 750));
    expect(estimateImageTokens(DEFAULT_PRICES, req, 'gemini', 'gemini-2.5-pro')).toBe(4 * 258);
    expect(estimateImageTokens(DEFAULT_PRICES, req, 'simulated', 'x')).toBe(0);
    // an image-token budget is enforced before the call
    const tight = createLedger({ budget: { tokens: 500 } });
    expect(tight.check(tight.estimate(req, 'openai', 'gpt-4o')).ok).toBe(false);
  });

  it('a price table with a bad section names the key; tables without sections still load', () => {
    expect(() => parsePriceTable({ ...DEFAULT_PRICES, images: { asOf: 'x', models: { 'openai:m': { rule: 'pixels' } } } })).toThrow(/images\.models\.openai:m\.rule/);
    expect(() => parsePriceTable({ ...DEFAULT_PRICES, batch: { asOf: 'x', models: { 'openai:m': { input: -1, output: 1 } } } })).toThrow(/batch\.models\.openai:m\.input/);
    const { batch: _b, images: _i, ...plain } = DEFAULT_PRICES;
    expect(parsePriceTable(plain).batch).toBeUndefined();
  });
});
