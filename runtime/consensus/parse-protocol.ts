import { badOption } from '../errors.js';
import type { ProtocolSpec } from './consensus.types.js';
import { checkThreshold, PROTOCOL_FORMS, validateSpec } from './validate-ballots.js';

/** θ of `supermajority` when none is given: two thirds. */
export const DEFAULT_SUPERMAJORITY = 2 / 3;

const PLAIN: Readonly<Record<string, ProtocolSpec>> = {
  majority: { name: 'majority' },
  unanimity: { name: 'unanimity' },
  'confidence-weighted': { name: 'confidence-weighted' },
  ranked: { name: 'ranked' },
  approval: { name: 'approval' },
  judge: { name: 'judge' },
};

/** `supermajority`, `supermajority:θ` or `supermajority(θ)`; θ a decimal or a fraction a/b. */
const SUPER = /^supermajority(?::(.*)|\((.*)\))?$/;
const DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
const FRACTION = /^(\d+)\s*\/\s*(\d+)$/;

function parseTheta(raw: string): number {
  const t = raw.trim();
  if (DECIMAL.test(t)) return Number(t);
  const f = FRACTION.exec(t);
  if (f) return Number(f[1]) / Number(f[2]);
  return NaN;
}

/**
 * Parses a protocol as written on a command line or in a config file: `majority`, `supermajority` (θ = 2/3),
 * `supermajority:0.75`, `supermajority(0.75)` (θ may also be a fraction such as `3/4`), `unanimity`,
 * `confidence-weighted`, `ranked`, `approval`, `judge` — case and surrounding spaces ignored. A ProtocolSpec
 * object is checked and returned as a fresh copy.
 *
 * @throws LukhasError BAD_OPTION `invalid protocol: "x" (expected one of …)`, or, for a bad θ, a message that
 *   names θ and the accepted range (0.5, 1].
 */
export function parseProtocol(text: string | ProtocolSpec): ProtocolSpec {
  if (typeof text === 'object' && text !== null) {
    validateSpec(text);
    return text.name === 'supermajority' ? { name: 'supermajority', threshold: text.threshold } : { name: text.name };
  }
  if (typeof text !== 'string') badOption('protocol', text, PROTOCOL_FORMS);
  const key = text.trim().toLowerCase();
  const plain = Object.hasOwn(PLAIN, key) ? PLAIN[key] : undefined;
  if (plain) return { ...plain };
  const m = SUPER.exec(key);
  if (!m) badOption('protocol', text, PROTOCOL_FORMS);
  const raw = m[1] ?? m[2];
  if (raw === undefined) return { name: 'supermajority', threshold: DEFAULT_SUPERMAJORITY };
  const threshold = parseTheta(raw);
  checkThreshold(threshold, raw.trim());
  return { name: 'supermajority', threshold };
}

/**
 * A short display form that {@link parseProtocol} reads back to the same spec: `majority`,
 * `supermajority(0.75)`, `supermajority(2/3)` (a θ that is exactly a small fraction and has no short decimal
 * form is shown as the fraction).
 */
export function protocolLabel(spec: ProtocolSpec): string {
  if (spec.name !== 'supermajority') return spec.name;
  return `supermajority(${thetaText(spec.threshold)})`;
}

function thetaText(theta: number): string {
  const s = String(theta);
  if (s.length <= 6) return s;
  for (let b = 2; b <= 12; b++) {
    const a = Math.round(theta * b);
    if (a / b === theta) return `${a}/${b}`;
  }
  return s;
}
