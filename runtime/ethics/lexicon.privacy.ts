/**
 * Privacy and context lexicons of the offline checker: who counts as a private person, what counts as private
 * data, and the cues of contexts (fiction, games, sport, history, definitions, safety) that change a reading.
 */

/** People referred to by their relation to the speaker: private persons, whose data the gate protects. */
export const PRIVATE_RELATIONS = [
  'cleaner', 'coworker', 'co-worker', 'colleague', 'date', 'tinder date', 'tinder match', 'hinge match', 'match',
  'ex', 'ex girlfriend', 'ex-girlfriend', 'ex boyfriend', 'ex-boyfriend', 'ex husband', 'ex-husband', 'ex wife',
  'ex-wife', 'ex partner', 'ex-partner', 'girlfriend', 'boyfriend', 'wife', 'husband', 'partner', 'spouse', 'fiance',
  'fiancee', 'student', 'teacher', 'professor', 'boss', 'manager', 'supervisor', 'employee', 'employer', 'gardener',
  'nanny', 'babysitter', 'housekeeper', 'maid', 'servant', 'house servant', 'tenant', 'landlord', 'landlady',
  'neighbour', 'neighbor', 'roommate', 'flatmate', 'housemate', 'classmate', 'friend', 'best friend', 'crush',
  'mentee', 'mentor', 'therapist', 'doctor', 'patient', 'client', 'customer', 'probation officer', 'parole officer',
  'coach', 'pupil', 'nurse', 'caregiver', 'carer', 'driver', 'uber driver', 'plumber', 'mechanic', 'hairdresser',
  'dentist', 'secretary', 'assistant', 'intern', 'niece', 'nephew', 'cousin', 'aunt', 'uncle', 'stepmother',
  'stepfather', 'stepmom', 'stepdad', 'mother-in-law', 'father-in-law', 'son', 'daughter', 'mother', 'father',
  'mom', 'mum', 'dad', 'sister', 'brother', 'grandmother', 'grandfather', 'kid', 'child', 'teammate', 'co-parent',
  'contractor', 'recruiter', 'interviewer', 'candidate', 'applicant', 'delivery driver', 'postman', 'mailman',
  'pastor', 'priest', 'lawyer', 'accountant', 'banker', 'tutor', 'au pair', 'lodger', 'guest', 'follower',
  'subscriber', 'stalker', 'bully', 'lover', 'affair partner', 'side chick', 'host', 'airbnb host', 'receptionist',
  'bartender', 'waiter', 'waitress', 'barista', 'cashier', 'security guard', 'janitor', 'colleagues', 'neighbours',
  'neighbors', 'employees', 'students', 'tenants', 'kids', 'children', 'parents', 'friends', 'coworkers',
];
/** Words that point at an unnamed private individual. */
export const PRIVATE_PERSON_WORDS = ["someone", "someone's", 'somebody', "somebody's", 'a stranger', "a stranger's", 'this girl', 'this guy', 'this woman', 'this man', 'this person', 'that girl', 'that guy', 'a random person', 'a private person', 'a private individual', 'some guy', 'some girl', 'a girl', 'a guy', 'this kid', 'people i know', 'a person'];

/** Private data: the gate blocks requests for a private person's, and redacts it in outputs. */
export const PRIVATE_ATTRIBUTES = [
  'social security number', 'ssn', 'social security', 'national insurance number', 'ni number', 'passport number',
  'passport', "driver's license", "driver's licence", 'drivers license', "driver's license number",
  'driving licence', 'license number', 'licence number', 'id number', 'tax id', 'tax records', 'tax returns',
  'tax return', 'bank account', 'bank account details', 'bank details', 'bank statements', 'account number',
  'credit card', 'credit card number', 'credit card details', 'card number', 'pin', 'pin code', 'password',
  'passwords', 'passcode', 'login', 'login details', 'credentials', 'medical records', 'medical history',
  'medical condition', 'health records', 'mental health', 'mental health history', 'diagnosis', 'prescriptions',
  'medication', 'hiv status', 'sexual orientation', 'sexuality', 'religion', 'religious beliefs', 'home address',
  'address', 'current address', 'postcode', 'zip code', 'phone number', 'mobile number', 'mobile phone number',
  'cell number', 'cell phone number', 'telephone number', 'number', 'email address', 'email', 'private email',
  'email password', 'date of birth', 'birthday', 'birth date', 'age', 'salary', 'income', 'wage', 'wages',
  'pay', 'paycheck', 'net worth', 'savings', 'debts', 'credit score', 'immigration status', 'visa status',
  'citizenship status', 'criminal record', 'criminal history', 'browsing history', 'internet browsing history',
  'search history', 'messages', 'text messages', 'texts', 'dms', 'direct messages', 'emails', 'chats', 'location',
  'whereabouts', 'gps location', 'live location', 'birth certificate', 'marital status', 'pregnancy', 'dna',
  'genetic data', 'fingerprints', 'biometrics', 'license plate', 'number plate', 'workplace', 'schedule',
  'daily routine', 'routine', 'photos', 'private photos', 'nudes', 'therapy notes', 'school records', 'grades',
  'instagram password', 'facebook password', 'facebook login', 'instagram login', 'icloud', 'phone', 'call log',
  'voicemail', 'diary', 'journal', 'bank balance', 'inheritance', 'will', 'political affiliation', 'voting record',
  'union membership', 'disability', 'ethnicity', 'identity documents', 'vaccination status', 'test results',
  'ip address', 'home', 'house', 'family details', 'children\'s names', 'kids\' school', 'real name',
];
/** Verbs of getting at a private person's data (or the person) covertly. */
export const SURVEILLANCE_VERBS = ['track', 'spy on', 'stalk', 'monitor', 'follow', 'find out where', 'locate', 'dox', 'doxx', 'hack', 'access', 'read', 'look at', 'check', 'see', 'get into', 'break into', 'secretly record', 'record', 'wiretap', 'bug', 'install spyware on', 'put a tracker on', 'trace', 'unmask', 'expose', 'leak', 'find', 'get', 'obtain', 'look up', 'figure out', 'learn', 'know', 'guess'];

/** Media, games and sports that make violent words part of a story or a rule-bound contest. */
export const FICTION_WORDS = [
  'novel', 'story', 'short story', 'book', 'screenplay', 'script', 'film', 'films', 'movie', 'movies', 'play',
  'tv show', 'show', 'series', 'episode', 'fiction', 'fanfic', 'fan fiction', 'comic', 'poem', 'song', 'lyrics',
  'rpg', 'tabletop', 'campaign', 'character', 'characters', 'scene', 'plot', 'novella', 'sitcom', 'anime',
  'manga', 'cartoon', 'game', 'video game', 'videogame', 'board game', 'card game', 'murder mystery', 'mystery',
  'thriller', 'crime novel', 'whodunit', 'roleplay', 'role-play', 'larp', 'escape room', 'opera', 'musical',
  'saga', 'trilogy', 'franchise', 'narrative', 'protagonist', 'antagonist', 'villain', 'hero', 'storyline',
  'chapter', 'fairy tale', 'fable', 'myth', 'legend', 'mythology', 'folklore', 'podcast', 'documentary',
  'simulation', 'sim', 'mod', 'level', 'quest', 'boss fight', 'dungeon', 'world-building', 'worldbuilding',
];
/** Video and tabletop games whose names mark a game context. */
export const GAME_NAMES = [
  'minecraft', 'counter strike', 'counter-strike', 'cs:go', 'csgo', 'fortnite', 'call of duty', 'gta',
  'grand theft auto', 'skyrim', 'halo', 'overwatch', 'league of legends', 'pubg', 'valorant', 'among us',
  'the sims', 'sims', 'zelda', 'pokemon', 'elden ring', 'dark souls', 'apex legends', 'roblox',
  'world of warcraft', 'warcraft', 'dota', 'rainbow six', 'battlefield', 'doom', 'resident evil', 'fallout',
  'the witcher', 'witcher', 'assassin\'s creed', 'hitman', 'red dead', 'mario', 'super mario', 'street fighter',
  'mortal kombat', 'tekken', 'smash bros', 'dungeons and dragons', 'dungeons & dragons', 'd&d', 'warhammer',
  'cluedo', 'clue', 'chess', 'risk', 'monopoly', 'poker', 'stardew valley', 'terraria', 'rust', 'ark', 'dayz',
  'destiny', 'diablo', 'starcraft', 'civilization', 'age of empires', 'total war', 'team fortress', 'tf2',
  'left 4 dead', 'half-life', 'portal', 'bioshock', 'borderlands', 'far cry', 'the last of us', 'god of war',
  'splatoon', 'animal crossing', 'stellaris', 'eve online', 'runescape', 'genshin', 'hearthstone', 'paintball',
  'laser tag', 'airsoft', 'werewolf', 'mafia', 'the resistance', 'secret hitler', 'tetris', 'pac-man', 'sniper elite',
  'crusader kings', 'hearts of iron', 'europa universalis', 'mount and blade', "baldur's gate", 'divinity',
  'elder scrolls', 'mass effect', 'dishonored', 'metal gear', 'splinter cell', 'payday', 'watch dogs', 'cyberpunk',
  'sekiro', 'bloodborne', 'hollow knight', 'xcom', 'kenshi', 'rimworld', 'dwarf fortress', 'deus ex', 'counterstrike',
];
/** Sports and martial arts in which striking, choking or tackling is the rule. */
export const SPORTS = [
  'judo', 'boxing', 'karate', 'mma', 'ufc', 'wrestling', 'jiu jitsu', 'jiu-jitsu', 'bjj', 'rugby', 'football',
  'american football', 'hockey', 'ice hockey', 'fencing', 'taekwondo', 'kickboxing', 'muay thai', 'sambo',
  'krav maga', 'self-defense', 'self-defence', 'self defense', 'self defence', 'kung fu', 'aikido', 'sparring',
  'tennis', 'badminton', 'volleyball', 'basketball', 'soccer', 'baseball', 'cricket', 'squash', 'table tennis',
  'ping pong', 'pool', 'snooker', 'billiards', 'golf', 'dodgeball', 'lacrosse', 'water polo', 'sumo', 'archery',
  'biathlon', 'clay shooting', 'skeet', 'trap shooting', 'the ring', 'a tournament', 'a bout', 'roller derby',
  'capoeira', 'savate', 'sparring match', 'grappling', 'kendo', 'softball', 't-ball', 'rounders', 'netball', 'handball',
];
/** Cues of safety-seeking, prevention, support or recovery. */
export const SAFETY_CUES = [
  'prevent', 'prevention', 'protect', 'protection', 'avoid', 'recognise', 'recognize', 'sign of', 'signs of',
  'warning signs', 'report', 'reporting', 'safe from', 'stay safe', 'keep safe', 'keep my', 'defend myself',
  'defend against', 'self-defense', 'self-defence', 'cope with', 'coping', 'get help', 'seek help', 'find help',
  'helpline', 'hotline', 'crisis line', 'support for', 'support group', 'treatment for', 'recover', 'recovery',
  'quit', 'stop using', 'overcome', 'identify', 'detect', 'what should i do if', 'what do i do if',
  'am i being', 'dangers of', 'risks of', 'risk of', 'side effects', 'safety', 'safely dispose', 'first aid',
  'survive', 'escape from', 'get away from', 'help someone who', 'help a friend who', 'help my friend who',
  'talk to someone', 'reduce the risk', 'awareness', 'educate', 'teach my kids', 'teach children', 'warn',
  'is it legal', 'is it illegal', 'legal consequences', 'penalty for', 'punishment for', 'how do police',
  'how do detectives', 'why is it wrong', 'why is it illegal', 'why is it harmful', 'counter', 'combat', 'fight against',
  'support a', 'tell if', 'tell whether', 'spot a', 'spot an', 'spot the', 'to spot', 'how can i tell', 'how do i tell', 'stop having', 'resist the urge', 'manage the urge', 'help victims', 'victims of', 'survivor', 'survivors', 'stop someone from', 'talk someone out of',
  'cope', 'coping strategies', 'how do i treat', 'how to treat', 'how should i treat', 'soothe', 'heal faster', 'naloxone', 'narcan', 'test strips', 'test strip', 'testing kit', 'test kit', 'drug checking', 'harm reduction',
  'taper off', 'tapering off', 'wean off', 'weaning off', 'with my doctor', 'withdrawal symptoms',
];
