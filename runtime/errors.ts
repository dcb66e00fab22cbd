/**
 * The one error base class of lukhas. A closed set of codes; each code maps to an HTTP status and a CLI exit
 * code in one table, so every surface reports the same failure the same way.
 */

/** Every failure lukhas reports has one of these codes. */
export const ERROR_CODES = {
  BAD_OPTION: { http: 400, exit: 2, retryable: false },
  BAD_INPUT: { http: 400, exit: 2, retryable: false },
  NOT_FOUND: { http: 404, exit: 1, retryable: false },
  CONFLICT: { http: 409, exit: 1, retryable: true },
  UNAUTHORIZED: { http: 401, exit: 1, retryable: false },
  MODEL_ERROR: { http: 502, exit: 1, retryable: true },
  MODEL_BAD_REQUEST: { http: 502, exit: 1, retryable: false },
  MODEL_AUTH: { http: 502, exit: 1, retryable: false },
  MODEL_RATE_LIMITED: { http: 503, exit: 1, retryable: true },
  MODEL_TIMEOUT: { http: 504, exit: 1, retryable: true },
  MODEL_BAD_OUTPUT: { http: 502, exit: 1, retryable: true },
  CIRCUIT_OPEN: { http: 503, exit: 1, retryable: false },
  BULKHEAD_FULL: { http: 503, exit: 1, retryable: false },
  BUDGET_EXCEEDED: { http: 402, exit: 1, retryable: false },
  GATE_BLOCKED: { http: 422, exit: 1, retryable: false },
  REPLAY_MISS: { http: 500, exit: 1, retryable: false },
  INTEGRITY: { http: 500, exit: 1, retryable: false },
  CRYPTO: { http: 500, exit: 1, retryable: false },
  STORE: { http: 503, exit: 1, retryable: true },
  POOL_FULL: { http: 503, exit: 1, retryable: true },
  WORKER_CRASHED: { http: 500, exit: 1, retryable: false },
  CANCELLED: { http: 499, exit: 1, retryable: false },
  RESTART_INTENSITY: { http: 500, exit: 1, retryable: false },
  AGENT_FAILED: { http: 500, exit: 1, retryable: false },
  UNSUPPORTED: { http: 501, exit: 1, retryable: false },
  INTERNAL: { http: 500, exit: 1, retryable: false },
  /** A tool call that failed (threw, timed out, bad arguments or output): a failed step, reported, never a crash. */
  TOOL_FAILED: { http: 500, exit: 1, retryable: false },
  /** A tool call the agent's allow-list does not permit (or an unknown tool). */
  TOOL_NOT_ALLOWED: { http: 403, exit: 1, retryable: false },
} as const satisfies Record<string, { http: number; exit: number; retryable: boolean }>;

/** The closed set of error codes. */
export type ErrorCode = keyof typeof ERROR_CODES;

const BRAND = Symbol.for('lukhas.error');

/** Options of a {@link LukhasError}. */
export interface LukhasErrorOptions {
  cause?: unknown;
  /** Overrides the code's default retryability (e.g. a 500 from a provider is retryable, a 501 is not). */
  retryable?: boolean;
  /** Plain, secret-free details for logs and API bodies. */
  details?: Record<string, unknown>;
}

/** The base error of lukhas: a code from a closed set, a cause, and whether retrying may help. */
export class LukhasError extends Error {
  readonly code: ErrorCode;
  readonly isRetryable: boolean;
  readonly details: Record<string, unknown> | undefined;
  readonly [BRAND] = true;

  constructor(code: ErrorCode, message: string, options: LukhasErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LukhasError';
    this.code = code;
    this.isRetryable = options.retryable ?? ERROR_CODES[code].retryable;
    this.details = options.details;
  }

  /** True for any LukhasError, even one from another copy of the package (realm- and bundle-safe). */
  static isInstance(value: unknown): value is LukhasError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** HTTP status for this error. */
  get httpStatus(): number {
    return ERROR_CODES[this.code].http;
  }

  /** CLI exit code for this error (0 ok, 1 a run failed, 2 bad usage). */
  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }

  /** Plain JSON form, safe to log or return (no stack, no cause chain with possible secrets). */
  toJSON(): { code: ErrorCode; message: string; retryable: boolean; details?: Record<string, unknown> } {
    return { code: this.code, message: this.message, retryable: this.isRetryable, ...(this.details ? { details: this.details } : {}) };
  }
}

/** Throws a BAD_OPTION error naming the option, the value received and the accepted values. */
export function badOption(option: string, value: unknown, accepted: string): never {
  throw new LukhasError('BAD_OPTION', `invalid ${option}: ${JSON.stringify(value)} (expected ${accepted})`, {
    details: { option },
  });
}

/** Wraps anything thrown into a LukhasError (INTERNAL unless it already is one). */
export function toLukhasError(err: unknown): LukhasError {
  if (LukhasError.isInstance(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new LukhasError('INTERNAL', message, { cause: err });
}
