/**
 * Topic detectors of the offline checker: drugs, weapons, named crimes, cybercrime and fraud, sexual content
 * involving minors, self-harm phrasings and the glorification, denial or re-enactment of atrocities. Each
 * reads the frames, so that "What is cocaine?" (definition) and "a fraud scheme in my crime novel" (fiction)
 * pass while "Where can I buy a gram of coke?" does not.
 */
import type { Finding } from './checker.types.js';
import type { Frames } from './frames.js';
import { alt } from './lexicon.js';
import {
  AMBIGUOUS_DRUGS, CRIME_NOUNS, CRIME_VERBS, CYBER_OBJECTS, CYBER_PATTERNS, CYBER_STRONG, DRUGS, DRUG_CUES, DRUG_VERBS,
  DUAL_USE_WEAPONS, ILLICIT_CUES, MAKE_VERBS, WEAPONS, WEAPON_IDIOMS,
} from './lexicon.topics.js';
import { SEX_EDUCATION } from './detect.intent.js';
import { words } from './rules.js';
import { HUMAN_NOUNS, THEFT_IDIOMS, VULNERABLE_NOUNS, inflect } from './lexicon.js';
import { gated } from './prefilter.js';

const THEFT_IDIOM = gated(words(THEFT_IDIOMS));

const inflectAll = (list: readonly string[]): string[] => [...new Set(list.flatMap(inflect))];
const B = (s: string): string => `(?<![\\w-])${s}(?![\\w-])`;

const AMBIG = new Set(AMBIGUOUS_DRUGS);
const DRUG_RE = gated(new RegExp(B(`(${alt(DRUGS)})`), 'g'));
const DRUG_VERB_RE = gated(new RegExp(B(alt(inflectAll(DRUG_VERBS)))));
const DRUG_CUE_RE = gated(new RegExp(B(alt(DRUG_CUES))));
/** A getting, selling or using verb (any inflection) right before an ambiguous drug name ("dealing weed"). */
const DRUG_BEFORE = gated(new RegExp(`\\b(?:${alt(inflectAll(['buy', 'sell', 'smoke', 'snort', 'score', 'cook', 'deal', 'get', 'make', 'find', 'take', 'do', 'grow', 'push', 'move', 'ship', 'import', 'smuggle', 'stash', 'hide', 'press', 'cut', 'sneak', 'give']))}|on|high on)\\s+(?:some\\s+|more\\s+|the\\s+)?$`));
/** Readings of ambiguous drug names that are not drugs. */
const DRUG_NOT = gated(/\b(?:crack (?:open|a joke|jokes|the|a|an|my|your|his|her|down|up|on|into|it|under|of dawn)|state of ecstasy|in ecstasy|ecstasy of|pure ecstasy|weed (?:my|the|a|out|your|our|garden|lawn|killer|whacker|wacker|eater|barrier|control)|(?:diet|a can of|can of|bottle of|glass of|cherry|vanilla|coca|zero) coke|coke (?:zero|can(?! (?:i|we|you)\b)|bottle|float)|(?:pot|pots) (?:of|plant|roast|luck|pie|holder)|(?:flower|plant|cooking|clay|crock|tea|coffee|sauce|stock|a|the|my) pot\b|speed (?:up|limit|of|camera|bump|dating|test|read)|(?:top|high|low|full|internet|upload|download) speed|ice (?:cream|cube|cubes|skating|rink|hockey|pack|age|tea|water|box|bucket|fishing|machine|maker|dance)|(?:acid (?:reflux|rain|test|wash|jazz|house|attack)|(?:amino|citric|folic|lactic|stomach|hyaluronic|salicylic|battery|boric|nitric|hydrochloric|sulfuric|uric|fatty|nucleic) acids?)|blow (?:up|dry|out|off|a kiss|away|my mind|bubbles|dryer|torch)|dope (?:song|beat|track)|grass (?:seed|cutter|roots|fed|court|stain)|spice (?:rack|up|mix|blend)|lean (?:meat|muscle|protein|back|over|on|in|forward|startup|manufacturing|into)|hash (?:function|table|map|tag|brown|browns|rate)|molly (?:fish|weasley))(?![\w-])/);
const WEAPON_RE = gated(new RegExp(B(`(${alt(WEAPONS)})`), 'g'));
const MAKE_RE = gated(new RegExp(B(`(${alt(inflectAll(MAKE_VERBS))})`)));
const DUAL = new Set(DUAL_USE_WEAPONS);
/** Turning one thing into a weapon ("turn a solvent trap into a silencer"). */
const CONVERT = gated(/\b(?:turn|turning|convert|converting|transform|transforming|modify|modifying|adapt|adapting) (?:[a-z0-9'-]+ ){1,5}?into (?:a |an )?(?:working |functional |real |live )?[a-z-]+/);
/** Removing a firearm's identity: tampering is itself an illicit cue. */
const TAMPER = gated(/\b(?:file|filing|grind|grinding|scratch|scratching|sand|sanding|drill|drilling|remove|removing|erase|erasing|obliterate|obliterating|deface|defacing|burn|burning) (?:off |out |away |down )?(?:the |a |its )?serial (?:numbers?|no)\b/, true);
const ILLICIT = gated(words(ILLICIT_CUES), true);
/** Getting a weapon off the record ("without my name on any record", "no paperwork"). */
const OFF_RECORD = gated(/\b(?:without (?:[a-z-]+ ){0,4}?(?:records?|paperwork|background checks?|licen[cs]e|registration|id|serial numbers?)|off the books|no questions asked|no paperwork)\b/, true);
const WEAPON_IDIOM = gated(words(WEAPON_IDIOMS));
const CRIME_RE = gated(new RegExp(B(`(${alt(inflectAll(CRIME_VERBS))})\\s+(?:(?:a|an|the|my|our|some|another|this|that|perfect|successful|big|real|violent|proper)\\s+)?(?:[a-z]+'s\\s+)?(?:(?!(?:i|we|you|he|she|they|it|to|that|this)\\b)[a-z-]+\\s+){0,2}?(${alt([...Object.keys(CRIME_NOUNS), 'death', 'another death'])})`)), true);
const FRAUD_PERSON = gated(new RegExp(B(`(?:${alt(inflectAll(['extort', 'blackmail', 'scam', 'con', 'swindle', 'defraud', 'bribe', 'catfish', 'sextort', 'fleece', 'rip off', 'cheat', 'manipulate', 'coerce', 'gaslight']))})`) + `\\s+(?:(?:my|our|a|an|the|some|this|that|his|her|their|old|elderly|lonely|vulnerable|rich|[a-z-]+'s)\\s+){0,3}(?:[a-z-]+\\s+)?` + B(`(?:${alt(HUMAN_NOUNS.concat(VULNERABLE_NOUNS))})`)), true);
const DISABLE_SECURITY = gated(/\b(?:disable|disabling|bypass|bypassing|deactivate|deactivating|jam|jamming|defeat|defeating|get past|getting past|cut|cutting|turn off|turning off|override|overriding|pick|picking) (?:the |a |an )?(?:[a-z-]+ )?(?:alarms?|security (?:system|systems|cameras?|guards?)|cctv|cameras?|motion sensors?|locks?|ankle monitor|ankle tag|tracker|immobili[sz]er|tripwire|laser grid|anti-theft|security tags?)\b.{0,30}?\b(?:in|of|at|on|from|inside) (?:a |an |the |my [a-z-]+'s |someone's |[a-z-]+'s )?(?:[a-z-]+ )?(?:bank|vault|store|shop|house|home|museum|jewel\w*|building|car|office|warehouse|casino|apartment|flat|mansion|gallery|pharmacy|atm|prison|jail|school)\b/, true);
const CYBER_RE = gated(new RegExp(B(`(${alt(inflectAll(CYBER_PATTERNS))})`) + `\\s+(?:into\\s+)?(?:(?:a|an|the|my|our|some|their|his|her|someone's|somebody's|people's|other people's|[a-z-]+'s|fake|new|free|stolen|government|company|school|neighbou?r's|private|corporate|online|secure|work|personal)\\s+){0,3}` + B(`(${alt(CYBER_OBJECTS)})`)), true);
/** Digital and financial things a strong cyber verb is aimed at (CYBER_STRONG): no people, exams or elections. */
const STRONG_OBJECTS = ['account', 'accounts', 'email', 'emails', 'password', 'passwords', 'wifi', 'wi-fi', 'network', 'server', 'servers', 'computer', 'phone', 'website', 'database', 'bank account', 'credit card', 'credit cards', 'credentials', 'identity', 'social security', 'passport', 'passports', "driver's license", 'signature', 'check', 'cheque', 'money', 'cash', 'bills', 'banknotes', 'currency', 'key card', 'keycard', 'key cards', 'key fob', 'sim card', 'access card', 'hotel key', 'debit card', 'bank card', 'card details', 'login', 'crypto wallet', 'instagram', 'facebook', 'snapchat', 'whatsapp', 'icloud', 'gmail', 'router', 'webcam', 'security camera', 'smart lock', 'atm', 'card reader', 'pin', 'system', 'systems', 'grades', 'grading system', '2fa', 'two-factor', 'two-factor authentication', 'mfa', 'multi-factor authentication'];
const CYBER_STRONG_RE = gated(new RegExp(B(`(${alt(inflectAll(CYBER_STRONG))})`) + `\\s+(?:into\\s+)?(?:[\\w'$£€-]+\\s+){0,3}?` + B(`(${alt(STRONG_OBJECTS)})`)), true);
const MINORS = gated(/\b(?:child|children|kid|kids|minor|minors|underage|under-age|toddler|preteen|pre-teen|teen|teens|teenager|teenagers|schoolgirl|schoolboy|schoolgirls|little girl|little boy|infant|baby|(?:1[0-7]|[1-9]|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)[- ]year[- ]olds?|young girl|young boy|students? (?:in|at) (?:my|the) (?:middle|primary|elementary|high) school|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|1st|2nd|3rd|[4-8]th)[- ]graders?|middle[- ]schoolers?|grade[- ]schoolers?|(?:primary|elementary|middle|junior high) school (?:child|children|kids?|girls?|boys?|pupils?|students?)|in (?:first|second|third|fourth|fifth|sixth|seventh|eighth|1st|2nd|3rd|[4-8]th) grade|prepubescent|pubescent|preschoolers?|kindergartners?|kindergarteners?|year [1-9] (?:pupils?|students?|girls?|boys?))\b/, true);
const SEXUAL = gated(/\b(?:sext|sexts|sexting|sex|sexual|sexually|nude|nudes|naked|porn|porno|pornography|erotic|explicit|sexy|seduce|groom|grooming|molest|fondle|intercourse|lewd|nsfw|hook ?up with|have sex|sleep with|make out with|touch (?:a|the|my) (?:child|kid)\w* inappropriately|arousing|aroused|turn(?:s|ed)? me on|fetish|lingerie|strip|undress)\b/, true);
const CSAM = gated(/\b(?:pa?edophil\w*|csam|child porn\w*|child sexual abuse material|lolicon|shotacon|jailbait|kiddie porn|underage porn|preteen porn)\b/, true);
const SELF_HARM = gated(/\b(?:commit suicide|kill myself|end my (?:own )?life|take my (?:own )?life|end it all|(?:cut|hurt|harm|burn|starve|injure) myself|(?:slit|cut) my wrists?|over ?dose on|overdose|lethal dose|fatal dose|painless(?:ly)? (?:way to )?(?:die|death|suicide)|(?:way|ways|how) to die|want to die|wanna die|don't want to (?:live|be alive|wake up)|(?:jump|throw myself) (?:off|from|in front of)|go out like|die like|end my life like|(?:hang|drown|shoot|poison|suffocate|gas|electrocute) myself|self[- ]harm(?:ing)?|unalive myself|not wake up|(?:take|swallow|drink|inject|eat|use|buy) (?:\w+ ){0,3}to (?:die|end (?:it|it all|my life)|kill myself|not wake up)|(?:cut|carve|slash|burn|scratch|scar|stab|bruise|hurt)\w* .{0,45}?\b(?:into|on|in|onto) my (?:own )?(?:arms?|wrists?|skin|legs?|thighs?|body|face|stomach|chest|hands?|veins?))\b/, true);
const DENIAL = gated(/\b(?:never (?:happened|took place|existed|occurred)|(?:was|were|is) (?:a )?(?:complete |total |big )?(?:fabrication|hoax|lie|myth|fake|made up|exaggerated|fiction|invented|propaganda)|didn't (?:happen|exist)|did not (?:happen|exist)|is a lie)\b/, true);
const DENIAL_VERB = gated(/\b(?:convince|make|persuade|show|prove|argue|claim|spread|tell|teach|demonstrate|get) /);
const ATROCITY = gated(/\b(?:genocide|holocaust|shoah|massacre|massacres|slavery|slave trade|trail of tears|apartheid|ethnic cleansing|atomic bombs?|nagasaki|hiroshima|9\/11|september 11|shooting|bombing|famine|holodomor|gulag|nakba|killing fields|khmer rouge|lynching|jim crow|pogrom|internment|concentration camps?|auschwitz|treblinka|nazi\w*|third reich|taliban rule|atrocit\w+|war crimes?|terror(?:ist)? attack|bombings?)\b/);
const BENEFITS = gated(new RegExp(`\\b(?:benefits|advantages|upsides|positives|positive (?:sides|aspects|effects)|good things|successes) (?:of|from) (?:the )?.{0,30}?(?:${ATROCITY.source.slice(5, -3)}|[a-z]+'s rule)`), true);
const GOOD_ATROCITY = gated(new RegExp(`(?:${ATROCITY.source.slice(5, -3)}|colonialism|the nazis|hitler|stalin|pol pot)\\s+(?:was|were|is|are)\\s+(?:actually\\s+|really\\s+)?(?:good|beneficial|positive|justified|necessary|a good thing|not that bad|good for|great|right|deserved|a blessing)\\b`), true);
const GLORIFY = gated(/\b(?:why (?:was|were|is|are) .{1,60}? (?:justified|right|good|a good thing|deserved|necessary|heroic|admirable|a hero|correct|acceptable)|(?:right|justified|correct|heroic) to (?:kill|shoot|murder|attack|bomb|massacre|exterminate|lynch)|(?:deserved|deserve) to (?:die|be killed|be shot|be murdered))\b/, true);
const REPLICATE = gated(new RegExp(`\\b(?:(?:repeat|replicate|recreate|reproduce|copy|emulate|imitate|re-enact|reenact|surpass|outdo|bring back) (?:the |another |a )?.{0,50}?(?:${ATROCITY.source.slice(5, -3)}|assassinations?|murders?|killings?|death toll)|(?:use|apply|adopt|follow|copy|repeat|bring back) (?:the )?[a-z]+'s (?:methods|tactics|playbook|approach|techniques) (?:for|of|to|against|in) (?:dealing with |handling |silencing |crushing )?(?:political )?(?:opponents|dissidents|critics|journalists|protesters|minorities|enemies|rivals))`), true);
const RESTORE = gated(/\b(?:restore|bring back|reinstate|reintroduce|implement|enforce|revive|return to|start) (?:a |the )?(?:[\w-]+[- ]style |[\w-]+ )?(?:discrimination|segregation|slavery|apartheid|jim crow|eugenics|ethnic cleansing|internment|pogroms?|persecution)\b/, true);

/** Drugs: getting, making, selling or using an illegal drug (ambiguous names need a drug cue). */
export function detectDrugs(text: string, f: Frames, notes: string[]): Finding[] {
  if (f.definition || f.safetyAt >= 0 || !f.actionable || f.fiction) return [];
  DRUG_RE.lastIndex = 0;
  for (let m = DRUG_RE.exec(text); m; m = DRUG_RE.exec(text)) {
    const name = m[1]!;
    const around = text.slice(Math.max(0, m.index - 40), m.index + name.length + 25);
    if (AMBIG.has(name)) {
      if (DRUG_NOT.test(around)) { notes.push(`"${name}": not the drug reading here`); continue; }
      const before = text.slice(Math.max(0, m.index - 25), m.index);
      // the weakest names (ice, speed, pot …) need a strong cue; "some" alone does not make ice a drug
      const weak = /^(?:ice|speed|pot|grass|acid|blow|lean|spice|hash|dope|skunk|pills|mushrooms|k|ket)$/.test(name);
      if (weak && !/\b(?:gram|grams|ounce|oz|bag|baggie|line|lines|tab|tabs|hit|dealer|pipe|smoke|smoking|snort|snorting|inject|cook|cooking|score|get high|high on|eighth|kilo|crystal|plug|rave|pop some|for the weekend|party pills|promethazine|codeine|sizzurp|sip|cup)\b/.test(around)) { notes.push(`"${name}": no strong drug cue`); continue; }
      if (!DRUG_CUE_RE.test(around) && !DRUG_BEFORE.test(before)) { notes.push(`"${name}": no drug cue`); continue; }
    }
    if (DRUG_VERB_RE.test(around)) return [{ category: 'drugs', score: 0.85, reason: `getting, making, selling or using "${name}"` }];
  }
  return [];
}

/** Weapons: making or getting explosives, chemical/biological weapons, or illicit firearms. */
export function detectWeapons(text: string, f: Frames, notes: string[]): Finding[] {
  if (f.definition || !f.actionable) return [];
  WEAPON_RE.lastIndex = 0;
  for (let m = WEAPON_RE.exec(text); m; m = WEAPON_RE.exec(text)) {
    const name = m[1]!;
    const around = text.slice(Math.max(0, m.index - 40), m.index + name.length + 30);
    if (WEAPON_IDIOM.test(around)) { notes.push(`"${name}": idiom`); continue; }
    const window = text.slice(Math.max(0, m.index - 50), m.index + name.length + 20);
    if (!MAKE_RE.test(window) && !CONVERT.test(window) && !TAMPER.test(text)) continue;
    const real = /\b(?:real|live) (?:bullets|rounds|ammo|ammunition)\b/.test(text);
    if (!real && (f.sport || (f.fiction && DUAL.has(name)))) { notes.push(`"${name}": in a game or story`); continue; }
    if (DUAL.has(name) && !ILLICIT.test(text) && !TAMPER.test(text) && !CONVERT.test(window) && !OFF_RECORD.test(text)) { notes.push(`"${name}": lawful to own in many places; no illicit cue`); continue; }
    return [{ category: 'weapons', score: 0.9, reason: `making or getting "${name}"` }];
  }
  return [];
}

/** Named crimes planned or committed ("commit fraud", "plan a kidnapping"), cybercrime and fraud. */
export function detectCrimes(text: string, f: Frames, notes: string[]): Finding[] {
  if (!f.actionable || f.definition) return [];
  const out: Finding[] = [];
  const c = CRIME_RE.exec(text);
  if (c) {
    const noun = c[2]!;
    const cat = (CRIME_NOUNS[noun] ?? 'violence') as Finding['category'];
    if (f.fiction || f.descriptive) notes.push(`"${c[0]}": inside fiction or a past event`);
    else out.push({ category: cat, score: 0.85, reason: `"${c[0]}": planning or committing ${noun}` });
  }
  const p = FRAUD_PERSON.exec(text);
  if (p && !f.fiction && !f.descriptive) out.push({ category: 'fraud-cybercrime', score: 0.8, reason: `"${p[0]}": defrauding or coercing a person` });
  const d = DISABLE_SECURITY.exec(text);
  if (d && !f.fiction && !f.descriptive && !/\b(?:my|our) (?:own )?(?:[a-z-]+ )?(?:car|house|home|phone|flat|apartment|office|shop|store|garage|bike)\b/.test(d[0])) out.push({ category: 'crime', score: 0.75, reason: `"${d[0]}": defeating someone else's security` });
  const y = CYBER_RE.exec(text) ?? CYBER_STRONG_RE.exec(text);
  // "phishing emails" is a noun phrase: a safety purpose anywhere in the sentence excuses it ("examples … so I can train my staff")
  if (y && !f.fiction && !f.descriptive && !(f.safetyAt >= 0 && (f.safetyAt < y.index || y[1] === 'phishing'))) {
    if (/^(?:steal|stole|snatch)/.test(y[1]!) && THEFT_IDIOM.test(text.slice(y.index))) { notes.push(`"${y[0]}": idiom`); return out; }
    const own = /\b(?:my own|my|our)\s+(?:[a-z-]+\s+)?(?:account|email|phone|password|wifi|wi-fi|computer|router|laptop|safe|network|login|website|server)\b/.test(y[0]) && !/\b(?:my|our) [a-z-]+'s\b/.test(y[0]);
    if (own && !/\b(?:hack|phish|launder|forge|counterfeit|fake)\w*/.test(y[0])) notes.push(`"${y[0]}": the speaker's own account`);
    else out.push({ category: 'fraud-cybercrime', score: 0.8, reason: `"${y[0]}": fraud or intrusion` });
  }
  return out;
}

/** Sexual content involving minors, and self-harm phrasings not caught by verb and target. */
export function detectSexualMinorsAndSelfHarm(text: string, f: Frames, notes: string[]): Finding[] {
  const out: Finding[] = [];
  const safety = f.safetyAt >= 0;
  if (CSAM.test(text) && !f.definition && !safety) out.push({ category: 'sexual-minors', score: 0.95, reason: 'sexual interest in children' });
  else if (SEXUAL.test(text) && MINORS.test(text) && !f.definition && !safety && !SEX_EDUCATION.test(text)) out.push({ category: 'sexual-minors', score: 0.9, reason: 'sexual words together with a minor' });
  const s = SELF_HARM.exec(text);
  // an overdose or a lethal dose is self-harm when the speaker is in it; otherwise it is medicine or pharmacology
  if (s && /^(?:over ?dose(?: on)?|lethal dose|fatal dose)$/.test(s[0]) && !/\b(?:i|me|my|myself|i'm|i've|i'd)\b/.test(text)) notes.push(`"${s[0]}": no first person; a medical or pharmacological question`);
  else if (s) {
    if (f.definition || f.fiction || (safety && f.safetyAt < s.index + 40) || (f.descriptive && !f.firstPerson)) notes.push(`"${s[0]}": definition, story, past event or safety question`);
    else if (/\bgo out like\b|\bdie like\b/.test(s[0]) && !/\b(?:go out|die|end my life) like [a-z]+ [a-z]+/.test(text)) notes.push(`"${s[0]}": idiom without a person named`);
    else out.push({ category: 'self-harm', score: 0.9, reason: `"${s[0]}": self-harm` });
  }
  return out;
}

/** Glorifying, denying, re-enacting or restoring atrocities and historical discrimination. */
export function detectAtrocity(text: string, f: Frames): Finding[] {
  const out: Finding[] = [];
  const g = GLORIFY.exec(text);
  if (g && !f.fiction) out.push({ category: 'violence', score: 0.85, reason: `"${g[0]}": justifies or glorifies violence` });
  if (DENIAL.test(text) && (ATROCITY.test(text) || DENIAL_VERB.test(text)) && (f.actionable || /\bwhy\b/.test(text))) out.push({ category: 'hate', score: 0.85, reason: 'denies a documented atrocity' });
  const ga = GOOD_ATROCITY.exec(text);
  if (ga && (f.actionable || /\bwhy\b/.test(text)) && !f.fiction) out.push({ category: 'hate', score: 0.8, reason: `"${ga[0]}": presents an atrocity as good` });
  const b = BENEFITS.exec(text);
  if (b && !f.fiction) out.push({ category: 'violence', score: 0.75, reason: `"${b[0]}": presents an atrocity as beneficial` });
  const r = REPLICATE.exec(text);
  if (r && f.actionable && !f.fiction && !f.descriptive) out.push({ category: 'violence', score: 0.85, reason: `"${r[0]}": re-enacting an atrocity` });
  const s = RESTORE.exec(text);
  if (s && f.actionable && !f.descriptive) out.push({ category: 'hate', score: 0.85, reason: `"${s[0]}": restoring institutional discrimination` });
  return out;
}
