import { assign, fromPromise, setup } from 'xstate';
import type { Verdict } from '../runtime/ethics/gate.js';

/**
 * The conscious-completion pipeline as one machine: pre-validate → recall memories → translate personal
 * symbols → colony consensus (when the request is complex) → assess state → modulate parameters → generate →
 * post-validate → heal (bounded) → record to memory → respond with a reasoning trail. Pure: every effect is a
 * named actor supplied with `.provide()`, and every step entered is announced through the `journal` action
 * (`completion.step.entered`), which the runner turns into journal entries — the "consciousness updates".
 *
 * Complexity rule (documented, configurable): a request goes to the colony when the colony step is enabled and
 * the prompt has at least `complexWords` words, or asks for a decision or comparison (a cue from
 * `decisionCues`), or asks more than one question.
 */

/** A recalled memory as the pipeline sees it. */
export interface RecalledMemory { id: string; text: string; score: number }
/** What the colony contributed. */
export interface ColonyInput { decision: string | null; consensusReached: boolean; support: number; rationale: string; journalId: string }
/** Parameters chosen by the modulate step. */
export interface GenerationParams { temperature: number; maxOutputTokens: number }
/** What the assess step found. */
export interface StateAssessment { complexity: 'simple' | 'complex'; memoriesUsed: number; inputRisk: number }

/** Configuration of the pipeline. */
export interface CompletionConfig {
  colony: boolean;
  complexWords: number;
  decisionCues: string[];
  recallK: number;
  maxHealPasses: number;
}

/** Defaults: colony on for complex prompts (25+ words or a decision cue), 3 memories, 2 healing passes. */
export const DEFAULT_COMPLETION_CONFIG: CompletionConfig = {
  colony: true, complexWords: 25, recallK: 3, maxHealPasses: 2,
  decisionCues: ['should i', 'should we', 'which option', 'which is better', 'compare', 'trade-off', 'tradeoff', 'pros and cons', 'decide', 'versus', ' vs ', 'or should'],
};

/** Input of the machine. */
export interface CompletionInput { user: string; prompt: string; config?: Partial<CompletionConfig> }

/** One line of the reasoning trail. */
export interface TrailStep { step: string; detail: string }

/** Output of the machine. */
export interface CompletionOutput {
  status: 'completed' | 'blocked' | 'failed';
  content: string;
  verdicts: Verdict[];
  memoriesUsed: RecalledMemory[];
  colony: ColonyInput | null;
  memoryId: string | null;
  reasoningTrail: TrailStep[];
  alternative?: string;
  error?: string;
}

interface Ctx {
  user: string; prompt: string; config: CompletionConfig; translated: string; verdicts: Verdict[];
  memories: RecalledMemory[]; colony: ColonyInput | null; assessment: StateAssessment | null; params: GenerationParams | null;
  draft: string; healPasses: number; memoryId: string | null; trail: TrailStep[]; alternative?: string; error?: string;
  status: CompletionOutput['status'];
}

/** Whether a prompt goes to the colony under `config` (the documented complexity rule). */
export function isComplex(prompt: string, config: CompletionConfig): boolean {
  const p = ` ${prompt.toLowerCase()} `;
  const words = prompt.trim().split(/\s+/).filter(Boolean).length;
  return config.colony && (words >= config.complexWords || config.decisionCues.some((c) => p.includes(c)) || (prompt.match(/\?/g)?.length ?? 0) > 1);
}

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));
const enter = (name: string) => ({ type: 'journal' as const, params: { type: 'completion.step.entered', data: { step: name } } });

/** The completion pipeline machine. */
export const completionMachine = setup({
  types: {
    context: {} as Ctx,
    input: {} as CompletionInput,
    output: {} as CompletionOutput,
  },
  actors: {
    validate: fromPromise<Verdict, { text: string; stage: 'input' | 'output' }>(async () => { throw new Error('completion machine: validate must be provided'); }),
    recall: fromPromise<RecalledMemory[], { user: string; text: string; k: number }>(async () => []),
    translate: fromPromise<string, { user: string; text: string }>(async ({ input }) => input.text),
    deliberate: fromPromise<ColonyInput, { question: string }>(async () => { throw new Error('completion machine: deliberate must be provided'); }),
    generate: fromPromise<string, { user: string; prompt: string; memories: RecalledMemory[]; colony: ColonyInput | null; params: GenerationParams }>(async () => { throw new Error('completion machine: generate must be provided'); }),
    heal: fromPromise<string, { text: string; verdict: Verdict }>(async () => { throw new Error('completion machine: heal must be provided'); }),
    record: fromPromise<string, { user: string; prompt: string; content: string }>(async () => { throw new Error('completion machine: record must be provided'); }),
  },
  actions: {
    /** Supplied at run time: append a journal event. */
    journal: (_: unknown, _params: { type: string; data: Record<string, unknown> }) => {},
  },
  guards: {
    approved: (_, p: { verdict: Verdict }) => p.verdict.verdict === 'approved',
    complex: ({ context }) => isComplex(context.translated, context.config),
    canHeal: ({ context }, p: { verdict: Verdict }) => p.verdict.category !== 'gate-error' && context.healPasses < context.config.maxHealPasses,
  },
}).createMachine({
  id: 'completion',
  context: ({ input }) => ({
    user: input.user, prompt: input.prompt, config: { ...DEFAULT_COMPLETION_CONFIG, ...input.config }, translated: input.prompt,
    verdicts: [], memories: [], colony: null, assessment: null, params: null, draft: '', healPasses: 0, memoryId: null, trail: [], status: 'failed',
  }),
  initial: 'preValidate',
  states: {
    preValidate: {
      entry: enter('pre-validate'),
      invoke: {
        src: 'validate', input: ({ context }) => ({ text: context.prompt, stage: 'input' as const }),
        onDone: [
          { guard: { type: 'approved', params: ({ event }) => ({ verdict: event.output }) }, target: 'recall', actions: assign({ verdicts: ({ context, event }) => [...context.verdicts, event.output], trail: ({ context }) => [...context.trail, { step: 'pre-validate', detail: 'approved' }] }) },
          { target: 'blocked', actions: assign({ verdicts: ({ context, event }) => [...context.verdicts, event.output], alternative: ({ event }) => event.output.alternative ?? 'The request could not be accepted as written.', trail: ({ context }) => [...context.trail, { step: 'pre-validate', detail: 'blocked' }] }) },
        ],
        onError: { target: '#completion.failed', actions: assign({ error: ({ event }) => `pre-validate: ${errText(event.error)}` }) },
      },
    },
    recall: {
      entry: enter('recall'),
      invoke: {
        src: 'recall', input: ({ context }) => ({ user: context.user, text: context.prompt, k: context.config.recallK }),
        onDone: { target: 'translate', actions: assign({ memories: ({ event }) => event.output, trail: ({ context, event }) => [...context.trail, { step: 'recall', detail: `${event.output.length} memories` }] }) },
        onError: { target: '#completion.failed', actions: assign({ error: ({ event }) => `recall: ${errText(event.error)}` }) },
      },
    },
    translate: {
      entry: enter('translate'),
      invoke: {
        src: 'translate', input: ({ context }) => ({ user: context.user, text: context.prompt }),
        onDone: { target: 'consensus', actions: assign({ translated: ({ event }) => event.output, trail: ({ context, event }) => [...context.trail, { step: 'translate', detail: event.output === context.prompt ? 'unchanged' : 'translated' }] }) },
        onError: { target: '#completion.failed', actions: assign({ error: ({ event }) => `translate: ${errText(event.error)}` }) },
      },
    },
    consensus: {
      always: [{ guard: 'complex', target: 'colony' }, { target: 'assess', actions: assign({ trail: ({ context }) => [...context.trail, { step: 'colony', detail: 'skipped: simple request' }] }) }],
    },
    colony: {
      entry: enter('colony'),
      invoke: {
        src: 'deliberate', input: ({ context }) => ({ question: context.translated }),
        onDone: { target: 'assess', actions: assign({ colony: ({ event }) => event.output, trail: ({ context, event }) => [...context.trail, { step: 'colony', detail: event.output.consensusReached ? `consensus on ${event.output.decision} (support ${event.output.support.toFixed(2)})` : 'no consensus' }] }) },
        onError: { target: '#completion.failed', actions: assign({ error: ({ event }) => `colony: ${errText(event.error)}` }) },
      },
    },
    assess: {
      entry: [enter('assess'), assign({
        assessment: ({ context }) => ({ complexity: context.colony ? 'complex' as const : 'simple' as const, memoriesUsed: context.memories.length, inputRisk: context.verdicts[0]?.score ?? 0 }),
        trail: ({ context }) => [...context.trail, { step: 'assess', detail: `${context.colony ? 'complex' : 'simple'}, ${context.memories.length} memories` }],
      })],
      always: 'modulate',
    },
    modulate: {
      entry: [enter('modulate'), assign({
        // a decided colony narrows the answer: lower temperature; an open request keeps room for variety
        params: ({ context }) => ({ temperature: context.colony ? 0.3 : 0.7, maxOutputTokens: context.assessment?.complexity === 'complex' ? 800 : 400 }),
        trail: ({ context }) => [...context.trail, { step: 'modulate', detail: `temperature ${context.colony ? 0.3 : 0.7}` }],
      })],
      always: 'generate',
    },
    generate: {
      entry: enter('generate'),
      invoke: {
        src: 'generate', input: ({ context }) => ({ user: context.user, prompt: context.translated, memories: context.memories, colony: context.colony, params: context.params! }),
        onDone: { target: 'postValidate', actions: assign({ draft: ({ event }) => event.output, trail: ({ context }) => [...context.trail, { step: 'generate', detail: 'draft ready' }] }) },
        onError: { target: '#completion.failed', actions: assign({ error: ({ event }) => `generate: ${errText(event.error)}` }) },
      },
    },
    postValidate: {
      entry: enter('post-validate'),
      invoke: {
        src: 'validate', input: ({ context }) => ({ text: context.draft, stage: 'output' as const }),
        onDone: [
          { guard: { type: 'approved', params: ({ event }) => ({ verdict: event.output }) }, target: 'record', actions: assign({ verdicts: ({ context, event }) => [...context.verdicts, event.output], trail: ({ context }) => [...context.trail, { step: 'post-validate', detail: 'approved' }] }) },
          { guard: { type: 'canHeal', params: ({ event }) => ({ verdict: event.output }) }, target: 'heal', actions: assign({ verdicts: ({ context, event }) => [...context.verdicts, event.output], trail: ({ context, event }) => [...context.trail, { step: 'post-validate', detail: `${event.output.verdict}: ${event.output.category}` }] }) },
          { target: 'blocked', actions: assign({ verdicts: ({ context, event }) => [...context.verdicts, event.output], alternative: ({ event }) => event.output.alternative ?? 'The reply could not be made safe.', trail: ({ context }) => [...context.trail, { step: 'post-validate', detail: 'blocked after healing' }] }) },
        ],
        onError: { target: '#completion.failed', actions: assign({ error: ({ event }) => `post-validate: ${errText(event.error)}` }) },
      },
    },
    heal: {
      entry: enter('heal'),
      invoke: {
        src: 'heal', input: ({ context }) => ({ text: context.draft, verdict: context.verdicts[context.verdicts.length - 1]! }),
        onDone: { target: 'postValidate', actions: assign({ draft: ({ event }) => event.output, healPasses: ({ context }) => context.healPasses + 1, trail: ({ context }) => [...context.trail, { step: 'heal', detail: `pass ${context.healPasses + 1}` }] }) },
        onError: { target: '#completion.failed', actions: assign({ error: ({ event }) => `heal: ${errText(event.error)}` }) },
      },
    },
    record: {
      entry: enter('record'),
      invoke: {
        src: 'record', input: ({ context }) => ({ user: context.user, prompt: context.prompt, content: context.draft }),
        onDone: { target: 'responded', actions: assign({ memoryId: ({ event }) => event.output, trail: ({ context }) => [...context.trail, { step: 'record', detail: 'stored' }] }) },
        onError: { target: '#completion.failed', actions: assign({ error: ({ event }) => `record: ${errText(event.error)}` }) },
      },
    },
    responded: { type: 'final', entry: [assign({ status: 'completed' as const }), enter('respond'), { type: 'journal', params: { type: 'completion.responded', data: {} } }] },
    blocked: { type: 'final', entry: [assign({ status: 'blocked' as const }), enter('blocked'), { type: 'journal', params: { type: 'completion.blocked', data: {} } }] },
    failed: { type: 'final', entry: [enter('failed'), { type: 'journal', params: ({ context }) => ({ type: 'completion.failed', data: { error: context.error ?? 'unknown' } }) }] },
  },
  output: ({ context }) => {
    const status = context.status;
    return {
      status, content: status === 'completed' ? context.draft : '', verdicts: context.verdicts, memoriesUsed: context.memories, colony: context.colony,
      memoryId: context.memoryId, reasoningTrail: context.trail,
      ...(context.alternative !== undefined ? { alternative: context.alternative } : {}), ...(context.error !== undefined ? { error: context.error } : {}),
    };
  },
});
