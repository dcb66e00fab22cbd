import { describe, expect, it } from 'vitest';
import { createActorSystem } from './actor-system.js';
import { LukhasError } from '../errors.js';

describe('actor system', () => {
  it('send expects a reply; publish reaches every subscriber', async () => {
    const sys = createActorSystem({ validate: true });
    const seen: string[] = [];
    sys.register('echo', (payload, env, self) => { if (env.topic) { seen.push(`${self.key}:${String(payload)}`); return undefined; } return { from: `${self.type}/${self.key}`, got: payload }; });
    sys.spawn([{ type: 'echo', key: 'a' }, { type: 'echo', key: 'b' }]);
    expect(await sys.send('echo/a', 42)).toEqual({ from: 'echo/a', got: 42 });
    sys.subscribe('news', { type: 'echo', key: 'a' });
    sys.subscribe('news', { type: 'echo', key: 'b' });
    expect(sys.publish({ type: 'news', source: 'test' }, 'hello')).toBe(2);
    expect(seen.sort()).toEqual(['a:hello', 'b:hello']);
    await sys.shutdown();
  });

  it('async replies, unknown recipients and bad addresses', async () => {
    const sys = createActorSystem();
    sys.register('slow', async (p) => { await new Promise((r) => setTimeout(r, 5)); return p; });
    sys.spawn([{ type: 'slow', key: '1' }]);
    expect(await sys.send('slow/1', 'x')).toBe('x');
    await expect(sys.send('slow/2', 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(sys.send('no-slash', 'x')).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('invalid agent id: "no-slash"') });
    expect(() => sys.spawn([{ type: 'ghost', key: '1' }])).toThrow(/no agent type "ghost" is registered/);
    await sys.shutdown();
  });

  it('a crashed agent is restarted one-for-one; past the intensity the supervisor escalates', async () => {
    const escalations: LukhasError[] = [];
    const sys = createActorSystem({ maxRestarts: 2, restartWindowMs: 60_000, onEscalate: (e) => escalations.push(e) });
    let calls = 0;
    sys.register('fragile', (p) => { calls++; if (p === 'crash') throw new Error('boom'); return 'ok'; });
    sys.spawn([{ type: 'fragile', key: '1' }, { type: 'fragile', key: '2' }]);
    await expect(sys.send('fragile/1', 'crash')).rejects.toMatchObject({ code: 'AGENT_FAILED', message: expect.stringContaining('crashed: boom') });
    expect(await sys.send('fragile/1', 'fine')).toBe('ok'); // restarted
    expect(await sys.send('fragile/2', 'fine')).toBe('ok'); // sibling untouched
    expect(sys.restarts).toBe(1);
    await expect(sys.send('fragile/1', 'crash')).rejects.toMatchObject({ code: 'AGENT_FAILED' });
    await expect(sys.send('fragile/1', 'crash')).rejects.toMatchObject({ code: 'AGENT_FAILED' });
    await new Promise((r) => setTimeout(r, 10));
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.code).toBe('RESTART_INTENSITY');
    expect(calls).toBe(5);
    await expect(sys.send('fragile/2', 'fine')).rejects.toMatchObject({ code: 'NOT_FOUND' }); // the supervisor gave up its agents
    await sys.shutdown();
  });

  it('spreads agents over a tree of small supervisors', async () => {
    const sys = createActorSystem({ fanout: 10 });
    sys.register('n', () => 1);
    sys.spawn(Array.from({ length: 95 }, (_, i) => ({ type: 'n', key: String(i) })));
    expect(sys.size).toBe(95);
    expect(sys.supervisors).toBe(10);
    const replies = await Promise.all(Array.from({ length: 95 }, (_, i) => sys.send<number>(`n/${i}`, null)));
    expect(replies.reduce((a, b) => a + b, 0)).toBe(95);
    await sys.shutdown();
  });
});
