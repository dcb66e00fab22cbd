/**
 * The offline checker's lexicons: plain word lists, one concept each, so that anyone can read why a text was
 * flagged and extend a list without touching the rules. Entries are lower case, matched on folded text
 * (see normalise.ts) at word boundaries; multi-word entries match with any single space.
 */

/** Builds a `(?:a|b|c)` alternation, longest first so that "crack cocaine" wins over "crack". */
export function alt(words: readonly string[]): string {
  return `(?:${[...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|')})`;
}

/** Inflects a base verb into -s, -ed, -ing forms (regular morphology; irregular forms are listed). */
export function inflect(base: string): string[] {
  const [head, ...rest] = base.split(' ');
  const tail = rest.length ? ` ${rest.join(' ')}` : '';
  const h = head!;
  const forms = new Set<string>([h]);
  // doubling is only right for stressed final syllables; generating both spellings costs nothing and misses none
  const cvc = /[^aeiou][aeiou][bdgklmnprt]$/.test(h);
  if (h.endsWith('e')) { forms.add(`${h}s`); forms.add(`${h}d`); forms.add(`${h.slice(0, -1)}ing`); }
  else if (h.endsWith('y') && !/[aeiou]y$/.test(h)) { forms.add(`${h.slice(0, -1)}ies`); forms.add(`${h.slice(0, -1)}ied`); forms.add(`${h}ing`); }
  else {
    forms.add(/(s|sh|ch|x|z)$/.test(h) ? `${h}es` : `${h}s`);
    if (cvc) { forms.add(`${h}${h.at(-1)}ed`); forms.add(`${h}${h.at(-1)}ing`); }
    forms.add(`${h}ing`);
    forms.add(`${h}ed`);
  }
  return [...forms].map((f) => `${f}${tail}`);
}

/** Verbs whose ordinary object is a living being and whose ordinary result is death or grave injury. */
export const LETHAL_VERBS = [
  'kill', 'murder', 'assassinate', 'execute', 'behead', 'decapitate', 'strangle', 'choke', 'suffocate', 'smother',
  'stab', 'shoot', 'poison', 'drown', 'hang', 'butcher', 'slaughter', 'massacre', 'slay', 'lynch', 'torture',
  'maim', 'mutilate', 'dismember', 'electrocute', 'gas', 'starve', 'liquidate', 'exterminate', 'eradicate',
  'annihilate', 'wipe out', 'decimate', 'obliterate', 'eliminate', 'terminate', 'do away with', 'get rid of',
  'take out', 'finish off', 'gun down', 'run over', 'rape', 'kidnap', 'abduct', 'capture', 'enslave', 'snipe',
  'bludgeon', 'sever', 'pierce', 'puncture', 'slit', 'hunt', 'hunt down', 'chop up', 'dice', 'saw', 'dissolve', 'incinerate', 'cremate', 'burn alive', 'bury alive', 'set fire to', 'set on fire', 'neutralize',
  'neutralise', 'exterminate', 'garrotte', 'garrote', 'knife', 'gut', 'skin', 'disembowel', 'euthanize', 'euthanise',
];
/** Irregular forms of the lethal verbs. */
export const LETHAL_IRREGULAR = ['shot', 'hung', 'slew', 'slain', 'ran over', 'took out', 'taken out', 'wiped out', 'gunned down'];

/** Verbs of assault or destruction; harmful with a human target or someone else's property. */
export const HARM_VERBS = [
  'beat', 'beat up', 'hit', 'punch', 'kick', 'slap', 'attack', 'assault', 'hurt', 'injure', 'harm', 'wound',
  'tackle', 'overpower', 'crush', 'smash', 'break', 'break open', 'hammer', 'rip off', 'rip out', 'tear off',
  'cut off', 'cut', 'bash', 'headbutt', 'push', 'shove', 'throw', 'trip', 'blind', 'scald', 'burn', 'bomb',
  'blow up', 'nuke', 'destroy', 'wreck', 'ambush', 'jump on', 'ruin', 'sabotage', 'vandalize', 'vandalise', 'torch', 'throttle',
  'bully', 'stalk', 'harass', 'threaten', 'intimidate', 'abuse', 'molest', 'grope', 'drug', 'spike', 'paralyze',
  'paralyse', 'disfigure', 'maul', 'pummel', 'batter', 'whip', 'flog', 'cane', 'brand', 'bite', 'gouge',
  'carve', 'slash', 'crack open', 'make explode', 'explode', 'hold hostage', 'take hostage', 'tie up', 'restrain',
  'knock out', 'knock', 'bleed', 'bleed out', 'shatter', 'fracture', 'dislocate', 'snap', 'strike', 'sucker punch', 'waterboard', 'pepper spray', 'taser', 'tase', 'mug', 'terrorize',
  'terrorise', 'traffic', 'sell', 'imprison', 'lock up', 'confine', 'overdose', 'shoot up', 'jump', 'slice', 'smack', 'pistol-whip', 'curb stomp',
  'stomp', 'sucker-punch', 'bash in', 'kneecap', 'acid attack', 'pepper-spray', 'club', 'cosh', 'mace',
];
/** Irregular forms of the harm verbs. */
export const HARM_IRREGULAR = ['beaten', 'broke', 'broken', 'blew up', 'blown up', 'threw', 'thrown', 'struck', 'bit', 'bitten', 'tore off', 'burnt', 'sold'];

/** Verbs of damage that make a populated place a target of mass violence. */
export const MASS_VIOLENCE_VERBS = [
  'bomb', 'blow up', 'set fire to', 'set on fire', 'burn down', 'attack', 'shoot up', 'obliterate', 'destroy',
  'nuke', 'poison', 'gas', 'torch', 'raze', 'level', 'flatten', 'wipe out', 'annihilate', 'decimate', 'firebomb',
  'storm', 'massacre', 'invade', 'sabotage', 'derail', 'crash', 'burn',
];

/** Theft and intrusion verbs. */
export const THEFT_VERBS = [
  'steal', 'rob', 'shoplift', 'pickpocket', 'burgle', 'burglarize', 'loot', 'hijack', 'carjack', 'hotwire',
  'swipe', 'nick', 'pinch', 'embezzle', 'misappropriate', 'pilfer', 'snatch', 'break into', 'breaking into',
];
/** Irregular forms of theft verbs. */
export const THEFT_IRREGULAR = ['stole', 'stolen', 'broke into', 'robbed'];

/** Objects of "steal"/"snatch" that make an idiom, not a theft. */
export const THEFT_IDIOMS = [
  'the show', 'the spotlight', 'the limelight', 'a glance', 'glances', 'a look', 'a kiss', 'kisses', 'the scene',
  'hearts', 'heart', "someone's heart", 'the thunder', 'thunder', 'a moment', 'a base', 'second base', 'third base',
  'the ball', 'a victory', 'the win', 'the game', 'the deal', 'a march', 'the headlines', 'an idea', 'the crown',
  'the title', 'the lead', 'a nap', 'a few minutes', 'some time', 'time', 'victory', 'the moment', 'defeat',
  'home plate', 'home', 'second', 'third', 'a bag', 'the puck', 'possession', 'a point', 'points',
];

/** Nouns for people. Vulnerable ones raise the score. */
export const HUMAN_NOUNS = [
  'person', 'people', 'someone', 'somebody', 'anyone', 'anybody', 'everyone', 'everybody', 'human', 'humans',
  'man', 'men', 'guy', 'guys', 'dude', 'lady', 'ladies', 'individual', 'individuals', 'persons', 'stranger',
  'strangers', 'wife', 'husband', 'spouse', 'partner', 'girlfriend', 'boyfriend', 'ex', 'ex-wife', 'ex-husband',
  'ex-girlfriend', 'ex-boyfriend', 'fiance', 'fiancee', 'mother', 'father', 'mom', 'mum', 'dad', 'parent',
  'parents', 'brother', 'sister', 'sibling', 'siblings', 'son', 'daughter', 'family', 'relatives', 'cousin',
  'uncle', 'aunt', 'grandma', 'grandmother', 'grandpa', 'grandfather', 'friend', 'friends', 'neighbour',
  'neighbor', 'neighbours', 'neighbors', 'boss', 'manager', 'coworker', 'co-worker', 'coworkers', 'colleague',
  'colleagues', 'classmate', 'classmates', 'teacher', 'teachers', 'student', 'students', 'roommate',
  'flatmate', 'landlord', 'tenant', 'employee', 'employees', 'employer', 'customer', 'customers', 'client',
  'president', 'politician', 'politicians', 'senator', 'minister', 'prime minister', 'mayor', 'judge', 'cop',
  'cops', 'police officer', 'officer', 'soldier', 'soldiers', 'doctor', 'nurse', 'priest', 'imam', 'rabbi',
  'date', 'victim', 'victims', 'hostage', 'hostages', 'crowd', 'crowds', 'population', 'civilians', 'citizens',
  'villagers', 'worshippers', 'protesters', 'passengers', 'audience', 'tourists', 'pedestrians', 'humanity',
  'mankind', 'king', 'queen', 'leader', 'ceo', 'journalist', 'witness', 'rival', 'enemy', 'enemies', 'bully',
  'dealer', 'cheater', 'sister-in-law', 'mother-in-law', 'father-in-law', 'brother-in-law', 'stepdad',
  'stepmom', 'stepfather', 'stepmother', 'stepson', 'stepdaughter', 'lover', 'bride', 'groom', 'nanny',
  'cleaner', 'gardener', 'servant', 'maid', 'driver', 'guard', 'bouncer', 'inmate', 'prisoner', 'patient',
  'pupil', 'pupils', 'mentee', 'mentor', 'crush', 'match', 'yourself', 'himself', 'herself',
  'themselves', 'him', 'them', 'jogger', 'joggers', 'runner', 'cyclist', 'cyclists', 'hiker', 'hikers', 'passerby',
  'passer-by', 'passersby', 'shopper', 'shoppers', 'beggar', 'homeless man', 'clerk', 'cashier', 'waiter', 'worker',
  'workers', 'swimmer', 'rider', 'fan', 'fans', 'voter', 'voters', 'protester', 'activist', 'activists', 'blogger',
  'youtuber', 'influencer', 'streamer', 'celebrity', 'official', 'officials', 'lawmaker', 'candidate', 'governor',
  'guest', 'guests', 'attendees', 'visitors', 'diners', 'congregation', 'staff', 'grandparent', 'grandparents', 'grandchild', 'grandson', 'granddaughter', 'relative', 'in-laws', 'sheriff', 'detective', 'agent', 'informant', 'snitch', 'rapist', 'pedophile', 'terrorist', 'gang member',
  'jews', 'muslims', 'christians', 'hindus', 'sikhs', 'gays',
  'immigrants', 'refugees', 'migrants', 'foreigners', 'minorities', 'race', 'tribe', 'ethnicity',
  'adult', 'adults', 'police', 'policeman', 'policemen', 'firefighter', 'paramedic', 'security guard', 'ex-partner',
  'roommates', 'flatmate', 'housemate', 'coworker', 'teammate', 'tutor', 'landlady',
  'pedestrian', 'commuter', 'commuters', 'neighbor', 'homeowner', 'shopkeeper',
  'bartender', 'barista', 'delivery driver', 'courier', 'taxi driver', 'uber driver', 'witnesses', 'jury', 'juror',
  'referee', 'umpire', 'coach', 'player', 'goalkeeper', 'teammate', 'opponent\'s family', 'bouncer', 'landlady', 'tourist',
];

/** People the policy treats as especially vulnerable (children, partners in a domestic setting, women alone). */
export const VULNERABLE_NOUNS = [
  'child', 'children', 'kid', 'kids', 'baby', 'babies', 'toddler', 'toddlers', 'infant', 'infants', 'newborn',
  'minor', 'minors', 'boy', 'boys', 'girl', 'girls', 'teen', 'teens', 'teenager', 'teenagers', 'schoolgirl',
  'schoolboy', 'woman', 'women', 'elderly', 'old lady', 'old man', 'pensioner', 'grandmother', 'disabled',
  'pregnant woman', 'wife', 'daughter', 'son', 'niece', 'nephew', 'stepdaughter', 'stepson', 'student', 'baby',
];
/** Companion and farm animals: cruelty to them is violence ("torture a cat"); pests and game are not listed. */
export const ANIMAL_NOUNS = [
  'dog', 'dogs', 'puppy', 'puppies', 'cat', 'cats', 'kitten', 'kittens', 'pet', 'pets', 'horse', 'horses', 'pony',
  'animal', 'animals', 'hamster', 'rabbit', 'bunny', 'parrot', 'stray', 'strays', 'stray dog', 'stray cat',
  'donkey', 'ferret', 'guinea pig', 'budgie', 'tortoise', 'monkey',
];
/** Targets in a competitive sense ("beat my competition"), harmless with verbs of winning. */
export const COMPETITIVE_NOUNS = ['competition', 'competitors', 'competitor', 'opponent', 'opponents', 'rivals', 'opposition', 'other team', 'challenger', 'record', 'boss level', 'final boss'];

/** Words that refer to the speaker for self-harm. */
export const SELF_WORDS = ['myself', 'me', 'my life', 'my own life', 'my self'];

/** Body parts: with a human owner ("someone's skull") they make a human target. */
export const BODY_PARTS = [
  'head', 'heads', 'skull', 'face', 'neck', 'throat', 'eye', 'eyes', 'arm', 'arms', 'leg', 'legs', 'hand',
  'hands', 'finger', 'fingers', 'wrist', 'wrists', 'chest', 'sternum', 'ribs', 'rib', 'spine', 'back', 'knee',
  'knees', 'kneecap', 'kneecaps', 'jaw', 'nose', 'teeth', 'tooth', 'heart', 'lungs', 'stomach', 'body', 'bodies',
  'skin', 'thigh', 'thighs', 'foot', 'feet', 'toes', 'ear', 'ears', 'tongue', 'brain', 'bones', 'bone', 'corpse',
  'genitals', 'breasts', 'veins', 'belly', 'kidney', 'liver', 'windpipe', 'trachea', 'larynx', 'jugular', 'artery',
  'arteries', 'ribcage', 'pelvis', 'collarbone', 'elbow', 'elbows', 'ankle', 'ankles', 'shoulder', 'hip', 'cheek',
  'lip', 'lips', 'scalp', 'nails', 'fingernails', 'eyeballs', 'spleen', 'organs', 'limbs', 'limb', 'torso', 'groin',
];
/** Things of a person's that harassment targets. */
export const LIFE_NOUNS = ['life', 'career', 'reputation', 'marriage', 'business', 'relationship', 'credit', 'future', 'livelihood', 'mental health', 'self-esteem'];
/** Property that, when it is someone else's, makes damage or theft a crime. */
export const PROPERTY_NOUNS = [
  'car', 'cars', 'house', 'home', 'apartment', 'flat', 'wallet', 'purse', 'bag', 'phone', 'laptop', 'computer',
  'bike', 'bicycle', 'motorbike', 'motorcycle', 'truck', 'van', 'boat', 'tyres', 'tires', 'windows', 'window',
  'garden', 'lawn', 'mailbox', 'shop', 'store', 'office', 'property', 'belongings', 'jewelry', 'jewellery',
  'money', 'savings', 'tv', 'dog', 'cat', 'pet', 'horse', 'crops', 'fence', 'garage', 'door', 'lock', 'locker',
  'account', 'email', 'identity', 'credit card', 'card', 'password', 'passport', 'package', 'parcel', 'watch',
  'ring', 'necklace', 'playstation', 'xbox', 'console', 'camera', 'keys', 'cash', 'safe', 'vault', 'restaurant',
  'bar', 'business', 'stall', 'kiosk',
];
/** Places where many people are: with a mass-violence verb, a target of mass violence. */
export const POPULATED_PLACES = [
  'hospital', 'school', 'schools', 'church', 'mosque', 'synagogue', 'temple', 'airport', 'city', 'town', 'village',
  'stadium', 'mall', 'shopping centre', 'shopping center', 'army base', 'military base', 'base', 'embassy',
  'station', 'train station', 'subway', 'metro', 'train', 'plane', 'airplane', 'bus', 'concert', 'festival',
  'nightclub', 'club', 'office building', 'parliament', 'white house', 'capitol', 'government building',
  'courthouse', 'police station', 'kindergarten', 'nursery', 'university', 'campus', 'classroom', 'market',
  'supermarket', 'restaurant', 'cinema', 'theatre', 'theater', 'parade', 'crowd', 'rally', 'power plant',
  'power station', 'reservoir', 'water supply', 'dam', 'bridge', 'tower', 'skyscraper', 'prison', 'neighbourhood',
  'neighborhood', 'country', 'nation', 'continent', 'planet', 'world', 'population', 'refugee camp', 'clinic',
  'house of worship', 'headquarters', 'hotel', 'beach', 'park', 'pride parade', 'ferry', 'cruise ship',
  'office', 'workplace', 'factory', 'gym', 'library', 'pub', 'synagogues', 'mosques', 'churches', 'schools', 'classes',
];
/** Quantity nouns that let a target continue through "of" ("a group of people"). */
export const QUANTIFIERS = ['group', 'bunch', 'crowd', 'lot', 'lots', 'couple', 'few', 'dozen', 'dozens', 'number', 'handful', 'busload', 'room', 'classroom', 'population', 'village', 'town', 'city', 'gang', 'family', 'team', 'pair', 'all', 'both', 'each', 'some', 'many', 'most', 'hundreds', 'thousands', 'millions', 'most'];
