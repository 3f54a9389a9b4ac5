// Questions people ask the bot can hold a victim's personal details. Before a question is written
// anywhere, the details that identify a person are replaced with placeholders. The rules lean towards
// redacting: losing a word of a stored question costs little, keeping a victim's phone number costs a lot.
//
// The order matters: e-mail addresses first (they contain digits and dots), then dates (so 12-03-98 is a
// date, not a phone number), National Insurance numbers and postcodes (letters and digits), phone
// numbers, and last any long run of digits that is left.

export const PLACEHOLDERS = {
  email: '[email]',
  phone: '[phone]',
  niNumber: '[NI number]',
  postcode: '[postcode]',
  date: '[date]',
  number: '[number]',
} as const;

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const ORDINAL = '(?:st|nd|rd|th)?';

// The lookbehind starts a match only where a local part starts, so a long run without an "@" is scanned
// once rather than once per character (which made a 50,000-character question take seconds).
const EMAIL = /(?<![a-z0-9._%+\-])[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}/gi;

// "3 March 1998", "3rd of March, 1998", "3 Mar 98".
const DATE_DAY_MONTH_YEAR = new RegExp(
  `\\b\\d{1,2}${ORDINAL}(?:\\s+of)?\\s+${MONTH}\\.?,?\\s+(?:\\d{4}|\\d{2})\\b`,
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
const DATE_AFTER_BIRTH_WORD = new RegExp(
  `\\b(dob|d\\.o\\.b\\.?|date of birth|born(?:\\s+(?:on|in))?)([:\\s]+)` +
    `(?:\\d{1,2}${ORDINAL}(?:\\s+of)?\\s+${MONTH}\\b\\.?|${MONTH}\\.?\\s+\\d{1,2}${ORDINAL}\\b` +
    `|${MONTH}\\.?,?\\s+\\d{4}\\b|\\d{1,2}[\\/.\\-]\\d{1,2}\\b|\\d{4}\\b)`,
  'gi',
);

// Two prefix letters, six digits written together or in pairs, and the suffix letter A–D. Any two
// letters: HMRC's own example prefix (QQ) is one it never issues, and people copy examples.
const NI_NUMBER = /\b[a-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[a-d]\b/gi;

// Outward code (A9, A99, AA9, AA99, A9A, AA9A) and inward code (digit and two letters, never C I K M O V),
// with or without the space, in any case.
const POSTCODE = /\b[a-z]{1,2}\d[a-z\d]?\s?\d[abd-hjlnp-uw-z]{2}\b/gi;

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

/** Replace personal details in a question with placeholders. Idempotent: redact(redact(x)) === redact(x). */
export function redact(text: string): string {
  return text
    .replace(EMAIL, PLACEHOLDERS.email)
    .replace(DATE_DAY_MONTH_YEAR, PLACEHOLDERS.date)
    .replace(DATE_MONTH_DAY_YEAR, PLACEHOLDERS.date)
    .replace(DATE_ISO, redactIsoDate)
    .replace(DATE_NUMERIC, redactNumericDate)
    // After the full dates, so a year that is there goes with its date.
    .replace(DATE_AFTER_BIRTH_WORD, (_m, word: string, gap: string) => `${word}${gap}${PLACEHOLDERS.date}`)
    .replace(NI_NUMBER, PLACEHOLDERS.niNumber)
    .replace(POSTCODE, PLACEHOLDERS.postcode)
    .replace(PHONE, PLACEHOLDERS.phone)
    .replace(DIGIT_RUN, redactDigitRun);
}
