/**
 * Hate and privacy detectors. Hate: a normative frame ("why should …", "why is it right for …") whose subject
 * is a protected group, dehumanising statements, and stereotype questions. A group needs a head noun ("Black
 * people", not "black olives"), which is how absurd questions about olives or toasters pass. Privacy: a request
 * for a private person's data, where the person is named by a relation ("my coworker's", "someone's"); named
 * people are left to model checkers, since offline rules cannot tell a public or fictional figure from a
 * private one. PII in text is found separately (see pii.ts).
 */
import type { Finding } from './checker.types.js';
import type { Frames } from './frames.js';
import { alt } from './lexicon.js';
import { PRIVATE_ATTRIBUTES, PRIVATE_PERSON_WORDS, PRIVATE_RELATIONS, SURVEILLANCE_VERBS } from './lexicon.privacy.js';
import { DEHUMANISING, DISCRIMINATORY_PREDICATES, GROUP_ADJECTIVES, GROUP_HEADS, GROUP_NOUNS, STEREOTYPE_TRAITS } from './lexicon.topics.js';
import { gated } from './prefilter.js';

const GROUP = `(?:(?:the|all|most|some|many|these|those)\\s+)?(?:people (?:on benefits|on welfare|with disabilities|of colou?r|with hiv|with autism|in wheelchairs|from (?:africa|asia|the middle east|latin america|mexico|india|china))|(?:${alt(GROUP_ADJECTIVES)})(?:\\s+|-)(?:(?:${alt(GROUP_ADJECTIVES)})\\s+)?${alt(GROUP_HEADS)}|${alt(GROUP_NOUNS)})(?![\\w-])`;
const GROUP_START = gated(new RegExp(`^${GROUP}`));
const GROUP_ANY = gated(new RegExp(`(?<![\\w-])${GROUP}`));
const WHY_MODAL_SUBJ = gated(/\bwhy (?:should|shouldn't|must|mustn't|ought|would|do|does|don't|doesn't|can't|cannot|can|are|aren't|is|isn't) (?:not )?(.{1,50})/g, true);
const WHY_SUBJ_MODAL = gated(/\bwhy (?:(?:it is|it's) (?:that |fine |ok |okay |right |good |better |best )?)?(.{1,50}?) (?:should|shouldn't|must|ought to|deserve|deserves|need to|have to|are better|are worse|are inferior|are superior)\b/g, true);
const JUSTIFY = gated(/\b(?:is it|it is|it's|isn't it|was it|it was|would it be|it would be) (?:\w+ ){0,2}?(?:right|best|good|better|fair|justified|a good idea|okay|ok|acceptable|natural|important|necessary|only fair|preferable|wise|smart|reasonable|moral|ethical) (?:for|that|to|if)\b(.*)/, true);
const DISCRIM = gated(new RegExp(`(?<![\\w-])${alt(DISCRIMINATORY_PREDICATES)}(?![\\w-])|\\bshould(?:n't| not)?\\b`));
const DEHUMAN = gated(new RegExp(`(?<![\\w-])(?:${GROUP})\\s+(?:(?!(?:not|never|aren't|isn't|who|that|because|but)\\b)[a-z'-]+\\s+){0,3}?(?:are|is|they're|they are|being)\\s+(?:(?:all|just|nothing but|so|such|naturally|inherently|more|less|born|basically|always|really|simply|genetically|biologically|a bunch of|mostly|usually)\\s+){0,2}${alt(DEHUMANISING)}(?![\\w-])`), true);
const DEHUMAN_WHY = gated(new RegExp(`\\bwhy (?:are|is) (?:${GROUP})\\s+(?:(?:all|just|so|such|naturally|inherently|always|genetically|really)\\s+){1,2}(?:a |an )?${alt(DEHUMANISING)}(?![\\w-])`), true);
/** A dehumanising statement or question about a group (two regexes, each skipped when its literals are absent). */
const DEHUMAN_ANY = { exec: (t: string): RegExpExecArray | null => DEHUMAN.exec(t) ?? DEHUMAN_WHY.exec(t) };
const STEREO = gated(new RegExp(`\\bwhy (?:can't|cannot|can|don't|do|aren't|are|won't) (${GROUP}) (?:not )?(?:ever )?${alt(STEREOTYPE_TRAITS)}\\b|\\bwhy (${GROUP}) (?:can't|cannot|can never|shouldn't|should not|don't|do not|won't|will never) (?:ever )?${alt(STEREOTYPE_TRAITS)}\\b|\\bwhy do (?:all |so many |most )?(${GROUP}) (?:always )?(?:smell|stink|steal|lie|cheat|breed|whine|complain|riot|commit (?:so much )?crimes?)\\b|(?<![\\w-])(?:${GROUP})\\s+(?:are|were)\\s+(?:(?:solely|all|entirely|mostly)\\s+)?(?:responsible for|to blame for|behind)\\s+(?:all\\s+|every\\s+|most\\s+|the\\s+)?(?:wars?|crimes?|problems|crisis|pandemic|diseases?|terrorism|economic|9\\/11)`), true);
const COMPARATIVE = gated(new RegExp(`(?:(?<![\\w-])(?:${GROUP})\\s+(?:are|is)|\\bwhy (?:are|is) (?:${GROUP}))\\s+(?:so\\s+|much\\s+|far\\s+|[a-z]+ly\\s+)*(?:weaker|dumber|stupider|worse|lazier|less intelligent|less capable|less competent|less human|less worthy|less civili[sz]ed|less evolved|less developed|less advanced|less moral|less honest|less rational|more violent|more criminal|more dangerous|uglier|inferior|dirtier|greedier|meaner)\\b`), true);
/** Impossible or absurd predicates: the question cannot be discrimination ("why can't X breathe in space"). */
const ABSURD = gated(/\b(?:on (?:saturn|jupiter|mars|the moon|the sun|venus|mercury|neptune|pluto|uranus|another planet)|the sun's surface|in (?:outer )?space|underwater|breathe (?:under ?water|in space)|time ?travel|speed of light|through walls|levitate|teleport|invisible|immortal|live forever|live for \d{3,} years|control the weather|photosynthesi[sz]e|telepath\w*|read minds|superpowers?|magic|resurrect|stop time|shapeshift|transform into|made of (?:concrete|glass|stone|metal|wood|paper|cheese|plastic)|float through|walk on water|fly without|breathe fire|turn invisible|become invisible|x-ray vision|move mountains|see through walls|hibernate|regrow limbs|glow in the dark|survive without (?:air|oxygen|sleep|food)|talk to animals|in another dimension|in the sun|to the center of the earth|run at the speed)\b/, true);
const TREAT_LIKE = gated(new RegExp(`\\btreat (?:${GROUP}) (?:like|as if|as) (?:under |in )?(?:the )?(?:slaves?|animals|property|objects|dogs|second-class|servants|children|taliban|nazis?|apartheid|jim crow|the (?:taliban|nazis))`), true);
const OVERSTATE = gated(new RegExp(`(?<![\\w-])(?:${GROUP})\\s+(?:overstate|exaggerate|lie about|fabricate|invent|make up|fake|profit from|exploit|milk|play up|cry about)\\b`), true);
/** "X should not be banned / discriminated against": a negated exclusion argues for equal treatment. */
const NORMATIVE_NEG = gated(/\b(?:should|must|ought to)(?:n't| not| never) (?:be )?(?:banned|barred|excluded|deported|expelled|discriminated against|mistreated|persecuted|segregated|denied|treated (?:worse|differently|unfairly)|punished|targeted|removed)\b/, true);
const NEGATED_EXCLUSION = { test: (t: string): boolean => NORMATIVE_NEG.test(t) && !/\b(?:should|must|ought to) (?:not|never) be allowed\b/.test(t) };
const REPORTED_BELIEF = gated(/\b(?:why|how come|where) (?:do|does|did) (?:some |many |so many |most )?(?:people|[a-z]+s) (?:believe|think|say|claim|assume|feel|still believe)\b/, true);
const NORMATIVE_LEAD = gated(/\b(?:reasons?|explain|argue|justify|prove|list|convince|why)\b/);

/** Hate: normative exclusion of a protected group, dehumanisation, stereotypes. */
export function detectHate(text: string, f: Frames, notes: string[]): Finding[] {
  if (f.definition) return [];
  if (f.fiction) {
    // a story may voice a bigot, but a poem "about how GROUP are vermin" states it: only a character excuses it
    const d = DEHUMAN_ANY.exec(text);
    if (d && !/\b(?:character|villain|bigot\w*|antagonist|racist (?:uncle|character|man|woman))\b/.test(text)) return [{ category: 'hate', score: 0.8, reason: `"${d[0]}": dehumanising statement asked for as fiction` }];
    return [];
  }
  if (NEGATED_EXCLUSION.test(text)) { notes.push('a group is named, but the exclusion is negated (an argument for equal treatment)'); return []; }
  if (ABSURD.test(text)) { notes.push('a group is named, but the predicate is physically impossible (not discrimination)'); return []; }
  const t = TREAT_LIKE.exec(text) ?? OVERSTATE.exec(text);
  if (t) return [{ category: 'hate', score: 0.8, reason: `"${t[0]}": demeaning treatment or denial about a group` }];
  // after "why should" the subject opens the span; before "should" the span is the subject, so search all of it
  const subjects: { span: string; anywhere: boolean }[] = [];
  for (const [re, anywhere] of [[WHY_MODAL_SUBJ, false], [WHY_SUBJ_MODAL, true]] as const) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) subjects.push({ span: m[1]!, anywhere });
  }
  const normative = /\bwhy (?:should|shouldn't|must|ought)\b|\b(?:should|shouldn't|must|ought to|deserve)\b/.test(text);
  for (const { span: s, anywhere } of subjects) {
    const g = (anywhere ? GROUP_ANY : GROUP_START).exec(s);
    if (g && normative && DISCRIM.test(text)) return [{ category: 'hate', score: 0.85, reason: `argues that "${g[0]}" should be treated worse` }];
    if (!g && normative) notes.push(`normative question, but its subject "${s.split(' ').slice(0, 3).join(' ')}" is not a protected group`);
  }
  const j = JUSTIFY.exec(text);
  if (j && NORMATIVE_LEAD.test(text)) {
    const g = GROUP_ANY.exec(j[1]!);
    const rest = j[1]!;
    if (g && DISCRIM.test(rest)) return [{ category: 'hate', score: 0.85, reason: `justifies unequal treatment of "${g[0]}"` }];
  }
  // a question about why people hold a belief reports the stereotype, it does not assert it
  if (REPORTED_BELIEF.test(text)) { notes.push('a generalisation about a group, reported as a belief others hold'); return []; }
  const d = DEHUMAN_ANY.exec(text) ?? COMPARATIVE.exec(text);
  if (d) return [{ category: 'hate', score: 0.8, reason: `"${d[0]}": dehumanising generalisation` }];
  const s = STEREO.exec(text);
  if (s) return [{ category: 'hate', score: 0.7, reason: `"${s[0]}": stereotype about a group` }];
  return [];
}

const REL = alt(PRIVATE_RELATIONS);
const RELATION_BEFORE = new RegExp(`(?<![\\w-])${REL}\\s+(?:[a-z-]+\\s+)?$`);
const PERSONAL = /\b(?:personal|private|home address|ssn|social security|date of birth|bank|password|medical|where (?:he|she|they) (?:lives?|works?|sleeps?|parks?))\b/;
const ATTR = alt(PRIVATE_ATTRIBUTES);
const OWNED_ATTR = gated(new RegExp(`(?:\\b(?:my|our|his|her|their|a|the|this|that|some)\\s+(?:[a-z-]+\\s+){0,2}?${REL}(?:'s|s'|')|(?<![\\w-])${alt(PRIVATE_PERSON_WORDS.filter((w) => w.endsWith("'s")))})\\s+(?:[a-z'-]+\\s+){0,3}?(${ATTR})(?![\\w-])`), true);
/** Things that can own data without being a person ("my car's licence plate", "my company's address"). */
const NON_PERSON = /^(?:car|phone|computer|laptop|company|business|dog|cat|pet|house|home|bank|account|school|team|website|app|router|wifi|building|street|town|city|country|club|church|office|firm|store|shop|brand|device|email|server|landlord's company|own)$/;
const MY_ANYONE = gated(new RegExp(`\\b(?:my|our)\\s+(?:[a-z-]+\\s+){0,2}?([a-z-]+)(?:'s|s')\\s+(?:[a-z-]+\\s+){0,3}?(${ATTR})(?![\\w-])`), true);
const PLURAL_OWNERS = gated(new RegExp(`(?<![\\w-])(?:other people's|people's|someone else's|strangers'|celebrities'|celebrity|users'|customers'|patients'|employees'|students'|others'|random people's|members'|clients'|voters'|children's|kids')\\s+(?:[a-z-]+\\s+){0,2}?(?:${alt(['social security numbers', 'credit card details', 'credit card numbers', 'credit cards', 'medical records', 'health records', 'passwords', 'login details', 'bank details', 'bank account details', 'home addresses', 'addresses', 'phone numbers', 'tax records', 'tax returns', 'private photos', 'nudes', 'browsing history', 'messages', 'emails', 'passport numbers', 'personal data', 'personal information', 'private information', 'dates of birth', 'identities', 'ssns', 'pins', 'mental health records', 'criminal records', 'location data', 'locations'])})(?![\\w-])`), true);
const IS_MY = gated(new RegExp(`\\b(?:is|are|was) (?:my|our) (?:[a-z-]+\\s+){0,2}?${REL} (?:a member of|in a union|gay|lesbian|bisexual|trans|transgender|pregnant|undocumented|an illegal|illegal|in debt|on (?:drugs|medication|benefits)|in therapy|hiv|mentally ill|depressed|a criminal|on probation|religious|muslim|jewish|christian|hindu|atheist|an immigrant|a citizen|sick|ill|an alcoholic|an addict|seeing a therapist|cheating)\\b`), true);
const ATTR_OF = gated(new RegExp(`(?<![\\w-])(${ATTR})\\s+(?:of|for|belonging to)\\s+(?:my|our|a|this|that|some)\\s+(?:[a-z-]+\\s+){0,2}?${REL}(?![\\w-])`), true);
const EARNS = gated(new RegExp(`\\b(?:how much|what)\\b.*\\b(?:my|our)\\s+(?:[a-z-]+\\s+){0,2}?${REL}\\s+(?:earn|earns|make|makes|get paid|gets paid|have in|has in|owe|owes|weigh|weighs|pay in rent)\\b`), true);
const WHERE_LIVES = gated(new RegExp(`\\b(?:where|when)\\s+(?:my|our|a|this|that)\\s+(?:[a-z-]+\\s+){0,2}?${REL}\\s+(?:lives|works|sleeps|parks|goes|is (?:at|staying)|will be|stays)\\b`), true);
const SURVEIL = gated(new RegExp(`\\b${alt(SURVEILLANCE_VERBS.filter((v) => !['find', 'get', 'obtain', 'look up', 'figure out', 'learn', 'know', 'guess', 'see', 'check', 'read', 'look at', 'access', 'record', 'follow', 'locate', 'trace'].includes(v)))}\\s+(?:on\\s+)?(?:someone|somebody|(?:my|our|a|this|that)(?!\\s+own\\b)(?:\\s+[a-z-]+){0,2}?\\s+(?:${REL}|${alt(['girl', 'guy', 'woman', 'man', 'person', 'boy', 'lady', 'stranger', 'ex', 'family', 'people', 'wife', 'husband'])}))(?![\\w-])`), true);
const REQUEST = gated(/\?|\b(?:what|where|how|tell|give|find|get|access|show|look up|send|share|obtain|dig up|need|want|list|reveal)\b/, true);

/** Privacy: asking for a private person's data, or surveilling a private person. */
export function detectPrivacy(text: string, f: Frames, notes: string[], cased = text): Finding[] {
  if (f.definition || f.fiction || !REQUEST.test(text)) return [];
  if (f.safetyAt >= 0) { notes.push('privacy words in a safety question'); return []; }
  if (/\b(?:surprise|birthday (?:party|card|present|gift)|gift for|present for|thank-you card|card for)\b/.test(text)) { notes.push('personal detail asked for a kind purpose (a surprise or a gift)'); return []; }
  const mine = MY_ANYONE.exec(text);
  // a capitalised owner is a named person or character ("my neighbour Totoro's"): left to model checkers
  // … unless a relation word names them as the speaker's acquaintance and the data asked for is personal
  // ("my coworker Dan's personal phone number and where he lives"; "my neighbor Totoro's birth certificate" passes)
  const named = mine ? new RegExp(`\\b${mine[1]![0]!.toUpperCase()}${mine[1]!.slice(1)}(?:'s|s')`).test(cased) && !(RELATION_BEFORE.test(mine[0].slice(0, mine[0].indexOf(mine[1]!))) && PERSONAL.test(text)) : false;
  const anyone = mine && !NON_PERSON.test(mine[1]!) && !named ? mine : null;
  const m = OWNED_ATTR.exec(text) ?? anyone ?? ATTR_OF.exec(text) ?? EARNS.exec(text) ?? WHERE_LIVES.exec(text) ?? PLURAL_OWNERS.exec(text) ?? IS_MY.exec(text);
  if (m) return [{ category: 'privacy', score: 0.8, reason: `"${m[0]}": private data of a private person` }];
  const s = SURVEIL.exec(text);
  if (s && f.actionable) return [{ category: 'privacy', score: 0.8, reason: `"${s[0].trim()}": covert surveillance of a person` }];
  return [];
}
