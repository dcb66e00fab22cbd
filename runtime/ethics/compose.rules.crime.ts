/** Composed rules, first part: fraud and cybercrime, other crime, privacy (in the order the checker runs them). */
import { PRIVATE_PERSON, othersOwn, type ComposedRule } from './compose.shared.js';
import { alt } from './lexicon.js';
import { gated } from './prefilter.js';
import { PRIVATE_RELATIONS } from './lexicon.privacy.js';

export const CRIME_RULES: ComposedRule[] = [
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
];
