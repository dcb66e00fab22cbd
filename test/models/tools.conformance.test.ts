/**
 * Tool calling through the real SDKs against the emulator, for every SDK adapter: the tools are declared in each
 * provider's wire format, the model's calls come back (whole and streamed) as port ToolCalls, and a follow-up
 * request carries the calls and their results back in each provider's format (OpenAI `tool` messages, Anthropic
 * tool_use / tool_result blocks, Gemini functionCall / functionResponse parts) — a full round trip.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectStream, type ModelRequest, type ModelResponse, type ToolSpec } from '../../runtime/models/model.port.js';
import { startProviderEmulator, type ProviderEmulator } from '../emulator/index.js';
import { wireSubjects, type Subject } from './model-subjects.js';

let em: ProviderEmulator;
let subjects: Subject[];
beforeAll(async () => {
  em = await startProviderEmulator();
  subjects = wireSubjects(em);
});
afterAll(async () => { await em.close(); });

const TOOLS: ToolSpec[] = [
  { name: 'add', description: 'Adds two integers.', parameters: { type: 'object', properties: { a: { type: 'integer' }, b: { type: 'integer' } }, required: ['a', 'b'] } },
  { name: 'get_weather', description: 'Weather for a city.', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
];
const ASK: ModelRequest = { system: 'Use the tools.', messages: [{ role: 'user', content: 'What is 2 + 3, and the weather in Oslo?' }], tools: TOOLS, maxOutputTokens: 200 };
const last = () => em.requests[em.requests.length - 1]!;
const subject = (name: string) => subjects.find((s) => s.name === name)!;

describe.each(['openai', 'openai-compatible', 'anthropic', 'gemini'])('tool calls round-trip: %s', (name) => {
  const script = () => em.enqueue({ text: '', toolCalls: [{ name: 'add', arguments: { a: 2, b: 3 } }, { name: 'get_weather', arguments: { city: 'Oslo' } }] });

  it('declares the tools in the provider format and returns the calls (generate)', async () => {
    const s = subject(name);
    script();
    const r = await s.adapter.generate(ASK);
    expect(last().tools).toEqual(['add', 'get_weather']);
    expect(r.finishReason).toBe('tool-calls');
    expect(r.toolCalls?.map((c) => [c.name, JSON.parse(c.arguments)])).toEqual([['add', { a: 2, b: 3 }], ['get_weather', { city: 'Oslo' }]]);
    for (const c of r.toolCalls!) expect(c.id.length).toBeGreaterThan(0);
    expect(new Set(r.toolCalls!.map((c) => c.id)).size).toBe(2);
  });

  it('streams the same calls on the finish part', async () => {
    const s = subject(name);
    script();
    const whole = await s.adapter.generate(ASK);
    script();
    const streamed = await collectStream(s.adapter.stream(ASK));
    expect(streamed.finishReason).toBe('tool-calls');
    expect(streamed.toolCalls?.map((c) => [c.name, c.arguments])).toEqual(whole.toolCalls?.map((c) => [c.name, c.arguments]));
    expect(streamed.usage.outputTokens).toBeGreaterThan(0);
  });

  it('sends the calls and their results back, and the model answers', async () => {
    const s = subject(name);
    script();
    const first: ModelResponse = await s.adapter.generate(ASK);
    const calls = first.toolCalls!;
    em.enqueue('2 + 3 = 5; Oslo is cold.');
    const r = await s.adapter.generate({
      ...ASK,
      messages: [
        ...ASK.messages,
        { role: 'assistant', content: first.text, toolCalls: calls },
        { role: 'user', content: '', toolResults: [{ callId: calls[0]!.id, name: 'add', content: '5' }, { callId: calls[1]!.id, name: 'get_weather', content: 'lookup failed: timeout', isError: true }] },
      ],
    });
    expect(r.text).toBe('2 + 3 = 5; Oslo is cold.');
    expect(r.finishReason).toBe('stop');
    const seen = last().messages;
    const assistant = seen.find((m) => m.toolCalls)!;
    expect(assistant.toolCalls!.map((c) => [c.name, JSON.parse(c.arguments)])).toEqual([['add', { a: 2, b: 3 }], ['get_weather', { city: 'Oslo' }]]);
    const results = seen.flatMap((m) => m.toolResults ?? []);
    expect(results.map((x) => x.content)).toEqual(['5', 'lookup failed: timeout']);
    // ids travel back where the protocol has them (Gemini's emulated calls carry none: matched by name)
    if (name === 'gemini') expect(results.map((x) => x.name)).toEqual(['add', 'get_weather']);
    else expect(results.map((x) => x.callId)).toEqual(calls.map((c) => c.id));
    if (name === 'anthropic' || name === 'gemini') expect(results.map((x) => x.isError)).toEqual([false, true]);
  });

  it('maps toolChoice required / a named tool / none', async () => {
    const s = subject(name);
    const body = () => last().body as Record<string, any>;
    for (const choice of ['required', { name: 'add' }, 'none'] as const) {
      script();
      await s.adapter.generate({ ...ASK, toolChoice: choice });
      if (name.startsWith('openai')) expect(body().tool_choice).toEqual(typeof choice === 'string' ? choice : { type: 'function', function: { name: 'add' } });
      if (name === 'anthropic') expect(body().tool_choice).toEqual(choice === 'required' ? { type: 'any' } : choice === 'none' ? { type: 'none' } : { type: 'tool', name: 'add' });
      if (name === 'gemini') {
        const cfg = body().toolConfig.functionCallingConfig;
        expect(cfg.mode).toBe(choice === 'none' ? 'NONE' : 'ANY');
        if (typeof choice === 'object') expect(cfg.allowedFunctionNames).toEqual(['add']);
      }
    }
  });

  it('a plain request (no tools) sends exactly the v1 body: no tool fields', async () => {
    const s = subject(name);
    em.enqueue('plain');
    await s.adapter.generate({ messages: [{ role: 'user', content: 'hi' }] });
    const b = last().body as Record<string, unknown>;
    expect(b.tools).toBeUndefined();
    expect(b.tool_choice ?? b.toolConfig).toBeUndefined();
    expect(last().tools).toBeUndefined();
  });
});

describe('tool-call edge cases on the wire', () => {
  it('openai: invalid JSON arguments from the model are kept verbatim (the tool loop refuses them, not the adapter)', async () => {
    em.enqueue({ toolCalls: [{ name: 'add', arguments: '{"a": 2, "b": ' }] });
    const r = await subject('openai').adapter.generate(ASK);
    expect(r.toolCalls?.[0]?.arguments).toBe('{"a": 2, "b": ');
  });

  it('gemini: a call without an id gets a local id that is never sent back', async () => {
    em.enqueue({ toolCalls: [{ name: 'add', arguments: { a: 1, b: 1 } }] });
    const g = subject('gemini').adapter;
    const r = await g.generate(ASK);
    expect(r.toolCalls?.[0]?.id).toBe('gemini-0');
    em.enqueue('2');
    await g.generate({ ...ASK, messages: [...ASK.messages, { role: 'assistant', content: '', toolCalls: r.toolCalls! }, { role: 'user', content: '', toolResults: [{ callId: 'gemini-0', name: 'add', content: '2' }] }] });
    const contents = (last().body as { contents: { parts: Record<string, any>[] }[] }).contents;
    const parts = contents.flatMap((c) => c.parts);
    expect(parts.find((p) => p.functionCall)!.functionCall.id).toBeUndefined();
    expect(parts.find((p) => p.functionResponse)!.functionResponse).toEqual({ name: 'add', response: { output: '2' } });
  });

  it('gemini: a call with an id keeps it both ways', async () => {
    em.enqueue({ toolCalls: [{ id: 'fc-7', name: 'add', arguments: { a: 1, b: 2 } }] });
    const r = await subject('gemini').adapter.generate(ASK);
    expect(r.toolCalls?.[0]?.id).toBe('fc-7');
  });
});
