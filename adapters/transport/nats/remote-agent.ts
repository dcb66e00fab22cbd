import { errors as natsErrors, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { z } from 'zod';
import { LukhasError, toLukhasError } from '../../../runtime/errors.js';
import { scrubSecrets } from '../../../runtime/logger.js';
import type { TurnExecutor, TurnInput, TurnOutput } from '../../../runtime/deliberation/turn.port.js';

/**
 * Remote agents: an agent hosted by another process (e.g. a machine with a local model) and addressed over NATS
 * request/reply. The host wraps a local TurnExecutor; the client is a TurnExecutor that forwards each TurnInput
 * and returns the host's TurnOutput unchanged, so a colony can span processes and still journal and replay the
 * exact model call.
 */

/** Default subject root of agent hosts. */
export const DEFAULT_AGENT_SUBJECT_ROOT = 'lukhas.agents';

/** Encodes one subject token: anything outside [A-Za-z0-9_-] becomes `~hh` so ids never split or wildcard a subject. */
export function subjectToken(text: string): string {
  if (text.length === 0) throw new LukhasError('BAD_INPUT', 'an agent id part is empty');
  return text.replace(/[^A-Za-z0-9_-]/g, (c) => `~${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The subject of an agent `role/key`: `<root>.<role>.<key>`. */
export function agentSubject(agentId: string, root = DEFAULT_AGENT_SUBJECT_ROOT): string {
  const slash = agentId.indexOf('/');
  if (slash <= 0 || slash === agentId.length - 1) throw new LukhasError('BAD_INPUT', `agent id ${JSON.stringify(agentId)}: expected role/key`);
  return `${root}.${subjectToken(agentId.slice(0, slash))}.${subjectToken(agentId.slice(slash + 1))}`;
}

const turnInputSchema = z.looseObject({
  deliberationId: z.string(),
  seed: z.number(),
  round: z.number().int().min(0),
  agentId: z.string().min(1),
  agent: z.looseObject({ role: z.string().min(1) }),
  question: z.string(),
  options: z.array(z.string()).optional(),
  peers: z.array(z.looseObject({ label: z.string(), position: z.string(), rationale: z.string(), confidence: z.number() })),
});

const turnOutputSchema = z.union([
  z.looseObject({ ok: z.literal(true), proposal: z.looseObject({ position: z.string(), rationale: z.string(), confidence: z.number() }), request: z.looseObject({}), response: z.looseObject({}) }),
  z.looseObject({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);

/** Options of {@link serveRemoteAgent}. */
export interface RemoteAgentHostOptions {
  nc: NatsConnection;
  /** The local executor that really runs the turns. */
  executor: TurnExecutor;
  /** Agents served, as `role/key`, or `role/*` for every key of a role, or `*` for any agent. */
  agents: string[];
  root?: string;
  /** Queue group: several hosts of the same agents share the load (default `lukhas-agent-hosts`). */
  queue?: string;
}

/**
 * Serves agent turns on NATS: each request carries a TurnInput (validated), the reply is the local executor's
 * TurnOutput. A failing executor or a bad request yields `{ ok: false, error }` with a scrubbed message, never a
 * silent drop, so the caller's deliberation can exclude the agent for that round.
 */
export function serveRemoteAgent(o: RemoteAgentHostOptions): { close: () => Promise<void>; subjects: string[] } {
  const root = o.root ?? DEFAULT_AGENT_SUBJECT_ROOT;
  const subjects = o.agents.map((a) => {
    if (a === '*') return `${root}.*.*`;
    if (a.endsWith('/*')) return `${root}.${subjectToken(a.slice(0, -2))}.*`;
    return agentSubject(a, root);
  });
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  const subs: Subscription[] = subjects.map((subject) => o.nc.subscribe(subject, {
    queue: o.queue ?? 'lukhas-agent-hosts',
    callback: (err, msg) => {
      if (err) return;
      void (async () => {
        let out: TurnOutput;
        try {
          const parsed = turnInputSchema.safeParse(JSON.parse(dec.decode(msg.data)));
          if (!parsed.success) throw new LukhasError('BAD_INPUT', `remote turn: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
          const input = parsed.data as unknown as TurnInput;
          if (agentSubject(input.agentId, root) !== msg.subject) throw new LukhasError('BAD_INPUT', `remote turn: agentId ${JSON.stringify(input.agentId)} does not match subject ${msg.subject}`);
          out = await o.executor.turn(input);
        } catch (e) {
          const le = toLukhasError(e);
          out = { ok: false, error: { code: le.code, message: scrubSecrets(le.message) } };
        }
        msg.respond(enc.encode(JSON.stringify(out)));
      })();
    },
  }));
  return { subjects, close: async () => { for (const s of subs) s.unsubscribe(); } };
}

/** Options of {@link createRemoteTurnExecutor}. */
export interface RemoteTurnExecutorOptions {
  nc: NatsConnection;
  root?: string;
  /** Reply deadline per turn (default 60 s, the runtime's default turn timeout). */
  timeoutMs?: number;
}

/**
 * A TurnExecutor whose turns run on a remote host. Transport failures (no host, timeout, cancellation, an
 * unreadable reply) come back as `{ ok: false, error }` with a code, like any failed turn.
 */
export function createRemoteTurnExecutor(o: RemoteTurnExecutorOptions): TurnExecutor {
  const root = o.root ?? DEFAULT_AGENT_SUBJECT_ROOT;
  const timeout = o.timeoutMs ?? 60_000;
  const dec = new TextDecoder();
  return {
    async turn(input: TurnInput, options?: { signal?: AbortSignal }): Promise<TurnOutput> {
      const subject = agentSubject(input.agentId, root);
      if (options?.signal?.aborted) return { ok: false, error: { code: 'CANCELLED', message: `turn of ${input.agentId} cancelled` } };
      let reply;
      try {
        const req = o.nc.request(subject, JSON.stringify(input), { timeout });
        reply = await (options?.signal
          ? Promise.race([req, new Promise<never>((_, reject) => options.signal!.addEventListener('abort', () => reject(new LukhasError('CANCELLED', `turn of ${input.agentId} cancelled`)), { once: true }))])
          : req);
      } catch (err) {
        if (LukhasError.isInstance(err)) return { ok: false, error: { code: err.code, message: err.message } };
        if (err instanceof natsErrors.NoRespondersError || (err as Error).cause instanceof natsErrors.NoRespondersError) {
          return { ok: false, error: { code: 'AGENT_FAILED', message: `no host serves agent ${input.agentId} on ${subject}` } };
        }
        if (err instanceof natsErrors.TimeoutError || (err as Error).cause instanceof natsErrors.TimeoutError) {
          return { ok: false, error: { code: 'MODEL_TIMEOUT', message: `agent ${input.agentId} did not answer within ${timeout} ms` } };
        }
        return { ok: false, error: { code: 'AGENT_FAILED', message: `remote turn of ${input.agentId}: ${scrubSecrets((err as Error).message)}` } };
      }
      let value: unknown;
      try {
        value = JSON.parse(dec.decode(reply.data));
      } catch {
        return { ok: false, error: { code: 'AGENT_FAILED', message: `remote turn of ${input.agentId}: the reply is not JSON` } };
      }
      const parsed = turnOutputSchema.safeParse(value);
      if (!parsed.success) return { ok: false, error: { code: 'AGENT_FAILED', message: `remote turn of ${input.agentId}: the reply is not a TurnOutput` } };
      return value as TurnOutput;
    },
  };
}
