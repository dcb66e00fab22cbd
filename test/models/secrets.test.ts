/**
 * Keys never leak: recognisable fake keys (not shaped like real ones, so generic scrubbing cannot help) are
 * configured for every provider, every fault is triggered through the full resolver stack (resilience, fallback,
 * recording, ledger), and everything produced — errors in every form, log lines, events, ledger, cassettes — is
 * searched for them. The emulator quotes the presented key in its 401 bodies, as real providers partly do.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelResolver } from '../../adapters/models/model-spec.js';
import { LukhasError } from '../../runtime/errors.js';
import { createLedger } from '../../runtime/models/ledger.js';
import { createLogger } from '../../runtime/logger.js';
import { collectStream, type ModelRequest } from '../../runtime/models/model.port.js';
import type { ResilienceEvent } from '../../runtime/models/resilience.js';
import { startProviderEmulator, type EmulatorFault, type ProviderEmulator } from '../emulator/index.js';
import { createScriptedModel } from '../fakes/scripted.model.js';
import { FAKE_KEYS } from './model-subjects.js';

let em: ProviderEmulator;
beforeAll(async () => { em = await startProviderEmulator(); });
afterAll(async () => { await em.close(); });

const FAULTS: EmulatorFault[] = [
  { kind: 'status', status: 401 }, { kind: 'status', status: 400 }, { kind: 'status', status: 429, retryAfter: 3600 }, { kind: 'status', status: 429, retryAfter: 0 },
  { kind: 'status', status: 500 }, { kind: 'status', status: 503 }, { kind: 'status', status: 529 }, { kind: 'reset' }, { kind: 'malformed' }, { kind: 'empty' },
  { kind: 'mid-stream-reset' }, { kind: 'stall' },
];

describe('secrets', () => {
  it('no key appears in errors, logs, events, ledger or cassettes, whatever the fault', async () => {
    const produced: string[] = [];
    const sink = new Writable({ write(chunk, _enc, cb) { produced.push(String(chunk)); cb(); } });
    const logger = createLogger({ level: 'debug', destination: sink });
    const events: ResilienceEvent[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'lukhas-secrets-'));
    const ledger = createLedger();
    const resolve = createModelResolver({
      env: { OPENAI_BASE_URL: em.baseUrls.openai, ANTHROPIC_BASE_URL: em.baseUrls.anthropic, GOOGLE_GEMINI_BASE_URL: em.baseUrls.gemini },
      providers: { openai: { apiKey: FAKE_KEYS.openai }, anthropic: { apiKey: FAKE_KEYS.anthropic }, gemini: { apiKey: FAKE_KEYS.gemini }, 'openai-compatible': { apiKey: FAKE_KEYS['openai-compatible'] } },
      models: { a: 'openai:gpt-4o-mini', b: 'anthropic:claude-haiku-4-5', c: 'gemini:gemini-2.5-flash', d: `openai-compatible:llama3@${em.baseUrls.openai}` },
      simulated: () => createScriptedModel({ replies: ['x'] }),
      resilience: { maxAttempts: 1, timeoutMs: 150, stallMs: 150, onEvent: (e) => events.push(e) },
      guards: { breakerThreshold: 1000 },
      record: dir,
      ledger,
    });
    let failures = 0;
    for (const role of ['a', 'b', 'c', 'd']) {
      const model = resolve({ role });
      for (const fault of FAULTS) {
        for (const mode of ['generate', 'stream'] as const) {
          em.enqueue({ fault });
          const request: ModelRequest = { messages: [{ role: 'user', content: `fault ${fault.kind}` }] };
          try {
            if (mode === 'generate') await model.generate(request); else await collectStream(model.stream(request));
          } catch (err) {
            failures++;
            expect(LukhasError.isInstance(err)).toBe(true);
            const e = err as LukhasError;
            produced.push(e.message, String(e.stack), JSON.stringify(e.toJSON()), inspect(e, { depth: 20 }));
            logger.error({ err: e, details: e.details }, 'model call failed');
          }
        }
      }
      await model.generate({ messages: [{ role: 'user', content: 'ok' }] });
    }
    expect(failures).toBeGreaterThan(80);
    produced.push(JSON.stringify(events), JSON.stringify(ledger.totals()), JSON.stringify(ledger.entries));
    for (const f of readdirSync(dir)) produced.push(readFileSync(join(dir, f), 'utf8'));
    // sanity: the keys really were sent, and a 401 body really quoted them
    const sent = new Set(em.requests.map((r) => r.key));
    for (const k of Object.values(FAKE_KEYS)) expect(sent.has(k)).toBe(true);
    expect(produced.join('\n')).toContain('Incorrect API key provided: [redacted]');
    const all = produced.join('\n');
    for (const k of Object.values(FAKE_KEYS)) expect(all.includes(k), `key ${k} leaked`).toBe(false);
  }, 30_000);
});
