/** Composed rules, second part: self-harm, sexual content involving minors, violence, hate (run after the crime rules). */
import { GROUP, B, type ComposedRule } from './compose.shared.js';
import { alt } from './lexicon.js';
import { gated } from './prefilter.js';

export const HARM_RULES: ComposedRule[] = [
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
