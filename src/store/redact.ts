// Questions people ask the bot can hold a victim's personal details. Before a question is written
// anywhere, the details that identify a person are replaced with placeholders. The rules lean towards
// redacting: losing a word of a stored question costs little, keeping a victim's phone number costs a lot.
//
// The order matters: e-mail addresses first (they contain digits and dots), then dates (so 12-03-98 is a
// date, not a phone number), National Insurance numbers and postcodes (letters and digits), phone
// numbers, and any long run of digits that is left. Then the word rules: street addresses and flats,
// names after a cue ("named", "Mrs", …), runs of Capitalised words, and last outward-only postcodes
// ("LS6"), which are only recognisable by what is next to them (an address, or a town at the end).
//
// Every pattern is linear in the length of the text: a variable-length match can start only at the
// start of a word or number (a lookbehind says so), and what it scans from there is either bounded or
// made of character classes that cannot be split two ways, so no stretch of text is rescanned once per
// character.

export const PLACEHOLDERS = {
  email: '[email]',
  phone: '[phone]',
  niNumber: '[NI number]',
  postcode: '[postcode]',
  date: '[date]',
  number: '[number]',
  address: '[address]',
  name: '[name]',
  vehicle: '[vehicle reg]',
  handle: '[handle]',
} as const;

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const ORDINAL = '(?:st|nd|rd|th)?';
// A day as a number ("3", "3rd") or in words ("third", "twenty-first", "thirty first").
const DAY_WORD =
  '(?:(?:twenty|thirty)[\\s\\-]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first|second|third|fourth' +
  '|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth' +
  '|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)';
const DAY = `(?:\\d{1,2}${ORDINAL}|${DAY_WORD})`;

// The lookbehind starts a match only where a local part starts, so a long run without an "@" is scanned
// once rather than once per character (which made a 50,000-character question take seconds).
const EMAIL = /(?<![a-z0-9._%+\-])[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}/gi;
// Written to dodge filters: "jane(at)example(dot)com", "jane [at] example [dot] co [dot] uk", "jane at example
// dot com". A bracketed "at" is enough; a bare " at " needs a "dot" after it, so "meet at the station" stays.
// Gaps are at most three spaces, and labels are letters and digits that a separator cannot be mistaken for.
const AT_BRACKETED = '(?:\\(at\\)|\\[at\\]|\\{at\\}|<at>)';
const DOT_SEPARATOR = '(?:[ \\t]{0,3}(?:\\(dot\\)|\\[dot\\]|\\{dot\\}|<dot>)[ \\t]{0,3}|[ \\t]{1,3}dot[ \\t]{1,3}|\\.)';
const EMAIL_OBFUSCATED = new RegExp(
  `(?<![a-z0-9._%+\\-])[a-z0-9._%+\\-]{1,64}(?:[ \\t]{0,3}${AT_BRACKETED}[ \\t]{0,3}[a-z0-9\\-]{1,63}(?:${DOT_SEPARATOR}[a-z0-9\\-]{1,63})*` +
    `|[ \\t]{1,3}at[ \\t]{1,3}[a-z0-9\\-]{1,63}(?:${DOT_SEPARATOR}[a-z0-9\\-]{1,63})*${DOT_SEPARATOR}[a-z]{2,6})(?![a-z0-9\\-])`,
  'gi',
);
// A social media handle: "@jane_doe_99" (e-mail addresses are gone by the time this runs).
const HANDLE = /(?<![\w@.])@[a-z0-9_][a-z0-9_.]{0,29}(?<!\.)/gi;

// "3 March 1998", "3rd of March, 1998", "3 Mar 98".
const DATE_DAY_MONTH_YEAR = new RegExp(
  `\\b${DAY}(?:\\s+of)?\\s+${MONTH}\\.?,?\\s+(?:\\d{4}|\\d{2})\\b`,
  'gi',
);
// "March 3, 1998", "March 3rd 1998".
const DATE_MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\.?\\s+\\d{1,2}${ORDINAL},?\\s+\\d{4}\\b`, 'gi');
// "1998-03-12", "1998/3/12", "1998.03.12".
const DATE_ISO = /\b\d{4}[\/.\-]\d{1,2}[\/.\-]\d{1,2}\b/g;
// "12/03/1998", "12-03-98", "12.03.1998", "12 03 1998" (a space only with a four-digit year).
const DATE_NUMERIC = /\b(\d{1,2})(?:([\/.\-])(\d{1,2})\2(\d{4}|\d{2})|\s(\d{1,2})\s(\d{4}))\b/g;
// Part of a birth date (no year, or only month and year, or only the year) still identifies someone when
// it follows "DOB" or "born"; elsewhere "18 October" or "2015" is just a day or a year.
// "DOB is the 3rd of March", "born on the twenty-first of may", "date of birth was March the 3rd".
const DATE_AFTER_BIRTH_WORD = new RegExp(
  `\\b(dob|d\\.o\\.b\\.?|date of birth|born(?:\\s+(?:on|in))?)((?:[:=\\-]|\\s){1,3}(?:(?:is|was|of)\\s{1,3})?(?:the\\s{1,3})?)` +
    `(?:${DAY}(?:\\s+of)?\\s+${MONTH}\\b\\.?|${MONTH}\\.?\\s+(?:the\\s+)?${DAY}\\b` +
    `|${MONTH}\\.?,?\\s+\\d{4}\\b|\\d{1,2}[\\/.\\-]\\d{1,2}\\b|\\d{4}\\b)`,
  'gi',
);

// Two prefix letters, six digits written together or in pairs, and the suffix letter A–D. Any two
// letters: HMRC's own example prefix (QQ) is one it never issues, and people copy examples.
const NI_NUMBER = /\b[a-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[a-d]\b/gi;

// Outward code (A9, A99, AA9, AA99, A9A, AA9A) and inward code (digit and two letters, never C I K M O V),
// with or without the space (or a dash: "LS6-2AB"), in any case.
const POSTCODE = /\b[a-z]{1,2}\d[a-z\d]?[\s\-]?\d[abd-hjlnp-uw-z]{2}\b/gi;

// Vehicle registrations. The current format ("AB12 CDE", "ab12cde") anywhere, unless its last three
// letters are a common word ("ms12 and"); any format ("A123 BCD", "ABC 123D", "K9 ABC") after "reg",
// "registration", "VRM" or "number plate", as long as it holds a letter and a digit.
const VEHICLE_CURRENT = /\b[a-z]{2}\d{2}[ \t]?([a-z]{3})\b/gi;
const NOT_A_REG_ENDING = new Set('the and for are was not but who has had can you off per via its any all now out act one two six'.split(' '));
const REG_VALUE =
  '[a-z]{1,3}[ \\t]?\\d{1,4}[a-z]?(?:[ \\t]?(?!(?:and|the|for|was|is|in|on|at|to|of|or|it)(?![a-z]))[a-z]{1,3})?';
const VEHICLE_AFTER_CUE = new RegExp(
  `\\b((?:reg(?:istration)?|vrm|(?:number|licen[cs]e|reg)[ \\t]plate)(?:[ \\t]{1,3}(?:no\\.?|number|mark))?` +
    `(?:[ \\t]{0,3}[:\\-=#]|[ \\t]{1,3}(?:is|was))?[ \\t]{1,3})${REG_VALUE}(?![a-z0-9])`,
  'gi',
);

// A UK number: +44 / 0044 (optionally "(0)"), or a leading 0 (optionally in brackets with the area
// code), then the 9 or 10 digits of the national number, with single spaces, hyphens, dots or a
// closing bracket between them. Emergency and short numbers (999, 101, 111) do not match.
// An opening bracket is taken only when it closes round the area code, so "(07700 900123)" keeps its brackets.
const PHONE =
  /(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(0(?=\d{2,4}\))|0)(?:[\s\-.)]{0,2}\d){9,10}(?![\d])/g;

// What is left: a run of digits, perhaps broken by single spaces or hyphens into groups of two or more
// (card, account, sort-code, passport numbers). Six digits in one run is enough; grouped runs need
// eight digits or three groups, so "in 2015 12 people" keeps its year. Digits glued to letters count too
// (X12345678), so a passport or NI number without its letters does not slip through.
const DIGIT_RUN = /(?<!\d)\d{2,}(?:[ \-]\d{2,})*(?!\d)/g;
const YEAR_RANGE = /^(?:19|20)\d\d[ \-](?:19|20)\d\d$/;

function isDayMonth(a: number, b: number): boolean {
  // Either day/month (UK) or month/day (US): one side must be a month, both must be valid days.
  return a >= 1 && b >= 1 && a <= 31 && b <= 31 && (a <= 12 || b <= 12);
}

function redactNumericDate(match: string, a: string, _sep: string, b1?: string, _y1?: string, b2?: string): string {
  const b = b1 ?? b2 ?? '';
  return isDayMonth(Number(a), Number(b)) ? PLACEHOLDERS.date : match;
}

function redactIsoDate(match: string): string {
  const [, month, day] = match.split(/[\/.\-]/).map(Number);
  return month !== undefined && day !== undefined && month >= 1 && month <= 12 && day >= 1 && day <= 31
    ? PLACEHOLDERS.date
    : match;
}

function redactDigitRun(match: string): string {
  const groups = match.split(/[ \-]/);
  const digits = groups.join('').length;
  if (groups.length === 1) return digits >= 6 ? PLACEHOLDERS.number : match;
  if (YEAR_RANGE.test(match)) return match;
  return digits >= 8 || groups.length >= 3 ? PLACEHOLDERS.number : match;
}

// ---------------------------------------------------------------- addresses

// The last word of a street's name.
const STREET_WORD =
  '(?:road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|court|ct|place|pl|crescent|cres|grove|gr' +
  '|terrace|tce|gardens|gdns|park|square|sq|hill|row|walk|mews|view|rise|parade|green|boulevard|embankment' +
  '|wharf|yard|approach|gate|croft|wynd|vale|quay|circus|market|estate)';
// Words that do not occur inside a street's name but do occur between a number and a word like "court"
// or "walk" in an ordinary sentence ("2 weeks in court", "12 men on the hill", "3 people who walk").
const NOT_IN_STREET_NAME =
  '(?:in|at|on|to|for|with|by|from|into|onto|within|after|before|during|and|or|is|are|was|were|who|which|that)';
// A house number ("14", "14a", "12-14"), not a year, then one to four words and a street word:
// "14 Acacia Avenue", "3b Mill Lane", "221 Baker St", "1 the green", "14 upper st john's road". Words are at most 30 letters and
// the gaps at most 3 spaces, so a match is a bounded amount of work from a number's start.
const STREET_ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{N}])(?!(?:19|20)\\d\\d(?!\\d))\\d{1,4}[a-z]?(?:[ \\t]?[\\-–/][ \\t]?\\d{1,4}[a-z]?)?,?` +
    `(?:[ \\t]{1,3}(?!${NOT_IN_STREET_NAME}(?![\\p{L}'’.\\-]))[\\p{L}'’.\\-]{1,30}){1,4}` +
    `[ \\t]{1,3}${STREET_WORD}(?![\\p{L}\\p{N}])`,
  'giu',
);
// "Flat 3", "flat 3B", "Apartment 12", "Apt. 4".
const FLAT = /(?<![\p{L}\p{N}])(?:flat|apartment|apt\.?)[ \t]{0,3}(?:no\.?[ \t]{0,3})?\d{1,4}[a-z]?(?![\p{L}\p{N}])/giu;

// ---------------------------------------------------------------- names

// A Capitalised word: a capital then a small letter ("Jane", "McDonald", "O'Brien", "Anti-Slavery",
// "Łukasz"). An all-capitals word ("NRM", "GLAA", "JANE") is not one: practitioners' acronyms survive.
const CAP_WORD = "\\p{Lu}(?:['’]\\p{Lu})?\\p{Ll}[\\p{L}'’\\-]*";
// Small words that join the parts of a name: "Jane de Souza", "Pieter van Dijk".
const PARTICLE = '(?:de|da|del|della|der|den|di|do|dos|das|du|la|le|van|von|bin|binti|ibn|al|el)';
const NAME_GAP = `\\s+(?:${PARTICLE}\\s+)?`;
const WORD_START = "(?<![\\p{L}\\p{N}'’\\-])";

// After these, the next one to three Capitalised words are a name: "a woman named Ana Silva",
// "known as Bobby", "Mrs Patel". Titles take the case people write them in ("MRS" too, but not "MS",
// which practitioners use for Modern Slavery).
const NAME_CUE =
  "(?:[Nn]amed|[Cc]alled|[Nn]ame\\s+is|[Nn]ame['’]s|[Nn]ames\\s+are|[Gg]oes\\s+by|[Kk]nown\\s+as|[Aa]\\.?[Kk]\\.?[Aa]\\.?" +
  '|Mrs|Mr|Ms|Miss|Mx|Dr|MRS|MR|MISS|mrs|mr|mx|dr)';
const NAME_AFTER_CUE = new RegExp(
  `${WORD_START}(${NAME_CUE}\\.?\\s+["'“‘]?)${CAP_WORD}(?:${NAME_GAP}${CAP_WORD}){0,2}`,
  'gu',
);
// After the cues that leave no doubt, a name written in small letters counts too ("her name is jane",
// "Mr smith", and titles typed in small letters too: "mr smith", "mrs. jones"; not "ms", which is Modern
// Slavery, "miss", a verb, or "dr", as in "the dr said"); "called the police" and "known as cuckooing" are
// why the other cues need a capital.
const NAME_AFTER_STRONG_CUE = new RegExp(
  `${WORD_START}((?:[Nn]ame\\s+is|[Nn]ame['’]s|[Nn]ames\\s+are|[Gg]oes\\s+by|Mrs|Mr|Ms|Miss|Mx|Dr|mrs|mr|mx)\\.?\\s+["'“‘]?)(\\p{Ll}[\\p{L}'’\\-]*)`,
  'gu',
);
const NOT_A_NAME_AFTER_CUE = new Set(
  'not unknown the a an and or of to in on at as is was also still being withheld spelt spelled written different same private confidential'.split(
    ' ',
  ),
);

// Two or more Capitalised words in a row: "Jane Doe", "Ana de Souza", and also places and organisations
// ("Acacia Avenue", "Salvation Army", "Modern Slavery Act"), which are hidden too. A name already
// replaced counts as a word, so "named Ana Maria Costa Silva" leaves no "Silva" behind.
const NAME_TOKEN = `(?:${CAP_WORD}|\\[name\\])`;
const CAPITALISED_RUN = new RegExp(`${WORD_START}${NAME_TOKEN}(?:${NAME_GAP}${NAME_TOKEN})+`, 'gu');
// Capitalised because they open a sentence or a title, not because they name someone: they are kept
// and split a run ("What Is", "How Do", "The Salvation Army" keeps "The").
const NOT_NAME_WORDS = new Set(
  (
    'what when where who whom whose why how which is are was were be been do does did can could should would ' +
    'will shall may might must have has had the a an this that these those my our your his her their its we ' +
    'you he she they it me us him them if and or but so then also please hi hello dear thanks thank yes no not ' +
    'of to in on at for from with by about after before under into there here any some all each every ' +
    'dtn'
  ).split(' '),
);

function redactCapitalisedRun(run: string): string {
  // Words and the gaps between them, alternating: word, gap, word, gap, … word.
  const parts = run.split(new RegExp(`(${NAME_GAP})`, 'u'));
  let out = '';
  let group: string[] = []; // a stretch of name words with their gaps, e.g. ["Jane", " ", "Doe"]
  const flush = () => {
    const words = (group.length + 1) / 2;
    out += words >= 2 ? PLACEHOLDERS.name : group.join('');
    group = [];
  };
  for (let i = 0; i < parts.length; i += 2) {
    const word = parts[i]!;
    const gap = parts[i + 1] ?? '';
    if (NOT_NAME_WORDS.has(word.toLowerCase())) {
      flush();
      out += word + gap;
    } else {
      // A gap goes into the group only if another name word follows; otherwise it is written after it.
      group.push(word);
      const next = parts[i + 2];
      if (next !== undefined && !NOT_NAME_WORDS.has(next.toLowerCase())) group.push(gap);
      else {
        flush();
        out += gap;
      }
    }
  }
  flush();
  return out;
}

// ---------------------------------------------------------------- outward-only postcodes

// "LS6", "M1", "SW1A", "B33": an outward code alone. "MS1" (the form) and "s45" (a section) look the
// same, so an outward code is redacted only where it is clearly part of an address: after "[address]"
// (perhaps with a town between), or at the very end of the text right after a town ("… Leeds LS6.").
const OUTWARD = "[A-Za-z]{1,2}\\d[A-Za-z\\d]?";
const OUTWARD_AFTER_ADDRESS = new RegExp(
  `(\\[address\\](?:[\\s,]{1,3}(?:\\[name\\]|[\\p{L}'’\\-]{1,30})){0,3}[\\s,]{1,3})(${OUTWARD})(?![\\p{L}\\p{N}])`,
  'giu',
);
const OUTWARD_AT_END_AFTER_TOWN = new RegExp(
  `(${WORD_START}(?:\\[name\\]|\\[address\\]|${CAP_WORD}),?[ \\t]{1,3})(${OUTWARD})(?=[\\s.,;:!?)]*$)`,
  'gu',
);

function redactOutward(match: string, before: string, code: string): string {
  // A section ("s45") keeps its small s; "S45" after a town is Chesterfield.
  if (/^ms\d+$/i.test(code) || /^s\d+$/.test(code)) return match;
  return `${before}${PLACEHOLDERS.postcode}`;
}

/** Replace personal details in a question with placeholders. Idempotent: redact(redact(x)) === redact(x). */
export function redact(text: string): string {
  return redactWords(redactNumbers(text));
}

function redactNumbers(text: string): string {
  return text
    .replace(EMAIL, PLACEHOLDERS.email)
    .replace(EMAIL_OBFUSCATED, PLACEHOLDERS.email)
    .replace(HANDLE, PLACEHOLDERS.handle)
    .replace(DATE_DAY_MONTH_YEAR, PLACEHOLDERS.date)
    .replace(DATE_MONTH_DAY_YEAR, PLACEHOLDERS.date)
    .replace(DATE_ISO, redactIsoDate)
    .replace(DATE_NUMERIC, redactNumericDate)
    // After the full dates, so a year that is there goes with its date.
    .replace(DATE_AFTER_BIRTH_WORD, (_m, word: string, gap: string) => `${word}${gap}${PLACEHOLDERS.date}`)
    .replace(NI_NUMBER, PLACEHOLDERS.niNumber)
    // Before postcodes: "AB12 CDE" is no postcode, but "reg LS61 2AB"'s value would be taken for one.
    .replace(VEHICLE_AFTER_CUE, (_m, cue: string) => `${cue}${PLACEHOLDERS.vehicle}`)
    .replace(VEHICLE_CURRENT, (m, ending: string) => (NOT_A_REG_ENDING.has(ending.toLowerCase()) ? m : PLACEHOLDERS.vehicle))
    .replace(POSTCODE, PLACEHOLDERS.postcode)
    .replace(PHONE, PLACEHOLDERS.phone)
    .replace(DIGIT_RUN, redactDigitRun);
}

function redactWords(text: string): string {
  return text
    .replace(FLAT, PLACEHOLDERS.address)
    .replace(STREET_ADDRESS, PLACEHOLDERS.address)
    .replace(NAME_AFTER_CUE, (_m, cue: string) => `${cue}${PLACEHOLDERS.name}`)
    .replace(NAME_AFTER_STRONG_CUE, (m, cue: string, word: string) =>
      NOT_A_NAME_AFTER_CUE.has(word.toLowerCase()) ? m : `${cue}${PLACEHOLDERS.name}`,
    )
    .replace(CAPITALISED_RUN, redactCapitalisedRun)
    .replace(OUTWARD_AFTER_ADDRESS, redactOutward)
    .replace(OUTWARD_AT_END_AFTER_TOWN, redactOutward);
}
