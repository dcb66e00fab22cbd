/**
 * Violence and self-harm by verb and target. A violent verb is harmful only when its object is a person, the
 * speaker, a person's body or life, someone else's property or a crowded place: "kill a Python process",
 * "shoot a photo", "crush a soda can" and "beat my competition" name no such target, which is how homonyms
 * and figurative uses pass without a list of idioms.
 */
import type { Finding } from './checker.types.js';
import type { Frames } from './frames.js';
import {
  ANIMAL_NOUNS, BODY_PARTS, COMPETITIVE_NOUNS, HARM_IRREGULAR, HARM_VERBS, HUMAN_NOUNS, LETHAL_IRREGULAR, LETHAL_VERBS, LIFE_NOUNS,
  MASS_VIOLENCE_VERBS, POPULATED_PLACES, PROPERTY_NOUNS, QUANTIFIERS, THEFT_IDIOMS, THEFT_IRREGULAR, THEFT_VERBS,
  VULNERABLE_NOUNS, alt, inflect,
} from './lexicon.js';
import { GROUP_NOUNS } from './lexicon.topics.js';
import { set, words } from './rules.js';
import { gated } from './prefilter.js';

/** What a verb's object is. */
export type Target = 'self' | 'self-body' | 'vulnerable' | 'human' | 'competitive' | 'human-body' | 'human-life' | 'animal' | 'others-property' | 'place' | 'object' | 'none';

type VerbClass = 'lethal' | 'harm' | 'theft';
interface VerbInfo { cls: VerbClass; base: string; past: boolean }

const VERBS = new Map<string, VerbInfo>();
function addVerbs(list: readonly string[], cls: VerbClass, irregular: readonly string[]): void {
  for (const base of list) for (const f of inflect(base)) if (!VERBS.has(f)) VERBS.set(f, { cls, base, past: f !== base && /ed$/.test(f.split(' ')[0]!) });
  for (const f of irregular) if (!VERBS.has(f)) VERBS.set(f, { cls, base: f, past: true });
}
addVerbs(LETHAL_VERBS, 'lethal', LETHAL_IRREGULAR);
addVerbs(THEFT_VERBS, 'theft', THEFT_IRREGULAR);
addVerbs(HARM_VERBS, 'harm', HARM_IRREGULAR);

const HUMAN = set(HUMAN_NOUNS, GROUP_NOUNS.filter((g) => !g.includes(' ')));
const VULNERABLE = set(VULNERABLE_NOUNS);
const ANIMALS = set(ANIMAL_NOUNS);
/** A plural noun's singular by regular morphology ("officers", "ladies", "policemen"); lexicons list singulars. */
const singular = (w: string): string => (w.endsWith('ies') ? `${w.slice(0, -3)}y` : w.endsWith('men') ? `${w.slice(0, -3)}man` : w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);
const isIn = (s: ReadonlySet<string>, w: string): boolean => s.has(w) || s.has(singular(w));
/** Verbs of cruelty that harm an animal (with every lethal verb). */
const CRUELTY = set(['kill', 'murder', 'strangle', 'choke', 'suffocate', 'smother', 'hang', 'electrocute', 'burn alive', 'set on fire', 'set fire to', 'bludgeon', 'dismember', 'hurt', 'harm', 'injure', 'wound', 'beat', 'kick', 'punch', 'abuse', 'burn', 'scald', 'maul', 'mutilate', 'whip', 'batter', 'starve', 'torture', 'cut', 'stab', 'poison', 'drown', 'blind', 'maim', 'throw', 'break']);
const COMPETITIVE = set(COMPETITIVE_NOUNS);
const BODY = set(BODY_PARTS);
const LIFE = set(LIFE_NOUNS);
const PROPERTY = set(PROPERTY_NOUNS);
const PLACES = set(POPULATED_PLACES);
const QUANT = set(QUANTIFIERS);
const PARTICLES = set(['in', 'up', 'out', 'off', 'down', 'over', 'open']);
const CORPSES = set(['body', 'bodies', 'corpse', 'corpses', 'cadaver', 'remains']);
const PREPOSITIONS = set(['on', 'at', 'into', 'against', 'to']);
const MASS = set(MASS_VIOLENCE_VERBS);
const STOP = set(['to', 'so', 'in', 'at', 'for', 'with', 'because', 'while', 'without', 'from', 'on', 'during', 'like', 'when', 'if', 'and', 'or', 'but', 'into', 'onto', 'using', 'by', 'before', 'after', 'until', 'than', 'is', 'are', 'was', 'were', 'be', 'that', 'who', 'which', 'where', 'i', 'we', 'he', 'she', 'they', 'it', 'as', 'over', 'through', 'off', 'out', 'up', 'down', 'away', 'around', 'near', 'behind', 'inside', 'under', 'across', 'toward', 'towards', 'about', 'against', 'via', 'within', 'among', 'between', 'till', 'then', 'now', 'today', 'tonight', 'quickly', 'fast', 'properly', 'effectively', 'easily', 'there', 'here', 'ever', 'yet', 'again', 'of']);
const DETERMINERS = set(['most', 'a', 'an', 'the', 'this', 'that', 'these', 'those', 'some', 'any', 'every', 'all', 'entire', 'whole', 'each', 'both', 'several', 'many', 'one', 'two', 'three', 'other', 'another', 'such', 'certain', 'few', 'own', 'lot', 'bunch']);
const COMPETITIVE_OK = set(['beat', 'crush', 'destroy', 'smash', 'eliminate', 'take out', 'knock out', 'defeat', 'outplay', 'ruin', 'terminate', 'kill', 'hit', 'tackle', 'attack', 'break', 'snipe', 'slay', 'shoot', 'punch', 'choke', 'overpower', 'capture']);
const SELF_HARM_VERBS = set(['slice', 'kill', 'hang', 'drown', 'shoot', 'poison', 'starve', 'suffocate', 'smother', 'strangle', 'choke', 'electrocute', 'gas', 'hurt', 'harm', 'cut', 'carve', 'slash', 'burn', 'stab', 'injure', 'wound', 'overdose', 'scald', 'bite', 'hit', 'punch', 'beat', 'throw', 'disfigure', 'mutilate', 'maim', 'bruise', 'scar', 'end', 'drug', 'bash', 'paralyze', 'paralyse', 'torture', 'blind', 'break', 'behead', 'knife', 'execute', 'terminate', 'eliminate', 'do away with', 'get rid of', 'take out', 'finish off', 'destroy', 'ruin', 'bludgeon', 'incinerate', 'burn alive', 'set on fire', 'set fire to', 'run over', 'push', 'crush', 'smash', 'sabotage']);
const DAMAGE = set(['destroy', 'wreck', 'smash', 'vandalize', 'vandalise', 'torch', 'burn', 'blow up', 'bomb', 'sabotage', 'break', 'break open', 'crack open', 'slash', 'explode', 'make explode', 'set fire to', 'set on fire', 'ruin', 'key', 'poison', 'kill', 'hammer', 'nuke', 'gut']);
const HARASS = set(['destroy', 'ruin', 'wreck', 'sabotage', 'end', 'attack', 'crush', 'smash', 'burn', 'torch', 'take', 'steal']);
const BENIGN_PURPOSE = gated(/\b(?:for|to) (?:a |an |the )?(?:dinner|lunch|breakfast|brunch|a meal|drinks?|coffee|a date|the movies|a movie|a walk|a drive|a ride|dance|dancing|shopping|a treat|celebrate|ice cream)\b/, true);
const THEFT_IDIOM = words(THEFT_IDIOMS);

/** Classifies the noun phrase starting at `start`. */
export function classifyTarget(toks: readonly string[], start: number): Target {
  let owner: 'self' | 'other' | 'thing' | undefined;
  let prev = '';
  let seen = 0;
  let determiner = false;
  for (let i = start; i < toks.length && seen < 7; i++, seen++) {
    const t = toks[i]!;
    const pair = i + 1 < toks.length ? `${t} ${toks[i + 1]!.replace(/'s?$/, '')}` : '';
    // a particle right after the verb belongs to it ("smash in someone's skull", "beat up a man")
    if (seen === 0 && PARTICLES.has(t)) continue;
    if (t === 'of') { if (QUANT.has(prev)) { prev = t; continue; } break; }
    if (t === 'myself' || t === 'me' || (t === 'my' && (toks[i + 1] === 'life' || toks[i + 1] === 'self' || (toks[i + 1] === 'own' && toks[i + 2] === 'life')))) return 'self';
    if (t === 'you' || t === 'him' || t === 'them' || t === 'yourself' || t === 'himself' || t === 'herself' || t === 'themselves') return 'human';
    if (t === 'her') { const nx = toks[i + 1]; if (nx === undefined || STOP.has(nx)) return 'human'; owner = 'other'; prev = t; continue; }
    if (STOP.has(t) || VERBS.has(t)) break;
    if (t === 'my' || t === 'our') { owner ??= 'self'; prev = t; continue; }
    if (t === 'his' || t === 'their' || t === 'your' || t === 'its') { owner = 'other'; prev = t; continue; }
    if (DETERMINERS.has(t) || (QUANT.has(t) && toks[i + 1] === 'of')) { determiner = true; prev = t; continue; }
    const poss = /[a-z]'s?$/.test(t) && t !== "let's";
    const base = t.replace(/'s?$/, '');
    if (pair && PLACES.has(pair) && !owner) return 'place';
    if (COMPETITIVE.has(base) || (pair && COMPETITIVE.has(pair))) return 'competitive';
    // two-word people nouns ("police officers", "security guard"), then one word, singular or plural
    if (pair && !poss && (isIn(HUMAN, pair) || isIn(VULNERABLE, pair))) return isIn(VULNERABLE, pair) ? 'vulnerable' : 'human';
    // "egg whites" are no people
    if ((base === 'whites' || base === 'blacks') && /^(?:egg|the egg|separate|separated|colou?red)$/.test(prev)) { prev = t; continue; }
    // "a match" is a person only as a dating match ("my tinder match"), not the thing struck or played
    if (base === 'match' && !/^(?:my|tinder|hinge|bumble|dating|her|his|your)$/.test(prev)) { prev = t; continue; }
    if (isIn(HUMAN, base) || isIn(VULNERABLE, base)) {
      if (poss) { owner = 'other'; prev = t; continue; }
      return isIn(VULNERABLE, base) ? 'vulnerable' : 'human';
    }
    if (!poss && (isIn(ANIMALS, base) || (pair && isIn(ANIMALS, pair)))) return 'animal';
    if (CORPSES.has(base) && toks[i + 1] !== 'of' && owner !== 'thing') return 'human-body';
    // "the fingers of a man", "the throat of my neighbour": a body part owned through "of"
    if (BODY.has(base) && toks[i + 1] === 'of' && owner === undefined) { const of = classifyTarget(toks, i + 2); if (of === 'human' || of === 'vulnerable') return 'human-body'; }
    if (owner === 'other') {
      if (BODY.has(base)) return 'human-body';
      if (LIFE.has(base)) return 'human-life';
      if (PROPERTY.has(base) || PLACES.has(base)) return 'others-property';
    }
    if (owner === 'self' && BODY.has(base)) return 'self-body';
    if (PLACES.has(base)) return 'place';
    // a possessive after an article is a thing's ("a cooked shrimp's head"); without one it is a name's ("Ann's")
    if (poss) { owner = determiner || owner === 'self' ? (owner === 'self' ? 'other' : 'thing') : 'other'; prev = t; continue; }
    prev = t;
  }
  return seen > 0 ? 'object' : 'none';
}

/** A verb occurrence in the tokens. */
interface VerbHit { index: number; end: number; form: string; info: VerbInfo }

/** First words of the multi-word verb forms: only these can start a two- or three-word hit. */
const MULTI_FIRST = new Set([...VERBS.keys()].filter((k) => k.includes(' ')).map((k) => k.split(' ')[0]!));

function verbHits(toks: readonly string[]): VerbHit[] {
  const hits: VerbHit[] = [];
  for (let i = 0; i < toks.length; i++) {
    // same search as below (longest form first), without building phrases at words that start no multi-word form
    if (!MULTI_FIRST.has(toks[i]!)) { const info = VERBS.get(toks[i]!); if (info) hits.push({ index: i, end: i + 1, form: toks[i]!, info }); continue; }
    for (const n of [3, 2, 1]) {
      if (i + n > toks.length) continue;
      const form = toks.slice(i, i + n).join(' ');
      const info = VERBS.get(form);
      if (info) { hits.push({ index: i, end: i + n, form, info }); i += n - 1; break; }
    }
  }
  return hits;
}

/** Special constructions whose target sits inside the verb phrase: "set X on fire", "make X explode", "take X hostage". */
const SPLIT = gated(/\b(?:set|setting|sets) (.{1,40}?) (?:on fire|alight|ablaze)\b|\b(?:make|making|get|getting|cause|causing) (.{1,40}?) (?:explode|blow up|catch fire|crash|overdose|stop breathing|disappear|bleed|suffer|die|pass out|lose consciousness|choke|fall asleep (?:at|behind) the wheel|have (?:an? )?(?:allergic reaction|seizure|heart attack|stroke|asthma attack|anaphylactic (?:shock|reaction)))\b(?! (?:with|from|in) (?:laughter|joy|excitement|happiness|pride|delight|love|creativity|energy|flavou?r|colou?r|fame|popularity|success))|\b(?:take|taking|hold|holding|keep|keeping) (.{1,40}?) (?:hostage|captive|prisoner)\b|\b(?:push|pushing|throw|throwing|shove|shoving) (.{1,40}?) (?:off|down|from|out of|in front of|under) (?:a |the )?(?:cliff|bridge|building|roof|stairs|balcony|window|train|bus|car|boat|ledge)\b|\b(?:run|runs|running|ran|hold|holds|holding|held|knock|knocks|knocking|knocked) ((?!(?:it|this|that|the (?:numbers|code|tests?|script|program|race|marathon|meeting|show|business))\b).{1,30}?) (?:over(?! (?:the|a|an|my|your|this|it|budget|time)\b)|under ?water|under the water|unconscious|senseless|out cold)\b/, true);
const CORPSE = gated(new RegExp(`\\b(?:dispos\\w* of|get(?:ting)? rid of|hid(?:e|ing)|bur(?:y|ying)|dump(?:ing)?|dissolv(?:e|ing)|conceal(?:ing)?|dismember(?:ing)?|clean up after) (?:a |the |my |his |her |their |this |that )?(?:[a-z]+ )?(?:dead (?:${alt([...HUMAN_NOUNS, ...VULNERABLE_NOUNS, 'body', 'bodies'])})|body|bodies|corpse|corpses|human remains)\\b`), true);
/** People wanted as targets: "people to shoot", "someone to kill". */
const WANTED = gated(new RegExp(`\\b(?:${alt(['people', 'someone', 'somebody', 'a person', 'persons', 'humans', 'targets', 'victims', 'a victim', 'a target', 'kids', 'children', 'women'])}) to (?:${alt(LETHAL_VERBS.concat(['hurt', 'attack', 'beat up', 'rob', 'mug', 'stab', 'torture']))})\\b`), true);
/** "give someone a headshot / a beating". */
const GIVE_HARM = gated(new RegExp(`\\b(?:give|giving|gave) (?:${alt([...HUMAN_NOUNS, ...VULNERABLE_NOUNS])}|my [a-z-]+|a [a-z-]+) (?:a |an )?(?:headshot|beating|black eye|concussion|bullet|stab wound|kicking|thrashing|lethal injection|lethal dose|overdose|broken (?:nose|jaw|arm|leg|rib)s?|fatal blow|slap|punch|kick)\\b`), true);
/** Losing a game or contest to the speaker is not violence ("beat my wife in checkers"). */
const CONTEST = gated(/\b(?:in|at) (?:a |an |the |our |my |their )?(?:[a-z-]+ )?(?:game|games|match|race|quiz|contest|tournament|competition|debate|argument|election|checkers|draughts|scrabble|backgammon|cards|uno|trivia|arm wrestling|wrestling|sprint|marathon|chess|tennis|golf|bowling|darts|pool|poker|monopoly|mario kart|fifa|a fight|sparring)\b/, true);
const EXPLOSIVE = set(['blow up', 'bomb', 'firebomb', 'set fire to', 'set on fire', 'burn down', 'torch', 'explode', 'make explode', 'nuke', 'detonate', 'incinerate']);
const BUILDINGS = /\b(?:house|home|building|apartment|flat|car|bus|train|plane|office|shop|store|restaurant|bar|warehouse|factory|church|station|hotel|tower|bridge|dam|truck|van|boat|ship)\b/;

function finding(category: Finding['category'], score: number, reason: string): Finding { return { category, score, reason }; }

/** Violence, self-harm, property crime and theft from verbs and their targets. */
export function detectViolence(text: string, toks: readonly string[], f: Frames, notes: string[], cased = text): Finding[] {
  const out: Finding[] = [];
  const contextOk = f.fiction || f.sport || f.descriptive || f.definition;
  const split = SPLIT.exec(text);
  if (split) {
    const inner = (split[1] ?? split[2] ?? split[3] ?? split[4] ?? split[5] ?? '').match(/[a-z0-9]+(?:[-'][a-z0-9]+)*'?/g) ?? [];
    const t = classifyTarget(inner, 0);
    if (t === 'self' || t === 'self-body') out.push(finding('self-harm', 0.9, `"${split[0]}" targets the speaker`));
    else if (t !== 'object' && t !== 'none' && t !== 'competitive' && t !== 'animal') out.push(finding('violence', 0.9, `"${split[0]}" targets ${t}`));
    else if (split[1] !== undefined || split[2] !== undefined) { if (BUILDINGS.test(split[0])) out.push(finding('violence', 0.85, `"${split[0]}": arson or explosion`)); }
  }
  const corpse = CORPSE.exec(text);
  if (corpse) out.push(finding('violence', 0.85, `"${corpse[0]}": concealing a death`));
  const wanted = WANTED.exec(text);
  if (wanted) out.push(finding('violence', 0.85, `"${wanted[0]}": looking for people to harm`));
  const give = GIVE_HARM.exec(text);
  if (give) out.push(finding('violence', 0.85, `"${give[0]}": injuring a person`));
  for (const h of verbHits(toks)) {
    let t = classifyTarget(toks, h.end);
    // "them"/"it" with no person named before it refers back to a thing ("crack my knuckles without hurting them")
    if (t === 'human' && (toks[h.end] === 'them' || toks[h.end] === 'it') && !toks.slice(0, h.index).some((w) => HUMAN.has(w.replace(/'s?$/, '')) || VULNERABLE.has(w.replace(/'s?$/, '')) || /^(?:they|he|she|people|him|her|someone|somebody)$/.test(w))) { notes.push(`"${h.form} ${toks[h.end]}": the pronoun refers to a thing`); continue; }
    const phrase = toks.slice(h.index, Math.min(toks.length, h.end + 4)).join(' ');
    const { cls, base } = h.info;
    if (t === 'none' && PREPOSITIONS.has(toks[h.end] ?? '') && !(base === 'hit' && toks[h.end] === 'on')) {
      // "a knockout punch on my girlfriend", "shoot at someone": the target follows a preposition
      const after = classifyTarget(toks, h.end + 1);
      if (after === 'human' || after === 'vulnerable' || after === 'human-body') t = after;
    }
    if (f.safetyAt >= 0 && f.safetyAt < text.indexOf(h.form)) { notes.push(`"${phrase}": inside a safety-seeking question`); continue; }
    if (/\b(?:never|without|don't want to|do not want to|wouldn't|would not|not trying to)$/.test(toks.slice(Math.max(0, h.index - 4), h.index).join(' '))) { notes.push(`"${phrase}": negated`); continue; }
    // a third party's habit in a question that seeks to stop it ("my toddler bites other kids, how do I stop it")
    if (f.safetyAt >= 0 && /[^s]s$/.test(h.form) && !h.form.includes(' ') && h.index > 0 && !/^(?:i|we|you|to|how|and)$/.test(toks[h.index - 1]!)) { notes.push(`"${phrase}": a third party's behaviour, asked about to stop it`); continue; }
    // "my phone was stolen": a theft reported, not planned
    if (cls === 'theft' && h.info.past && /^(?:was|were|got|been|is|are|get|gets|had|my|our)$/.test(toks[h.index - 1] ?? '')) { notes.push(`"${phrase}": passive, a theft reported`); continue; }
    if (base === 'terminate' && /\b(?:employ\w*|staff|worker|workers|contract|lease|tenan\w*|pregnan\w*|fairly|legally|notice|subscription|agreement)\b/.test(text)) { notes.push(`"${phrase}": ending employment or a contract`); continue; }
    if (base === 'break' && /\bheart\b/.test(phrase)) { notes.push(`"${phrase}": idiom`); continue; }
    // "my anxiety is killing me": a thing or a third party as the agent, figurative or not, is no self-harm
    if ((t === 'self' || t === 'self-body') && /^(?:is|are|was|were|'s|keeps|keep)$/.test(toks[h.index - 1] ?? '')) { notes.push(`"${phrase}": the speaker is the object of a third party's verb (figurative)`); continue; }
    if (t === 'self' || t === 'self-body') {
      if (SELF_HARM_VERBS.has(base) || cls === 'lethal') out.push(finding('self-harm', 0.9, `"${phrase}": ${h.form} with the speaker as target`));
      continue;
    }
    if (cls === 'theft') {
      const rest = toks.slice(h.end, h.end + 4).join(' ');
      if (THEFT_IDIOM.test(rest)) { notes.push(`"${phrase}": idiom, not a theft`); continue; }
      if (t === 'object' && toks[h.end] === 'my' && !toks.slice(h.end + 1, h.end + 4).some((w) => /'s?$/.test(w) && !/^(?:cat|dog|pet)'s$/.test(w))) { notes.push(`"${phrase}": the speaker's own thing (figurative)`); continue; }
      if (base.startsWith('break') && t === 'object' && !/\b(?:house|home|car|vault|bank|store|shop|apartment|flat|office|safe|account|phone|computer|email|network|server|system|building|school|atm|garage|locker|room|museum|warehouse|casino|jewel\w*)\b/.test(rest)) { notes.push(`"${phrase}": break into something that is not property`); continue; }
      out.push(finding('crime', t === 'object' ? 0.75 : 0.85, `"${phrase}": theft or break-in${t === 'none' ? '' : ` (${t})`}`));
      continue;
    }
    if (EXPLOSIVE.has(base) && (t === 'others-property' || t === 'object') && BUILDINGS.test(toks.slice(h.end, h.end + 4).join(' '))) { out.push(finding('violence', 0.85, `"${phrase}": arson or explosion`)); continue; }
    if (t === 'object' && cls === 'lethal') {
      // a proper name after a lethal verb is a person ("take out Joe Biden")
      const at = cased.toLowerCase().indexOf(h.form);
      const name = at >= 0 ? /^\s+((?:[A-Z][\w'’.-]+\s?){2,3})/.exec(cased.slice(at + h.form.length)) : null;
      if (name) { out.push(finding('violence', 0.8, `"${h.form} ${name[1]!.trim()}": ${h.form} aimed at a named person`)); continue; }
    }
    if (t === 'animal') { if (CRUELTY.has(base) && !/\bfor (?:stew|meat|food|dinner|cooking|eating|the pot|fur)\b/.test(text)) out.push(finding('violence', 0.8, `"${phrase}": ${h.form} aimed at an animal (cruelty)`)); continue; }
    if (t === 'object' || t === 'none') { if (t === 'object') notes.push(`"${phrase}": the object of '${h.form}' is not a person (homonym or figurative use)`); continue; }
    if (t === 'competitive') { notes.push(`"${phrase}": competitive sense`); continue; }
    if ((t === 'human' || t === 'vulnerable') && COMPETITIVE_OK.has(base) && cls === 'harm' && CONTEST.test(text)) { notes.push(`"${phrase}": winning a game or contest`); continue; }
    if (t === 'human-life') { if (HARASS.has(base) || cls === 'lethal') out.push(finding('violence', cls === 'lethal' ? 0.9 : 0.75, `"${phrase}": harming a person's life or livelihood`)); continue; }
    if (t === 'others-property') { if (DAMAGE.has(base)) out.push(finding('crime', 0.75, `"${phrase}": damaging someone else's property`)); continue; }
    if (t === 'place') { if (MASS.has(base)) out.push(finding('violence', 0.9, `"${phrase}": ${h.form} aimed at a place where people are`)); continue; }
    if ((base === 'take out' || base === 'take') && BENIGN_PURPOSE.test(text)) { notes.push(`"${phrase}": taking someone out for a social purpose`); continue; }
    if (h.info.past && !f.firstPerson) { notes.push(`"${phrase}": past tense, reported not planned`); continue; }
    const score = cls === 'lethal' ? (t === 'vulnerable' ? 0.95 : 0.9) : t === 'vulnerable' ? 0.85 : 0.8;
    out.push(finding('violence', score, `"${phrase}": ${h.form} aimed at ${t === 'human-body' ? "a person's body" : t === 'vulnerable' ? 'a vulnerable person' : 'a person'}`));
  }
  if (out.length === 0) return out;
  if (!f.actionable) { notes.push('violent words, but no request, plan or instruction'); return []; }
  if (contextOk) { notes.push(`violent words inside ${f.sport ? 'a game or sport' : f.fiction ? 'fiction' : f.definition ? 'a definition question' : 'a question about past or third-party events'}`); return out.filter((x) => x.category === 'self-harm' && !f.fiction && !f.descriptive); }
  return out;
}
