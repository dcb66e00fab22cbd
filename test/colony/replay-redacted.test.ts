/**
 * A request the gate heals (PII redacted) is journalled as the model received it: the journal never holds the text
 * the gate removed, and replay — which compares the requests that reach the model — reproduces it exactly.
 * (Found through a CLI test whose question held a timestamp that happened to pass the Luhn check.)
 */
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../adapters/lukhas.main.js';
import { canonicalJson } from '../../runtime/journal/canonical.js';

const CARD = '4111 1111 1111 1111';

describe('replay of gate-healed requests', () => {
  for (const protocol of ['majority', 'judge']) {
    it(`a question with a card number replays identically and is journalled redacted (${protocol})`, async () => {
      const question = `Should we keep the customer card ${CARD} on file?`;
      const r = await createRuntime().deliberate({ question, options: ['A', 'B'], agents: ['ethical', 'logical', 'practical'], protocol, limits: { rounds: 2 }, seed: 7 });
      const calls = r.journal.entries.filter((e) => e.type === 'model.called' || e.type === 'judge.called');
      expect(calls.length).toBeGreaterThan(0);
      if (protocol === 'judge') expect(r.journal.entries.some((e) => e.type === 'judge.called')).toBe(true);
      for (const e of calls) {
        // what a provider is sent: system prompt and messages (the context is the simulated model's metadata)
        const req = e.data.request as { system?: string; messages: { content: string }[] };
        const sent = JSON.stringify([req.system, req.messages]);
        expect(sent).not.toContain(CARD);
        expect(sent).toContain('[redacted-card]');
      }
      // the healing is on record as a verdict of the turn
      expect(r.journal.entries.some((e) => e.type === 'model.called' && (e.data.gate as { pass: number }[]).some((v) => v.pass > 0))).toBe(true);
      const rep = await createRuntime().replay(JSON.parse(canonicalJson(r.journal)));
      expect(rep.journal.entries.filter((e) => e.type === 'turn.failed')).toEqual([]);
      expect(rep.identical).toBe(true);
      expect(rep.journalId).toBe(r.journalId);
    });
  }
});
