// Knowledge entry → the cut-down AnswerEntry a channel renders.
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { Entry } from '../knowledge/schema.ts';
import type { AnswerContact, AnswerEntry, FollowUp, OutOfDate } from './answer.ts';
import { isOverdue, sourcesOf } from '../knowledge/review.ts';
import { cleanText } from '../search/normalize.ts';

function toContact(entry: Entry): AnswerContact {
  const contact: AnswerContact = {
    id: entry.id,
    title: entry.title,
    phones: entry.phones ?? [],
    emails: entry.emails ?? [],
    // The entry's own links are shown once, under Links; a named contact brings its links along.
    links: [],
  };
  if (entry.how_to_contact) contact.howToContact = entry.how_to_contact;
  return contact;
}

export function toAnswerEntry(entry: Entry, kb: KnowledgeBase): AnswerEntry {
  const contacts: AnswerContact[] = [];
  if (entry.phones || entry.emails || entry.how_to_contact) contacts.push(toContact(entry));
  for (const id of entry.contacts ?? []) {
    const named = kb.byId.get(id);
    if (named && named.id !== entry.id) contacts.push({ ...toContact(named), links: named.links ?? [] });
  }
  const answer: AnswerEntry = {
    id: entry.id,
    kind: entry.kind,
    title: entry.title,
    summary: entry.summary,
    steps: entry.steps ?? [],
    sections: entry.sections ?? [],
    contacts,
    links: entry.links ?? [],
    source: sourcesOf(entry),
    reviewed: entry.reviewed,
  };
  if (entry.body) answer.body = entry.body;
  if (entry.review_by) answer.reviewBy = entry.review_by;
  return answer;
}

/**
 * A nation says nothing about a partnership's patch: "partnership in Wales" must not be told that none is
 * listed for Wales (it has several), nor "Covers Wales" said of one of them.
 */
const NATIONS: ReadonlySet<string> = new Set(['england', 'wales', 'cymru', 'scotland', 'northern ireland', 'uk', 'united kingdom', 'britain', 'great britain']);

/**
 * A partnership asked about by place ("who covers Lincolnshire"): the places of its `areas` the question names,
 * said first, so the reader knows the answer covers them ("Covers Lincolnshire."), or, for the entry that
 * lists places with no partnership of their own, that none is listed for them.
 */
export function coverageLine(entry: Entry, question: string): string | undefined {
  if (!entry.areas?.length) return undefined;
  const asked = ` ${cleanText(question)} `;
  const named = entry.areas
    .map((area) => ({ area, words: ` ${cleanText(area)} ` }))
    .filter(({ words }) => words.trim() && !NATIONS.has(words.trim()) && asked.includes(words));
  // "West Yorkshire" named: not "Yorkshire" as well
  const places = named.filter((a) => !named.some((b) => b.words !== a.words && b.words.includes(a.words))).map(({ area }) => area);
  if (!places.length) return undefined;
  const list = places.length === 1 ? places[0]! : `${places.slice(0, -1).join(', ')} and ${places.at(-1)!}`;
  return entry.areas_have_no_partnership ? `No anti-slavery partnership of its own is listed for ${list}.` : `Covers ${list}.`;
}

/** The answer's entry with the coverage line (`coverageLine`) before its summary, when the question names a place it lists. */
export function withCoverage(answer: AnswerEntry, entry: Entry, question: string): AnswerEntry {
  const line = coverageLine(entry, question);
  return line ? { ...answer, summary: `${line} ${answer.summary}` } : answer;
}

/** The out-of-date notice for an entry past its review date, judged on `now`; undefined when it is current. */
export function outOfDateOf(entry: Entry, now: Date): OutOfDate | undefined {
  if (!isOverdue(entry, now) || entry.review_by === undefined) return undefined;
  return { lastChecked: entry.reviewed, reviewBy: entry.review_by, check: sourcesOf(entry)[0]! };
}

/** The entry's `related` entries that exist, as follow-up questions. */
export function followUpsOf(entry: Entry, kb: KnowledgeBase): FollowUp[] {
  return (entry.related ?? [])
    .map((id) => kb.byId.get(id))
    .filter((e): e is Entry => e !== undefined && e.id !== entry.id)
    .map((e) => ({ id: e.id, title: e.title }));
}
