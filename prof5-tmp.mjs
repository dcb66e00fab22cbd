import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { createModelResolver } from './dist/adapters/models/model-spec.js';
import { createLedger } from './dist/runtime/models/ledger.js';
import { startProviderEmulator } from './dist/test/emulator/index.js';
import { createScriptedModel } from './dist/test/fakes/scripted.model.js';
const mode = process.argv[2];
const em = await startProviderEmulator({ latencyMs: 50, reply: () => JSON.stringify({ position: 'A', rationale: 'it fits the brief', confidence: 0.7 }) });
const env = { OPENAI_API_KEY: 'bench', ANTHROPIC_API_KEY: 'bench', GEMINI_API_KEY: 'bench', OPENAI_BASE_URL: em.baseUrls.openai, ANTHROPIC_BASE_URL: em.baseUrls.anthropic, GOOGLE_GEMINI_BASE_URL: em.baseUrls.gemini };
const AGENTS = [{ role: 'ethical', model: 'openai:gpt-4o-mini' }, { role: 'logical', model: 'anthropic:claude-haiku-4-5' }, { role: 'creative', model: 'gemini:gemini-2.5-flash' }, { role: 'practical', model: 'openai:gpt-4o-mini' }];
const schema = { name: 'proposal', schema: { type: 'object', properties: { position: { type: 'string' } } } };
const req = { system: 'You are a panel member. '.repeat(20), messages: [{ role: 'user', content: 'Question: which? '.repeat(10) }], temperature: 0.5, maxOutputTokens: 400, jsonSchema: schema };
const oa = new OpenAI({ apiKey: 'bench', baseURL: em.baseUrls.openai, maxRetries: 0 });
const an = new Anthropic({ apiKey: 'bench', baseURL: em.baseUrls.anthropic, maxRetries: 0 });
const ge = new GoogleGenAI({ apiKey: 'bench', httpOptions: { baseUrl: em.baseUrls.gemini } });
async function direct(provider, model) {
  const content = req.messages[0].content;
  if (provider === 'openai') await oa.chat.completions.create({ model, messages: [{ role: 'system', content: req.system }, { role: 'user', content }], temperature: 0.5, max_completion_tokens: 400, response_format: { type: 'json_schema', json_schema: { name: 'proposal', schema: schema.schema, strict: false } } });
  else if (provider === 'anthropic') await an.messages.create({ model, system: req.system, max_tokens: 400, temperature: 0.5, messages: [{ role: 'user', content }], output_config: { format: { type: 'json_schema', schema: schema.schema } } });
  else await ge.models.generateContent({ model, contents: [{ role: 'user', parts: [{ text: content }] }], config: { systemInstruction: req.system, temperature: 0.5, maxOutputTokens: 400, responseMimeType: 'application/json', responseJsonSchema: schema.schema, automaticContinuation: false } });
}
const resolve = createModelResolver({ env, simulated: () => createScriptedModel({ replies: ['x'] }), guards: { maxInFlight: 512, maxQueue: 1024 }, ledger: createLedger() });
const models = AGENTS.map((a) => resolve(a));
async function delib(i) {
  for (let r = 0; r < 3; r++) {
    if (mode === 'base') await Promise.all(AGENTS.map((a) => direct(...a.model.split(':'))));
    else await Promise.all(models.map((m, k) => m.generate({ ...req, context: { deliberationId: `d${i}`, seed: i, question: 'q', role: AGENTS[k].role, agent: AGENTS[k].role + '/1', round: r } })));
  }
}
const many = (n) => Promise.all(Array.from({ length: n }, (_, i) => delib(i)));
await many(64);
const ts = [];
for (let k = 0; k < 8; k++) { const t = performance.now(); await many(64); ts.push(performance.now() - t); }
console.log(mode, ts.map((x) => x.toFixed(0)).join(' '), 'cpu', (process.cpuUsage().user / 1000).toFixed(0));
await em.close();
