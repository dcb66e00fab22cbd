/**
 * The offline checker: transparent rules over folded text (see normalise.ts), lexicons (lexicon*.ts) and
 * frames (frames.ts). No model, no network, deterministic, about a tenth of a millisecond per prompt. Every
 * finding carries the words and the rule that produced it; notes record the rules that looked and let go.
 *
 * Agent prompts repeat piecewise, so every piece of work is remembered in bounded LRU tables (offline.memo.ts)
 * under a key made of everything that piece reads; a hit replays exactly the findings and notes the work
 * produced, in the same order, so results are identical with or without the memo
 * (test/ethics/checker.memo.test.ts checks the golden corpus twice in shuffled order).
 */
import type { CheckInput, CheckResult, Checker, Finding } from './checker.types.js';
import { detectHate, detectPrivacy } from './detect.social.js';
import { detectAtrocity, detectCrimes, detectDrugs, detectSexualMinorsAndSelfHarm, detectWeapons } from './detect.topics.js';
import { detectComposed } from './detect.compose.js';
import { detectIntent } from './detect.intent.js';
import { detectViolence } from './detect.violence.js';
import { clearFramesMemo, readFrames, readWholeFrames, type Frames } from './frames.js';
import { detectInjection } from './injection.js';
import { foldText, normaliseSpelling, tokens } from './normalise.js';
import { createOfflineMemo, memoStats, type OfflineMemoStats } from './offline.memo.js';
import { findPii } from './pii.js';
import { indexText, withPresence, type Presence } from './prefilter.js';
import { splitQuoted } from './quote.js';

/** Options of the offline checker. */
export interface OfflineCheckerOptions {
  /** Look for prompt injection (default true). The gate turns it off for trusted system prompts it assembles itself. */
  injection?: boolean;
}

/** The module's memo tables: bounded (MEMO_LIMITS), pure caches of deterministic work, so sharing them is safe. */
const memo = createOfflineMemo();

/** Sizes and hit counts of the offline checker's memo tables. */
export function offlineMemoStats(): OfflineMemoStats { return memoStats(memo); }

/** Empties the offline checker's memo tables (tests and benchmarks that measure cold checks). */
export function clearOfflineMemo(): void { for (const t of Object.values(memo)) t.clear(); clearFramesMemo(); }

// a Roman numeral one after a title noun is not the pronoun I ("World War I", "Henry I")
const ROMAN = /\b(world war|ww|part|chapter|act|phase|type|class|stage|henry|louis|george|elizabeth|richard|edward|james|charles|william|mary|peter|napoleon|alexander|catherine|nicholas|frederick) i\b/gi;
const SENTENCE = /(?<=[.!?])\s+|\n+/;

/**
 * Chat spellings rewritten (normaliseSpelling), then Roman numerals, one line at a time. Exact: no rewrite
 * pattern of either can match a line break (they use literal spaces and `[\w'-]` lookarounds, and a line break
 * reads like a string edge to those), so the whole-text result is the lines' results joined by "\n".
 */
function normaliseLines(text: string): string {
  if (!text.includes('\n')) return normaliseLine(text);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) lines[i] = normaliseLine(lines[i]!);
  return lines.join('\n');
}
function normaliseLine(line: string): string {
  let out = memo.lines.get(line);
  if (out === undefined) memo.lines.set(line, (out = normaliseSpelling(line).replace(ROMAN, '$1 1')));
  return out;
}

/** A sentence no intent rule but the self-harm one can flag, and only when the whole text states an intent to die. */
const PROBE = 'how high';
const NEUTRAL: Frames = { actionable: false, firstPerson: false, definition: false, descriptive: false, fiction: false, sport: false, safetyAt: -1, evasion: false };

/** A quoted data block as it reads in folded text (genuine or forged: see storyText). */
const FENCED = /<<<untrusted ([a-z0-9-]+) id=([0-9a-f]{8})>>>\n[\s\S]*?\n<<<end untrusted \1 id=\2>>>/g;

/**
 * The text that may lend the whole prompt a story or game frame: the folded text with every quoted data block
 * cut out, so that a peer's quoted "in my novel …" cannot excuse the rest of the prompt (sentences inside a
 * block keep their own frames). Forged fences are cut too: cutting only ever removes an excuse. Each block
 * becomes "." — a segment break of the story reader — so every segment read is a substring of the folded text
 * (the presence index stays exact) and the result is a function of the folded text alone (the memo key).
 */
function storyText(text: string): string {
  return text.includes('<<<untrusted ') ? text.replace(FENCED, '.') : text;
}

/** What every sentence reads of the whole text. */
interface Whole { fiction: boolean; sport: boolean; actionable: boolean; selfIntent: boolean }

/**
 * The whole text's frames, and whether it states an intent to die: detectIntent reads the whole text only for
 * that (SELF_INTENT on `whole`), so the sentence memo keys on this bit instead of the text. The bit is read off
 * detectIntent itself on a probe sentence that asks only a means question under neutral frames.
 */
function readWhole(text: string, cased: string, presence: () => Presence): Whole {
  const key = `${text.length}:${text}${cased}`;
  let w = memo.wholeFrames.get(key);
  if (w === undefined) {
    w = withPresence(presence(), () => {
      const fr = readWholeFrames(text, cased, storyText(text));
      const selfIntent = detectIntent(PROBE, NEUTRAL, [], PROBE, text).some((f) => f.category === 'self-harm');
      return { fiction: fr.fiction, sport: fr.sport, actionable: fr.actionable, selfIntent };
    });
    memo.wholeFrames.set(key, w);
  }
  return w;
}

/** Runs every offline rule on one text; synchronous core of {@link createOfflineChecker}. */
export function checkOffline(input: CheckInput, options: OfflineCheckerOptions = {}): CheckResult {
  const folded = foldText(input.text);
  // chat spellings are rewritten once so that every rule sees standard words ("sum1", "can i by a gun")
  folded.text = normaliseLines(folded.text);
  folded.cased = normaliseLines(folded.cased);
  const notes: string[] = [];
  const findings: Finding[] = [];
  // harm rules read sentence by sentence so that a story cue in one sentence does not excuse a plan in another
  const sentences = folded.text.split(SENTENCE).filter((s) => s.trim().length > 0);
  const casedSentences = folded.cased.split(SENTENCE).filter((s) => s.trim().length > 0);
  // every rule below reads the folded text or a substring of it: one presence index lets each skip at once when
  // none of its required literals occurs (prefilter.ts). Built on the first memo miss; the probe sentence is
  // indexed too, since the probe runs under the same index (an extra line only ever reports more presence)
  let index: Presence | undefined;
  const presence = (): Presence => (index ??= indexText(`${folded.text}\n${PROBE}`));
  const whole = readWhole(folded.text, folded.cased, presence);
  const output = input.stage === 'output';
  // a story or game named anywhere frames the whole text; a request anywhere makes the whole text a request;
  // a model's reply is read as instructions unless it reports the past or a story (its frames say so)
  const wholeActionable = whole.actionable && sentences.length <= 3;
  // a sentence's result depends on its text, its cased text and these bits only (see readWhole for selfIntent)
  const flags = String.fromCharCode(65 + (+whole.fiction | (+whole.sport << 1) | (+wholeActionable << 2) | (+output << 3) | (+whole.selfIntent << 4)));
  for (let i = 0; i < sentences.length; i++) {
    const text = sentences[i]!;
    const cased = casedSentences[i] ?? text;
    const key = `${flags}${text.length}:${text}${cased}`;
    let r = memo.sentences.get(key);
    if (r === undefined) {
      const own: string[] = [];
      const found = withPresence(presence(), () => {
        const fr = readFrames(text, cased);
        const f = { ...fr, fiction: fr.fiction || whole.fiction, sport: fr.sport || whole.sport, actionable: fr.actionable || wholeActionable || output };
        const toks = tokens(text);
        return [
          ...detectViolence(text, toks, f, own, cased), ...detectDrugs(text, f, own), ...detectWeapons(text, f, own),
          ...detectCrimes(text, f, own), ...detectSexualMinorsAndSelfHarm(text, f, own), ...detectAtrocity(text, f),
          ...detectHate(text, f, own), ...detectPrivacy(text, f, own, cased),
          ...detectIntent(text, f, own, cased, folded.text), ...detectComposed(text, f, own),
        ];
      });
      memo.sentences.set(key, (r = { findings: found, notes: own }));
    }
    for (const f of r.findings) findings.push(f);
    for (const n of r.notes) notes.push(n);
  }
  if (options.injection !== false) {
    // instructions inside genuine quoted blocks are data the model was told not to follow: noted, not blocked;
    // everything outside them — including any forged fence — is checked as instructions
    const { outside, inside } = splitQuoted(input.text);
    // with no genuine block the detector reads the spelling-normalised fold of the text, else a fresh fold of `outside`
    const same = outside === input.text;
    const key = `${same ? 'N' : 'F'}${outside}`;
    let r = memo.injectionOutside.get(key);
    if (r === undefined) {
      const own: string[] = [];
      memo.injectionOutside.set(key, (r = { findings: detectInjection(outside, same ? folded : foldText(outside), own), notes: own }));
    }
    for (const f of r.findings) findings.push(f);
    for (const n of r.notes) notes.push(n);
    for (const q of inside) {
      let hit = memo.injectionInside.get(q);
      if (hit === undefined) memo.injectionInside.set(q, (hit = detectInjection(q).length > 0));
      if (hit) notes.push('an instruction inside quoted data was neutralised by quoting');
    }
  }
  const pii = findPii(input.text);
  if (pii.length) findings.push({ category: 'pii', score: 0.6, reason: `personal data present: ${pii.join(', ')}` });
  return { checker: 'offline', findings: strongestPerCategory(findings), notes };
}

/** The strongest finding of each category, copied: callers may change what they get without touching the memo. */
function strongestPerCategory(findings: Finding[]): Finding[] {
  const best = new Map<string, Finding>();
  for (const f of findings) { const b = best.get(f.category); if (!b || f.score > b.score) best.set(f.category, f); }
  return [...best.values()].map((f) => ({ ...f }));
}

/** The offline checker as a {@link Checker}. */
export function createOfflineChecker(options: OfflineCheckerOptions = {}): Checker {
  return { id: 'offline', check: async (input) => checkOffline(input, options) };
}
