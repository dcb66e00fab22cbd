import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProviderEmulator } from '../emulator/index.js';
import { cli } from './cli.harness.js';

type Emulator = Awaited<ReturnType<typeof startProviderEmulator>>;
let em: Emulator;
const saved: Record<string, string | undefined> = {};
const VARS = ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'GEMINI_API_KEY', 'OPENAI_BASE_URL', 'ANTHROPIC_BASE_URL', 'GOOGLE_GEMINI_BASE_URL'];

beforeAll(async () => {
  em = await startProviderEmulator({ reply: (req) => JSON.stringify({ position: /the (ethical|logical) member/.test(req.system ?? '') ? 'A' : 'B', rationale: 'fits', confidence: 0.7 }) });
  for (const v of VARS) saved[v] = process.env[v];
  Object.assign(process.env, { OPENAI_API_KEY: 'test-key-1', ANTHROPIC_API_KEY: 'test-key-2', GEMINI_API_KEY: 'test-key-3', OPENAI_BASE_URL: em.baseUrls.openai, ANTHROPIC_BASE_URL: em.baseUrls.anthropic, GOOGLE_GEMINI_BASE_URL: em.baseUrls.gemini });
});
afterAll(async () => {
  for (const v of VARS) { if (saved[v] === undefined) delete process.env[v]; else process.env[v] = saved[v]; }
  await em.close();
});

const MODELS = 'ethical=openai:gpt-4o-mini,logical=anthropic:claude-haiku-4-5,creative=gemini:gemini-2.5-flash,practical=openai:gpt-4o-mini';

describe('lukhas deliberate --models / --record / --replay', () => {
  it('runs a colony over three providers, counts exactly what the server saw, and replays the cassettes offline', async () => {
    const cassettes = mkdtempSync(join(tmpdir(), 'lukhas-cassettes-'));
    em.reset();
    const live = await cli('deliberate', 'Which option?', '--options', 'A,B', '--agents', 'ethical,logical,creative,practical', '--models', MODELS, '--rounds', '2', '--record', cassettes, '--json', '--no-save');
    expect(live.code).toBe(0);
    const r = JSON.parse(live.out);
    const s = em.stats();
    expect(r.usage.calls).toBe(s.requests.total);
    expect(r.usage.calls).toBe(8);
    expect({ inputTokens: r.usage.inputTokens, outputTokens: r.usage.outputTokens, cachedTokens: r.usage.cachedTokens }).toEqual(s.usage.total);
    expect(r.usage.usd).toBeGreaterThan(0);
    expect(r.proposals.map((p: { answeredBy: string }) => p.answeredBy).sort()).toEqual(['anthropic:claude-haiku-4-5', 'gemini:gemini-2.5-flash', 'openai:gpt-4o-mini', 'openai:gpt-4o-mini']);
    // the same deliberation from the cassettes: zero HTTP requests, the same journal
    const before = em.stats().requests.total;
    const replayed = await cli('deliberate', 'Which option?', '--options', 'A,B', '--agents', 'ethical,logical,creative,practical', '--models', MODELS, '--rounds', '2', '--replay', cassettes, '--json', '--no-save');
    expect(replayed.code).toBe(0);
    expect(em.stats().requests.total).toBe(before);
    expect(JSON.parse(replayed.out).journalId).toBe(r.journalId);
    // no key in anything printed
    for (const text of [live.out, live.err, replayed.out, replayed.err]) expect(text).not.toMatch(/test-key-/);
  });

  it('a bad --models value exits 2 naming the item', async () => {
    const r = await cli('deliberate', 'Q?', '--models', 'ethical=closedai:gpt', '--no-save');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/closedai/);
  });
});
