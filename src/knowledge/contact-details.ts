// Finding phone numbers, email addresses and web addresses in knowledge text, so every one of them can be
// checked against the sourced list: the bot must never give a number or address nobody checked.

export type DetailKind = 'phone' | 'email' | 'url';

export interface FoundDetail {
  kind: DetailKind;
  /** As written in the text. */
  text: string;
  /** Where in the searched string it starts. */
  index: number;
  /** The form compared with sources: digits for phones, lower case for addresses. */
  key: string;
}

// UK numbers as people write them: 0 or +44, then 9 or 10 more digits with optional spaces or hyphens.
const PHONE = /(?<![\d+])(?:\+44[\s-]?(?:\(0\)[\s-]?)?|0)\d(?:[\s-]?\d){8,9}(?![\d])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const URL = /\bhttps?:\/\/[^\s<>"'`]+|\bwww\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^\s<>"'`]*/gi;

export function phoneKey(text: string): string {
  const digits = text.replace(/\D/g, '');
  return digits.startsWith('44') && text.trim().startsWith('+') ? `0${digits.slice(2).replace(/^0/, '')}` : digits;
}

export function emailKey(text: string): string {
  return text.trim().toLowerCase();
}

export function urlKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[/?#]+$/, '');
}

export function detailKey(kind: DetailKind, text: string): string {
  return kind === 'phone' ? phoneKey(text) : kind === 'email' ? emailKey(text) : urlKey(text);
}

export function findDetails(text: string): FoundDetail[] {
  const found: FoundDetail[] = [];
  const emailSpans: [number, number][] = [];
  for (const match of text.matchAll(EMAIL)) {
    found.push({ kind: 'email', text: match[0], index: match.index, key: emailKey(match[0]) });
    emailSpans.push([match.index, match.index + match[0].length]);
  }
  for (const match of text.matchAll(URL)) {
    const raw = match[0].replace(/[.,;:!?)\]]+$/, '');
    const inside = emailSpans.some(([s, e]) => match.index >= s && match.index < e);
    if (!inside) found.push({ kind: 'url', text: raw, index: match.index, key: urlKey(raw) });
  }
  for (const match of text.matchAll(PHONE)) {
    found.push({ kind: 'phone', text: match[0], index: match.index, key: phoneKey(match[0]) });
  }
  return found.sort((a, b) => a.index - b.index);
}
