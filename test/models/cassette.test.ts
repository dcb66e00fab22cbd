/**
 * Record/replay cassettes through the resolver: record against the emulator (three providers), replay with the
 * emulator closed and count zero requests; a miss fails loudly naming the hash, agent and round.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cassetteKey, createReplayModel } from '../../adapters/models/cassette.adapter.js';
import { createModelResolver } from '../../adapters/models/model-spec.js';
import { collectStream, type ModelRequest, type ModelResponse } from '../../runtime/models/model.port.js';
import { startProviderEmulator } from '../emulator/index.js';
import { createScriptedModel } from '../fakes/scripted.model.js';

const req = (agent: string, round: number): ModelRequest => ({
  system: `you are ${agent}`,
  messages: [{ role: 'user', content: `round ${round}: decide` }],
  context: { deliberationId: 'd', seed: 3, question: 'decide', role: agent, agent, round },
});
const models = { ethical: 'openai:gpt-4o-mini', logical: 'anthropic:claude-haiku-4-5', creative: 'gemini:gemini-2.5-flash' };
const sim = () => createScriptedModel({ replies: ['sim'] });

describe('cassettes', () => {
  it('a recorded three-provider run replays offline, identically, with zero requests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lukhas-cassette-'));
    const em = await startProviderEmulator();
    const env = { OPENAI_API_KEY: 'k1', ANTHROPIC_API_KEY: 'k2', GEMINI_API_KEY: 'k3', OPENAI_BASE_URL: em.baseUrls.openai, ANTHROPIC_BASE_URL: em.baseUrls.anthropic, GOOGLE_GEMINI_BASE_URL: em.baseUrls.gemini };
    em.enqueue({ fault: { kind: 'status', status: 503 } }); // the first call is retried: the cassette holds attempts 2
    const rec = createModelResolver({ env, models, simulated: sim, record: dir, resilience: { baseDelayMs: 1 } });
    const live: ModelResponse[] = [];
    for (let round = 0; round < 2; round++) for (const agent of Object.keys(models)) live.push(await rec({ role: agent }).generate(req(agent, round)));
    live.push(await collectStream(rec({ role: 'ethical' }).stream(req('ethical', 9))));
    expect(em.stats().requests.total).toBe(8);
    await em.close();
    expect(readdirSync(dir)).toHaveLength(7);

    const rep = createModelResolver({ env: {}, models, simulated: sim, replay: dir });
    const replayed: ModelResponse[] = [];
    for (let round = 0; round < 2; round++) for (const agent of Object.keys(models)) replayed.push(await rep({ role: agent }).generate(req(agent, round)));
    replayed.push(await collectStream(rep({ role: 'ethical' }).stream(req('ethical', 9))));
    expect(replayed).toEqual(live);
    expect(live[0]!.attempts).toBe(2);
    expect(new Set(replayed.map((r) => r.provider))).toEqual(new Set(['openai', 'anthropic', 'gemini']));
  });

  it('a miss throws REPLAY_MISS naming the hash, the agent and the round', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lukhas-cassette-'));
    const replay = createReplayModel(dir, { model: 'gpt-4o-mini' });
    const r = req('ethical', 4);
    const key = cassetteKey(r, 'gpt-4o-mini');
    await expect(replay.generate(r)).rejects.toMatchObject({ code: 'REPLAY_MISS', message: expect.stringContaining(`${key} (agent ethical, round 4)`) });
  });

  it('a recorded failure replays as the same error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lukhas-cassette-'));
    const em = await startProviderEmulator();
    em.enqueue({ fault: { kind: 'status', status: 401 } });
    const env = { OPENAI_API_KEY: 'k1', OPENAI_BASE_URL: em.baseUrls.openai };
    const rec = createModelResolver({ env, models: { ethical: 'openai:gpt-4o-mini' }, simulated: sim, record: dir });
    const live = await rec({ role: 'ethical' }).generate(req('ethical', 0)).catch((e: unknown) => e);
    await em.close();
    const rep = createModelResolver({ env: {}, models: { ethical: 'openai:gpt-4o-mini' }, simulated: sim, replay: dir });
    const again = await rep({ role: 'ethical' }).generate(req('ethical', 0)).catch((e: unknown) => e);
    expect((again as { toJSON(): unknown }).toJSON()).toEqual((live as { toJSON(): unknown }).toJSON());
  });
});
