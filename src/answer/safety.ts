// The safety texts every answer may carry: the 999 banner, the no-match fallback, and the apology shown
// when answering fails. Numbers come from the knowledge where it has them; the built-in wording is only a
// floor for a knowledge base that lacks them (or cannot be read), and uses nothing but 999 and the
// national helpline, both fixed public numbers. Channels take these texts from here rather than writing
// their own, so every platform says the same thing.
import { dangerEntryOf, type KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { Entry, Phone } from '../knowledge/schema.ts';

/** Used only when the knowledge names no helpline phone. */
const HELPLINE_NUMBER_FLOOR = '08000 121 700';
const HELPLINE_NAME = 'Modern Slavery & Exploitation Helpline';

export interface SafetyTexts {
  /** Opens every urgent answer; always starts with "999". */
  banner: string;
  /** Shown for no_match: the helpline, 999, and how to ask differently. */
  fallback: string;
  /** Shown when answering failed: 999 and the helpline, never silence. */
  apology: string;
  /** The someone-in-danger-now entry (`urgent: true`), when the knowledge has one. */
  dangerEntry?: Entry;
}

const digits = (number: string): string => number.replace(/\D/g, '');

function allPhones(kb: KnowledgeBase): { entry: Entry; phone: Phone }[] {
  return kb.entries.flatMap((entry) => (entry.phones ?? []).map((phone) => ({ entry, phone })));
}

function findHelpline(kb: KnowledgeBase | undefined): string {
  if (!kb) return HELPLINE_NUMBER_FLOOR;
  const phones = allPhones(kb);
  const helpline =
    phones.find(({ entry, phone }) => /helpline/i.test(`${phone.label} ${entry.title}`) && /slavery/i.test(`${phone.label} ${entry.title}`)) ??
    phones.find(({ phone }) => digits(phone.number) === digits(HELPLINE_NUMBER_FLOOR));
  return helpline?.phone.number ?? HELPLINE_NUMBER_FLOOR;
}

function findTextphone(kb: KnowledgeBase | undefined): string | undefined {
  if (!kb) return undefined;
  const phone = allPhones(kb).find(({ phone }) => digits(phone.number) === '18000');
  return phone ? digits(phone.phone.number) : undefined;
}

function bannerText(textphone: string | undefined): string {
  return (
    `999 — if anyone is in danger now, call 999 straight away` +
    (textphone ? ` (textphone ${textphone})` : '') +
    ` and ask for the police, and an ambulance if anyone is hurt. Keep yourself safe; the guidance below comes after that.`
  );
}

function fallbackText(helpline: string): string {
  return [
    `I don't have guidance that matches that question, so I won't guess.`,
    `• If someone is in danger now, call 999.`,
    `• For advice on a possible case, call the ${HELPLINE_NAME} on ${helpline} (free, confidential, 24 hours).`,
    `Try asking in a few words what you need, for example "refer an adult to the NRM", "signs of labour exploitation" or "anti-slavery partnership in Leeds".`,
  ].join('\n');
}

/**
 * What to show when answering failed. Built without the knowledge when it cannot be read (that may be
 * why answering failed): the helpline's fixed public number stands in.
 */
export function apologyText(kb?: KnowledgeBase): string {
  return (
    `Sorry, I could not answer that just now. If someone is in immediate danger, call 999. ` +
    `For advice, call the ${HELPLINE_NAME} on ${findHelpline(kb)}, or try again in a minute.`
  );
}

/** Where to get advice now, with the helpline's number: said when a hand-off to experts goes unanswered. */
export function helplineText(kb?: KnowledgeBase): string {
  return `If someone is in danger now, call 999. For advice on a possible case, call the ${HELPLINE_NAME} on ${findHelpline(kb)} (free, confidential, 24 hours).`;
}

/** The banner for an urgent answer that arrives without one (no knowledge at hand): still 999 first. */
export const DEFAULT_BANNER = bannerText(undefined);

/** The no-match fallback for an answer that arrives without one (no knowledge at hand). */
export const DEFAULT_FALLBACK = fallbackText(HELPLINE_NUMBER_FLOOR);

export function safetyTexts(kb: KnowledgeBase): SafetyTexts {
  const dangerEntry = dangerEntryOf(kb.entries);
  const texts = { banner: bannerText(findTextphone(kb)), fallback: fallbackText(findHelpline(kb)), apology: apologyText(kb) };
  return dangerEntry ? { ...texts, dangerEntry } : texts;
}
