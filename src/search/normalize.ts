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
  theyll theyd youve youll ill didnt doesnt dont isnt arent wasnt werent havent hasnt couldnt wouldnt shouldnt
  lets gonna wanna gotta gets went come came make made put say says said told ask asked needed wanted way bits
  currently okay yeah yes wont cant cannot`
    .split(/\s+/)
    .filter(Boolean),
);

/** American spellings the knowledge (written in British English) does not use, and common shorthand. */
const SPELLINGS: Readonly<Record<string, string>> = {
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
};

/** Lower-case, fold accents, drop apostrophes (can't → cant), turn other punctuation into spaces. */
export function cleanText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´']/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The words of a text after cleaning, stop words kept (phrases such as synonyms need them). */
export function words(text: string): string[] {
  const cleaned = cleanText(text);
  return cleaned ? cleaned.split(' ').map(britishSpelling) : [];
}

export function britishSpelling(word: string): string {
  const mapped = SPELLINGS[word];
  if (mapped) return mapped;
  // organization → organisation, recognize → recognise, analyze → analyse
  if (word.length > 5 && /iz(e|es|ed|ing|ation|ations)$/.test(word)) return word.replace(/iz(e|es|ed|ing|ation|ations)$/, 'is$1');
  if (word.length > 5 && /yz(e|es|ed|ing)$/.test(word)) return word.replace(/yz(e|es|ed|ing)$/, 'ys$1');
  return word;
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/**
 * A light suffix stripper: refer / referral / referring / referred → refer; victims → victim;
 * exploitation / exploited → exploit. Run on both sides, so it only has to be consistent.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /^\d+$/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w) && w.length > 3) w = w.slice(0, -1);

  const strip = (suffix: string, minStem: number): boolean => {
    if (w.endsWith(suffix) && w.length - suffix.length >= minStem) {
      w = w.slice(0, -suffix.length);
      return true;
    }
    return false;
  };
  if (strip('ations', 5) || strip('ation', 5) || strip('ing', 3) || strip('ed', 4) || strip('al', 4)) {
    // referr → refer, stopp → stop
    if (/([bcdfgklmnprstvz])\1$/.test(w) && !/(ll|ss|ff|zz)$/.test(w)) w = w.slice(0, -1);
  }
  return w;
}

/** Search terms of a text: cleaned, British-spelled, stop words dropped, stemmed. */
export function terms(text: string): string[] {
  return words(text)
    .filter((w) => !isStopWord(w))
    .map(stem);
}
