/** Model specs, the --models flag, and what the resolver does without keys. Every error message is checked. */
import { describe, expect, it } from 'vitest';
import { createModelResolver, parseModelChain, parseModelSpec, parseModelsFlag } from '../../adapters/models/model-spec.js';
import { createScriptedModel } from '../fakes/scripted.model.js';

const sim = () => createScriptedModel({ replies: ['simulated'] });

describe('parseModelSpec', () => {
  it('parses every provider form', () => {
    expect(parseModelSpec('openai:gpt-4o-mini')).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini' });
    expect(parseModelSpec('anthropic:claude-haiku-4-5')).toMatchObject({ provider: 'anthropic', model: 'claude-haiku-4-5' });
    expect(parseModelSpec('gemini:gemini-2.5-flash')).toMatchObject({ provider: 'gemini', model: 'gemini-2.5-flash' });
    expect(parseModelSpec('openai-compatible:llama3@http://127.0.0.1:11434/v1')).toMatchObject({ provider: 'openai-compatible', model: 'llama3', baseURL: 'http://127.0.0.1:11434/v1' });
    expect(parseModelSpec('simulated')).toMatchObject({ provider: 'simulated' });
    expect(parseModelSpec('openai:gpt-4o@http://127.0.0.1:9/v1').baseURL).toBe('http://127.0.0.1:9/v1');
  });

  it('names the bad item and the accepted providers', () => {
    expect(() => parseModelSpec('mistral:large')).toThrow(/invalid model: "mistral:large": unknown provider "mistral" \(expected provider:model with provider one of openai, anthropic, gemini, openai-compatible, simulated/);
    expect(() => parseModelSpec('gpt-4o')).toThrow(/"gpt-4o": no provider/);
    expect(() => parseModelSpec('openai:')).toThrow(/missing or malformed model name/);
    expect(() => parseModelSpec('openai-compatible:llama3')).toThrow(/needs a base URL after @/);
    expect(() => parseModelSpec('openai-compatible:llama3@ftp://x')).toThrow(/is not an http\(s\) URL/);
  });

  it('parses fallback chains', () => {
    expect(parseModelChain('openai:gpt-4o-mini|anthropic:claude-haiku-4-5|simulated').map((s) => s.provider)).toEqual(['openai', 'anthropic', 'simulated']);
    expect(() => parseModelChain('openai:gpt-4o-mini||simulated')).toThrow(/empty item in the fallback chain/);
  });
});

describe('parseModelsFlag', () => {
  it('parses role=chain items', () => {
    const m = parseModelsFlag('ethical=openai:gpt-4o-mini,logical=anthropic:claude-haiku-4-5,creative=gemini:gemini-2.5-flash|simulated');
    expect(Object.keys(m)).toEqual(['ethical', 'logical', 'creative']);
    expect(m.creative!.map((s) => s.provider)).toEqual(['gemini', 'simulated']);
  });

  it('names the bad item', () => {
    expect(() => parseModelsFlag('ethical=openai:gpt-4o-mini,logical')).toThrow(/invalid --models item "logical": expected role=provider:model/);
    expect(() => parseModelsFlag('ethical=foo:bar')).toThrow(/invalid --models item ethical: "foo:bar": unknown provider "foo"/);
    expect(() => parseModelsFlag('ethical=simulated,ethical=simulated')).toThrow(/role ethical given twice/);
    expect(() => parseModelsFlag('ethical=simulated,')).toThrow(/empty item/);
  });
});

describe('createModelResolver without keys', () => {
  it('uses the simulated model and says so', async () => {
    const resolve = createModelResolver({ env: {}, simulated: sim });
    expect(resolve.notice).toMatch(/no model API key found \(OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY\): every agent uses the offline simulated model/);
    expect(resolve.describe({ role: 'ethical' })).toEqual(['simulated']);
    expect((await resolve({ role: 'ethical' }).generate({ messages: [{ role: 'user', content: 'q' }] })).text).toBe('simulated');
  });

  it('a configured provider without its key fails at once, naming the variable', () => {
    expect(() => createModelResolver({ env: {}, simulated: sim, models: { logical: 'anthropic:claude-haiku-4-5' } })).toThrow(/models\.logical uses anthropic:claude-haiku-4-5 but no key is configured: set ANTHROPIC_API_KEY/);
    const r = createModelResolver({ env: { OPENAI_API_KEY: 'k' }, simulated: sim });
    expect(r.notice).toBeUndefined();
    expect(() => r({ role: 'x', model: 'gemini:gemini-2.5-flash' })).toThrow(/set GEMINI_API_KEY/);
  });
});
