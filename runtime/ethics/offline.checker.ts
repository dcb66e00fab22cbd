/**
 * The offline checker: transparent rules over folded text (see normalise.ts), lexicons (lexicon*.ts) and
 * frames (frames.ts). No model, no network, deterministic, about a tenth of a millisecond per prompt. Every
 * finding carries the words and the rule that produced it; notes record the rules that looked and let go.
 */
import type { CheckInput, CheckResult, Checker, Finding } from './checker.types.js';
import { detectHate, detectPrivacy } from './detect.social.js';
import { detectAtrocity, detectCrimes, detectDrugs, detectSexualMinorsAndSelfHarm, detectWeapons } from './detect.topics.js';
import { detectIntent } from './detect.intent.js';
import { detectViolence } from './detect.violence.js';
import { readFrames } from './frames.js';
import { detectInjection } from './injection.js';
import { foldText, normaliseSpelling, tokens } from './normalise.js';
import { findPii } from './pii.js';
import { indexText, withPresence } from './prefilter.js';
import { splitQuoted } from './quote.js';

/** Options of the offline checker. */
export interface OfflineCheckerOptions {
  /** Look for prompt injection (default true). The gate turns it off for trusted system prompts it assembles itself. */
  injection?: boolean;
}

/** Runs every offline rule on one text; synchronous core of {@link createOfflineChecker}. */
export function checkOffline(input: CheckInput, options: OfflineCheckerOptions = {}): CheckResult {
  const folded = foldText(input.text);
  // chat spellings are rewritten once so that every rule sees standard words ("sum1", "can i by a gun")
  folded.text = normaliseSpelling(folded.text);
  folded.cased = normaliseSpelling(folded.cased);
  // a Roman numeral one after a title noun is not the pronoun I ("World War I", "Henry I")
  const roman = /\b(world war|ww|part|chapter|act|phase|type|class|stage|henry|louis|george|elizabeth|richard|edward|james|charles|william|mary|peter|napoleon|alexander|catherine|nicholas|frederick) i\b/gi;
  folded.text = folded.text.replace(roman, '$1 1');
  folded.cased = folded.cased.replace(roman, '$1 1');
  const notes: string[] = [];
  const findings: Finding[] = [];
  // harm rules read sentence by sentence so that a story cue in one sentence does not excuse a plan in another
  const sentences = folded.text.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim().length > 0);
  const casedSentences = folded.cased.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim().length > 0);
  // every rule below reads the folded text or a substring of it: one presence index lets each skip at once
  // when none of its required literals occurs (prefilter.ts)
  withPresence(indexText(folded.text), () => {
  const whole = readFrames(folded.text, folded.cased);
  for (let i = 0; i < sentences.length; i++) {
    const text = sentences[i]!;
    const own = readFrames(text, casedSentences[i] ?? text);
    // a story or game named anywhere frames the whole text; a request anywhere makes the whole text a request;
    // a model's reply is read as instructions unless it reports the past or a story (its frames say so)
    const f = { ...own, fiction: own.fiction || whole.fiction, sport: own.sport || whole.sport, actionable: own.actionable || (whole.actionable && sentences.length <= 3) || input.stage === 'output' };
    const toks = tokens(text);
    findings.push(
      ...detectViolence(text, toks, f, notes, casedSentences[i] ?? text), ...detectDrugs(text, f, notes), ...detectWeapons(text, f, notes),
      ...detectCrimes(text, f, notes), ...detectSexualMinorsAndSelfHarm(text, f, notes), ...detectAtrocity(text, f),
      ...detectHate(text, f, notes), ...detectPrivacy(text, f, notes, casedSentences[i] ?? text),
      ...detectIntent(text, f, notes, casedSentences[i] ?? text, folded.text),
    );
  }
  });
  if (options.injection !== false) {
    // instructions inside genuine quoted blocks are data the model was told not to follow: noted, not blocked;
    // everything outside them — including any forged fence — is checked as instructions
    const { outside, inside } = splitQuoted(input.text);
    findings.push(...detectInjection(outside, outside === input.text ? folded : foldText(outside), notes));
    for (const q of inside) if (detectInjection(q).length) notes.push('an instruction inside quoted data was neutralised by quoting');
  }
  const pii = findPii(input.text);
  if (pii.length) findings.push({ category: 'pii', score: 0.6, reason: `personal data present: ${pii.join(', ')}` });
  return { checker: 'offline', findings: strongestPerCategory(findings), notes };
}

function strongestPerCategory(findings: Finding[]): Finding[] {
  const best = new Map<string, Finding>();
  for (const f of findings) { const b = best.get(f.category); if (!b || f.score > b.score) best.set(f.category, f); }
  return [...best.values()];
}

/** The offline checker as a {@link Checker}. */
export function createOfflineChecker(options: OfflineCheckerOptions = {}): Checker {
  return { id: 'offline', check: async (input) => checkOffline(input, options) };
}
