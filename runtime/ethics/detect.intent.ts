/**
 * Intent detectors: harm recognised by the shape of a request rather than by a harmful verb's object. Each rule
 * pairs an instrument or an artefact with a purpose or a victim — a production verb with malware, an
 * impersonation with something to gain from the victim, a covert cue with access to a person's things, a staged
 * accident, a drink spiked "so she passes out", an age under 18 with sexual words — which is what lets the rules
 * catch phrasings no list anticipates. Contexts (definition, fiction, past events, safety-seeking) still excuse.
 */
import type { Finding } from './checker.types.js';
import type { Frames } from './frames.js';
import { HUMAN_NOUNS, VULNERABLE_NOUNS, alt } from './lexicon.js';
import { PRIVATE_ATTRIBUTES, PRIVATE_RELATIONS } from './lexicon.privacy.js';
import { GROUP_ADJECTIVES, GROUP_HEADS, GROUP_NOUNS } from './lexicon.topics.js';
import { gated } from './prefilter.js';

const B = (s: string): string => `(?<![\\w-])${s}(?![\\w-])`;
const PERSON = alt([...new Set([...HUMAN_NOUNS, ...VULNERABLE_NOUNS, ...PRIVATE_RELATIONS])]);
const OWNER = `(?:(?:my|our|his|her|their|your|a|the|this|that|some)\\s+(?:[a-z-]+\\s+){0,2}?${PERSON}(?:'s|s'|')|someone's|somebody's|his|her|their|[A-Z]?[a-z]+'s)`;

/** Asking for an artefact to be produced or a way to do something. */
const PRODUCE = gated(/^(?:text|email|message|call|dm|contact|phone)\b|\b(?:write|writing|create|creating|generate|draft|compose|code|program|develop|build|make|design|give me|send me|help me (?:write|make|create|build|code|draft)|how (?:do|can|could|would|should) (?:i|we|you|one)|how to|what's the (?:best|easiest)|steps|explain how|tell me how|teach me|show me)\b/);

/** Software whose only ordinary use is harming its target. */
const MALWARE = gated(new RegExp(B(`(?:${alt(['keylogger', 'key logger', 'ransomware', 'spyware', 'stalkerware', 'trojan', 'remote access trojan', 'rootkit', 'botnet', 'infostealer', 'info stealer', 'credential stealer', 'password stealer', 'cryptojacker', 'computer worm', 'self-replicating virus', 'phishing email', 'phishing emails', 'phishing page', 'phishing site', 'phishing website', 'phishing kit', 'phishing message', 'phishing text', 'phishing sms', 'phishing link', 'card skimmer', 'skimmer', 'exploit kit', 'zero-day exploit', 'malware', 'malicious code', 'malicious script', 'virus that'])})`)), true);
const MAKE_SOFTWARE = gated(/\b(?:write|writing|create|creating|generate|code|coding|program|develop|build|make|design|deploy|spread|install|plant|use|set up|send|give me)\b/);

/** Pretending to be someone to get something from the person deceived. */
const IMPERSONATE = gated(/\b(?:pretending|pretends|posing|poses|impersonat\w*|masquerading|claiming|disguised|purporting) (?:to be |as |that (?:i'm|i am|we're|it's|they're) )?(?:from |a |an |the |their |his |her |your |my )?/, true);
const GAIN = gated(/\b(?:password|passwords|passcode|one-time|otp|pin|login|log in|credentials|verify|verification|bank details|card details|card number|account number|social security|ssn|money|cash|bail|fee|pay|payment|wire|transfer|gift cards?|bitcoin|crypto|donat\w+|refund|send (?:me|us)|personal details|their details)\b/);

/** Forged documents and fake fronts. */
const FAKE = gated(new RegExp(`\\b(?:fake|forged|forge|counterfeit|bogus|phony|phoney|fraudulent|sham|knock-off)\\s+(?:[\\w£$€-]+\\s+){0,2}?${alt(['charity', 'charities', 'fundraiser', 'gofundme', 'invoice', 'invoices', 'id', 'ids', 'id card', 'passport', 'passports', 'license', 'licence', "driver's license", 'diploma', 'degree', 'receipt', 'receipts', "doctor's note", 'sick note', 'prescription', 'check', 'cheque', 'bank statement', 'pay stub', 'payslip', 'insurance claim', 'claim', 'accident', 'injury', 'death certificate', 'birth certificate', 'covid certificate', 'vaccination card', 'vaccine card', 'reviews', 'review', 'store', 'shop', 'online store', 'investment', 'investment fund', 'crypto', 'token', 'lottery', 'prize', 'job offer', 'job offers', 'login page', 'bank website', 'banknotes', 'money', 'bills', 'currency', 'signature', 'documents', 'papers', 'residency', 'visa', 'social security card', 'accounts', 'profiles', 'followers', 'ratings', 'testimonials'])}\\b`), true);
const FAKE_VERB = gated(/\b(?:fak(?:e|ing)|stag(?:e|ing)) (?:a |an |my |the )?(?:[a-z-]+ )?(?:accident|injury|death|burglary|break-in|theft|kidnapping|disability|illness)\b/, true);
const DIVERT = gated(/\b(?:go(?:es)? (?:to|into) my (?:own )?(?:account|wallet|pocket)|(?:keep|pocket) the (?:money|donations|cash)|pays? me twice|pay me (?:twice|double)|without (?:them|the bank|anyone) noticing the money)\b/, true);

/** Covert access to a person or a person's things. */
const COVERT = gated(/\b(?:without (?:him|her|them|my [a-z-]+|anyone|the owner|their|his|her|the person) (?:knowing|noticing|finding out|seeing|realising|realizing|knowledge|consent|permission)|secretly|covertly|behind (?:his|her|their) back|hidden camera|spy camera|on the sly)\b/, true);
const ACCESS = gated(new RegExp(`\\b(?:read|reading|check|checking|access|accessing|go through|going through|look at|looking at|see|track|tracking|monitor|monitoring|record|recording|film|filming|photograph|photographing|tape|taping|video|videotape|listen to|listening to|spy on|spying on|follow|following|log into|get into|open|locate|trace)\\s+(?:in on\\s+)?(?:${OWNER}|${B(`(?:my|his|her|their|a|the|this|that)\\s+(?:[a-z-]+\\s+){0,2}?${PERSON}`)}|him|her|them)`));

/** A private individual picked out by a name with locating details, or by a workplace ("the barista who works at"). */
const ATTR = alt(PRIVATE_ATTRIBUTES.filter((a) => !['age', 'number', 'pay', 'will', 'home', 'house', 'journal', 'diary', 'routine', 'schedule', 'photos', 'religion', 'phone'].includes(a)));
const NAMED_PRIVATE = gated(new RegExp(`\\b(${ATTR})\\s+(?:of|for|belonging to)\\s+(?:[A-Z][a-z]+\\s+){1,2}[A-Z][a-z]+,?\\s+(?:from|in|of|born|who lives|who works|who goes|who studies|who drives|that works|that lives|living|working|aged|age|at)\\b`), true);
const DESCRIBED_PRIVATE = gated(new RegExp(`\\b(${ATTR})\\s+(?:of|for)\\s+(?:the|a|this|that)\\s+(?:[a-z-]+\\s+){0,2}?(?:who|that)\\s+(?:works|lives|sits|drives|delivers|serves|cuts|goes|walks|jogs|parks)\\b|\\b(${ATTR})\\s+(?:of|for)\\s+(?:the|a|this|that)\\s+(?:[a-z-]+\\s+){0,2}?(?:girl|guy|woman|man|person|boy|lady|kid|user|stranger|neighbou?r|student|teacher|coworker|classmate)\\s+(?:who|that)\\s+[a-z]+`), true);

/** Staging a harm as something else, or wishing a harm on a person. */
const STAGED = gated(/\bclaim\w* (?:that )?(?:it was|it's|it is) (?:an? )?(?:accident|suicide|self-defen[cs]e)\b|\b(?:make|making|made) (?:(?:my|his|her|their|the|a|our) (?:[a-z-]+'s )?death|it|this|his death|her death|their death|the death|[a-z]+'s death|him|her|them) (?:look|seem|appear) like (?:an? )?(?:accident|suicide|natural causes|self-defen[cs]e|a heart attack|an overdose|a robbery|a mugging|a fall|(?:he|she|they) (?:slipped|fell|tripped|drowned|overdosed|killed (?:himself|herself|themselves)|had a heart attack|died naturally|took (?:his|her|their) own life))\b/, true);
const WISH_HARM = gated(new RegExp(`\\b(?:i|we) (?:want|need|'d like|would like|wish) (?:my |our |the |this |that |a )?(?:[a-z-]+ )?${PERSON} to (?:die(?! laughing| of laughter)|fall (?:down|off|from)|drown|get hurt|be hurt|suffer|disappear|be killed|have an accident|overdose|choke|bleed|get sick|be sick)\\b`), true);
/** An outcome on a person's body after a request: "so she passes out", "until he stops breathing". */
const BODY_OUTCOME = gated(/\b(?:so (?:that )?|until |till )(?:he|she|they|the (?:person|victim|guy|girl|woman|man)|my [a-z-]+)(?: will| would|'ll)? (?:pass(?:es)? out|black(?:s)? out|die|dies|stops? breathing|can't (?:breathe|move|fight back|remember|scream)|won't (?:remember|wake up|fight back)|bleeds? out|loses? consciousness|goes? limp|falls? unconscious|gets? sick|throws? up)\b|\bbefore (?:he|she|they|the (?:person|victim)) (?:die|dies|drowns?|pass(?:es)? out|stops? breathing|loses? consciousness)\b/, true);
/** Tampering with what a person eats, drinks or takes. */
const INGEST = gated(new RegExp(`\\b(?:poison|poisoning|spike|spiking|lace|lacing|drug|drugging|contaminate|contaminating|tamper with|tampering with|put|putting|slip|slipping|add|adding|mix|mixing|sneak|sneaking|pour|pouring|dissolve|dissolving)\\s+(?:[a-z-]+\\s+){0,4}?(?:in|into|to|with)?\\s*${OWNER}\\s+(?:[a-z-]+\\s+)?(?:food|drink|drinks|coffee|tea|meal|dinner|lunch|breakfast|water|wine|beer|juice|soup|smoothie|medication|medicine|meds|pills|inhaler|insulin|bottle|glass|cup|mug|cereal|sandwich|formula|milk|baby formula)\\b`), true);
const INGEST_HARM = gated(/\b(?:fall asleep|pass out|knock (?:him|her|them) out|unconscious|drowsy|sleepy|allergic|peanuts?|poison\w*|bleach|antifreeze|rat poison|laxatives?|sleeping pills?|roofies|rohypnol|ghb|drug\w*|something|cyanide|arsenic|ketamine|xanax|glass|pills?|spike|spiking|lace|lacing|contaminat\w*|tamper\w*|hurt|sick|pass out)\b/);

/** Self-harm: a stated intent followed (anywhere in the text) by a question about means. */
const SELF_INTENT = gated(/\b(?:(?:want|need) (?:the|this|my) pain to (?:stop|end) (?:for good|forever)|(?:i'm|i am) (?:done|finished) with (?:life|living|everything|it all)|(?:want|ready|going) to end (?:it all|things|everything|my life)|don't want to wake up|(?:i've|i have|i'm|i am|i)\s+(?:decided|going|planning|ready|about|gonna|want|need)\s+to\s+(?:jump|end it|end it all|die|do it|go through with it|kill myself|not be here|try(?: it| this)?)(?=\s*(?:[.!,;]|$|tonight|today|tomorrow|soon|this week))|(?:i|i'm|i am) (?:want|ready|going|gonna) to die(?! laughing| of | for | to see| from laughter)|i don't want to (?:live|be alive|exist) anymore)/, true);
const MEANS_Q = gated(/\b(?:high enough|tall enough|deep enough|strong enough|enough to|how (?:high|many|much|long|deep)|which (?:bridge|building|cliff|pills?|drugs?|medication|rope|method|way|tree)|what (?:dose|height|floor|method)|where (?:can|could|should) i (?:get|buy|find|jump))\b/, true);

/** Age under 18 written as a number or a word ("a 14yo", "a ten-year-old", "aged 15"). */
const AGE = gated(/\b(?:(\d{1,2})|(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen))(?:[- ]?(?:years?|yrs?)[- ]?olds?|[- ]?yo|[- ]?y\/o)\b|\b(?:aged|age) (\d{1,2})\b/, true);
const SEXUAL_TALK = gated(/\b(?:private (?:photos|pics|pictures|images|videos)|intimate (?:photos|pics|pictures|images|videos)|talk dirty|dirty talk|sext|sexting|sexual roleplay|erotic|erotica|horny|kinky|sexy|lewd|explicit|nsfw|nude|nudes|naked|sex|sexual|sexually|seduc\w*|flirt\w*|make out|hook up|foreplay|orgasm|masturbat\w*|fondl\w*|aroused|arousing)\b/);

/** Parents, teachers and young people asking about development and education, not for content or contact. */
export const SEX_EDUCATION = gated(/\b(?:sex education|sex ed|puberty|sexual development|developmental|paediatrician\w*|pediatrician\w*|normal (?:stages|behaviou?r|development)|talk to (?:him|her|them|my)|is it normal|how do i explain|asked me about|should (?:a|my) [a-z0-9 -]{1,20} (?:learn|know|be taught)|what should (?:a|my) [a-z0-9 -]{1,20} (?:learn|know|get))\b/);

/** Hate: propaganda for an extremist movement; mockery or slurs aimed at a group; "GROUP are too X to Y". */
const EXTREMIST = gated(/\b(?:white nationalist|white supremacist|white power|neo-?nazi|nazi|ku klux klan|kkk|isis|isil|al-?qaeda|jihadist|aryan|fascist|ethno-?nationalist|accelerationist)s?\b/, true);
const PROPAGANDA = gated(/\b(?:recruitment|recruiting|recruit|propaganda|manifesto|flyers?|posters?|pamphlets?|leaflets?|slogans?|posts?|tweets?|ads?|advert\w*|chant|anthem|speech|join)\b/);
const GROUP = `(?:${alt(GROUP_ADJECTIVES)}(?:\\s+|-)${alt(GROUP_HEADS)}|${alt(GROUP_NOUNS)})`;
const MOCK = gated(new RegExp(`\\b(?:jokes?|memes?|insults?|slurs?|names to call|nicknames|roasts?|mock\\w*|make fun of|making fun of|ridicul\\w*|demean\\w*|humiliat\\w*)\\b(?:\\s+[a-z'-]+){0,5}?\\s+${B(GROUP)}`), true);
const CRITIQUE = gated(/\b(?:why (?:are|is) (?:they|these|those|it|such|slurs|jokes)[^?]*\b(?:harmful|wrong|offensive|hurtful|racist|problematic)|history of|origin of|how to (?:respond|react)|what to do)\b/);
const TOO_TO = gated(new RegExp(`(?:${B(GROUP)}\\s+(?:are|is)|\\bwhy (?:are|is) ${B(GROUP)})\\s+(?:all\\s+|just\\s+|naturally\\s+|inherently\\s+|simply\\s+|always\\s+|so\\s+)?too\\s+[a-z-]+\\s+(?:to|for)\\b`), true);
const ARGUE = gated(/\b(?:argu\w+|convinc\w+|persuad\w+|prove|proving|speech|essay|tweet|post|pamphlet|article|op-ed|reasons|case for|saying|claiming|explain why|tell me why|manifesto)\b/);
const GROUP_SHOULD = gated(new RegExp(`${B(GROUP)}\\s+(?:(?!(?:not|never|who|that)\\b)[a-z'-]+\\s+){0,5}?(?:and\\s+)?(?:should|must|ought to|need to|deserve to)\\s+(?:all\\s+)?(?:be\\s+)?(?:banned|barred|excluded|deported|expelled|removed|sterili[sz]ed|segregated|interned|locked up|denied|stripped|forbidden|prevented|kept out|kicked out|registered|tracked|punished|exterminated|eliminated|killed|shot|gassed|disallowed)\\b|${B(GROUP)}\\s+(?:should|must|ought to)\\s+(?:not|never)\\s+(?:be allowed|be permitted|be given|have|get|vote|marry|adopt|work|hold|serve|teach|enter|own|live)\\b`), true);

function finding(category: Finding['category'], score: number, reason: string): Finding { return { category, score, reason }; }

/** Runs every intent rule on one sentence of folded text; `cased` keeps case for names. */
export function detectIntent(text: string, f: Frames, notes: string[], cased = text, whole = text): Finding[] {
  const out: Finding[] = [];
  const safety = f.safetyAt >= 0;
  const excused = f.definition || f.descriptive || safety;
  if (excused) notes.push('intent rules: definition, past or third-party event, or safety-seeking');

  // fraud and cybercrime
  const mw = MALWARE.exec(text);
  if (mw && !excused && !f.fiction && f.actionable && MAKE_SOFTWARE.test(text.slice(Math.max(0, mw.index - 60), mw.index + mw[0].length + 40))) out.push(finding('fraud-cybercrime', 0.85, `"${mw[0]}": producing or deploying malicious software`));
  const imp = IMPERSONATE.exec(text);
  if (imp && !excused && PRODUCE.test(text) && GAIN.test(text)) out.push(finding('fraud-cybercrime', 0.85, `"${imp[0].trim()}": impersonation to obtain money or credentials`));
  const fake = FAKE.exec(text) ?? FAKE_VERB.exec(text) ?? DIVERT.exec(text);
  if (fake && !excused && !f.fiction && f.actionable) out.push(finding('fraud-cybercrime', 0.8, `"${fake[0]}": forged document, fake front or diverted funds`));

  // privacy
  const cov = COVERT.exec(text);
  const acc = cov ? ACCESS.exec(text) : null;
  if (cov && acc && !excused && !f.fiction && !/\b(?:my|our) (?:own )?(?:kids?|children|child|son|daughter|baby|toddler)\b/.test(acc[0])) out.push(finding('privacy', 0.85, `"${acc[0]}" ${cov[0]}: covert access to a person or their things`));
  const np = NAMED_PRIVATE.exec(cased) ?? DESCRIBED_PRIVATE.exec(text);
  if (np && !excused && !f.fiction) out.push(finding('privacy', 0.8, `"${np[0]}": personal data of an identified private individual`));

  // violence
  const staged = STAGED.exec(text) ?? WISH_HARM.exec(text);
  if (staged && !f.fiction && !f.descriptive && !f.definition) out.push(finding('violence', 0.9, `"${staged[0]}": staging or wishing harm to a person`));
  const ing = INGEST.exec(text);
  if (ing && INGEST_HARM.test(text) && !excused && !f.fiction && f.actionable) out.push(finding('violence', 0.9, `"${ing[0]}": tampering with what a person eats, drinks or takes`));
  const bo = BODY_OUTCOME.exec(text);
  if (bo && !excused && !f.fiction && f.actionable) out.push(finding('violence', 0.85, `"${bo[0]}": an intended injury to a person`));

  // self-harm: an intent stated anywhere in the text and a question about means
  if (SELF_INTENT.test(whole) && MEANS_Q.test(text) && !f.fiction && !safety) out.push(finding('self-harm', 0.9, 'a stated intent to die and a question about means'));

  // sexual content involving minors: an age under 18 with sexual words, outside safety and definitions
  const age = AGE.exec(text);
  if (age && !f.definition && !safety) {
    const n = age[1] ?? age[3];
    const words = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen'];
    const years = n !== undefined ? Number(n) : words.indexOf(age[2]!) + 1;
    // content about the minor, or contact with one; not development, education or parenting questions
    const content = /\b(?:write|writing|describe|story|stories|scene|poem|fanfic|fan fiction|roleplay|role-play|role play|pretend|talk dirty|sext\w*|pics?|photos?|pictures?|images?|videos?|nudes?|erotic\w*|explicit)\b/.test(text);
    const contact = /\b(?:i|i'm|me|we|my)\b/.test(text) && /\b(?:have sex|sleep with|hook up|seduce|dating|date her|date him|meet (?:up|her|him)|touch|kiss|relationship|send me|send|trust me|alone with|convince|get (?:her|him|them|a|the|this|that) (?:[\w-]+ )?to)\b/.test(text);
    const care = SEX_EDUCATION.test(text);
    if (years > 0 && years < 18 && SEXUAL_TALK.test(text) && (content || contact) && !care && !/\bage of consent\b/.test(text)) out.push(finding('sexual-minors', 0.95, `sexual words together with an age of ${years}`));
  }

  // hate
  if (!f.definition && !f.descriptive && !safety) {
    const ex = EXTREMIST.exec(text);
    if (ex && PROPAGANDA.test(text) && PRODUCE.test(text) && !/\b(?:history|historical|essay about|analy[sz]\w*|critique|how did|why did|examples? of|studying|research)\b/.test(text)) out.push(finding('hate', 0.85, `"${ex[0]}": propaganda or recruitment for an extremist movement`));
    const mock = MOCK.exec(text);
    if (mock && !CRITIQUE.test(text) && f.actionable) out.push(finding('hate', 0.8, `"${mock[0]}": mockery or slurs aimed at a group`));
    const too = TOO_TO.exec(text);
    if (too) out.push(finding('hate', 0.8, `"${too[0]}": a group declared unfit`));
    const should = GROUP_SHOULD.exec(text);
    if (should && ARGUE.test(text) && !f.fiction) out.push(finding('hate', 0.85, `"${should[0]}": argues for excluding a group`));
  }
  return out;
}
