/**
 * Compositional harm rules: a harmful ACT (a verb class with its inflections, or an act noun) composed with what
 * it is done to (a person, an animal, someone else's property, account or identity, a protected group) — and,
 * through the frames, with a request (asking how, where or which; an imperative; a stated plan). The acts are
 * classes, not phrasings: "launder" + any sum of money, "pick the lock" + anything of someone else's, a tracker
 * "on" anything a person owns, "where" + a private person + "lives / works / goes". Contexts still decide the
 * safe look-alikes: definitions, past or third-party events, fiction and games, safety-seeking, and the
 * speaker's own things. Each finding names the rule and the words that fired.
 */
import type { Finding } from './checker.types.js';
import type { Frames } from './frames.js';
import { mayMatch, presenceGeneration, type Rule } from './prefilter.js';

import { CRIME_RULES } from './compose.rules.crime.js';
import { HARM_RULES } from './compose.rules.harm.js';
import type { ComposedRule } from './compose.shared.js';

/** Every composed rule, in the order they run (findings keep this order). */
const RULES: ComposedRule[] = [...CRIME_RULES, ...HARM_RULES];

/** The rules' ids and regexes (tests and diagnostics). */
export const COMPOSED_RULES: readonly { id: string; re: Rule }[] = RULES;

/** The rules that may fire in the current check (prefilter: their literals are present), and its generation. */
let live: readonly ComposedRule[] = RULES;
let liveGen = -1;

/** Runs the composed rules on one sentence of folded text. */
export function detectComposed(text: string, f: Frames, notes: string[]): Finding[] {
  const out: Finding[] = [];
  // a check runs this once per sentence under one presence index: the rules that cannot fire are dropped once
  const gen = presenceGeneration();
  if (gen < 0) live = RULES;
  else if (gen !== liveGen) { liveGen = gen; live = RULES.filter((r) => mayMatch(r.re)); }
  for (const r of gen < 0 ? RULES : live) {
    const m = r.re.exec(text);
    if (!m) continue;
    if (r.request !== false && !f.actionable) { notes.push(`${r.id}: "${m[0]}" without a request, plan or instruction`); continue; }
    if (f.definition || f.descriptive) { notes.push(`${r.id}: "${m[0]}" in a definition or a question about past or third-party events`); continue; }
    if (f.safetyAt >= 0 && f.safetyAt <= m.index + m[0].length) { notes.push(`${r.id}: "${m[0]}" in a safety-seeking question`); continue; }
    if ((f.fiction || f.sport) && r.fictionExcuses !== false) { notes.push(`${r.id}: "${m[0]}" in a story or game`); continue; }
    if (r.guard && !r.guard(text, m)) continue;
    out.push({ category: r.category, score: r.score, reason: `"${m[0].trim()}": ${r.means} (rule ${r.id})` });
  }
  return out;
}
