import { z } from 'zod';

/**
 * The envelope of every message that crosses a mailbox, a worker thread, NATS or the database: plain,
 * structured-clone safe, validated at boundaries with this schema. Inside one process the hot path builds
 * envelopes without re-validating them (decided once, at load time, by the runtime's `validate` option).
 */
export const envelopeSchema = z
  .object({
    id: z.string().min(1),
    sender: z.string().min(1),
    recipient: z.string().min(1).optional(),
    topic: z.string().min(1).optional(),
    payload: z.unknown(),
    causationId: z.string().min(1).optional(),
    traceId: z.string().min(1),
  })
  .refine((e) => (e.recipient === undefined) !== (e.topic === undefined), {
    message: 'an envelope has exactly one of recipient (send) or topic (publish)',
  });

/** A message envelope. */
export type Envelope<P = unknown> = Omit<z.infer<typeof envelopeSchema>, 'payload'> & { payload: P };
