// Plain fuse.js — default options over every text field of every entry — is the baseline the search is
// judged against: the eval scores it on the same questions in the same run, and the benchmark times it.
import Fuse from 'fuse.js';
import type { Entry } from '../knowledge/schema.ts';

const ALL_FIELDS = ['title', 'summary', 'questions', 'keywords', 'steps', 'body', 'sections.heading', 'sections.text', 'how_to_contact', 'areas'];

/** Entry ids best first for a question (empty: fuse.js found nothing). */
export function plainFuse(entries: readonly Entry[]): (question: string) => string[] {
  const fuse = new Fuse(entries as Entry[], { keys: ALL_FIELDS });
  return (question) => fuse.search(question, { limit: 10 }).map((r) => r.item.id);
}
