/**
 * Fixtures of the batch-mode tests: a sweep whose agents are OpenAI and Anthropic models, and an emulator reply
 * that depends only on the request's words (never on arrival order or request count), so a live run and a batch
 * run that send the same requests get the same replies.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmulatedRequest, EmulatorReply } from '../emulator/index.js';

export const OPTIONS = ['approve', 'reject'] as const;

/** A proposal chosen by a hash of the prompt: deterministic by content, varied across agents, rounds and questions. */
export function contentReply(req: EmulatedRequest): EmulatorReply {
  const prompt = `${req.system ?? ''}\n${req.messages.map((m) => m.content).join('\n')}`;
  const h = createHash('sha256').update(prompt).digest();
  const position = OPTIONS[h[0]! % 2]!;
  const confidence = 0.5 + (h[1]! % 45) / 100;
  return { text: JSON.stringify({ position, rationale: `because ${h.subarray(2, 5).toString('hex')}`, confidence }) };
}

/** Writes a sweep of `runs` deliberations (1 cell) with two OpenAI agents and one Anthropic agent, up to 2 rounds. */
export function writeBatchScenario(dir: string, runs: number): string {
  const path = join(dir, 'batch-sweep.json');
  writeFileSync(path, JSON.stringify({
    name: 'batch-sweep', seed: 2024, runs,
    questions: Array.from({ length: 7 }, (_, i) => ({ text: `Should proposal ${i + 1} of the council be adopted?`, options: [...OPTIONS], groundTruth: OPTIONS[i % 2] })),
    agents: [
      { role: 'logical', count: 1, model: 'openai:gpt-4o-mini' },
      { role: 'ethical', count: 1, model: 'anthropic:claude-haiku-4-5' },
      { role: 'practical', count: 1, model: 'openai:gpt-4o-mini' },
    ],
    protocol: 'majority',
    limits: { rounds: 2 },
  }));
  return path;
}

/** The environment that points the SDKs at the emulator. */
export function emulatorEnv(baseUrls: { openai: string; anthropic: string }): Record<string, string> {
  return { OPENAI_API_KEY: 'sk-emulated-openai', ANTHROPIC_API_KEY: 'sk-emulated-anthropic', OPENAI_BASE_URL: baseUrls.openai, ANTHROPIC_BASE_URL: baseUrls.anthropic };
}

/** results.jsonl lines, parsed. */
export function records(text: string): Record<string, unknown>[] {
  return text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}
