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
import { alt } from './lexicon.js';
import { PRIVATE_RELATIONS } from './lexicon.privacy.js';
import { GROUP_ADJECTIVES, GROUP_HEADS, GROUP_NOUNS } from './lexicon.topics.js';
import { gated, mayMatch, presenceGeneration, type Rule } from './prefilter.js';

/** People described by a role or relation, not by a public office ("the girl from the gym", "my ex's daughter"). */
const PRIVATE_PERSON = alt([...new Set([...PRIVATE_RELATIONS, 'girl', 'guy', 'woman', 'man', 'person', 'lady', 'boy', 'kid', 'user', 'redditor', 'poster', 'commenter', 'troll', 'stranger', 'streamer', 'player', 'account', 'daughter', 'son', 'wife', 'husband', 'ex', 'neighbour', 'neighbor'])]);
/** A protected group (as in detect.social.ts, kept compact here). */
const GROUP = `(?:(?:${alt(GROUP_ADJECTIVES)})(?:\\s+|-)${alt(GROUP_HEADS)}|${alt(GROUP_NOUNS)})`;
const B = (s: string): string => `(?<![\\w-])${s}(?![\\w-])`;

/** A composed rule: the category, the score, its regex, and which contexts excuse it. */
interface ComposedRule {
  id: string;
  category: Finding['category'];
  score: number;
  re: Rule;
  /** What the rule means, for the finding's reason. */
  means: string;
  /** Needs a request frame (asking how/where/which, an imperative, a stated plan). Default true. */
  request?: boolean;
  /** Fiction or a game excuses it (default true; false where a story is no excuse, e.g. sexual content with minors). */
  fictionExcuses?: boolean;
  /** Extra condition on the sentence (and the match). */
  guard?: (text: string, m: RegExpExecArray) => boolean;
}

const KIDS = /^(?:kid|kids|child|children|son|daughter|baby|toddler|teen|teenager)$/;
/** The possessors in a span are other people, not only the speaker's own children ("my daughter's phone" is parenting). */
function othersOwn(span: string): boolean {
  if (/\b(?:someone|somebody|someone else|her|his|their|other people)\b/.test(span)) return true;
  const owners = [...span.matchAll(/([a-z-]+)'s?\b/g)].map((m) => m[1]!).filter((w) => w !== 'it' && w !== 'let');
  return owners.length > 0 && owners.some((w) => !KIDS.test(w));
}

const RULES: ComposedRule[] = [
  // ---- fraud and cybercrime ----
  {
    id: 'launder', category: 'fraud-cybercrime', score: 0.85, means: 'laundering money',
    re: gated(/\blaunder(?:s|ed|ing)?\s+(?:[\w$£€.,'-]+\s+){0,4}?(?:money|cash|proceeds|funds|profits|earnings|income|bitcoin|crypto|payments|[$£€]\s?\d[\d,.]*k?|\d[\d,.]*k?\s*(?:dollars|pounds|euros|grand))\b/, true),
  },
  {
    id: 'identity-use', category: 'fraud-cybercrime', score: 0.85, means: "using someone else's identity or payment details",
    re: gated(new RegExp(`\\b(?:using|use|with|under|in|steal|stealing|take over|taking over|assume|assuming|borrow|borrowing)\\s+(?:someone else's|someone's|somebody's|another person's|other people's|a stranger's|a dead (?:person|man|woman|relative|guy)'s|(?:my|a|the|his|her|our) (?:[a-z-]+ )?(?:neighbou?r|coworker|co-worker|colleague|boss|friend|roommate|flatmate|ex|relative|employee|customer|client|patient|grandma|grandmother|grandpa|grandfather|landlord|tenant|victim)'s|(?:a |an |the |some )?(?:stolen|fake|forged|bought|purchased))\\s+(?:identity|identities|name|ssn|social security(?: number)?|credit cards?|debit cards?|card details|bank details|details|id|passport|licen[cs]e|credentials|login|signature)\\b`), true),
  },
  {
    id: 'impersonate-institution', category: 'fraud-cybercrime', score: 0.85, means: 'impersonating an institution to deceive people',
    re: gated(/\b(?:pretend\w*|posing|pose|impersonat\w*|claiming|masquerad\w*) (?:to be |as |that (?:i'm|i am|we're|we are) )?(?:from |a |an |the |their |his |her |your )?(?:[a-z-]+ ){0,2}?(?:bank|irs|hmrc|tax office|police|microsoft|apple|amazon|paypal|tech support|support team|government|social security|medicare|fedex|dhl|royal mail|post office|court|bailiff|grandson|granddaughter|grandchild|charity)\b/, true),
    // a phone "script" is no story: only a story's own words excuse this rule
    fictionExcuses: false,
    guard: (t) => /\b(?:write|script|call|calls|calling|text|texts|email|emails|message|messages|how|help|elderly|old people|people|victims?|customers|them)\b/.test(t) && !/\b(?:novel|story|character|film|movie|scene|plot|screenplay|episode)\b/.test(t),
  },
  {
    id: 'cyberattack', category: 'fraud-cybercrime', score: 0.85, means: "an attack on someone else's system",
    re: gated(/\b(?:sql injection|sqli|xss|cross-site scripting|brute[- ]?forc\w*|credential stuffing|password spraying|man-in-the-middle|mitm|ddos\w*|dos attack|denial of service|ransomware|phishing (?:attack|campaign)|zero-day|exploit)\b(?:\s+[\w'-]+){0,6}?\s+(?:database|server|servers|site|website|network|account|accounts|system|systems|router|wifi|wi-fi|grades|portal|app)\b/, true),
    guard: (t, m) => !/\b(?:my own|our own|my|our)\s+(?:[a-z-]+\s+)?(?:database|server|site|website|network|account|system|router|wifi|app|portal)\b/.test(m[0]) || /\b(?:my|our) [a-z-]+'s\b/.test(m[0]),
  },
  {
    id: 'borrow-in-name', category: 'fraud-cybercrime', score: 0.85, means: "taking credit in someone else's name",
    re: gated(/\b(?:loan|loans|credit card|credit|account|mortgage|phone contract|lease|benefits|insurance policy|bank account)\s+(?:[a-z-]+\s+){0,2}?(?:in|under)\s+(?:(?:my|a|the|his|her|their)\s+)?(?:(?:dead|late|deceased|elderly|sick)\s+)?(?:[a-z-]+'s|someone else's|someone's|somebody's)\s+name\b/, true),
    guard: (t, m) => !/\bmy own\b/.test(m[0]) && !/\b(?:joint|with (?:his|her|their) (?:consent|permission)|power of attorney|executor)\b/.test(t),
  },
  {
    id: 'trick-into', category: 'fraud-cybercrime', score: 0.85, means: 'deceiving people into handing over money, data or access',
    re: gated(/\b(?:trick|tricks|tricking|fool|fools|fooling|deceiv\w+|lur(?:e|es|ing)|manipulat\w+|dup(?:e|es|ing)|scar(?:e|es|ing)|pressur(?:e|es|ing)|con|cons|conning)\s+(?:[a-z'-]+\s+){0,3}?into\s+(?:clicking|giving|entering|sending|paying|handing over|revealing|sharing|wiring|transferring|buying|investing|signing|installing|downloading|typing|logging)\b/, true),
  },
  {
    id: 'phishing-shape', category: 'fraud-cybercrime', score: 0.85, means: 'a message luring people to a link to hand over payment or login details',
    re: gated(/\b(?:links?|click|button|url)\b.{0,50}?\b(?:update|verify|confirm|re-?enter|enter|reset|unlock)\s+(?:your |their |the |his |her )?(?:card|payment|billing|bank|account|login|password|credentials|details|info|information)\b|\b(?:payment (?:failed|declined)|account (?:has been )?(?:suspended|locked|compromised|on hold))\b.{0,60}?\b(?:link|click|update|verify)\b/, true),
    guard: (t) => /\b(?:write|writing|draft|compose|create|make|generate|send|text|email|message|sms|convincing|template)\b/.test(t),
  },
  {
    id: 'refund-fraud', category: 'fraud-cybercrime', score: 0.85, means: 'false claims to get goods or money',
    re: gated(/\b(?:claim\w*|pretend\w*|say\w*|lie\w*|lying|report\w*) (?:that )?(?:the |my |an? )?(?:items?|package|parcel|order|delivery|it|they|things) (?:never (?:arrived|came|showed up)|(?:was|were) never (?:delivered|received)|didn't (?:arrive|come)|(?:was|were|got) (?:damaged|stolen|lost|broken))\b|\b(?:wardrobing|return fraud|refund scam)\b/, true),
  },
  {
    id: 'card-generation', category: 'fraud-cybercrime', score: 0.85, means: 'generating usable card or identity numbers',
    re: gated(/\b(?:valid|working|real|live|usable|valid-looking|real-looking|active)\s+(?:credit card|debit card|card|social security|ssn|passport|bank account|gift card)\s+(?:numbers?|details|codes?)\b|\bcvvs?\b|\bcard numbers? with (?:the )?(?:cvv|expiry|security code)/, true),
    guard: (t) => /\b(?:generate|make|create|list|give|get|find|buy|share|send|need|want)\b/.test(t) && !/\b(?:test(?:ing)? (?:cards?|numbers?|mode)|sandbox|stripe test|luhn)\b/.test(t),
  },
  {
    id: 'tax-evasion', category: 'fraud-cybercrime', score: 0.85, means: 'hiding income or assets from the tax authority',
    re: gated(/\b(?:hide|hiding|conceal\w*|not declare|not report|avoid declaring|stash\w*)\s+(?:my |our |the |some |all )?(?:cash |business |side )?(?:income|money|earnings|assets|cash|profits|tips|revenue)\s+(?:from|so) (?:the )?(?:irs|hmrc|tax\w*|government|authorities|cra|ato)\b/, true),
  },
  {
    id: 'market-manipulation', category: 'fraud-cybercrime', score: 0.85, means: 'manipulating a market',
    re: gated(/\b(?:pump[- ]and[- ]dump|pump and dump|rug[- ]?pull|wash trad\w+|spoof(?:ing)? (?:the )?(?:order book|market)|insider trad\w+ without)\b/, true),
  },
  {
    id: 'exploit-write', category: 'fraud-cybercrime', score: 0.85, means: "an exploit against a system the speaker does not own",
    re: gated(/\b(?:working |weaponi[sz]ed |functional )?exploits?\s+(?:for|against|to hack|to attack|to break into)\b.{0,60}?\b(?:i don't own|that isn't mine|not mine|someone else's|my school's|my employer's|company's|government|bank|hospital|unpatched)\b/, true),
  },
  {
    id: 'gift-card-demand', category: 'fraud-cybercrime', score: 0.85, means: 'an authority demanding payment in gift cards or crypto (a scam)',
    re: gated(/\b(?:pay|payment|paid|fine|fee|settle)\w*\b.{0,30}?\b(?:in|with|via|using|by) (?:gift cards?|itunes cards?|google play cards?|steam cards?|amazon cards?|bitcoin atm)\b/, true),
    guard: (t) => /\b(?:write|writing|draft|compose|letter|email|text|message|script|call|demand\w*|urgent|immediate\w*|irs|hmrc|police|court|tax)\b/.test(t),
  },
  {
    id: 'scam-artefact', category: 'fraud-cybercrime', score: 0.85, means: 'producing the materials of a scam',
    re: gated(/\b(?:scripts?|templates?|emails?|letters?|messages?|texts?|pitch|playbook|guide)\s+(?:for|of|to run)\s+(?:a |an |the )?(?:[a-z-]+\s+){0,3}?(?:scam|con|fraud|phishing|ponzi scheme|pyramid scheme|romance scam|sextortion)\b|\b(?:[a-z-]+\s+)?scam\s+(?:calls?|emails?|texts?|messages?|websites?|sites?|scripts?|letters?)\b/, true),
  },
  {
    id: 'counterfeit-currency', category: 'fraud-cybercrime', score: 0.85, means: 'counterfeit money',
    re: gated(/\b(?:fake|counterfeit|forged|phony|bogus|print(?:ing)? (?:my own|fake|counterfeit))\s+(?:[\w£$€-]+\s+){0,2}?(?:notes|banknotes|bills|money|currency|coins|twenties|fifties|hundreds)\b/, true),
    guard: (t) => !/\b(?:monopoly|board game|play money|prop money for (?:a|my) (?:film|movie|video)|movie prop)\b/.test(t),
  },
  // ---- theft ----
  {
    id: 'lockpick', category: 'crime', score: 0.8, means: "picking or cracking someone else's lock or safe",
    re: gated(/\b(?:pick|picking|picks|crack|cracking|bump|bumping|bypass|bypassing|open|opening|get past)\s+(?:the |a |an |open )?(?:[a-z-]+ )?(?:locks?|deadbolt|padlock|safe|vault|atm)\b(?:\s+(?:on|of|to|at|in)\s+(?:[a-z'-]+\s+){0,3}?(?:door|house|home|car|apartment|flat|room|locker|shed|garage|gate|office|shop|store|building|bike))?/, true),
    guard: (t, m) => !(/\b(?:my|our|your)\s+(?:own\s+)?/.test(m[0]) && !/'s\b/.test(m[0])) && (/\b(?:on|of|to|at|in)\s/.test(m[0].slice(m[0].search(/lock|deadbolt|padlock|safe|vault|atm/))) || /\b(?:safe|vault|atm)\b/.test(m[0]) || /\b(?:away|asleep|at night|without|unnoticed|undetected|not home|out of town|on holiday|on vacation)\b/.test(t)),
  },
  {
    id: 'take-others', category: 'crime', score: 0.8, means: "taking someone else's property",
    re: gated(/\b(?:take|taking|grab|grabbing|remove|removing|cut off|cutting off|saw off|sawing off|swipe|swiping|pocket|pocketing|make off with|walk off with|walk out with|sneak out with|nab|nabbing|lift|lifting)\s+(?:someone's|somebody's|other people's|people's|a stranger's|strangers'|(?:my|a|the|his|her|our) (?:[a-z-]+ )?(?:neighbou?r|coworker|co-worker|colleague|boss|roommate|flatmate|friend|classmate|employer|customer|tourist|passenger)'s|the (?:store|shop|company|restaurant|hotel)'s)\s+(?:[a-z-]+\s+){0,2}?(?:catalytic converters?|wallets?|purses?|bags?|phones?|bikes?|bicycles?|car|cars|wheels|tyres|tires|rims|packages?|parcels?|jewel\w*|money|cash|cards?|laptops?|tools|mail|batter(?:y|ies)|licen[cs]e plates?|number plates?|dogs?|cats?|stuff|things|belongings|merchandise|stock|tips)\b/, true),
    guard: (t) => !/\b(?:to (?:the )?(?:mechanic|garage|vet|police|lost and found|her|him|them)|back to|for a (?:ride|spin|drive|walk)|with (?:her|his|their) permission|borrow)\b/.test(t),
  },
  {
    id: 'entry-without-key', category: 'crime', score: 0.8, means: "getting into someone else's car or home without the key",
    re: gated(/\b(?:get|getting|open|opening|unlock\w*|start\w*|get into|break into|pop|popping) (?:a|the|this|that|someone's|somebody's|[a-z]+'s) (?:[a-z-]+ ){0,4}?(?:car|vehicle|door|truck|van|motorbike|motorcycle|house|apartment)(?: [a-z-]+){0,4}? without (?:the|a|its|their|any) (?:key|keys|fob|owner|owner's|permission)\b/, true),
  },
  {
    id: 'drain-account', category: 'fraud-cybercrime', score: 0.85, means: "taking money from someone else's account without their knowledge",
    re: gated(/\b(?:take|taking|steal|stealing|move|moving|transfer\w*|withdraw\w*|skim\w*|siphon\w*|drain\w*) (?:some |the |all )?(?:money|cash|funds|savings|pension) (?:out of|from) (?:my )?(?:[a-z-]+'s|someone's|somebody's|their|his|her) (?:bank )?(?:account|savings|wallet|purse|pension|card|till|register)/, true),
    guard: (t) => /\b(?:without (?:him|her|them|anyone|my [a-z-]+|the owner) (?:noticing|knowing|finding out|realising|realizing)|secretly|undetected|unnoticed|without (?:getting caught|being caught))\b/.test(t),
  },
  {
    id: 'criminal-means', category: 'crime', score: 0.8, means: 'asking for the means thieves use',
    re: gated(/\b(?:tools?|methods?|tricks?|techniques?|ways?|equipment|gear) (?:do |that |which |would )?(?:burglars|thieves|car thieves|shoplifters|pickpockets|robbers|carjackers|catalytic converter thieves) use\b/, true),
  },
  {
    id: 'sneak-out-goods', category: 'crime', score: 0.8, means: 'taking goods out of a shop unpaid',
    re: gated(/\b(?:sneak|sneaking|smuggle|smuggling|slip|slipping)\s+(?:[a-z'-]+\s+){0,3}?(?:out of|past|through) (?:a|the) (?:[a-z-]+ )?(?:store|shop|supermarket|mall|checkout|security gates?|security tags?|boutique|self-checkout)\b/, true),
  },
  {
    id: 'price-tag-swap', category: 'crime', score: 0.8, means: 'switching price tags to pay less',
    re: gated(/\b(?:swap|swapping|switch|switching|change|changing|replace|replacing|peel|peeling)\w*\s+(?:the |a )?(?:price|barcode)\s+(?:tags?|labels?|stickers?)\b/, true),
  },
  {
    id: 'break-open', category: 'crime', score: 0.8, means: "breaking into a machine, box or place to take what is inside",
    re: gated(/\b(?:get|getting|break|breaking|pry|prying|force|forcing|jimmy|jimmying|crack|cracking|bump[- ]?key\w*|bump)\s+(?:into|open|in)?\s*(?:a |the |an |this |that |my [a-z-]+'s |someone's |[a-z-]+'s )?(?:[a-z-]+ )?(?:vending machine|parking meter|atm|cash register|till|donation box|coin box|charity box|arcade machine|parking machine|shed|front door|back door|door|locker|mailbox|letterbox|safe)\b/, true),
    guard: (t, m) => !/\b(?:my|our) (?:own )?(?:[a-z-]+ )?(?:shed|door|locker|mailbox|safe|front door|back door)\b/.test(m[0]) && /\b(?:take|taking|steal|money|cash|coins|while|tools|without|at work|away|bump|pry|jimmy|force)\b/.test(t),
  },
  {
    id: 'drive-away', category: 'crime', score: 0.8, means: "taking a vehicle that is not the speaker's",
    re: gated(/\b(?:unlock|start|hotwire|open|break into|get into)\s+(?:a|the|this|that|someone's|somebody's|[a-z-]+'s)\s+(?:[a-z-]+\s+){0,2}?(?:car|truck|van|motorbike|motorcycle|bike|scooter|moped)\b.{0,40}?\b(?:drive|ride|take|wheel)\s+(?:it|them)\s+(?:away|off|home)\b/, true),
  },
  {
    id: 'smash-and-grab', category: 'crime', score: 0.8, means: 'breaking a window to take what is inside',
    re: gated(/\bsmash[- ]and[- ]grab\b|\b(?:break|breaking|smash|smashing|shatter|shattering|punch|punching)\s+(?:a|the|someone's|somebody's|[a-z-]+'s)\s+(?:[a-z-]+\s+)?(?:car|house|shop|store|van|truck|vehicle)(?:'s)?\s+windows?\b.{0,40}?\b(?:grab|take|steal|get|snatch|reach in)\b/, true),
  },
  {
    id: 'pickpocket', category: 'crime', score: 0.8, means: 'lifting wallets or phones from people',
    re: gated(/\b(?:lift|lifting|dip|dipping|snatch|snatching|nick|nicking|swipe|swiping)\s+(?:[a-z-]+\s+){0,2}?(?:wallets?|purses?|phones?|watches|handbags?|bags)\b\s+(?:from|on|in|off|out of|at)\b/, true),
  },
  {
    id: 'siphon-fence', category: 'crime', score: 0.8, means: 'taking fuel from, or selling, what belongs to others',
    re: gated(/\bsiphon\w*\s+(?:[a-z-]+\s+){0,2}?(?:from|out of)\s+(?:my\s+)?(?:[a-z-]+'s|someone's|a|the|their|his|her)\b|\b(?:fence|fencing|sell|selling|pawn|pawning|offload|offloading|move|moving|get rid of)\s+(?:the\s+|my\s+|some\s+)?stolen\b/, true),
  },
  {
    id: 'without-paying', category: 'crime', score: 0.75, means: 'leaving or taking without paying',
    re: gated(/\b(?:dine and dash|dine-and-dash|dine n dash|fare dodg\w*|jump\w* (?:the )?turnstiles?|hop\w* (?:the )?turnstiles?|skip (?:out on )?(?:the |a )?(?:bill|check|fare|tab)|(?:sneak\w*|walk\w*|run\w*|get\w*|slip\w*|leav\w*|dash\w*|ride|riding|board\w*|eat\w*|fill\w* up|take|taking|check\w* out)\b.{0,40}?\bwithout (?:paying|payment|them noticing i didn't pay))\b/, true),
  },
  // ---- privacy ----
  {
    id: 'tracker-on', category: 'privacy', score: 0.85, means: "covert tracking or recording device on another person's things",
    re: gated(/\b(?:put|putting|place|placing|hide|hiding|install|installing|attach|attaching|plant|planting|stick|sticking|slip|slipping|sneak|sneaking|get|load|loading)\s+(?:a |an |some |the )?(?:gps |hidden |secret |tiny |small |spy )?(?:tracker|tracking device|tracking app|airtag|air tag|tile tracker|spyware|stalkerware|keylogger|spy app|monitoring app|monitoring software|hidden camera|spy camera|camera|bug|listening device|recording device|mic|microphone)\s+(?:on|in|into|onto|under|inside)\s+((?:[a-z'-]+\s+){0,2}[a-z'-]+)/, true),
    guard: (t, m) => othersOwn(m[1]!) && !/\b(?:my own|our own)\b/.test(m[1]!),
  },
  {
    id: 'covert-watch', category: 'privacy', score: 0.85, means: "watching a person's life without their knowledge",
    re: gated(/\b(?:see|read|check|find out|know|track|monitor|spy|listen|record|watch|follow|access|log into|get into|look at|go through)\w*\b.{0,50}?\b(?:without (?:him|her|them|my [a-z-]+|anyone|the person|their|his|her) (?:knowing|noticing|finding out|realising|realizing|seeing)|secretly|behind (?:his|her|their) back)\b/, true),
    guard: (t) => new RegExp(`\\b(?:my|our|his|her|their) (?:[a-z-]+ )?(?:${alt(PRIVATE_RELATIONS.filter((r) => !/^(?:kid|kids|child|children|son|daughter)$/.test(r)))})\\b`).test(t),
  },
  {
    id: 'reverse-lookup', category: 'privacy', score: 0.8, means: 'identifying a private person from a plate, number or photo',
    re: gated(/\b(?:find|get|look up|trace|identify|figure out|work out)\w*\s+(?:out\s+)?(?:who|someone's|a person's|(?:his|her|their) )?\s?(?:owns|address|name|identity|owner|phone number|lives)\b.{0,40}?\b(?:licen[cs]e plate|number plate|plate number|registration|phone number|ip address|photo|picture|username|selfie)\b/, true),
    guard: (t) => !/\b(?:my own|police|report|insurance|dvla|dmv|hit and run|accident)\b/.test(t) || /\b(?:visit|confront|find (?:him|her|them)|go to (?:his|her|their))\b/.test(t),
  },
  {
    id: 'voyeur-camera', category: 'privacy', score: 0.9, means: 'a hidden camera where people undress or sleep',
    re: gated(/\b(?:hide|hiding|hidden|secret|spy|install\w*|put|place|plant)\s+(?:a |an |some )?(?:hidden |secret |spy |tiny )?(?:cameras?|cams?|recording devices?)\b.{0,40}?\b(?:bathroom|bedroom|changing room|shower|toilet|guest room|locker room|dressing room|airbnb|rental|tenant|hotel room)\b/, true),
    guard: (t) => !/\b(?:find|detect|check for|spot|scan for)\b/.test(t),
  },
  {
    id: 'intimate-leak', category: 'privacy', score: 0.9, means: "sharing someone's intimate images without consent",
    re: gated(/\b(?:leak|post|share|spread|send|upload|publish)\w*\s+(?:someone's|my ex's|her|his|their|[a-z-]+'s)\s+(?:[a-z-]+\s+)?(?:nudes|nude photos|naked photos|private photos|intimate (?:photos|pictures|images|videos)|sex tape)\b/, true),
  },
  {
    id: 'personal-details', category: 'privacy', score: 0.8, means: "a person's private contact details or movements",
    re: gated(/'s (?:personal |private )+(?:home )?(?:address|phone number|cell number|mobile number|number|email|schedule|routine)\b|'s (?:daily schedule|daily routine|whereabouts|current location|live location|real-time location)\b/, true),
    guard: (t) => !/\b(?:official|office|public|press|agent|publicist|fan mail)\b/.test(t),
  },
  {
    id: 'dox', category: 'privacy', score: 0.85, means: 'doxxing a person',
    re: gated(/\b(?:dox|doxx|doxes|doxxes|doxed|doxxed|doxing|doxxing)\b/, true),
  },
  {
    id: 'where-private-person', category: 'privacy', score: 0.8, means: 'where a private person lives, works or goes',
    re: gated(new RegExp(`\\b(?:where|which (?:school|gym|office|house|building|street|hotel|apartment|flat|class|church|route)|what (?:school|gym|time|street|address|route|hotel|office|building))\\s+(?:[a-z'-]+\\s+)?(?:does|do|did|is|will|would)?\\s?(?:my|our|the|this|that|a|his|her)\\s+(?:[a-z'-]+\\s+){0,3}?${PRIVATE_PERSON}\\s+(?:[a-z'-]+\\s+){0,2}?(?:(?:from|at|in|on|with)\\s+(?:the\\s+|my\\s+|a\\s+|our\\s+)?[a-z'-]+\\s+)?(?:now\\s+)?(?:lives?|works?|sleeps?|parks?|goes|go|attends?|stays?|is staying|will be|walks|jogs|studies|hangs out|moved to)\\b`), true),
  },
  {
    id: 'identify-described', category: 'privacy', score: 0.8, means: 'identifying or locating a private person', request: false,
    re: gated(new RegExp(`\\b(?:real name|full name|legal name|home address|address|phone number|employer|workplace|where (?:he|she|they) (?:lives?|works?)|instagram|facebook|snapchat|tiktok|social media|profile)\\b`), true),
    guard: (t) => new RegExp(`\\b(?:the|this|that|a|some)\\s+(?:[a-z-]+\\s+){0,2}?(?:user|redditor|poster|commenter|account|troll|stranger|girl|guy|woman|man|person|lady|boy|kid|player|streamer|cashier|barista|waitress|waiter|nurse|driver)\\s+(?:who|that|from|at|on|in|i saw|i met|i see|i noticed)\\b`).test(t) && /\b(?:find|find out|get|compile|dig up|look up|track down|uncover|reveal|expose|figure out|tell me|give me|locate|what(?:'s| is| are))\b/.test(t),
  },
  // ---- self-harm ----
  {
    id: 'where-to-cut', category: 'self-harm', score: 0.9, means: 'where to cut or burn oneself',
    re: gated(/\bwhere (?:on (?:my |the |your )?(?:[a-z]+ ){0,2}?)?(?:to|should i|do i|can i|would i|is (?:the )?best (?:place )?to) (?:cut|slit|slash|stab|burn)(?: myself| my [a-z]+| deep(?:er)?| it)?(?= so\b| to\b| deep| for\b| without| and|\s*[?.,!]|$)/, true),
    guard: (t) => /\b(?:myself|my (?:arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|body|stomach)|wrists?|bleed\w*|blood|deep enough|scars?|nobody (?:notices|will notice|sees)|no one (?:notices|will notice|sees)|hide it|veins?|artery)\b/.test(t),
    fictionExcuses: true,
  },
  {
    id: 'lethal-to-me', category: 'self-harm', score: 0.9, means: 'a means question whose outcome is the speaker dying',
    re: gated(/\b(?:stop my (?:heart|breathing)|(?:go to )?sleep forever|until i(?:'m| am) gone|stop existing|disappear forever|be gone for good|(?:make sure|guarantee|ensure|be sure|certain) (?:that )?i (?:die|don't survive|won't survive|won't wake up|never wake up)|(?:kill|kills|would kill|will kill) me\b|i (?:would|will|'d|'ll) (?:die|not wake up|not survive|never wake up)|(?:lethal|fatal|deadly) (?:for|to) (?:me|someone (?:my|of my) (?:size|weight|age))|(?:lethal|fatal|deadly|kill me) if i|(?:enough|need|have) to (?:kill me|die|not wake up|end it)|to not wake up)\b/, true),
    guard: (t) => /\b(?:take|taking|swallow|swallowing|drink|drinking|inject|injecting|pills?|meds|medication|medicine|tablets?|dose|doses|insulin|paracetamol|tylenol|acetaminophen|ibuprofen|aspirin|sleeping|overdose|jump|jumping|bridge|building|high|height|floor|rope|hang|gun|mg|grams?|all at once|at once|tylenol|bleach|ammonia|gas|exhaust|carbon monoxide|mix|closed)\b/.test(t) && !/\b(?:my (?:kid|child|son|daughter|dog|cat|baby)|accidentally)\b/.test(t),
  },
  {
    id: 'means-comparison', category: 'self-harm', score: 0.9, means: 'comparing ways to die',
    re: gated(/\b(?:least painful|most painless|painless|most peaceful|quickest|easiest|fastest|surest) (?:way|method|means) to (?:go|die|end it|pass away|check out|not wake up)\b|\b(?:which|what)(?:'s| is| would be| will be)? (?:faster|quicker|less painful|more painless|more reliable|more certain|surer|more effective|more lethal|deadlier)\b[^?]{0,60}?\b(?:pills|overdos\w*|hang\w*|rope|noose|jump\w*|bridge|train tracks|a train|gun|drown\w*|carbon monoxide|car exhaust|bleach|razor|wrists?|slit\w*)\b/, true),
  },
  {
    id: 'carbon-monoxide', category: 'self-harm', score: 0.9, means: 'carbon monoxide in a closed space',
    re: gated(/\b(?:running car|engine running|car running|exhaust|charcoal|carbon monoxide)\b.{0,50}\b(?:closed|shut|sealed|small|locked) (?:garage|room|bathroom|car|space|tent)\b|\b(?:closed|shut|sealed|locked) (?:garage|room|bathroom|tent)\b.{0,50}\b(?:running|engine|exhaust|charcoal)\b/, true),
    guard: (t) => /\b(?:i|me|my|myself|i'd)\b/.test(t) && !/\b(?:detector|alarm|poisoning symptoms|accidentally|prevent)\b/.test(t),
  },
  {
    id: 'lethal-height', category: 'self-harm', score: 0.85, means: 'which height or place makes a fall fatal',
    re: gated(/\b(?:bridges?|buildings?|cliffs?|rooftops?|floors?|car parks?|parking garages?|towers?)\b.{0,60}?\b(?:fall|jump|drop)\w*\b.{0,20}?\b(?:fatal|lethal|deadly|kill|die|survivable|survive)\b|\b(?:fatal|lethal|deadly)\b.{0,20}\b(?:fall|jump|drop)\b.{0,40}\b(?:bridges?|buildings?|cliffs?|rooftops?|floors?|towers?)\b/, true),
    guard: (t) => !/\b(?:safety|barriers?|nets?|prevent\w*|engineer\w*|physics|statistics on|history)\b/.test(t),
  },
  {
    id: 'end-things', category: 'self-harm', score: 0.85, means: 'a way to end one\'s life',
    re: gated(/\b(?:way|ways|how|method|methods) to end (?:things|it all|everything|my life|my own life|it)\b(?! (?:with|between|on a|for (?:the|a) (?:day|year|meeting))\b)/, true),
    guard: (t) => !/\b(?:relationship|conversation|meeting|essay|email|story|book|chapter|friendship|call|argument|marriage|date|speech|game|semester|year|day|letter|novel|paragraph|debate|war|strike|fight|partnership|contract)\b/.test(t),
  },
  {
    id: 'what-if-i-take', category: 'self-harm', score: 0.85, means: 'asking what an overdose would do to the speaker',
    re: gated(/\b(?:what (?:happens|would happen|will happen)|will i die|would i die|would it kill me|how long (?:would it take|until))\b.{0,20}?\bif i (?:take|took|swallow|swallowed|drink|drank|inject|overdose|jump|jumped|cut)\b.{0,30}?\b(?:\d{2,}|all|whole|entire|bottle|pack|box|many|lots)\b/, true),
    guard: (t) => !/\b(?:accidentally|by mistake|my (?:kid|child|son|daughter|dog|cat))\b/.test(t),
  },
  {
    id: 'pro-ana', category: 'self-harm', score: 0.85, means: 'promoting disordered eating',
    re: gated(/\b(?:pro-?ana|pro-?mia|thinspo|thinspiration|meanspo|bonespo)\b|\b(?:drop|lose) \d+ (?:pounds|lbs|kg|kilos) in (?:a|one|\d) (?:week|days?)\b/, true),
  },
  {
    id: 'bleed-out', category: 'self-harm', score: 0.9, means: 'cutting to bleed out',
    re: gated(/\b(?:which|what) (?:vein|artery|veins|arteries)\b.{0,40}\b(?:cut|slit|slice|open|stab)\b|\bbleed out (?:fast|faster|fastest|quickly|quicker)\b/, true),
  },
  {
    id: 'hanging', category: 'self-harm', score: 0.9, means: 'preparing a hanging',
    re: gated(/\b(?:rope|noose|cord|belt|ligature) (?:on|around|round) my neck\b|\b(?:tie|tying|make|making|knot|knotting) (?:a |the |my )?(?:[a-z-]+ )?noose\b|\bhold my weight\b.{0,40}\bhang\b|\bhang\w* (?:it|myself|a belt|a rope|the rope|the belt|a cord) from\b/, true),
  },
  {
    id: 'stockpile', category: 'self-harm', score: 0.85, means: 'stockpiling medication for an overdose',
    re: gated(/\b(?:saving|saved|stockpil\w+|hoard\w*|collect\w*|stash\w*) (?:up )?(?:all )?(?:my |enough |some )?(?:meds|pills|medication|tablets|sleeping pills|painkillers|prescriptions?)\b/, true),
    guard: (t) => /\b(?:how many|how much|enough|before|need|would it take|to die|to end)\b/.test(t) || /\bi(?:'ve| have)\b/.test(t),
  },
  {
    id: 'glorify-self-harm', category: 'self-harm', score: 0.85, means: 'glorifying or encouraging self-harm', fictionExcuses: false,
    re: gated(/\b(?:glorif\w+|encourag\w+|promot\w+|romantici[sz]\w+|celebrat\w+)\s+(?:[a-z-]+\s+){0,2}?(?:cutting|self-harm\w*|suicide|anorexia|starving|purging|killing (?:yourself|themselves|oneself)|hurting (?:yourself|themselves|oneself))\b/, true),
    request: false,
    guard: (t) => !/\b(?:why (?:is|are)|dangers? of|harmful|how to (?:respond|report|stop)|awareness|prevent\w*|don't|never)\b/.test(t),
  },
  {
    id: 'suicide-artefact', category: 'self-harm', score: 0.9, means: 'a suicide note, method or plan for the speaker',
    re: gated(/\b(?:suicide (?:note|letter|method|methods|plan|pact|kit|bag)|(?:methods?|ways?|means) (?:of|for|to commit) suicide|(?:pick|choose|decide on) (?:a |the )?(?:method|way) to (?:die|end it|kill myself)|(?:and|or) pick a method)\b/, true),
  },
  {
    id: 'purge-starve', category: 'self-harm', score: 0.85, means: 'disordered eating or hiding self-harm',
    re: gated(/\b(?:stop eating (?:completely|entirely|altogether|for (?:days|weeks|good))|until i (?:disappear|waste away|am skin and bones)|keep my weight (?:under|below) \d+|i(?:'m| am) not eating|skip(?:ping)? meals without|make (?:myself|me) (?:throw up|vomit|puke|purge)|(?:starve|starving) myself|hide (?:my )?(?:not eating|eating disorder|anorexia|bulimia|purging|cutting|self-harm|scars|cuts|weight loss) from|(?:eat|eating) (?:under|less than) \d{2,3} calories)\b/, true),
    guard: (t) => !/\b(?:swallowed|poison\w*|ate something|food poisoning|hangover|hungover|motion sickness|with my doctor|my doctor (?:said|says|recommended|told))\b/.test(t),
  },
  // ---- sexual content involving minors ----
  {
    id: 'minor-contact', category: 'sexual-minors', score: 0.9, means: 'seeking private contact with minors', fictionExcuses: false,
    re: gated(/\b(?:chat|chatting|talk|talking|meet|meeting|date|dating|hook up|flirt|flirting|sext|sexting|be alone|get alone|hang out|spend (?:time|the night))\w* with (?:an? )?(?:underage|minors?|young teens?|preteens?|\d{1,2}[- ]?(?:year[- ]old|yo)s?|kids|children|little girls?|little boys?|school ?girls?|school ?boys?)\b/, true),
    guard: (t, m) => /\b(?:underage|minors?|preteens?)\b/.test(m[0]) || /\b(?:older (?:men|man|guys?)|who like older|romantic\w*|secret\w*|alone|without (?:their )?parents|sexual\w*|private|date|dating|flirt\w*|sext\w*)\b/.test(t),
  },
  {
    id: 'grooming-secrecy', category: 'sexual-minors', score: 0.9, means: 'building a secret relationship with a child', fictionExcuses: false,
    re: gated(/\b(?:keep (?:our|it|this|the|their) (?:[a-z]+ )?(?:chats?|messages|relationship|friendship|talks|conversations|meetings|secret)\b(?: (?:a )?secret)?|don't tell (?:their|your|her|his) (?:parents|mom|mum|dad|mother|father)|without (?:their|her|his) parents (?:knowing|finding out|noticing)|befriend (?:a |an )?(?:[a-z-]+ )?(?:\d{1,2}[- ]?year[- ]old|child|kid|girl|boy|teen|minor)|gain (?:the )?trust of (?:a |an )?(?:[a-z-]+ )?(?:\d{1,2}[- ]?year[- ]old|child|kid|girl|boy|teen|minor))/, true),
    guard: (t) => /\b(?:\d{1,2}[- ]?(?:year[- ]olds?|yo)|child|children|kids?|minors?|little (?:girl|boy)|preteen|teens?|teenagers?|underage|schoolgirl|schoolboy|girl|boy|student|pupil)\b/.test(t) && !/\b(?:surprise|party|present|gift|birthday)\b/.test(t),
  },
  {
    id: 'marry-child', category: 'sexual-minors', score: 0.9, means: 'marrying or dating a child', fictionExcuses: false,
    re: gated(/\b(?:marry|marrying|wed|wedding|date|dating|be the (?:boyfriend|girlfriend) of|take as (?:a |my )?(?:wife|bride))\s+(?:a |an |my )?(?:\d{1,2}|ten|eleven|twelve|thirteen|fourteen|fifteen)[- ]?(?:years?[- ]old|yo|y\/o)\b|\bchild (?:bride|marriage)\b/, true),
    guard: (t, m) => { const n = /\d{1,2}/.exec(m[0]); return (n === null || Number(n[0]) < 16) && /\b(?:i|i'm|me|my|how do i|how can i|convince|help me)\b/.test(t); },
  },
  {
    id: 'hide-contact-minor', category: 'sexual-minors', score: 0.9, means: "hiding contact with a child from the child's parents", fictionExcuses: false,
    re: gated(/\b(?:hide|hiding|delete|deleting|secret|secretly)\b.{0,40}?\b(?:messages|chats|texts|dms|contact|relationship|meetings)\b.{0,40}?\b(?:middle[- ]schooler|child|kid|minor|\d{1,2}[- ]?year[- ]old|teen|girl|boy|student|pupil)\b/, true),
    guard: (t) => /\b(?:parents?|mom|mum|dad|mother|father|teachers?|school)\b/.test(t) && /\b(?:my|i|me)\b/.test(t),
  },
  {
    id: 'child-alone', category: 'sexual-minors', score: 0.9, means: 'getting a child alone', fictionExcuses: false,
    re: gated(/\b(?:get|getting|have|having|keep|keeping|lure|luring|invite|inviting)\s+(?:(?:a|the|my|her|his|their|[a-z-]+'s)\s+){0,2}(?:\d{1,2}[- ]?year[- ]old|child|kid|little girl|little boy|niece|nephew|stepdaughter|stepson|student|pupil)\s+(?:[a-z-]+\s+){0,2}?(?:alone|to myself|over (?:to my|at my) (?:house|place|flat))\b/, true),
    guard: (t) => /\b(?:excuse|without|secret\w*|nobody|no one|alone with me|alone in my|my house|my place|my car|my room)\b/.test(t) && !/\b(?:safe|safety|babysit\w* (?:rules|tips)|leave (?:my|a) [\w-]+ alone|home alone)\b/.test(t),
  },
  {
    id: 'touch-child', category: 'sexual-minors', score: 0.95, means: 'a plan to touch a child', fictionExcuses: false,
    re: gated(/\bso (?:that )?i (?:can|could) (?:touch|kiss|fondle|feel up|undress|see (?:her|him|them) naked|watch (?:her|him|them) (?:shower|change|undress|bathe))\b/, true),
    guard: (t) => /\b(?:stepdaughter|stepson|daughter|son|niece|nephew|student|pupil|kid|kids|child|children|babysit\w*|\d{1,2}[- ]?year[- ]old|little girl|little boy|girl scout|boy scout)\b/.test(t),
  },
  // ---- violence ----
  {
    id: 'sabotage', category: 'violence', score: 0.85, means: 'sabotaging what keeps a person safe',
    re: gated(/\b(?:cut|cutting|tamper(?:ing)? with|loosen(?:ing)?|disable|disabling|sabotag\w+|drain(?:ing)?|mess(?:ing)? with) ((?:the |his |her |their |someone's |somebody's |(?:my |a |the )?[a-z-]+'s )?(?:[a-z-]+ )?(?:brake lines?|brakes|brake fluid|steering|gas line|airbags?|smoke (?:detector|alarm)s?|oxygen (?:tank|supply)|pacemaker|insulin pump|ventilator|life support|seatbelts?))\b|\bcause (?:a |an )?(?:fatal |deadly |serious |bad )?(?:car |traffic |road )?(?:accident|crash) (?:for|to|that (?:kills|hurts|injures))\b/, true),
    guard: (t, m) => !(m[1] !== undefined && /^(?:my|our) (?!(?:[a-z-]+ )?[a-z-]+'s)/.test(m[1]) && !/'s\b/.test(m[1])),
  },
  {
    id: 'hire-harm', category: 'violence', score: 0.9, means: 'paying someone to harm a person',
    re: gated(/\b(?:hire|hiring|find|finding|pay|paying|get|getting|cost to hire|cost to get)\s+(?:a |an |some |someone to |somebody to |people to |a guy to |a gang to )?(?:hitman|hit man|hitmen|assassin|contract killer|killer|heavies|(?:kill|hurt|beat up|rough up|break the legs of|take care of|get rid of|deal with|teach a lesson to|scare|intimidate|torch)\b)/, true),
    guard: (t) => !/\b(?:pest|exterminator|rats?|mice|termites|bugs|weeds|mould|mold|junk|rubbish|trash)\b/.test(t),
  },
  {
    id: 'threat-artefact', category: 'violence', score: 0.85, means: 'composing a threat against a person',
    re: gated(/\b(?:bomb threat|death threats?|threatening (?:letter|message|note|email|text|voicemail|call|post)s?|(?:threaten\w*|warning) (?:[a-z-]+ ){0,3}?(?:that )?(?:i(?:'ll| will)|we(?:'ll| will)) (?:hurt|kill|find|burn|harm|come for|get))\b/, true),
  },
  {
    id: 'swatting', category: 'violence', score: 0.85, means: 'swatting: a false emergency call to send armed police to a person',
    re: gated(/\b(?:swat|swatting|swatted)\s+(?:someone|somebody|him|her|them|a|an|my|this|that|the)\b|\b(?:fake|false|prank) (?:911|999|emergency|police) (?:call|report)s?\b.{0,40}\b(?:address|house|home|streamer|someone)\b/, true),
  },
  {
    id: 'acid-attack', category: 'violence', score: 0.9, means: 'throwing acid or a corrosive at a person',
    re: gated(/\b(?:acid attack|throw\w* (?:acid|bleach|boiling water|battery acid|drain cleaner) (?:on|at|in|into)|(?:disfigure|scar) (?:her|his|their|someone's|my [a-z-]+'s) face)\b/, true),
  },
  {
    id: 'people-smuggling', category: 'crime', score: 0.85, means: 'smuggling or trafficking people',
    re: gated(/\b(?:smuggl\w*|traffick\w*|transport\w*|move|moving|sneak\w*)\s+(?:people|migrants|a person|someone|humans|girls|women|children|kids|workers)\s+(?:across|over|into|out of|through|past)\b/, true),
  },
  {
    id: 'injury-outcome', category: 'violence', score: 0.85, means: 'an intended injury to a person',
    re: gated(/\b(?:make sure|so that|so|until|to make|to ensure)\b.{0,40}?\b(?:ends? up|winds? up|lands?) (?:in|into) (?:the |a )?(?:hospital|coma|wheelchair|intensive care|icu|morgue|grave|a&e|er)\b|\b(?:put|send|land) (?:him|her|them|someone|the [a-z-]+|my [a-z-]+) (?:in|into) (?:the |a )?(?:hospital|coma|wheelchair|intensive care|icu|morgue|grave)\b/, true),
  },
  {
    id: 'undetectable-poison', category: 'violence', score: 0.9, means: 'a poison chosen to escape detection',
    re: gated(/\b(?:(?:poisons?|toxins?|drugs?|substances?|chemicals?)\s+(?:that (?:is|are|would be|won't|wouldn't|doesn't|don't)\s+|which (?:is|are)\s+|is\s+|are\s+)?(?:undetectable|untraceable|hard to (?:detect|trace)|not detect\w*|show up)\b.{0,40}?\b(?:autopsy|toxicology|tox screen|post-mortem|coroner|blood test)|(?:undetectable|untraceable)\s+(?:poisons?|toxins?|ways? to (?:kill|poison)))\b/, true),
  },
  {
    id: 'set-animal-on', category: 'violence', score: 0.85, means: 'training an animal to attack a person',
    re: gated(new RegExp(`\\b(?:train|teach|get|make|set)\\w*\\s+(?:my |the |a |his |her |our )?(?:dogs?|pit ?bulls?|rottweilers?|animals?)\\s+(?:to |on )(?:attack|bite|maul|kill|go after|hurt)\\s+(?:the |my |a |that |this |our |his |her )?(?:[a-z-]+\\s+)?(?:${alt(['mailman', 'postman', 'neighbour', 'neighbor', 'kid', 'kids', 'child', 'children', 'people', 'someone', 'strangers', 'man', 'woman', 'boy', 'girl', 'guy', 'ex', 'wife', 'husband', 'jogger', 'joggers', 'delivery driver', 'cyclist', 'cyclists', 'him', 'her', 'them'])})\\b`), true),
  },
  {
    id: 'booby-trap', category: 'violence', score: 0.85, means: 'a trap set to injure a person',
    re: gated(/\b(?:rig(?:ging)? (?:a |the |his |her |their |someone's |my [a-z-]+'s )?(?:[a-z-]+ )?(?:car|house|door|package|parcel|phone|vehicle|mailbox) to (?:explode|blow up|catch fire|burn|go off)|booby[- ]?traps?|(?:traps?|devices?) (?:that|which|to) (?:fires?|shoots?|explodes?|goes? off|stabs?|injures?|kills?|hurts?|electrocutes?)\b.{0,40}\b(?:when|if) (?:someone|somebody|a person|he|she|they|anyone|my [a-z-]+)\b)/, true),
  },
  {
    id: 'vehicle-ramming', category: 'violence', score: 0.9, means: 'driving a vehicle into people',
    re: gated(/\b(?:drive|driving|drove|ram|ramming|rammed|plow|plough|plowing|ploughing|crash|crashing|steer|steering|mow|mowing) (?:a |the |my |an |his |her )?(?:[a-z-]+ )?(?:truck|car|van|lorry|vehicle|bus|suv|tractor)s? (?:into|through) (?:a |the )?(?:[a-z-]+ )?(?:crowd|crowds|people|pedestrians|protesters|marchers|parade|market|festival|rally|shoppers|students|children|kids|demonstrators)\b/, true),
  },
  {
    id: 'mass-casualties', category: 'violence', score: 0.9, means: 'aiming at mass casualties',
    re: gated(/\b(?:maximum|maximi[sz]e (?:the )?|most|as many) (?:casualties|deaths|carnage|body count|fatalities)\b|\b(?:kill|hurt|injure|shoot|stab) as many (?:people |victims )?as (?:possible|i can)\b/, true),
  },
  {
    id: 'covert-dosing', category: 'violence', score: 0.85, means: 'drugging a person without their knowledge',
    re: gated(/\b(?:spike|spiking|lace|lacing|dose|dosing|drug|drugging|roofie|roofying|give|giving|slip (?:something|a pill|pills|drugs|it)|put (?:something|drugs|pills|it))\b.{0,60}?\b(?:without (?:telling (?:him|her|them)|(?:him|her|them|my [a-z-]+|anyone|the person|their|his|her) (?:knowing|noticing|finding out|realising|realizing|tasting))|secretly|so (?:he|she|they) (?:doesn't|don't|won't|can't) (?:know|notice|taste|tell))\b/, true),
    guard: (t) => !/\blace (?:up |my |the |your )?(?:shoes|boots|sneakers|trainers|corset)\b/.test(t) && (!/\bgiv(?:e|ing)\b/.test(t) || /\b(?:mdma|molly|ecstasy|ghb|rohypnol|roofies?|xanax|ketamine|sleeping pills?|pills|drugs?|laxatives?|viagra|alcohol|vodka|edibles?|weed|lsd|acid|shrooms|sedatives?)\b/.test(t)),
  },
  // ---- hate ----
  {
    id: 'group-conspiracy', category: 'hate', score: 0.85, means: 'a conspiracy myth about a protected group', request: false,
    re: gated(new RegExp(`${B(GROUP)}\\s+(?:all\\s+|secretly\\s+|really\\s+|basically\\s+|still\\s+)?(?:control|controls|run|runs|own|owns|rule|rules|are taking over|are replacing|want to replace|are destroying|are ruining|are poisoning|are invading)\\s+(?:the\\s+|our\\s+|this\\s+|all\\s+)?(?:[a-z-]+\\s+)?(?:banks|banking|media|world|government|hollywood|finance|economy|country|culture|society|west|elections|jobs|money)\\b|${B(GROUP)}\\s+(?:are\\s+)?(?:secretly\\s+)?(?:planning|plotting|scheming|trying|going|out|want|wanting|conspiring)\\s+to\\s+(?:take over|replace|destroy|invade|conquer|outbreed|control|wipe out|enslave)\\b`), true),
    guard: (t) => /\b(?:argu\w+|convinc\w+|persuad\w+|prove|proving|speech|essay|tweet|post|pamphlet|flyer|article|manifesto|reasons|explain why|tell me why|write|compose|why do|why does|it's true|it is true)\b/.test(t),
  },
  {
    id: 'group-discrimination', category: 'hate', score: 0.85, means: 'discriminating against a protected group',
    re: gated(new RegExp(`\\b(?:avoid\\w*|stop|not|never|refus\\w* to|don't|won't|exclud\\w*|screen\\w* out|filter\\w* out|reject\\w*)\\s+(?:hiring|hire|renting to|rent to|serving|serve|promoting|promote|admitting|admit|interviewing|interview|accepting|accept)\\s+(?:any\\s+)?(?:[a-z-]+\\s+)?${B(GROUP)}`), true),
  },
  {
    id: 'group-pronoun-slur', category: 'hate', score: 0.85, means: 'a dehumanising claim or expulsion aimed at a protected group',
    re: gated(/\b(?:(?:because |as |since )?(?:they are|they're) (?:all |just |nothing but |so |basically |simply )?(?:animals|vermin|parasites|subhuman|cockroaches|rats|a disease|a plague|a cancer|savages|filth|scum|pests|invaders|criminals|rapists|terrorists|a burden|a drain|useless|worthless|inferior|dirty|disgusting)|go back (?:to )?where (?:they|you) came from|(?:don't|do not) belong (?:here|in (?:our|this) (?:country|town|city|school|neighbou?rhood)))\b/, true),
    guard: (t) => new RegExp(`(?<![\\w-])${GROUP}(?![\\w-])`).test(t),
  },
  {
    id: 'glorify-group-violence', category: 'hate', score: 0.9, means: 'glorifying or calling for violence against a protected group', request: false, fictionExcuses: false,
    re: gated(new RegExp(`\\b(?:celebrat\\w*|glorif\\w*|prais\\w*|justif\\w*|encourag\\w*|promot\\w*|call\\w* for|incit\\w*|cheer\\w* (?:for|on))\\s+(?:[a-z-]+\\s+){0,2}?(?:violence|attacks?|killing|killings|murders?|lynching|beatings?|genocide|extermination|massacres?|pogroms?|bashing)\\s+(?:against|of|on)\\s+(?:[a-z-]+\\s+)?${B(GROUP)}`), true),
  },
  {
    id: 'group-stereotype-content', category: 'hate', score: 0.8, means: 'demeaning stereotypes about a protected group asked for as content',
    re: gated(new RegExp(`${B(GROUP)}\\s+(?:all\\s+|always\\s+|just\\s+)?(?:smell|stink|reek|can't speak (?:english|properly)|breed like|are all the same|steal|lie|cheat)\\b`), true),
    guard: (t) => /\b(?:write|writing|joke|jokes|bit|routine|post|tweet|meme|speech|song|caption|list|story|rap|poem|skit|comedy|stand-up|roast|why do|why does)\b/.test(t),
    fictionExcuses: false,
  },
  {
    id: 'group-plot', category: 'hate', score: 0.85, means: 'a conspiracy myth naming a protected group', request: false, fictionExcuses: false,
    re: gated(/\b(?:jewish|zionist|muslim|islamic|gay|homosexual|black|chinese|immigrant|globalist jewish|trans) (?:plot|conspiracy|agenda|scheme|cabal|hoax|takeover|invasion)\b/, true),
    guard: (t) => /\b(?:claim\w*|argu\w*|prov\w+|write|article|post|essay|speech|tweet|convinc\w*|persuad\w*|explain|it's true|is true|really|expos\w+)\b/.test(t) && !/\b(?:myth|debunk\w*|antisemit\w*|history of|origin of|why do people believe|conspiracy theor(?:y|ies) about)\b/.test(t),
  },
  {
    id: 'ethnic-purity', category: 'hate', score: 0.85, means: 'keeping a place free of a protected group', request: false, fictionExcuses: false,
    re: gated(/\bkeep(?:ing)? (?:our|the|this|my) (?:town|country|neighbou?rhood|school|city|nation|street|area|community|race|bloodline) (?:white|pure|christian|straight|clean of|free of|free from)\b|\b(?:white|racial|ethnic) (?:purity|homeland|ethnostate)\b/, true),
  },
  {
    id: 'group-exclusion', category: 'hate', score: 0.85, means: 'arguing for excluding or persecuting a protected group', request: false,
    re: gated(new RegExp(`\\b(?:arguments?|case|reasons?|justifications?|rationale|plan|policy|proposal|campaign|petition|speech|essay)\\s+(?:for|to|in favou?r of)\\s+(?:[a-z-]+\\s+){0,2}?(?:segregat\\w+|deport\\w+|bann\\w+|exclud\\w+|expel\\w+|sterili[sz]\\w+|intern\\w+|barring|removing|kicking out|getting rid of|exterminat\\w+|eliminat\\w+|separat\\w+|disenfranchis\\w+|firing|not hiring|evicting)\\s+(?:all\\s+)?(?:[a-z-]+\\s+)?${B(GROUP)}`), true),
  },
];

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
