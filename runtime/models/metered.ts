/**
 * `withLedger`: the outermost wrapper of an agent's model. It refuses a call that the budget cannot afford
 * BEFORE anything is sent (BUDGET_EXCEEDED, not retryable, never failed over), and records every answered call
 * with the usage the answering provider reported, attributed to the agent and round named in the request's
 * context. Failed calls record nothing: a provider reports no usage for them.
 */
import { LukhasError } from '../errors.js';
import type { Ledger } from './ledger.js';
import type { CallOptions, ModelAdapter, ModelRequest, ModelResponse, StreamPart } from './model.port.js';

/** Options of {@link withLedger}. */
export interface MeteredOptions {
  /** Agent name when the request carries no context (default the adapter's provider:model). */
  agent?: string;
  /** Ledger to use per call (e.g. the one of the request's deliberation); defaults to the fixed ledger. */
  ledgerFor?: (request: ModelRequest) => Ledger | undefined;
}

/** Wraps an adapter so that its calls are budget-checked and recorded in a ledger. */
export function withLedger(adapter: ModelAdapter, ledger: Ledger | undefined, options: MeteredOptions = {}): ModelAdapter {
  const pick = (req: ModelRequest) => options.ledgerFor?.(req) ?? ledger;
  const who = (req: ModelRequest) => ({ agent: req.context?.agent ?? options.agent ?? `${adapter.provider}:${adapter.model}`, round: req.context?.round ?? 0 });

  const admit = (l: Ledger, req: ModelRequest) => {
    const estimate = l.estimate(req, adapter.provider, adapter.model);
    const verdict = l.check(estimate);
    if (!verdict.ok) {
      const { agent, round } = who(req);
      throw new LukhasError('BUDGET_EXCEEDED', `${agent} round ${round}: the call would exceed the ${verdict.reason} budget (${verdict.spent} spent + ~${verdict.estimate} estimated > ${verdict.limit}); not sent`, {
        details: { reason: verdict.reason, limit: verdict.limit, spent: verdict.spent, estimate: verdict.estimate, agent, round },
      });
    }
  };
  const note = (l: Ledger, req: ModelRequest, r: { provider: string; model: string; usage: ModelResponse['usage']; serviceTier?: 'batch' }) => {
    l.record({ ...who(req), provider: r.provider, model: r.model, usage: r.usage, ...(r.serviceTier ? { tier: r.serviceTier } : {}) });
  };

  return {
    portVersion: adapter.portVersion,
    provider: adapter.provider,
    model: adapter.model,
    async generate(req: ModelRequest, callOptions?: CallOptions): Promise<ModelResponse> {
      const l = pick(req);
      if (!l) return adapter.generate(req, callOptions);
      admit(l, req);
      const r = await adapter.generate(req, callOptions);
      note(l, req, r);
      return r;
    },
    async *stream(req: ModelRequest, callOptions?: CallOptions): AsyncIterable<StreamPart> {
      const l = pick(req);
      if (l) admit(l, req);
      for await (const part of adapter.stream(req, callOptions)) {
        if (l && part.type === 'finish') note(l, req, part);
        yield part;
      }
    },
  };
}
