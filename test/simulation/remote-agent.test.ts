import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../../adapters/lukhas.main.js';
import { agentSubject, createRemoteTurnExecutor, serveRemoteAgent, subjectToken } from '../../adapters/transport/nats/remote-agent.js';
import type { TurnExecutor, TurnInput, TurnOutput } from '../../runtime/deliberation/turn.port.js';
import { ROOT } from './sim-fixtures.js';

const url = process.env.NATS_URL;
if (!url) console.warn('NATS_URL is unset: skipping the remote-agent (NATS request/reply) tests (CI sets it)');

const input = (agentId = 'logical/0'): TurnInput => ({
  deliberationId: 'd1', seed: 42, round: 0, agentId, agent: { role: 'logical', key: '0' }, question: 'a or b?', options: ['a', 'b'], peers: [],
});

describe('agent subjects', () => {
  it('maps role/key to subject tokens that cannot split or wildcard a subject', () => {
    expect(agentSubject('logical/0')).toBe('lukhas.agents.logical.0');
    expect(agentSubject('my role/a.b*>', 'x')).toBe('x.my~20role.a~2eb~2a~3e');
    expect(subjectToken('ok_-1')).toBe('ok_-1');
    expect(() => agentSubject('norole')).toThrow(/expected role\/key/);
  });
});

describe.skipIf(!url)('remote agents over NATS request/reply', () => {
  const root = `t.agents.${process.pid}.${Date.now().toString(36)}`;
  let nc: NatsConnection;
  let proc: ChildProcess | undefined;
  beforeAll(async () => { nc = await connect({ servers: url! }); });
  afterAll(async () => {
    proc?.kill('SIGKILL');
    await nc.close();
  });

  it('forwards TurnInput and returns the host executor\'s TurnOutput unchanged', async () => {
    const seen: TurnInput[] = [];
    const local: TurnExecutor = {
      turn: async (i) => {
        seen.push(i);
        return { ok: true, proposal: { position: 'a', rationale: `round ${i.round}`, confidence: 0.9 }, request: { messages: [{ role: 'user', content: i.question }] }, response: { text: '{"position":"a"}', finishReason: 'stop', usage: { inputTokens: 3, outputTokens: 2, cachedTokens: 0 }, provider: 'simulated', model: 'sim' } };
      },
    };
    const host = serveRemoteAgent({ nc, executor: local, agents: ['logical/*'], root: `${root}.a` });
    const remote = createRemoteTurnExecutor({ nc, root: `${root}.a`, timeoutMs: 2000 });
    const out = await remote.turn(input());
    expect(out).toEqual(await local.turn(input()));
    expect(seen[0]).toEqual(input());
    expect(await remote.turn(input('ethical/0'))).toMatchObject({ ok: false, error: { code: 'AGENT_FAILED', message: expect.stringMatching(/no host serves agent ethical\/0/) } });
    await host.close();
  });

  it('reports host failures, bad input, timeouts and cancellation as failed turns with a code', async () => {
    const failing: TurnExecutor = { turn: async () => { throw new Error('provider said: invalid key sk-abcdefghijklmnop'); } };
    const slow: TurnExecutor = { turn: () => new Promise<TurnOutput>(() => undefined) };
    const h1 = serveRemoteAgent({ nc, executor: failing, agents: ['logical/0'], root: `${root}.b` });
    const h2 = serveRemoteAgent({ nc, executor: slow, agents: ['*'], root: `${root}.c` });
    const out = await createRemoteTurnExecutor({ nc, root: `${root}.b` }).turn(input());
    expect(out).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'provider said: invalid key [redacted]' } });
    const bad = await nc.request(agentSubject('logical/0', `${root}.b`), JSON.stringify({ agentId: 'logical/0' }), { timeout: 2000 });
    expect(JSON.parse(bad.string())).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/deliberationId/) } });
    const timed = await createRemoteTurnExecutor({ nc, root: `${root}.c`, timeoutMs: 200 }).turn(input());
    expect(timed).toMatchObject({ ok: false, error: { code: 'MODEL_TIMEOUT' } });
    const ac = new AbortController();
    const pending = createRemoteTurnExecutor({ nc, root: `${root}.c`, timeoutMs: 5000 }).turn(input(), { signal: ac.signal });
    ac.abort();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    await h1.close();
    await h2.close();
  });

  it('one colony spans processes: agents hosted in another process give the same deliberation as local agents', async () => {
    proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/simulation/agent-host.fixture.ts'), url!, `${root}.d`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      proc!.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('ready')) resolve(); });
      proc!.once('exit', (code) => reject(new Error(`agent host exited with ${code}`)));
    });
    const request = { question: 'Which plan?', options: ['a', 'b', 'c'], groundTruth: 'a', agents: ['logical', 'ethical', 'practical'], protocol: 'majority', limits: { rounds: 3 }, seed: 7 };
    const remote = createRuntime({ executor: createRemoteTurnExecutor({ nc, root: `${root}.d`, timeoutMs: 5000 }) });
    const local = createRuntime();
    const [a, b] = [await remote.deliberate(request), await local.deliberate(request)];
    const strip = ({ journal: _j, ...rest }: typeof a) => rest;
    expect(strip(a)).toEqual(strip(b));
    expect(a.degraded).toBe(false); // every remote turn answered
    expect(a.usage.calls).toBeGreaterThanOrEqual(3);
    expect(a.journal.entries).toEqual(b.journal.entries); // same model calls and gate verdicts: replayable
    await Promise.all([remote.close(), local.close()]);
  });
});
