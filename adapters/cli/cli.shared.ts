import { LukhasError, toLukhasError } from '../../runtime/errors.js';

/** Output helpers shared by every subcommand: people on a TTY, one JSON object with --json, diagnostics on stderr. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  isTty: boolean;
  color: boolean;
}

/**
 * What a subcommand gets: the io and a place to put its exit code. A subcommand module exports
 * `registerXCommand(program: Command, ctx: CliContext)`; its action throws LukhasErrors (mapped to exit codes by
 * the program) or sets `ctx.exitCode` (e.g. 1 when a check found a fault).
 */
export interface CliContext {
  io: CliIo;
  exitCode: number;
}

/** The process's io. Colours only on a TTY and only when NO_COLOR is unset. */
export function processIo(): CliIo {
  const isTty = Boolean(process.stdout.isTTY);
  return {
    out: (t) => { process.stdout.write(t.endsWith('\n') ? t : `${t}\n`); },
    err: (t) => { process.stderr.write(t.endsWith('\n') ? t : `${t}\n`); },
    isTty,
    color: isTty && !process.env.NO_COLOR,
  };
}

/** ANSI styling that becomes a no-op without colour. */
export function styles(color: boolean) {
  const wrap = (a: number, b: number) => (s: string) => (color ? `\u001b[${a}m${s}\u001b[${b}m` : s);
  return { bold: wrap(1, 22), dim: wrap(2, 22), green: wrap(32, 39), red: wrap(31, 39), yellow: wrap(33, 39), cyan: wrap(36, 39) };
}

/** Parses an integer flag or throws a BAD_OPTION error naming it. */
export function parseIntFlag(name: string, value: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^-?\d+$/.test(value.trim())) throw new LukhasError('BAD_OPTION', `invalid ${name}: ${JSON.stringify(value)} (expected an integer)`);
  const n = Number(value);
  if (n < min || n > max) throw new LukhasError('BAD_OPTION', `invalid ${name}: ${n} (expected ${min}..${max})`);
  return n;
}

/** Parses a comma-separated list flag (empty items are an error). */
export function parseListFlag(name: string, value: string): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s.length === 0)) throw new LukhasError('BAD_OPTION', `invalid ${name}: ${JSON.stringify(value)} (expected a comma-separated list without empty items)`);
  return items;
}

/** Reports an error the way every subcommand does and returns its exit code (2 bad usage, 1 failure). */
export function reportError(io: CliIo, err: unknown, json = false): number {
  const e = toLukhasError(err);
  if (json) io.err(JSON.stringify({ error: e.toJSON() }));
  else io.err(`lukhas: ${e.code === 'BAD_OPTION' || e.code === 'BAD_INPUT' ? '' : `${e.code}: `}${e.message}`);
  return e.exitCode;
}
