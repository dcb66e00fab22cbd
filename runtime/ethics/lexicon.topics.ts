/**
 * Topic lexicons of the offline checker: protected groups, drugs, weapons, crimes, private data, and the cues
 * of contexts that make a harmful-looking word harmless (fiction, games, sport, history, safety).
 */

/** Adjectives naming a protected group; they name people only before a head noun ("Black people", not "black olives"). */
export const GROUP_ADJECTIVES = [
  'black', 'white', 'asian', 'jewish', 'muslim', 'hindu', 'christian', 'catholic', 'protestant', 'buddhist',
  'sikh', 'atheist', 'mormon', 'gay', 'lesbian', 'bisexual', 'bi', 'trans', 'transgender', 'non-binary',
  'nonbinary', 'queer', 'intersex', 'asexual', 'disabled', 'elderly', 'old', 'young', 'indigenous', 'native',
  'aboriginal', 'latino', 'latina', 'latinx', 'hispanic', 'arab', 'chinese', 'mexican', 'african', 'indian',
  'pakistani', 'romani', 'roma', 'pregnant', 'poor', 'homeless', 'immigrant', 'foreign', 'deaf', 'blind',
  'autistic', 'mentally ill', 'overweight', 'fat', 'obese', 'divorced', 'single', 'female', 'male', 'brown',
  'middle eastern', 'irish', 'polish', 'russian', 'ukrainian', 'korean', 'japanese', 'vietnamese', 'filipino',
  'nigerian', 'somali', 'syrian', 'afghan', 'iranian', 'turkish', 'kurdish', 'palestinian', 'israeli',
  'undocumented', 'low-income', 'working-class', 'unemployed', 'elder', 'senior', 'minority', 'ethnic',
  'religious', 'migrant', 'refugee', 'lgbt', 'lgbtq', 'lgbtq+', 'hiv-positive', 'neurodivergent', 'veteran',
];
/** Head nouns after a group adjective. */
export const GROUP_HEADS = [
  'people', 'persons', 'person', 'men', 'women', 'man', 'woman', 'folks', 'folk', 'children', 'kids', 'individuals',
  'americans', 'community', 'communities', 'citizens', 'workers', 'employees', 'students', 'voters', 'families',
  'immigrants', 'refugees', 'couples', 'mothers', 'fathers', 'parents', 'girls', 'boys', 'youth', 'teenagers',
  'population', 'populations', 'minorities', 'residents', 'migrants', 'europeans', 'britons', 'citizen',
  'kid', 'girl', 'boy', 'guy', 'child', 'student', 'classmate', 'lady', 'coworker', 'neighbour', 'neighbor',
];
/** Plural nouns that name a protected group on their own. */
export const GROUP_NOUNS = [
  'women', 'men', 'girls', 'boys', 'immigrants', 'refugees', 'migrants', 'muslims', 'jews', 'hindus', 'christians',
  'buddhists', 'sikhs', 'atheists', 'catholics', 'mormons', 'protestants', 'lesbians', 'gays', 'blacks', 'whites',
  'asians', 'latinos', 'latinas', 'hispanics', 'arabs', 'roma', 'gypsies', 'natives', 'the elderly', 'the disabled',
  'the poor', 'the homeless', 'foreigners', 'minorities', 'transgenders', 'bisexuals', 'africans', 'mexicans',
  'indians', 'chinese', 'pakistanis', 'elderly people', 'old people', 'homosexuals', 'transsexuals', 'aborigines',
  'elders', 'seniors', 'pensioners', 'wives', 'mothers', 'asylum seekers', 'non-christians', 'non-muslims',
  'foreign workers', 'the deaf', 'the blind', 'amputees', 'veterans',
];
/** Predicates that deny a group rights, worth or safety. */
export const DISCRIMINATORY_PREDICATES = [
  'not be allowed', 'not allowed', 'be banned', 'be denied', 'denied', 'not have', 'not be given', 'not get',
  'not receive', 'not be able', 'not vote', 'not work', 'not study', 'not marry', 'not be trusted',
  'earn less', 'be paid less', 'get paid less', 'less than', 'fewer rights', 'equal rights', 'second-class',
  'make all', 'make decisions for', 'decisions for them', 'overrepresented', 'extra security', 'be segregated',
  'segregated', 'be deported', 'deported', 'be excluded', 'excluded', 'kicked off', 'kicked out', 'be sterilized',
  'be sterilised', 'inferior', 'superior', 'subhuman', 'not human', 'be locked up', 'be monitored',
  'not be hired', 'stay at home', 'stay in the kitchen', 'obey', 'be controlled', 'be registered', 'be removed',
  'not to have', 'not to be', 'not to vote', 'not to work', 'not to marry', 'not to study', 'not to own', 'not to live',
  'take away', 'took away', 'taken away', 'taking away', 'strip', 'stripped', 'revoke', 'revoked', 'voting rights', 'the freedom',
  'their rights', 'their freedom', 'go back', 'be expelled', 'not be citizens', 'lose their', 'not be served', 'not run for', 'not hold office',
  'be punished', 'be barred', 'barred', 'shut out', 'not enter', 'be forbidden', 'forbidden', 'visas',
  'sit on the same', 'separate', 'be watched', 'be searched', 'be profiled', 'not access', 'no access',
];
/** Words that turn a statement about a group into dehumanisation. */
export const DEHUMANISING = ['animals', 'vermin', 'parasites', 'subhuman', 'cockroaches', 'rats', 'a disease', 'a plague', 'a cancer', 'savages', 'inferior', 'filth', 'scum', 'pests', 'less than human', 'not human', 'evil', 'criminals', 'terrorists', 'rapists', 'lazy', 'stupid', 'dirty', 'greedy', 'violent', 'dangerous', 'mentally ill', 'predators', 'groomers', 'perverts', 'degenerates', 'freaks', 'invaders', 'thieves', 'liars', 'a threat', 'dogs', 'pigs', 'monkeys', 'apes', 'a danger', 'a danger to children', 'a threat to children', 'dangerous to children', 'pedophiles', 'paedophiles', 'ugly', 'smelly', 'filthy', 'savage', 'primitive', 'deviant', 'degenerate', 'sick', 'perverted', 'untrustworthy', 'sneaky', 'incompetent', 'irrational', 'hysterical', 'too emotional', 'ignorant', 'dishonest', 'cheap', 'uncivilised', 'uncivilized', 'backward', 'bad drivers', 'terrible drivers', 'predators who', 'men in dresses', 'a burden', 'burdens', 'a drain', 'useless', 'worthless', 'not welcome', 'unwelcome', 'not wanted', 'disgusting', 'dumb', 'idiots', 'monsters', 'barbarians', 'uncivilized', 'uncivilised', 'primitive'];
/** Traits that make "why can't GROUP …" a stereotype rather than an absurdity. */
export const STEREOTYPE_TRAITS = ['be trusted', 'drive', 'do math', 'do maths', 'lead', 'think', 'learn', 'be smart', 'be intelligent', 'be good at', 'work hard', 'be honest', 'be leaders', 'be engineers', 'be scientists', 'be doctors', 'control themselves', 'behave', 'integrate', 'assimilate', 'be successful', 'raise children', 'be good parents', 'be rational', 'be logical', 'speak properly', 'keep a job', 'be on time'];

/** Illegal drugs, unambiguous names. */
export const DRUGS = [
  'cocaine', 'crack cocaine', 'heroin', 'meth', 'methamphetamine', 'crystal meth', 'lsd', 'mdma', 'ketamine',
  'fentanyl', 'carfentanil', 'opium', 'oxycodone', 'oxycontin', 'oxy', 'xanax', 'shrooms', 'magic mushrooms',
  'psilocybin', 'pcp', 'dmt', 'ghb', 'rohypnol', 'roofies', 'angel dust', 'bath salts', 'marijuana', 'marihuana',
  'cannabis', 'hashish', 'hash', 'amphetamine', 'amphetamines', 'mephedrone', 'spice', 'k2', 'smack', 'morphine',
  'codeine', 'percocet', 'adderall', 'tramadol', 'benzos', 'quaaludes', 'peyote', 'mescaline', 'ayahuasca',
  'nitrous', 'poppers', 'lean', 'purple drank', 'krokodil', 'cathinone', 'khat', 'ecstasy', 'molly', 'weed', 'coke',
  'crack', 'blow', 'acid', 'speed', 'ice', 'pot', 'dope', 'grass', 'skunk', 'ganja', 'drugs', 'narcotics', 'pills',
  'fent', 'xans', 'xannies', 'percs', 'percocets', 'oxys', 'dxm', 'flakka', '2c-b', 'nbome', 'crank', 'whippets', 'sizzurp',
  'hash oil', 'bho', 'dabs', 'poppy tea', 'opium poppies', 'black tar', 'china white', 'mushrooms', 'tabs of acid', 'ket', 'k',
];
/** Drug names that are also ordinary words; they count as drugs only with a drug cue (quantity, use, dealing). */
export const AMBIGUOUS_DRUGS = ['mushrooms', 'k', 'ket', 'pills', 'ecstasy', 'molly', 'weed', 'coke', 'crack', 'blow', 'acid', 'speed', 'ice', 'pot', 'dope', 'grass', 'skunk', 'lean', 'spice', 'hash', 'oxy', 'smack', 'k2', 'drugs'];
/** Verbs of getting, making, selling or using a drug. */
export const DRUG_VERBS = [
  'buy', 'get', 'obtain', 'find', 'score', 'purchase', 'order', 'sell', 'deal', 'push', 'make', 'cook', 'produce',
  'grow', 'cultivate', 'synthesize', 'synthesise', 'manufacture', 'smuggle', 'traffic', 'import', 'extract',
  'take', 'smoke', 'snort', 'inject', 'shoot up', 'use', 'try', 'do', 'source', 'distribute', 'hide', 'stash',
  'cut', 'lace', 'refine', 'brew', 'ship', 'mail', 'transport', 'pick up', 'cop', 'pass', 'import', 'grab',
  'press', 'synthesis', 'synthesis route', 'reagents', 'precursors', 'recipe', 'turn', 'convert', 'stretch', 'spike',
  'supplier', 'plug', 'darknet', 'dark web', 'without a prescription', 'carry', 'possess', 'supply', 'move', 'lab', 'set up', 'score', 'sneak',
];
/** Quantities and paraphernalia that mark a drug reading of an ambiguous name. */
export const DRUG_CUES = ['gram', 'grams', 'ounce', 'ounces', 'oz', 'eighth', 'quarter', 'kilo', 'kilos', 'key', 'bag', 'baggie', 'line', 'lines', 'rock', 'rocks', 'hit', 'tab', 'tabs', 'pill', 'pills', 'some', 'dealer', 'pipe', 'stash', 'batch', 'high', 'get high', 'street', 'eight ball', 'bump', 'joint', 'blunt'];

/** Weapons whose making or getting the policy blocks outside games and fiction. */
export const WEAPONS = [
  'bomb', 'bombs', 'pipe bomb', 'nail bomb', 'car bomb', 'dirty bomb', 'ied', 'explosive', 'explosives',
  'grenade', 'grenades', 'molotov', 'molotov cocktail', 'napalm', 'thermite', 'nuclear bomb', 'nuclear weapon',
  'atomic bomb', 'nuke', 'bioweapon', 'biological weapon', 'chemical weapon', 'nerve agent', 'sarin', 'vx',
  'mustard gas', 'chlorine gas', 'ricin', 'anthrax', 'botulinum', 'ghost gun', 'untraceable gun',
  'untraceable firearm', 'silencer', 'suppressor', 'auto sear', 'bump stock', 'machine gun', 'zip gun',
  'gun', 'guns', 'firearm', 'firearms', 'rifle', 'pistol', 'handgun', 'shotgun', 'ammunition', 'ammo', 'weapon',
  'weapons', 'detonator', 'landmine', 'land mine', 'rocket launcher', 'flamethrower', 'crossbow', 'poison',
  'poisons', 'toxin', 'toxins', 'tnt', 'c4', 'semtex', 'dynamite', 'tear gas', 'taser', 'brass knuckles',
  'switchblade', 'knife', 'shiv', 'weapon of mass destruction', 'wmd', 'pathogen', 'virus', 'chemical agent',
  'explosive vest', 'suicide vest', 'ar-15', 'ar15', 'ak-47', 'ak47', 'glock', 'uzi', 'assault rifle', 'assault weapon', 'fertilizer bomb',
  'fertiliser bomb', 'anfo', 'fertilizer and fuel', 'fertiliser and fuel', 'fertilizer and fuel oil',
  'fertiliser and fuel oil', 'explosion', 'incendiary device', 'incendiary', 'poison gas', 'nerve gas', 'toxic gas',
  'chloroform', 'blowgun', 'garrote', 'knuckle duster', 'stun gun', 'bullets',
];
/** Weapons that are legal to own in many places: blocked only with an illicit cue. */
export const DUAL_USE_WEAPONS = ['ar-15', 'ar15', 'ak-47', 'ak47', 'glock', 'uzi', 'assault rifle', 'assault weapon', 'stun gun', 'bullets', 'chloroform', 'gun', 'guns', 'firearm', 'firearms', 'rifle', 'pistol', 'handgun', 'shotgun', 'ammunition', 'ammo', 'crossbow', 'knife', 'taser', 'weapon', 'weapons', 'virus'];
/** Cues that make getting a dual-use weapon illicit. */
export const ILLICIT_CUES = ['untraceable', 'without a background check', 'without background check', 'without a license', 'without a licence', 'illegally', 'black market', 'dark web', 'darknet', 'no serial', 'serial number', 'unregistered', 'through airport security', 'past security', 'into a school', 'to kill', 'to shoot', 'to hurt', 'to murder', 'homemade', 'home-made', 'at home', 'from scratch', '3d print', '3d printer', '3d printed', '3d-printed', '3d printing', '3d-print', 'convert', 'full auto', 'full-auto', 'auto sear', 'under 18', 'under 21', 'underage', "parents won't sign", 'without my parents', 'felon', 'convicted felon', 'a felony record', 'restraining order', 'on probation', 'on parole', 'real bullets', 'live rounds', 'live ammo', 'unregistered', 'to knock someone out', 'on people', 'at people', 'on someone', 'fully automatic', 'sawed off', 'sawn off', 'sawn-off', 'sawed-off', 'undetectable', 'concealed', 'smuggle', 'sneak'];
/** Harmless things named like weapons. */
export const WEAPON_IDIOMS = ['bath bomb', 'photo bomb', 'photobomb', 'f-bomb', 'f bomb', 'bomb the test', 'bomb the exam', 'bomb the interview', 'da bomb', 'love bomb', 'seed bomb', 'cherry bomb tomato', 'glitter bomb', 'bomb pop', 'smoke bomb photography', 'bomb cake', 'bomb cakes', 'cake decoration', 'prop gun', 'toy gun', 'costume', 'bomb shot', 'water gun', 'glue gun', 'nail gun', 'hot glue gun', 'nerf gun', 'spray gun', 'staple gun', 'heat gun', 'caulk gun', 'caulking gun', 'squirt gun', 'top gun', 'butter knife', 'palette knife', 'computer virus', 'secret weapon'];
/** Making and getting verbs for weapons. */
export const MAKE_VERBS = ['explode', 'make', 'build', 'assemble', 'construct', 'create', 'manufacture', '3d print', 'print', 'craft', 'cook', 'synthesize', 'synthesise', 'produce', 'get', 'buy', 'obtain', 'acquire', 'smuggle', 'brew', 'mix', 'prepare', 'develop', 'weaponize', 'weaponise', 'culture', 'grow', 'engineer', 'sneak', 'hide', 'detonate', 'plant', 'set off', 'use', 'modify', 'convert', 'extract', 'purify', 'refine', 'level', 'bring down', 'flatten', 'file off', 'need', 'made', 'built', 'bought', 'got', 'order', 'purchase', 'source', 'carry', 'bring', 'ship', 'homemade', 'home-made', 'diy', 'improvised', 'parts list', 'blueprint', 'blueprints', 'schematic', 'schematics', 'materials', 'ingredients', 'ignite', 'shoot real'];

/** Crimes named as nouns ("commit fraud", "plan a kidnapping"), with the category they belong to. */
export const CRIME_NOUNS: Record<string, string> = {
  murder: 'violence', 'a murder': 'violence', homicide: 'violence', manslaughter: 'violence', assassination: 'violence',
  'an assassination': 'violence', kidnapping: 'violence', 'a kidnapping': 'violence', abduction: 'violence',
  assault: 'violence', 'violent assault': 'violence', 'sexual assault': 'violence', rape: 'violence', massacre: 'violence',
  'a massacre': 'violence', genocide: 'violence', 'ethnic cleansing': 'violence', 'a genocide': 'violence',
  'mass shooting': 'violence', 'a mass shooting': 'violence', 'school shooting': 'violence', 'a shooting': 'violence',
  'a stabbing': 'violence', 'terrorist attack': 'violence', 'a terrorist attack': 'violence', terrorism: 'violence',
  'a bombing': 'violence', bombing: 'violence', 'an attack': 'violence', arson: 'violence', torture: 'violence',
  'a hate crime': 'hate', 'hate crimes': 'hate', 'a pogrom': 'hate', lynching: 'violence', 'a lynching': 'violence',
  'domestic violence': 'violence', 'child abuse': 'sexual-minors', 'human trafficking': 'crime', 'sex trafficking': 'sexual-minors',
  trafficking: 'crime', 'a coup': 'violence', 'a riot': 'violence', suicide: 'self-harm', 'self-harm': 'self-harm',
  fraud: 'fraud-cybercrime', 'a fraud': 'fraud-cybercrime', 'tax fraud': 'fraud-cybercrime', 'insurance fraud': 'fraud-cybercrime',
  'identity theft': 'fraud-cybercrime', 'credit card fraud': 'fraud-cybercrime', 'wire fraud': 'fraud-cybercrime',
  'bank fraud': 'fraud-cybercrime', forgery: 'fraud-cybercrime', embezzlement: 'fraud-cybercrime', perjury: 'crime',
  'money laundering': 'fraud-cybercrime', 'tax evasion': 'fraud-cybercrime', extortion: 'fraud-cybercrime',
  blackmail: 'fraud-cybercrime', bribery: 'fraud-cybercrime', 'a scam': 'fraud-cybercrime', scam: 'fraud-cybercrime',
  'a ponzi scheme': 'fraud-cybercrime', 'ponzi scheme': 'fraud-cybercrime', 'a pyramid scheme': 'fraud-cybercrime',
  'a phishing': 'fraud-cybercrime', phishing: 'fraud-cybercrime', 'a cyberattack': 'fraud-cybercrime',
  'a ddos attack': 'fraud-cybercrime', 'a ransomware attack': 'fraud-cybercrime', 'ransomware': 'fraud-cybercrime',
  treason: 'crime', espionage: 'crime', burglary: 'crime', 'a burglary': 'crime', robbery: 'crime', 'a robbery': 'crime',
  'armed robbery': 'crime', 'a heist': 'crime', heist: 'crime', 'a bank robbery': 'crime', larceny: 'crime',
  theft: 'crime', 'grand theft auto': 'crime', 'a crime': 'crime', crime: 'crime', crimes: 'crime', 'a felony': 'crime',
  vandalism: 'crime', 'a jailbreak': 'crime', 'a prison break': 'crime', smuggling: 'crime', poaching: 'crime',
  'drug trafficking': 'drugs', 'drug dealing': 'drugs', 'a drug ring': 'drugs', 'a drug operation': 'drugs',
  'a cartel': 'drugs', stalking: 'privacy', doxxing: 'privacy', 'revenge porn': 'privacy', 'a human trafficking operation': 'crime',
  'a trafficking ring': 'crime', 'a sweatshop': 'crime', 'slavery': 'crime', 'a hit': 'violence', 'a hit and run': 'violence',
  'a car bombing': 'violence', 'a poisoning': 'violence', 'infanticide': 'violence', 'patricide': 'violence', 'a killing': 'violence',
  'killing spree': 'violence', explosion: 'violence', 'an explosion': 'violence', blast: 'violence', shooting: 'violence', stabbing: 'violence', poisoning: 'violence', 'a killing spree': 'violence', 'a shooting spree': 'violence', 'a rampage': 'violence', 'mass murder': 'violence',
};
/** Verbs that make a crime noun a plan rather than a topic. */
export const CRIME_VERBS = ['commit', 'plan', 'carry out', 'pull off', 'get away with', 'organize', 'organise', 'perpetrate', 'set up', 'run', 'start', 'orchestrate', 'execute', 'stage', 'arrange', 'conduct', 'launch', 'engage in', 'go on', 'get started with', 'begin', 'finance', 'fund', 'cover up', 'hide', 'prepare', 'plot'];

/** Cyber and fraud verbs with their usual objects. */
export const CYBER_PATTERNS = [
  'hack into', 'hack', 'break into', 'phish', 'ddos', 'dox', 'doxx', 'launder', 'embezzle', 'counterfeit', 'forge',
  'fake', 'clone', 'skim', 'spoof', 'crack the password', 'bypass', 'brute force', 'brute-force', 'keylog', 'scam',
  'con', 'swindle', 'defraud', 'blackmail', 'extort', 'bribe', 'evade', 'cheat', 'steal', 'impersonate', 'catfish',
  'sextort', 'spy on', 'wiretap', 'bug', 'track', 'surveil', 'monitor', 'jailbreak', 'sim swap', 'infect', 'crack',
];
/** Cyber and fraud verbs with no ordinary harmless reading before a digital or financial object: any words may sit between. */
export const CYBER_STRONG = [
  'hack into', 'hack', 'phish', 'ddos', 'dox', 'doxx', 'launder', 'counterfeit', 'forge', 'skim', 'spoof', 'brute force',
  'brute-force', 'keylog', 'defraud', 'swindle', 'blackmail', 'extort', 'sextort', 'catfish', 'wiretap', 'sim swap',
  'crack', 'clone', 'steal', 'bypass',
];
/** Digital or financial objects for the cyber patterns. */
export const CYBER_OBJECTS = [
  'account', 'accounts', 'email', 'emails', 'password', 'passwords', 'wifi', 'wi-fi', 'network', 'server', 'servers',
  'computer', 'phone', 'website', 'database', 'bank', 'bank account', 'credit card', 'credit cards', 'credentials',
  'identity', 'social security', 'id', 'ids', 'id card', 'passport', 'passports', 'driver\'s license', 'documents',
  'signature', 'check', 'cheque', 'money', 'cash', 'bills', 'banknotes', 'currency', 'taxes', 'tax', 'the irs',
  'insurance', 'insurance company', 'the government', 'my employer', 'elderly', 'old people', 'grandparents',
  'the elderly', 'people', 'someone', 'customers', 'investors', 'charity', 'benefits', 'welfare', 'receipts',
  'invoice', 'invoices', 'diploma', 'degree', 'prescription', 'prescriptions', 'atm', 'card reader', 'camera',
  'cameras', 'security system', 'alarm', 'paywall', 'drm', 'license key', 'malware', 'virus', 'ransomware',
  'keylogger', 'spyware', 'botnet', 'exploit', 'instagram', 'facebook', 'snapchat', 'whatsapp', 'icloud', 'gmail',
  'login', 'crypto wallet', 'wallet', 'election', 'votes', 'ballots', 'exam', 'drug test', 'breathalyzer', 'police',
  'key card', 'keycard', 'key cards', 'key fob', 'sim card', 'access card', 'hotel key', 'debit card', 'bank card',
  'card details', 'card numbers', 'pin', 'pins', 'grades', 'router', 'webcam', 'security camera', 'smart lock',
];
