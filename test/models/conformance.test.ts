/**
 * ONE conformance suite for every ModelAdapter: the SDK adapters (openai, openai-compatible, anthropic, gemini)
 * through their real SDKs against the local provider emulator, then the scripted model, then the simulated
 * model. Text, streaming, JSON output, usage, and every wire fault class → the right code and retryability, with
 * exactly one HTTP request per call (the SDKs' own retries must be off).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LukhasError, type ErrorCode } from '../../runtime/errors.js';
import { collectStream, type ModelRequest, type StreamPart } from '../../runtime/models/model.port.js';
import { createHttpTransport } from '../../adapters/models/http-transport.js';
import { startProviderEmulator, type EmulatorFault, type ProviderEmulator } from '../emulator/index.js';
import { scriptedSubject, simulatedSubject, wireSubjects, type Subject } from './model-subjects.js';

let em: ProviderEmulator;
const subjects: Subject[] = [];
// the resolver's default transport (adapters/models/http-transport.ts): every SDK adapter runs the suite twice,
// through the global fetch and through the pooled transport (`+pool`)
const transport = createHttpTransport();
beforeAll(async () => {
  em = await startProviderEmulator();
  subjects.push(...wireSubjects(em), ...wireSubjects(em, transport.fetch), scriptedSubject(), simulatedSubject());
});
afterAll(async () => { await em.close(); await transport.close(); });

const REQ: ModelRequest = { system: 'Answer briefly.', messages: [{ role: 'user', content: 'Which option is best, and why?' }], maxOutputTokens: 200 };
const JSON_REQ: ModelRequest = { ...REQ, jsonSchema: { name: 'proposal', schema: { type: 'object', properties: { position: { type: 'string' } }, required: ['position'] } } };
const SDKS = ['openai', 'openai-compatible', 'anthropic', 'gemini'] as const;
const WIRE = [...SDKS, ...SDKS.map((n) => `${n}+pool` as const)];
const NAMES = [...WIRE, 'scripted', 'simulated'] as const;
const subject = (name: string) => subjects.find((s) => s.name === name)!;

async function parts(s: Subject, req: ModelRequest): Promise<StreamPart[]> {
  const out: StreamPart[] = [];
  for await (const p of s.adapter.stream(req)) out.push(p);
  return out;
}

async function failure(run: () => Promise<unknown>): Promise<LukhasError> {
  try { await run(); } catch (err) {
    expect(LukhasError.isInstance(err), `expected a LukhasError, got ${String(err)}`).toBe(true);
    return err as LukhasError;
  }
  throw new Error('expected the call to fail');
}

describe.each(NAMES)('conformance: %s', (name) => {
  it('generates text with a finish reason, provider and model', async () => {
    const s = subject(name);
    s.reply('Option B, because it is reversible.');
    const r = await s.adapter.generate(REQ);
    if (name !== 'simulated') expect(r.text).toBe('Option B, because it is reversible.');
    else expect(r.text.length).toBeGreaterThan(0);
    expect(r.finishReason).toBe('stop');
    expect(r.provider).toBe(s.adapter.provider);
    expect(r.model).toBe(s.adapter.model);
  });

  it('streams typed parts: text deltas, then exactly one finish that agrees with generate', async () => {
    const s = subject(name);
    s.reply('A streamed answer in several deltas.');
    const ps = await parts(s, REQ);
    const finishes = ps.filter((p) => p.type === 'finish');
    expect(finishes).toHaveLength(1);
    expect(ps[ps.length - 1]!.type).toBe('finish');
    const text = ps.map((p) => (p.type === 'text-delta' ? p.text : '')).join('');
    if (name !== 'simulated') {
      expect(text).toBe('A streamed answer in several deltas.');
      expect(ps.filter((p) => p.type === 'text-delta').length).toBeGreaterThan(0);
    }
    const f = finishes[0]!;
    expect(f.type === 'finish' && f.finishReason).toBe('stop');
  });

  it('returns JSON when a schema is given', async () => {
    const s = subject(name);
    if (name === 'simulated') return; // the simulated model answers from a deliberation context, not a schema
    s.reply('{"position":"B","confidence":0.8}');
    const r = await s.adapter.generate(JSON_REQ);
    expect(JSON.parse(r.text)).toEqual({ position: 'B', confidence: 0.8 });
    if (s.wire) expect(em.requests[em.requests.length - 1]!.json).toBe(true);
  });

  it('reports usage with non-negative integers (and exactly what the far end reported, for wire adapters)', async () => {
    const s = subject(name);
    const before = s.reported?.();
    s.reply('Cached prompt answer.', { cachedTokens: 3 });
    const r = await s.adapter.generate(REQ);
    for (const v of Object.values(r.usage)) expect(Number.isInteger(v) && v >= 0).toBe(true);
    expect(r.usage.cachedTokens).toBeLessThanOrEqual(r.usage.inputTokens);
    if (before && s.reported) {
      const after = s.reported();
      expect(r.usage).toEqual({ inputTokens: after.inputTokens - before.inputTokens, outputTokens: after.outputTokens - before.outputTokens, cachedTokens: after.cachedTokens - before.cachedTokens });
      expect(r.usage.cachedTokens).toBe(3);
    }
    const streamed = await collectStream(s.adapter.stream(REQ));
    for (const v of Object.values(streamed.usage)) expect(Number.isInteger(v) && v >= 0).toBe(true);
  });
});

/** Every wire fault: the error code, its retryability, and exactly one HTTP request (no hidden SDK retry). */
const FAULTS: { label: string; fault: EmulatorFault; code: ErrorCode; retryable: boolean; streamOnly?: boolean; check?: (e: LukhasError) => void }[] = [
  { label: '429 + Retry-After 2', fault: { kind: 'status', status: 429, retryAfter: 2 }, code: 'MODEL_RATE_LIMITED', retryable: true, check: (e) => expect(e.details?.retryAfterMs).toBe(2000) },
  { label: '429 + Retry-After 3600', fault: { kind: 'status', status: 429, retryAfter: 3600 }, code: 'MODEL_RATE_LIMITED', retryable: true, check: (e) => expect(e.details?.retryAfterMs).toBe(3_600_000) },
  { label: '500', fault: { kind: 'status', status: 500 }, code: 'MODEL_ERROR', retryable: true },
  { label: '503', fault: { kind: 'status', status: 503 }, code: 'MODEL_ERROR', retryable: true },
  { label: '529', fault: { kind: 'status', status: 529 }, code: 'MODEL_ERROR', retryable: true },
  { label: '401', fault: { kind: 'status', status: 401 }, code: 'MODEL_AUTH', retryable: false },
  { label: '400', fault: { kind: 'status', status: 400 }, code: 'MODEL_BAD_REQUEST', retryable: false },
  { label: 'connection reset', fault: { kind: 'reset' }, code: 'MODEL_ERROR', retryable: true },
  { label: 'malformed JSON', fault: { kind: 'malformed' }, code: 'MODEL_BAD_OUTPUT', retryable: true },
  { label: 'empty choices', fault: { kind: 'empty' }, code: 'MODEL_BAD_OUTPUT', retryable: true },
  { label: 'mid-stream reset', fault: { kind: 'mid-stream-reset', afterParts: 2 }, code: 'MODEL_ERROR', retryable: true, streamOnly: true },
];

describe.each(WIRE)('conformance faults: %s', (name) => {
  for (const f of FAULTS) {
    for (const mode of f.streamOnly ? ['stream'] : ['generate', 'stream']) {
      it(`${mode}: ${f.label} → ${f.code} (retryable ${f.retryable}), one request`, async () => {
        const s = subject(name);
        const before = s.requests!();
        s.fault!(f.fault);
        const e = await failure(() => (mode === 'generate' ? s.adapter.generate(REQ) : collectStream(s.adapter.stream(REQ))));
        expect(e.code).toBe(f.code);
        expect(e.isRetryable).toBe(f.retryable);
        expect(e.details?.provider).toBe(s.adapter.provider);
        f.check?.(e);
        expect(s.requests!() - before).toBe(1);
      });
    }
  }

  it('JSON asked for but text returned → MODEL_BAD_OUTPUT', async () => {
    const s = subject(name);
    s.reply('this is not json');
    const e = await failure(() => s.adapter.generate(JSON_REQ));
    expect(e.code).toBe('MODEL_BAD_OUTPUT');
  });

  it('the caller aborting → CANCELLED, not a provider fault', async () => {
    const s = subject(name);
    s.fault!({ kind: 'stall' });
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 50);
    const e = await failure(() => s.adapter.generate(REQ, { signal: ctl.signal }));
    expect(e.code).toBe('CANCELLED');
  });
});
