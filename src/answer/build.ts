// Knowledge entry → the cut-down AnswerEntry a channel renders.
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { Entry } from '../knowledge/schema.ts';
import type { AnswerContact, AnswerEntry, FollowUp, OutOfDate } from './answer.ts';
import { isOverdue, sourcesOf } from '../knowledge/review.ts';

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
