import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli.harness.js';

const dir = mkdtempSync(join(tmpdir(), 'lukhas-cli-'));
const Q = 'Should the city adopt a four-day work week?';

describe('lukhas deliberate', () => {
  it('prints a readable deliberation and says it runs on the simulated model', async () => {
    const r = await cli('deliberate', Q, '--data-dir', dir, '--store', 'file');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/simulated model/);
    expect(r.out).toMatch(/Round 0 \(blind\)/);
    expect(r.out).toMatch(/ethical\/1 /);
    expect(r.out).toMatch(/confidence \d+%/);
    expect(r.out).toMatch(/tally: /);
    expect(r.out).toMatch(/^(Decision: .+|No consensus .+)$/m);
  });

  it('--json prints exactly the result object, identical for the same seed', async () => {
    const a = await cli('deliberate', Q, '--json', '--seed', '9', '--data-dir', dir, '--store', 'file');
    const b = await cli('deliberate', Q, '--json', '--seed', '9', '--data-dir', dir, '--store', 'file');
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(a.out.trim().split('\n')).toHaveLength(1);
    const r = JSON.parse(a.out);
    for (const k of ['consensusReached', 'decision', 'support', 'confidence', 'dissentingViews', 'rounds', 'flips', 'usage', 'degraded', 'journalId']) expect(r).toHaveProperty(k);
    for (const k of ['calls', 'inputTokens', 'outputTokens', 'usd']) expect(r.usage).toHaveProperty(k);
    expect(r.usage.calls).toBeGreaterThan(0);
    const c = await cli('deliberate', Q, '--json', '--seed', '10', '--data-dir', dir, '--store', 'file');
    expect(JSON.parse(c.out).journalId).not.toBe(r.journalId);
  });

  it('closed questions, ground truth, protocols', async () => {
    const r = JSON.parse((await cli('deliberate', 'Which?', '--options', 'A,B,C', '--ground-truth', 'B', '--protocol', 'supermajority:0.75', '--agents', 'logical,ethical,practical', '--rounds', '4', '--json', '--no-save')).out);
    expect(['A', 'B', 'C', null]).toContain(r.decision);
    expect(r.protocol).toBe('supermajority(0.75)');
    expect(typeof r.correct).toBe('boolean');
    expect(r.flips).toEqual({ rightToWrong: expect.any(Number), wrongToRight: expect.any(Number), total: expect.any(Number) });
  });

  it('the journal replays from the store with zero model calls', async () => {
    const r = JSON.parse((await cli('deliberate', Q, '--json', '--seed', '3', '--data-dir', dir, '--store', 'file')).out);
    const rep = await cli('replay', r.journalId, '--data-dir', dir, '--json');
    expect(rep.code).toBe(0);
    const out = JSON.parse(rep.out);
    expect(out).toMatchObject({ identical: true, modelCalls: 0, journalId: r.journalId, decision: r.decision });
    // the file store only: with DATABASE_URL set, replay would also look in the database (tested in journal-store.cli)
    const url = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    const missing = await cli('replay', 'j-0000000000000000', '--data-dir', dir).finally(() => { if (url !== undefined) process.env.DATABASE_URL = url; });
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no journal j-0000000000000000/);
  });

  it.each([
    [['--rounds', '0'], /invalid --rounds: 0 \(expected 1\.\.50\)/],
    [['--rounds', 'x'], /invalid --rounds: "x" \(expected an integer\)/],
    [['--seed', '-1'], /invalid --seed: -1/],
    [['--protocol', 'plurality'], /invalid protocol: "plurality" \(expected one of majority/],
    [['--agents', 'ethical,wizard'], /invalid agent role: "wizard" \(expected one of ethical, creative, logical, empathetic, practical\)/],
    [['--agents', 'ethical,,logical'], /invalid --agents/],
    [['--options', 'A'], /invalid options: \["A"\] \(expected a list of 2 to 26 option ids\)/],
    [['--options', 'A,B', '--ground-truth', 'C'], /invalid groundTruth: "C" \(expected one of the options A, B\)/],
    [['--max-usd', 'free'], /invalid --max-usd: "free"/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
  ])('bad input %j exits 2 with a message naming it', async (flags, message) => {
    const r = await cli('deliberate', 'Q?', '--no-save', ...(flags as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message as RegExp);
    expect(r.out).toBe('');
  });

  it('--help is complete', async () => {
    const top = await cli('--help');
    expect(top.code).toBe(0);
    for (const c of ['deliberate', 'replay']) expect(top.out).toContain(c);
    const h = await cli('deliberate', '--help');
    for (const o of ['--options', '--agents', '--models', '--protocol', '--rounds', '--seed', '--json', '--record', '--replay', '--judge', '--ground-truth']) expect(h.out).toContain(o);
  });
});
