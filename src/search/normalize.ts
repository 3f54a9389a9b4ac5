// Text → search terms. The same function runs over the knowledge and over every question, so any
// mapping here (spelling, stemming) only has to be consistent, not linguistically perfect.

/** Words that carry no meaning for finding guidance. Kept short: "not", "leave", "help" matter here. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a an the and or but if then so of to in on at by for with from into onto about as is are was were be been
  being am do does did doing have has had having i me my we our us you your he him his she her they them their
  it its this that these those there here what which who whom whose when where why how can could would should
  will shall may might must just also any some all please pls plz thanks thank hi hello hey ok okay im ive id
  youre theyre theyve weve hes shes thats whats wheres whos get got getting need needs want wants tell know
  let me give show find does anyone someone somebody one very really much many more most other such only own
  same than too up down out over again further once like re via per etc
  think guess guessing sure maybe perhaps actually really quick quickly sorry bit odd thing things stuff anything
  something everything nothing somehow still already never ever done doing before through walk happy wondering
  wonder asking trying try tried pointers cheers ta mate guys literally basically whats hows whos wheres theres
  theyll theyd youve youll ill though hell well shed wed
  lets gonna wanna gotta gets went come came make made put say says said told ask asked needed wanted way bits
  currently okay yeah yes go goes going gone
  wot wots wat wats wut wen wer`
    .split(/\s+/)
    .filter(Boolean),
);

/** What every negative contraction becomes (see NEGATIONS): meaningful beside other words, nothing alone. */
export const NEGATION = 'not';

/**
 * Words that ask for a way to reach someone (a number, an email, a link) rather than saying who. Nearly
 * every contact entry has them, so beside a topic word ("MS1 form email address") they must not outweigh
 * it; they do say a contact entry is wanted.
 */
export const CONTACT_WORDS: readonly string[] = (
  'email emails address addresses number numbers phone phones telephone tel mobile contact contacts detail details ' +
  'website websites web site page url'
).split(' ');

/**
 * Words that say how a question is framed ("what's the difference", "what does it mean", "explain") rather
 * than what it is about: they count little, so "difference between RG and CG" is about RG and CG.
 */
export const FRAMING_WORDS: readonly string[] = (
  'difference differences diff diffs different differ vs versus compare compared comparison mean means meaning meant ' +
  'define defined definition definitions explain explained explanation actually exactly legally legal ' +
  // the kind of document wanted ("Duty to Notify FAQs for council staff"): how to answer, not what about
  'faq faqs factsheet factsheets handout handouts template templates flowchart flowcharts infographic infographics ' +
  'explainer explainers ' +
  // how sure the writer is, not what about: the whole field is suspicions ("report a dodgy gangmaster")
  'suspicious suspicion suspicions dodgy dubious iffy shady sketchy sus fishy worried worrying concerned'
).split(' ');

/**
 * Where people are found working or kept: settings that point at a kind of exploitation but never decide
 * the route. A child at a car wash is a child first; a question that names a law, a form or a place's own
 * arrangements ("section 45", "Scotland") is about that thing, even for a child.
 */
export const SETTING_WORDS: readonly string[] = (
  'car wash carwash washes nail nails bar bars salon salons farm farms field fields factory factories warehouse ' +
  'restaurant restaurants kitchen kitchens takeaway takeaways hotel hotels brothel brothels massage parlour parlours ' +
  'cannabis grow building site sites construction fishing boat boats trawler packing plant shop shops barbers ' +
  'barbershop hostel flat flats house houses address van vans minibus lorry job jobs work working worker workers ' +
  'labourer labourers picking pickers cleaner cleaners cleaning ' +
  // who is there: people and nationalities set the scene too
  'lad lads bloke blokes guy guys man men woman women girl girls fella person people male female ' +
  'vietnamese albanian romanian polish chinese eritrean sudanese nigerian lithuanian bulgarian slovakian czech ' +
  'afghan iranian iraqi kurdish syrian indian pakistani bangladeshi filipino thai ukrainian'
).split(' ');

/** Words that ask for something without saying what: alone, a question of only these has nothing to find. */
export const BARE_WORDS: readonly string[] = 'help info information question query'.split(' ');

/** Text-speak written out: "wont let u out" must read as "wont let you out" (urgency.ts uses this too). */
export const SHORTHAND: ReadonlyMap<string, string> = new Map(Object.entries({
  thru: 'through',
  tho: 'though',
  pls: 'please',
  plz: 'please',
  u: 'you',
  ur: 'your',
  wot: 'what',
  wat: 'what',
  wen: 'when',
  shud: 'should',
  shld: 'should',
  wud: 'would',
  cud: 'could',
  n: 'and',
}));

/** Cleaned text with shorthand written out; negative contractions kept as typed (cant, wont). */
export function spelledOut(text: string): string {
  const cleaned = cleanText(text);
  if (!cleaned) return '';
  return cleaned
    .split(' ')
    .map((w) => SHORTHAND.get(w) ?? w)
    .join(' ');
}

/** American spellings the knowledge (written in British English) does not use, and common shorthand. */
const SPELLINGS: ReadonlyMap<string, string> = new Map(Object.entries({
  ...Object.fromEntries(SHORTHAND),
  labor: 'labour',
  labors: 'labours',
  laborer: 'labourer',
  laborers: 'labourers',
  behavior: 'behaviour',
  behaviors: 'behaviours',
  color: 'colour',
  favor: 'favour',
  honor: 'honour',
  neighbor: 'neighbour',
  neighbors: 'neighbours',
  neighborhood: 'neighbourhood',
  center: 'centre',
  centers: 'centres',
  offense: 'offence',
  offenses: 'offences',
  defense: 'defence',
  license: 'licence',
  licenses: 'licences',
  program: 'programme',
  programs: 'programmes',
  counselor: 'counsellor',
  counseling: 'counselling',
  traveling: 'travelling',
  traveled: 'travelled',
  catalog: 'catalogue',
  dialog: 'dialogue',
  enroll: 'enrol',
  fulfill: 'fulfil',
  judgment: 'judgement',
  mom: 'mum',
  gray: 'grey',
  jewelry: 'jewellery',
  pediatric: 'paediatric',
  // Practitioners' shorthand, as typed mid-shift ("p'ship mtg", "s54 stmt every yr?", "pvs"). Only words
  // that mean one thing here: numbers ("2 ask", "4 the report") stay numbers, as urgency and ages need them.
  pship: 'partnership',
  pships: 'partnerships',
  partnrship: 'partnership',
  stmt: 'statement',
  stmts: 'statements',
  yr: 'year',
  yrs: 'years',
  wk: 'week',
  wks: 'weeks',
  mth: 'month',
  mths: 'months',
  mtg: 'meeting',
  mtgs: 'meetings',
  hse: 'house',
  immig: 'immigration',
  govt: 'government',
  dept: 'department',
  ppl: 'people',
  abt: 'about',
  cos: 'because',
  coz: 'because',
  yday: 'yesterday',
  tmrw: 'tomorrow',
  accom: 'accommodation',
  accomm: 'accommodation',
  slav: 'slavery',
  traff: 'trafficking',
  pv: 'potential victim',
  pvs: 'potential victims',
  vot: 'victim of trafficking',
  vots: 'victims of trafficking',
}));

/**
 * The text as typed, with text-speak, practitioners' shorthand and American spellings written out in place
 * ("wot shud i do, 15yo workin at a car wash" → "what should i do, …"): everything else (case, punctuation)
 * is kept. For a reader that knows English but not shorthand (the sentence encoder).
 */
export function writtenOut(text: string): string {
  // "p-ship", "p/ship": one word once written out
  const joined = text.replace(/\bp[-/]ship(s?)\b/gi, 'partnership$1');
  return joined.replace(/[A-Za-z][A-Za-z']*/g, (word, at: number) => {
    // an acronym or a name's initial ("HSE" is the Health and Safety Executive, "COs", "Mr N Smith"),
    // except a capital "U" starting a sentence
    if (/[A-Z]/.test(word.slice(1)) || (word === 'N')) return word;
    const key = word.toLowerCase().replace(/'/g, '');
    const full = SPELLINGS.get(key);
    if (full === undefined) return word;
    // "n Ireland", "n. Ireland": Northern Ireland, not "and"
    if (key === 'n' && /^\.?\s+ireland\b/i.test(joined.slice(at + word.length))) return word;
    return full;
  });
}

/** Lower-case, fold accents, drop apostrophes (can't → cant), turn other punctuation into spaces. */
export function cleanText(text: string): string {
  return itInCapitals(text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´']/g, '')
    // "a minor car crash", "minor offences": the adjective, not a child (read before punctuation goes, so
    // "she is a minor. injuries to her arms" keeps its child)
    .replace(MINOR_AS_ADJECTIVE, 'small ')
    .replace(/&/g, ' and ')
    // "Priority 3.3", "paragraph 4.2": a numbered part is named by both numbers, so it keeps one word for the
    // pair ("3p3") beside its heading's number (the plan's "priority 3"); other decimals are left alone
    .replace(NUMBERED_PART, (_, part: string, major: string, minor: string) => `${part} ${major} ${major}p${minor}`)
    .replace(/[^a-z0-9]+/g, ' ')
    // "p-ship", "p/ship": the hyphen split it in two
    .replace(/\bp ship(s?)\b/g, 'pship$1')
    // "n" is "and" in text-speak ("email n phone"), but not in "N Ireland"
    .replace(/\bn ireland\b/g, 'northern ireland')
    // an "NI number" is a National Insurance number, not Northern Ireland
    .replace(/\bni (number|numbers|no|card)\b/g, 'national insurance $1')
    .trim();
}

const NUMBERED_PART = /\b(priority|priorities|section|para|paragraph|clause|schedule|annex|objective|chapter|part|article|regulation|outcome)\s*(\d{1,2})\.(\d{1,2})\b/g;

/**
 * "IT" in capitals next to what the IT department is or does ("whos on the IT helpline", "ask IT") is the
 * department, not the pronoun: "END IT", "he'll sell IT tonight" and "IT'S URGENT" stay as they are.
 */
const IT_DEPARTMENT =
  /\bIT(?=\s+(?:helpline|helpdesk|help desk|support|desk|team|department|dept|service|services|system|systems|login|password|laptop|laptops|ticket|equipment|account|access|say|says|said)\b)|(?<=\b(?:the|our|ask|call|ring|contact|email|from)\s+)IT\b(?![’'])/g;
function itInCapitals(text: string): string {
  return text.replace(IT_DEPARTMENT, 'ICT');
}

/**
 * "minor" right before a thing it describes: small, not someone under 18 ("a minor" on its own still is). Only
 * nouns that are not also verbs: "the minor works nights" is a child at work.
 */
const MINOR_AS_ADJECTIVE =
  /\bminor (?=(?:car|road|traffic|crash|crashes|accident|accidents|bump|collision|prang|injury|injuries|incident|incidents|offence|offences|offense|offenses|crime|crimes|issue|problem|problems|concern|concerns|amendment|amendments|error|errors|fault|faults|damage|surgery|operation|op|illness|ailment|ailments|detail|details|role|roles|breach|breaches)\b)/g;

/** Negative contractions all mean "not": "doesn't consent" must meet "does not consent". */
const NEGATIONS: ReadonlySet<string> = new Set(
  'didnt doesnt dont isnt arent wasnt werent havent hasnt hadnt couldnt wouldnt shouldnt wont cant cannot aint'.split(' '),
);

/** The words of a text after cleaning, stop words kept (phrases such as synonyms need them). */
export function words(text: string): string[] {
  const cleaned = cleanText(text);
  if (!cleaned) return [];
  // shorthand may stand for more than one word ("pvs" → "potential victims")
  return cleaned.split(' ').flatMap((w) => britishSpelling(w).split(' '));
}

const IZE = /iz(e|es|ed|ing|ation|ations)$/;
const YZE = /yz(e|es|ed|ing)$/;

export function britishSpelling(word: string): string {
  if (NEGATIONS.has(word)) return 'not';
  const mapped = SPELLINGS.get(word);
  if (mapped !== undefined) return mapped;
  // organization → organisation, recognize → recognise, analyze → analyse
  if (word.length > 5 && IZE.test(word)) return word.replace(IZE, 'is$1');
  if (word.length > 5 && YZE.test(word)) return word.replace(YZE, 'ys$1');
  return word;
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

// Stemming runs on every word of every entry at index time; the same words recur, so remember them.
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 100_000;
const DIGITS = /^\d+$/;
const DOUBLED = /([bcdfgklmnprstvz])\1$/;
const DERIVATIONAL: readonly (readonly [string, number])[] = [
  ['ations', 5],
  ['ation', 5],
  ['ing', 3],
  ['ed', 4],
  ['al', 4],
];
/**
 * "-al" is only a suffix after these endings (referral, removal, refusal, national). Elsewhere it is part
 * of the word: portal is not port (a place name: Port Talbot), signal is not sign, personal is not person.
 */
const AL_SUFFIX = /(rr|v|s|ion)al$/;

/**
 * A light suffix stripper: refer / referral / referring / referred → refer; victims → victim;
 * exploitation / exploited → exploit. Run on both sides, so it only has to be consistent.
 */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const result = computeStem(word);
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(word, result);
  return result;
}

function computeStem(word: string): string {
  if (DIGITS.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  // washes → wash, matches → match, boxes → box
  else if (/(sh|ch|x|zz)es$/.test(w) && w.length > 5) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  for (const [suffix, minStem] of DERIVATIONAL) {
    if (w.endsWith(suffix) && w.length - suffix.length >= minStem) {
      if (suffix === 'al' && !AL_SUFFIX.test(w)) break;
      w = w.slice(0, -suffix.length);
      // referr → refer, stopp → stop
      if (DOUBLED.test(w) && !w.endsWith('ll') && !w.endsWith('ss') && !w.endsWith('ff') && !w.endsWith('zz')) w = w.slice(0, -1);
      break;
    }
  }
  return w;
}

/** Search terms of a text: cleaned, British-spelled, stop words dropped, stemmed. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) if (!STOP_WORDS.has(w)) out.push(stem(w));
  return out;
}
