import type { ProposalBody } from '../../runtime/deliberation/turn.port.js';
import { normaliseText } from '../../runtime/embedding/hashed.embedder.js';

/** Why a reply could not be used as a proposal. */
export interface ParseFailure {
  error: string;
}

/** Finds balanced `{...}` spans in text (string-aware), first to last. */
function jsonObjects(text: string): string[] {
  const found: string[] = [];
  for (let start = text.indexOf('{'); start >= 0 && found.length < 20; start = text.indexOf('{', start + 1)) {
    let depth = 0, inStr = false, esc = false;
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (inStr) {
        if (esc) esc = false;
        else if (c === '\\') esc = true;
        else if (c === '"') inStr = false;
      } else if (c === '"') inStr = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        found.push(text.slice(start, i + 1));
        break;
      }
    }
  }
  return found;
}

function toConfidence(v: unknown): number | undefined {
  let n = typeof v === 'string' ? Number.parseFloat(v.replace('%', '')) : typeof v === 'number' ? v : NaN;
  if (typeof v === 'string' && v.includes('%')) n /= 100;
  else if (n > 1 && n <= 100) n /= 100; // "85" meant as a percentage
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : undefined;
}

/** Maps a stated position to an option id: exact, case-insensitive, or "Option X" / "X)" forms. */
export function matchOption(position: string, options: readonly string[]): string | undefined {
  const p = position.trim();
  if (options.includes(p)) return p;
  const lower = p.toLowerCase();
  const ci = options.filter((o) => o.toLowerCase() === lower);
  if (ci.length === 1) return ci[0];
  const m = /^(?:option\s+)?["'`(]?([^"'`()\s.:,]+)["'`)]?[.:,)]?(?:\s|$)/i.exec(p);
  if (m) {
    const hit = options.filter((o) => o.toLowerCase() === m[1]!.toLowerCase());
    if (hit.length === 1) return hit[0];
  }
  return undefined;
}

/**
 * Parses a model's reply into a proposal. Tolerates what real models write — JSON inside prose, code fences,
 * trailing text, confidence as a percentage — and returns a failure (never throws) when nothing usable is there.
 */
export function parseProposal(text: string, options?: readonly string[]): ProposalBody | ParseFailure {
  if (typeof text !== 'string' || text.trim() === '') return { error: 'empty reply' };
  // the common case first: the whole reply is the JSON object; otherwise scan prose, fences, trailing text
  const t = text.trim();
  const whole = t.startsWith('{') && t.endsWith('}');
  const state = { lastError: 'no JSON object in the reply' };
  if (whole) {
    const r = tryCandidate(t, options, state);
    if (r) return r;
  }
  for (const candidate of jsonObjects(text.replace(/```(?:json)?/gi, ''))) {
    if (whole && candidate === t) continue;
    const r = tryCandidate(candidate, options, state);
    if (r) return r;
  }
  return { error: state.lastError };
}

function tryCandidate(candidate: string, options: readonly string[] | undefined, state: { lastError: string }): ProposalBody | undefined {
  let obj: unknown;
  try {
    obj = JSON.parse(candidate);
  } catch {
    state.lastError = 'malformed JSON in the reply';
    return undefined;
  }
  if (!obj || typeof obj !== 'object') return undefined;
  const o = obj as Record<string, unknown>;
  if (typeof o.position !== 'string' || o.position.trim() === '') { state.lastError = 'reply has no "position" string'; return undefined; }
  const confidence = toConfidence(o.confidence);
  if (confidence === undefined) { state.lastError = `reply has no valid "confidence" in [0, 1] (got ${JSON.stringify(o.confidence)})`; return undefined; }
  let position = o.position.trim();
  if (options && options.length > 0) {
    const m = matchOption(position, options);
    if (!m) { state.lastError = `position ${JSON.stringify(position.slice(0, 80))} is not one of the options ${options.join(', ')}`; return undefined; }
    position = m;
  } else if (normaliseText(position) === '') {
    state.lastError = `position ${JSON.stringify(position.slice(0, 80))} has no words`;
    return undefined;
  }
  const rationale = typeof o.rationale === 'string' ? o.rationale.trim() : '';
  return { position: position.slice(0, 500), rationale: rationale.slice(0, 2000), confidence };
}

/** Type guard for a failed parse. */
export function isParseFailure(v: ProposalBody | ParseFailure): v is ParseFailure {
  return (v as ParseFailure).error !== undefined;
}
