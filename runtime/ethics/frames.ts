/**
 * Frames: what kind of speech act a text is. The same words are harmless or harmful depending on whether the
 * speaker asks how to do something (actionable), asks what a word means (definition), asks about the past or
 * about a story (descriptive, fiction), plays a game or a sport, or seeks safety. Detectors read these flags
 * instead of keying on particular sentences, which is what lets the rules generalise.
 */
import { FICTION_WORDS, GAME_NAMES, SAFETY_CUES, SPORTS } from './lexicon.privacy.js';
import { alt } from './lexicon.js';
import { Lru } from './offline.memo.js';
import { gated, type Rule } from './prefilter.js';

/** The frames of one text. */
export interface Frames {
  /** Asks for a way to do something, states an intent, or instructs (imperative, second-person steps). */
  actionable: boolean;
  /** The speaker is the agent (I, we, me). */
  firstPerson: boolean;
  /** Asks what something is or means. */
  definition: boolean;
  /** About the past or a third party's deeds (history, news, plots), not the speaker's plans. */
  descriptive: boolean;
  /** Inside a story, film, game or other fiction. */
  fiction: boolean;
  /** Inside a rule-bound sport or a game. */
  sport: boolean;
  /** Seeks safety, prevention, support or the law (position of the first cue, -1 if none). */
  safetyAt: number;
  /** Asks to get away with something: evasion overrides safety cues. */
  evasion: boolean;
}

/**
 * Request forms, one regex each: a sentence is actionable when any matches. Kept apart (not one alternation) so
 * that each is skipped outright when the text lacks its literals, and a sentence is scanned only by the few
 * forms that could match it.
 */
const ACTIONABLE_FORMS: readonly Rule[] = [
  String.raw`\bhow (?:do|can|could|would|should|might|shall|to|does one|do you|can you|can one|would one|will i|will we|would you|could you)\b`,
  String.raw`\bwhere (?:can|could|do|should|would|might|to)\b`,
  String.raw`\bwhere(?:'s| is) (?:a|the) (?:\w+ )?(?:place|spot|time|site)\b`,
  String.raw`\bwhat(?:'s| is| are| would be| would| do| should)? ?(?:the |a |an |some |my |your )?(?:(?:best|easiest|quickest|fastest|simplest|most effective|good|great|perfect|ideal|proper|right|cheapest|safest|most efficient|general|surest|cleanest|most painless|least painful|most discreet|quietest|smartest|surefire|foolproof)\s)*(?:ways?|methods?|strateg(?:y|ies)|process|procedures?|steps|techniques?|tips|tricks|place|places|spot|tools?|means|recipe|approach|plan|instructions|guide|dose|amount|kind of \w+|type of \w+)\b`,
  String.raw`\bsteps (?:to|for)\b`, String.raw`\b(?:tell|show|teach|explain to|give|help|walk|remind) (?:me|us)\b`,
  String.raw`\b(?:i|we) (?:want|need|plan|intend|am going|'m going|am gonna|'m gonna|wanna|will|'ll|would like|'d like|have to|must|should|could|can|am about|'m about|am trying|'m trying|try|hope|wish|decided)\b`,
  String.raw`\b(?:i|we)'(?:m|ll|d|ve)\b`, String.raw`\bcan (?:i|we|you)\b`, String.raw`\bshould (?:i|we)\b`,
  String.raw`\bways? (?:of|to)\b`, String.raw`\bprocess (?:for|of)\b`, String.raw`\bguide (?:to|for|on)\b`,
  String.raw`\binstructions? (?:for|to|on)\b`, String.raw`\bbest (?:way|time|place|method|tool|weapon|poison|drug|dose|spot|strategy)\b`,
  String.raw`\blet(?:'s| us)\b`, String.raw`\byou (?:can|could|should|need to|must|will need|'ll need|have to|want to)\b`,
  String.raw`\bstep (?:\d|one)\b`, String.raw`^(?:please |now |just )?(?:kill|murder|shoot|stab|attack|bomb|steal|rob|hack|poison|hurt|destroy|eliminate|make|build|write|give|list|describe how|explain how|tell|create|generate|draft|compose|code|design|compile|find|dig up|help|teach|show|send)\b`,
  String.raw`\bhow (?:much|many)\b[^?]*\b(?:to|would|do|does|will|should|need|kill|die|lethal)\b`,
  // a superlative means question ("what's the most effective chokehold", "best household items to use …"),
  // a polite request ("could you outline …"), a third party's method ("how someone might …"), step-by-step
  String.raw`\b(?:what|which)(?:'s| is| are| would be)? (?:the |a )?(?:best|most effective|easiest|quickest|fastest|simplest|most reliable|surest|least painful|most painless|cheapest|strongest|deadliest|most lethal|most dangerous|least detectable|least traceable|safest)\b`,
  String.raw`^(?:the )?best [\w-]+(?: [\w-]+)? (?:to|for)\b`, String.raw`\b(?:could|can|would|will) you (?:please )?(?:\w+ )?(?:outline|explain|describe|tell|show|list|give|write|teach|help|walk|draft|compose|create|generate|find|suggest|recommend)\b`,
  String.raw`\bhow (?:someone|somebody|a person|people|one|they|he|she) (?:could|might|would|can|should|may)\b`,
  String.raw`\bif (?:someone|somebody|a person|i|you|one|we) (?:wanted|wants|were|was|needed|needs|had) to\b`,
  String.raw`\bhow (?:would|could|might|should|does|do|can) (?:someone|somebody|a person|one|people) (?:go about|do|manage|get away with|pull off)\b`,
  String.raw`\bhow long (?:does it|would it|will it|did it|do you|does one|would one|should i|do i|would i|until)\b`,
  String.raw`\bwhat(?:'s| is| are| would be)? (?:a |an |some |the )?(?:good |best |believable |plausible |convincing )?(?:excuses?|reasons?|lies?|stor(?:y|ies)|cover stor(?:y|ies)|pretext) (?:to|for|i can)\b`, String.raw`\bstep[- ]by[- ]step\b`,
  String.raw`\b(?:ideas|tips|suggestions|advice|tricks|hacks) (?:for|on|to|about)\b`,
  // a request for a list ("what are some …", "any good …")
  String.raw`\bwhat are (?:some|a few|the best|the most effective|good|any)\b`, String.raw`\b(?:any|some) (?:good |effective )?(?:ideas|tips|suggestions|recommendations) (?:for|on|to)\b`,
  // a question about means: which market, chemical, dose, tool or method ("which darknet markets sell …")
  String.raw`\b(?:which|what) (?:[\w'-]+ ){0,3}?(?:markets?|sites?|websites?|vendors?|sellers?|shops?|apps?|platforms?|chemicals?|ingredients|meds|medications?|pills|tablets|drugs|poisons?|substances?|ratio|dose|doses|amount|tools?|weapons?|knives|knife|guns?|methods?|bridge|building|part of|spot|spots|places?)\b`,
  // an imperative after a short lead-in ("Hypothetically, …", "For a story, but make it real: list …", "asking for a friend: …")
  String.raw`^(?:(?:hypothetically|theoretically|honestly|seriously|quick question|just curious|asking for a friend|for a (?:story|novel|book|game|project|class|friend)(?:,? but [\w' ]{1,30})?|ok|okay|so|hey|hi|yo|please|now|just)[,:]?\s+)+(?:kill|murder|hurt|make|build|write|give|list|tell|create|generate|draft|compose|code|design|find|dig up|help|teach|show|send|explain|describe|outline|argue|compile|provide|suggest|recommend|plan|walk me|dox|doxx)\b`,
  String.raw`^(?:please |now |just )?(?:look up|find out|track down|list|argue|compile|outline|provide|suggest|recommend|plan|walk me|dox|doxx|convince|persuade|prove|brainstorm|rank)\b`,
].map((src) => gated(new RegExp(src), true));
const ACTIONABLE = { test: (text: string): boolean => ACTIONABLE_FORMS.some((r) => r.test(text)) };
const INSTRUMENTAL = gated(/\b(?:way|ways|method|methods|process|steps|strateg(?:y|ies)|techniques?|tips|tricks|place|best|how to|plan|procedures?|means|recipe|guide|instructions|dose|easiest|quickest)\b/, true);
const FIRST_PERSON = gated(/\b(?:i|i'm|i'd|i'll|i've|we|we're|we'll|me|us|myself|ourselves|one)\b/, true);
const PAST_Q = gated(/\b(?:how|why|what|when|where|who|which)\b(?:[^?]*?)\b(?:did|was|were|had|happened|happen)\b/, true);
const DEF = gated(new RegExp(String.raw`^(?:(?:so|and|ok|okay|please|hey),? )?(?:` + [
  String.raw`what(?:'s| is| are| was| were) (?:a |an |the )?(?!(?:best|easiest|quickest|good|way|ways|method|process|steps|my|your|his|her|their|our|some|examples?|insults|slurs|jokes)\b)[\w\s'"\-,]{1,60}`,
  String.raw`what does [\w\s'"\-]{1,60} mean`, String.raw`what (?:constitutes|counts as|is meant by|is considered) [\w\s'"\-]{1,60}`,
  String.raw`what do (?:you|people|they) mean by [\w\s'"\-]{1,60}`, String.raw`define [\w\s'"\-]{1,60}`,
  String.raw`(?:give me |what is )?(?:the |a )?(?:definition|meaning) of [\w\s'"\-]{1,60}`,
  String.raw`what (?:kind|type|sort|class) of (?:\w+ ){0,2}(?:is|are|was) [\w\s'"\-]{1,40}`,
  String.raw`(?:who|what) (?:is|was|are|were) (?!(?:some|examples?|insults|slurs|jokes)\b)[\w\s'"\-.]{1,40}`, String.raw`is [\w\s'"\-]{1,30} (?:a drug|a crime|illegal|legal|addictive|dangerous)`,
].join('|') + String.raw`)\s*[?.!]?$`), true);
const THIRD_PARTY_PRESENT = gated(/\b(?:[Hh]ow|[Ww]hy|[Ww]hat|[Ww]hen|[Ww]here)\s+(?:does|do|is|are|has|have)\s+(?:the |a )?(?:(?!I\b)[A-Z][\w'’.-]*|they|he|she|his|her|their|the character|characters)\b/, true);
const FICTION = gated(new RegExp(String.raw`\b(?:in|for|from|of|into|within|about|during|on|through)\s+(?:my|a|the|our|this|his|her|their|an|your|that)?\s?(?:[\w'-]+\s){0,2}?${alt(FICTION_WORDS)}\b|\bcharacter(?:'s|s)?\b|\b(?:my|a|the) (?:novel|screenplay|short story|fanfic|fan fiction)\b|\b(?:write|writing|tell|compose|draft) (?:me )?(?:a |an |the |my )?(?:short |bedtime |funny |sad |dark |scary )?(?:story|stories|poem|scene|song|novel|screenplay|script|fable|fairy tale|villain's monologue|monologue)\b`), true);
const GAMES = gated(new RegExp(String.raw`(?<![\w-])${alt(GAME_NAMES)}(?![\w-])|\b(?:in|during) (?:the|a|this|my) (?:game|video game|match|level|round)\b`), true);
const SPORT = gated(new RegExp(String.raw`(?<![\w-])${alt(SPORTS)}(?![\w-])`), true);
const SAFETY = gated(new RegExp(String.raw`(?<![\w-])${alt(SAFETY_CUES)}(?![\w-])`), true);
/** Stopping a harm, supporting a person in trouble, harm reduction: "how do we stop phishing emails", "support my sister who …", "test my pills for fentanyl". */
const SUPPORT_FORMS: readonly Rule[] = [
  gated(/\b(?:(?:ways?|how|best way) to (?:stop|prevent|deter|keep out|keep away) (?:[a-z-]+ ){0,2}?(?:thieves|burglars|criminals|hackers|scammers|intruders|pickpockets|predators|stalkers|people from))\b/, true),
  gated(/\b(?:healthy ways)\b/, true),
  gated(/\b(?:instead of (?:hurting|harming|cutting))\b/, true),
  gated(/\b(?:(?:train|training|teach|teaching|educate|educating) (?:my |our |the )?(?:staff|employees|team|workers|users|colleagues|students|kids|children))\b/, true),
  gated(/\b(?:how (?:do|can|could|should|would) (?:i|we|you|one|companies|schools|parents|teachers|banks|businesses) (?:stop|block|prevent|filter out|defend against|protect against|detect|spot|reduce)(?! (?:him|her|them|my|someone|somebody|the (?:guy|man|woman|girl|kid|person)) from (?:breathing|living|waking|walking|talking|speaking|telling|testifying|leaving|escaping|reporting)))\b/, true),
  gated(/\b(?:(?:help|support|comfort|reach out to|care for|look after|be there for) (?:my|a|our|your) (?:[a-z-]+ ){0,2}?(?:who|that))\b/, true),
  gated(/\b(?:(?:test|testing|check|checking) (?:my |the |our |your |their )?(?:[a-z-]+ ){0,2}?(?:drugs|pills|stash|supply|batch|powder|tabs|molly|mdma|ecstasy|cocaine|ketamine) for)\b/, true),
];
const SUPPORT = { exec: (text: string): { index: number } | null => { let best: { index: number } | null = null; for (const r of SUPPORT_FORMS) { const m = r.exec(text); if (m && (best === null || m.index < best.index)) best = m; } return best; } };
/** "How would someone go about …": a hypothetical how-to, never a report of the past. */
const HYPOTHETICAL_HOW = gated(/\bhow (?:would|could|might|should|can) (?:someone|somebody|a person|one|people|you) (?:go about|do|manage|get away with|pull off|best)\b/, true);
/** A generic third party asked about in the present ("why do teenagers …", "how do paramedics …"). */
const THIRD_PARTY_GENERIC = gated(/\b(?:how|why|what) (?:do|does) (?:some |many |most |so many |the )?(?:people|teenagers|teens|adolescents|kids|children|adults|users|victims|survivors|addicts|doctors|paramedics|nurses|police|scientists|researchers|historians|experts|biographers|critics|therapists|psychologists)\b/, true);
/** Asking a story for real-world detail ("but make it real", "the exact steps", "working code") voids the fiction frame. */
const REALISM = gated(/\b(?:(?:need|needs|want|wants) (?:it|this) to (?:actually|really) work|make it real|but real|realistic(?:ally)? (?:enough|detailed)|real(?:-world)? (?:reagents|chemicals|ingredients|recipe|instructions|steps|quantities|amounts|code|method)|exact (?:steps|instructions|recipe|quantities|amounts|method|dosage|dose|reagents|chemicals|ingredients)|step[- ]by[- ]step (?:instructions|guide|recipe)|working (?:code|exploit|malware|recipe)|that (?:actually|really) works?|in real life|irl|for real)\b/, true);
const EVASION = gated(/\b(?:get(?:ting)? caught|being caught|avoid (?:detection|the police|police|cops|suspicion|being (?:seen|traced|found|noticed|identified))|undetected|without (?:anyone|getting|being|leaving)|get away with|cover (?:it |this )?up|no (?:traces?|evidence)|leave no|untraceable|not get caught|unnoticed|without (?:[a-z-]+ ){0,2}(?:finding out|noticing|knowing|realising|realizing)|hide the (?:body|evidence)|so (?:no one|nobody) (?:knows|finds))\b/, true);

/** Reads the frames of folded text; `cased` is the same text with case kept (proper names). */
export function readFrames(text: string, cased: string): Frames {
  const firstPerson = FIRST_PERSON.test(text);
  const evasion = EVASION.test(text);
  const safety = SAFETY.exec(text) ?? SUPPORT.exec(text);
  const actionable = ACTIONABLE.test(text);
  const wordsCount = text.split(/\s+/).length;
  const definition = wordsCount <= 14 && DEF.test(text) && !/\b(?:i|we|me|my)\b/.test(text) && !INSTRUMENTAL.test(text);
  const pastQ = PAST_Q.test(text) && !/\b(?:did|was|were|had) (?:i|we)\b/.test(text);
  const descriptive = (pastQ || THIRD_PARTY_PRESENT.test(cased) || THIRD_PARTY_GENERIC.test(text)) && !/\b(?:i|we)\b/.test(text) && !HYPOTHETICAL_HOW.test(text);
  const games = GAMES.test(text);
  return {
    actionable: actionable || (firstPerson && !definition && !descriptive),
    firstPerson,
    definition,
    descriptive,
    fiction: (FICTION.test(text) || games) && !REALISM.test(text),
    sport: SPORT.test(text) || games,
    safetyAt: safety && !evasion ? safety.index : -1,
    evasion,
  };
}

/**
 * The three frames a whole text lends its sentences (fiction, sport, actionable), equal to those fields of
 * {@link readFrames} (fiction and sport read off `storyText` when given): the same tests, minus those the three do not read (evasion, safety), each run only when
 * the result still depends on it (every test is pure, so skipping one whose outcome cannot matter is exact).
 */
export function readWholeFrames(text: string, cased: string, storyText = text): Pick<Frames, 'fiction' | 'sport' | 'actionable'> {
  // `storyText`: the text that may lend a story or game frame — the prompt without its quoted untrusted blocks,
  // so that a peer's quoted words cannot declare the whole prompt fiction (offline.checker.ts)
  const story = storyBits(storyText);
  const games = (story & 1) !== 0;
  const fiction = (games || (story & 2) !== 0) && !REALISM.test(text);
  const sport = games || (story & 4) !== 0;
  // actionable || (firstPerson && !definition && !descriptive), read left to right as readFrames computes each
  let actionable = ACTIONABLE.test(text);
  if (!actionable && FIRST_PERSON.test(text)) {
    const definition = text.split(/\s+/).length <= 14 && DEF.test(text) && !/\b(?:i|we|me|my)\b/.test(text) && !INSTRUMENTAL.test(text);
    const descriptive = !definition && (PAST_Q.test(text) && !/\b(?:did|was|were|had) (?:i|we)\b/.test(text) || THIRD_PARTY_PRESENT.test(cased) || THIRD_PARTY_GENERIC.test(text)) && !/\b(?:i|we)\b/.test(text) && !HYPOTHETICAL_HOW.test(text);
    actionable = !definition && !descriptive;
  }
  return { fiction, sport, actionable };
}

/**
 * GAMES, FICTION and SPORT over a whole text as bits (1, 2, 4), an OR over its segments between "." "!" "?":
 * no match of the three can contain those characters (their word lists hold none, and their patterns use only
 * words, spaces, \s, [\w'-], ' and &), and at a segment's edges the cut-off neighbour is such a character,
 * which their edge tests ((?<![\w-]), (?![\w-]), \b) read exactly as they read a string's edge. Agent prompts
 * repeat sentence by sentence, so each segment's bits are remembered (a pure cache: a hit is what the tests return).
 */
function storyBits(text: string): number {
  let bits = 0;
  let from = 0;
  for (let i = 0; i <= text.length && bits !== 7; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46;
    if (c !== 46 && c !== 33 && c !== 63) continue; // . ! ?
    if (i > from) {
      const seg = text.slice(from, i);
      let b = SEGMENT_BITS.get(seg);
      if (b === undefined) SEGMENT_BITS.set(seg, (b = (GAMES.test(seg) ? 1 : 0) | (FICTION.test(seg) ? 2 : 0) | (SPORT.test(seg) ? 4 : 0)));
      bits |= b;
    }
    from = i + 1;
  }
  return bits;
}
/** Story bits of text segments (bounded: entries and characters of key text). */
const SEGMENT_BITS = new Lru<number>(20_000, 2_000_000);

/** Empties the segment memo of {@link readWholeFrames} (the offline checker's clearOfflineMemo calls it: cold checks stay cold). */
export function clearFramesMemo(): void { SEGMENT_BITS.clear(); }
