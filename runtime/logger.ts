import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/** Paths pino redacts in every log line: secrets never reach a log. */
export const REDACT_PATHS = [
  'apiKey', '*.apiKey', 'key', '*.key', 'authorization', '*.authorization', 'headers.authorization',
  'headers["x-api-key"]', 'headers["x-goog-api-key"]', 'masterKey', '*.masterKey', 'password', '*.password',
  'token', '*.token', 'secret', '*.secret',
];

/**
 * Creates a pino logger with secret redaction. With no options it is silent, so importing or embedding lukhas
 * writes nothing anywhere until the host says so.
 */
export function createLogger(options: LoggerOptions & { destination?: NodeJS.WritableStream } = {}): Logger {
  const { destination, ...rest } = options;
  const opts: LoggerOptions = { level: 'silent', redact: { paths: REDACT_PATHS, censor: '[redacted]' }, ...rest };
  return destination ? pino(opts, destination as never) : pino(opts);
}

/** Replaces anything that looks like a provider key in a free-text string (error messages from SDKs). */
export function scrubSecrets(text: string): string {
  return text
    .replace(/\b(sk|pk|rk)-[A-Za-z0-9_-]{8,}/g, '[redacted]')
    .replace(/\bsk-ant-[A-Za-z0-9_-]{8,}/g, '[redacted]')
    .replace(/\bAIza[0-9A-Za-z_-]{20,}/g, '[redacted]')
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1[redacted]')
    .replace(/([?&]key=)[^&\s]+/gi, '$1[redacted]');
}
