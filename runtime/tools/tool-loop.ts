/**
 * The tool loop: ask the model (through the ethics gate) with the agent's allowed tools; for each tool call it
 * makes, check the allow-list, parse and validate the arguments (zod), pass them through the gate (as model
 * output, stage `output`), run the tool under a deadline, validate its output (zod), pass the result through the
 * gate (as text going to a model, stage `input`), and send the results back; repeat until the model answers
 * without calling tools or `maxRounds` tool rounds have run. Every model call and every tool call is journaled.
 *
 * A tool that throws, times out, returns output its schema refuses, or is called with bad arguments, by an agent
 * not allowed to call it, or is blocked by the gate is a FAILED STEP: recorded, and reported to the model as an
 * error result (`isError`), never an exception. A needs-healing verdict counts as blocked here (fail closed: a
 * tool's text is not healed). A model failure (after the resilience layer's retries) rejects, as any model call.
 *
 * Replay: given the entries of an earlier run (`replay`), the loop rebuilds every request, checks it against the
 * recorded one (REPLAY_MISS on any difference) and serves the recorded replies, verdicts and tool outcomes — zero
 * model calls, zero tool executions, zero gate checks — and journals the same entries in the same order.
 *
 * The gate sees text only: the arguments as `name(arguments JSON)`, the result text, the prompt and the reply.
 * It never sees image pixels (an image is gated by the text of the message it is attached to).
 * A tool whose function loops synchronously cannot be interrupted by its deadline: run CPU-bound work elsewhere.
 */
import { canonicalJson } from '../journal/canonical.js';
import { LukhasError, toLukhasError, type ErrorCode } from '../errors.js';
import { scrubSecrets } from '../logger.js';
import type { Gate, Verdict } from '../ethics/gate.js';
import { gatedCaller, type GateEvent } from '../ethics/with-gate.js';
import type { ChatMessage, ModelAdapter, ModelRequest, ModelResponse, ToolCall, ToolResult, Usage } from '../models/model.port.js';
import type { Toolbox } from './tool.js';

/** Where the loop journals (a runtime Journal fits). */
export interface ToolJournal {
  append(type: string, data: Record<string, unknown>): unknown;
}

/** A gate verdict as journaled with a step. */
export interface StepVerdict { stage: 'input' | 'output'; verdict: Verdict['verdict']; category: string; score: number; pass: number }

/** Why a tool call failed. */
export type ToolFailureReason = 'not-allowed' | 'unknown-tool' | 'bad-arguments' | 'gate-blocked' | 'threw' | 'timeout' | 'bad-output';

/** One tool call and its outcome. */
export interface ToolStep {
  round: number;
  callId: string;
  name: string;
  arguments: string;
  ok: boolean;
  /** The result text sent back to the model (for failed steps: the error text it was sent). */
  result: string;
  error?: { code: ErrorCode; reason: ToolFailureReason; message: string };
  /** Gate verdicts on the arguments, then on the result. */
  gate: StepVerdict[];
}

/** Why the loop stopped: the model answered without tool calls, or the round bound was reached. */
export type ToolLoopStop = 'answered' | 'max-rounds';

/** What the loop produced. */
export interface ToolLoopResult {
  /** The last reply (with `toolCalls` still set when the loop stopped at `max-rounds`). */
  response: ModelResponse;
  steps: ToolStep[];
  /** Tool rounds run (model calls = rounds + 1). */
  rounds: number;
  stopReason: ToolLoopStop;
  /** The whole conversation: the request's messages, then each round's tool calls and results. */
  messages: ChatMessage[];
  /** Summed provider-reported usage of the loop's model calls. */
  usage: Usage;
  /** Calls actually sent to the model and tools actually run by this invocation (both 0 in replay). */
  modelCalls: number;
  toolExecutions: number;
}

/** Options of {@link runToolLoop}. */
export interface ToolLoopOptions {
  model: ModelAdapter;
  request: ModelRequest;
  toolbox: Toolbox;
  /** The tools this agent may call (allowedTools of the policy); only these are declared to the model. */
  allowed: readonly string[];
  gate: Gate;
  /** The calling agent, `role/key` (journaled, given to tools). */
  agent: string;
  journal?: ToolJournal;
  /** Tool rounds at most (default 4; 0 declares the tools but runs none). */
  maxRounds?: number;
  signal?: AbortSignal;
  /**
   * Replays an earlier run from its journal (see the module comment). One {@link ToolReplay} serves every loop
   * of that journal, in order, each agent from where its previous loop stopped.
   */
  replay?: ToolReplay;
}

/**
 * The journal of an earlier run, read back loop by loop: the tool entries of each agent, consumed in order (other
 * agents' and other kinds of entries are skipped), so that replaying every loop of a run in the same order
 * serves each its own entries.
 */
export class ToolReplay {
  private readonly byAgent = new Map<string, { type: string; data: Record<string, unknown> }[]>();
  private readonly cursor = new Map<string, number>();

  constructor(entries: readonly { type: string; data: Record<string, unknown> }[]) {
    for (const e of entries) {
      if (!e.type.startsWith('tool.') || typeof e.data.agent !== 'string') continue;
      let list = this.byAgent.get(e.data.agent);
      if (!list) this.byAgent.set(e.data.agent, (list = []));
      list.push(e);
    }
  }

  /** The next entry of `agent`, which must be of `type`; REPLAY_MISS naming what was expected otherwise. */
  take(agent: string, type: string, what: string): Record<string, unknown> {
    const i = this.cursor.get(agent) ?? 0;
    const e = this.byAgent.get(agent)?.[i];
    if (!e || e.type !== type) throw new LukhasError('REPLAY_MISS', `${agent}: the journal has ${e ? e.type : 'no more entries'} where ${what} (${type}) was expected`, { details: { agent } });
    this.cursor.set(agent, i + 1);
    return e.data;
  }

  /** True when every entry of every agent has been served (a replay that made fewer calls than the run did not). */
  get exhausted(): boolean {
    for (const [agent, list] of this.byAgent) if ((this.cursor.get(agent) ?? 0) < list.length) return false;
    return true;
  }
}

const verdictOf = (stage: 'input' | 'output', v: Verdict, pass = 0): StepVerdict => ({ stage, verdict: v.verdict, category: v.category, score: v.score, pass });

function addUsage(a: Usage, b: Usage): Usage {
  const out: Usage = { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens, cachedTokens: a.cachedTokens + b.cachedTokens };
  const images = (a.imageTokens ?? 0) + (b.imageTokens ?? 0);
  if (images) out.imageTokens = images;
  return out;
}

function describe(err: unknown): string {
  try { return scrubSecrets(err instanceof Error ? err.message : String(err)).slice(0, 500); } catch { return 'unprintable error'; }
}

/** A source of model replies and tool outcomes: live, or read back from a journal. */
interface Source {
  model(round: number, request: ModelRequest): Promise<{ response: ModelResponse; gate: StepVerdict[] }>;
  call(round: number, call: ToolCall): Promise<ToolStep>;
}

/** Runs the loop (see the module comment). */
export async function runToolLoop(o: ToolLoopOptions): Promise<ToolLoopResult> {
  const maxRounds = o.maxRounds ?? 4;
  if (!Number.isInteger(maxRounds) || maxRounds < 0) throw new LukhasError('BAD_OPTION', `invalid maxRounds: ${maxRounds} (expected an integer >= 0)`, { details: { option: 'maxRounds' } });
  for (const n of o.allowed) if (!o.toolbox.get(n)) throw new LukhasError('BAD_OPTION', `invalid allowed tools: no tool named ${JSON.stringify(n)}`, { details: { option: 'allowed' } });
  if (o.model.portVersion < 2 && o.allowed.length > 0 && !o.replay) {
    throw new LukhasError('UNSUPPORTED', `${o.model.provider}:${o.model.model} implements model port v${o.model.portVersion}, which has no tool calling (v2 adapters: openai, anthropic, gemini)`, { details: { provider: o.model.provider } });
  }
  const counts = { modelCalls: 0, toolExecutions: 0 };
  const source = o.replay ? replaySource(o) : liveSource(o, counts);
  const tools = o.toolbox.specs(o.allowed);
  const messages: ChatMessage[] = [...o.request.messages];
  const steps: ToolStep[] = [];
  let usage: Usage = { inputTokens: 0, outputTokens: 0, cachedTokens: 0 };
  for (let round = 0; ; round++) {
    const request: ModelRequest = { ...o.request, messages: [...messages], ...(tools.length ? { tools } : {}) };
    o.journal?.append('tool.model.requested', { agent: o.agent, round, request });
    const { response, gate } = await source.model(round, request);
    o.journal?.append('tool.model.answered', { agent: o.agent, round, response, gate });
    usage = addUsage(usage, response.usage);
    const calls = response.toolCalls ?? [];
    const stop: ToolLoopStop | undefined = calls.length === 0 ? 'answered' : round >= maxRounds ? 'max-rounds' : undefined;
    if (stop) {
      if (o.replay) o.replay.take(o.agent, 'tool.loop.finished', 'the end of the loop');
      o.journal?.append('tool.loop.finished', { agent: o.agent, rounds: round, stopReason: stop });
      return { response, steps, rounds: round, stopReason: stop, messages, usage, ...counts };
    }
    // calls of one round run concurrently; their steps are journaled (and replayed) in the model's call order
    const done = o.replay ? calls.map((c) => replayedCall(o.replay!, o.agent, round, c)) : await Promise.all(calls.map((c) => source.call(round, c)));
    for (const step of done) {
      o.journal?.append('tool.called', { agent: o.agent, ...step });
      steps.push(step);
    }
    messages.push({ role: 'assistant', content: response.text, toolCalls: calls });
    messages.push({ role: 'user', content: '', toolResults: done.map((s): ToolResult => ({ callId: s.callId, name: s.name, content: s.result, ...(s.ok ? {} : { isError: true }) })) });
  }
}

function liveSource(o: ToolLoopOptions, counts: { modelCalls: number; toolExecutions: number }): Source {
  const call = gatedCaller(o.gate);
  const allowed = new Set(o.allowed);
  const gateText = async (text: string, stage: 'input' | 'output', purpose: string): Promise<Verdict> => o.gate.check(text, { stage, purpose, ...(o.signal ? { signal: o.signal } : {}) });
  return {
    async model(_round, request) {
      const gate: StepVerdict[] = [];
      counts.modelCalls++;
      const response = await call(o.model, request, o.signal ? { signal: o.signal } : undefined, (e: GateEvent) => gate.push(verdictOf(e.stage, e.verdict, e.pass)));
      return { response, gate };
    },
    async call(round, c) {
      const base = { round, callId: c.id, name: c.name, arguments: c.arguments };
      const gate: StepVerdict[] = [];
      const fail = (code: ErrorCode, reason: ToolFailureReason, message: string): ToolStep => ({ ...base, ok: false, result: `tool error (${reason}): ${message}`, error: { code, reason, message }, gate });
      const tool = o.toolbox.get(c.name);
      if (!tool) return fail('TOOL_NOT_ALLOWED', 'unknown-tool', `no tool named ${JSON.stringify(c.name.slice(0, 64))}`);
      if (!allowed.has(c.name)) return fail('TOOL_NOT_ALLOWED', 'not-allowed', `${o.agent} may not call ${c.name}`);
      let raw: unknown;
      try { raw = JSON.parse(c.arguments); } catch { return fail('TOOL_FAILED', 'bad-arguments', 'the arguments are not valid JSON'); }
      const args = tool.input.safeParse(raw);
      if (!args.success) return fail('TOOL_FAILED', 'bad-arguments', args.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ').slice(0, 500));
      const pre = await gateText(`${c.name}(${c.arguments})`, 'output', 'tool-call');
      gate.push(verdictOf('output', pre));
      if (pre.verdict !== 'approved') return fail('GATE_BLOCKED', 'gate-blocked', `the arguments were not approved (${pre.category})`);
      const ac = new AbortController();
      const onAbort = () => ac.abort(o.signal?.reason);
      o.signal?.addEventListener('abort', onAbort, { once: true });
      let timer: NodeJS.Timeout | undefined;
      let output: unknown;
      counts.toolExecutions++;
      try {
        output = await Promise.race([
          Promise.resolve().then(() => tool.run(args.data, { signal: ac.signal, agent: o.agent })),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => {
              const e = new LukhasError('TOOL_FAILED', `did not answer within ${tool.timeoutMs} ms`);
              ac.abort(e);
              reject(e);
            }, tool.timeoutMs);
          }),
        ]);
      } catch (err) {
        if (ac.signal.aborted && LukhasError.isInstance(ac.signal.reason) && ac.signal.reason === err) return fail('TOOL_FAILED', 'timeout', describe(err));
        if (o.signal?.aborted) throw toLukhasError(o.signal.reason ?? new LukhasError('CANCELLED', 'tool loop cancelled'));
        return fail('TOOL_FAILED', 'threw', describe(err));
      } finally {
        clearTimeout(timer);
        o.signal?.removeEventListener('abort', onAbort);
      }
      const checked = tool.output.safeParse(output);
      if (!checked.success) return fail('TOOL_FAILED', 'bad-output', checked.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ').slice(0, 500));
      let text: string;
      try { text = typeof checked.data === 'string' ? checked.data : JSON.stringify(checked.data) ?? ''; } catch (err) { return fail('TOOL_FAILED', 'bad-output', `not serialisable: ${describe(err)}`); }
      const post = await gateText(text, 'input', 'tool-result');
      gate.push(verdictOf('input', post));
      if (post.verdict !== 'approved') return fail('GATE_BLOCKED', 'gate-blocked', `the result was not approved (${post.category})`);
      return { ...base, ok: true, result: text, gate };
    },
  };
}

function replayedCall(replay: ToolReplay, agent: string, round: number, c: ToolCall): ToolStep {
  const d = replay.take(agent, 'tool.called', `the outcome of ${c.name} (${c.id}) in round ${round}`);
  if (d.round !== round || d.callId !== c.id || d.name !== c.name || d.arguments !== c.arguments) {
    throw new LukhasError('REPLAY_MISS', `${agent}: round ${round} called ${c.name}(${c.arguments.slice(0, 100)}), the journal has ${String(d.name)}(${String(d.arguments).slice(0, 100)})`, { details: { agent, round } });
  }
  const { agent: _a, ...step } = d;
  return step as unknown as ToolStep;
}

function replaySource(o: ToolLoopOptions): Source {
  const replay = o.replay!;
  return {
    async model(round, request) {
      const recorded = replay.take(o.agent, 'tool.model.requested', `the round ${round} request`);
      if (canonicalJson(recorded.request) !== canonicalJson(request)) throw new LukhasError('REPLAY_MISS', `${o.agent}: the round ${round} request differs from the journaled one`, { details: { agent: o.agent, round } });
      const answered = replay.take(o.agent, 'tool.model.answered', `the round ${round} reply`);
      return { response: answered.response as ModelResponse, gate: answered.gate as StepVerdict[] };
    },
    call: () => Promise.reject(new LukhasError('INTERNAL', 'replayed calls are served in order by replayedCall')),
  };
}
