// Question → Answer over one knowledge base. Pure: no store, no I/O. The search index is built once,
// when the guide is created; a reloaded knowledge base gets a new guide.
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { Entry } from '../knowledge/schema.ts';
import type { Meaning } from '../search/meaning.ts';
import { createSearch, createSearchInSlices, type Search, type SearchInput, type SearchResult } from '../search/search.ts';
import type { Answer, AnswerEntry, FollowUp, Suggestion } from './answer.ts';
import { followUpsOf, outOfDateOf, toAnswerEntry, withCoverage } from './build.ts';
import { safetyTexts, type SafetyTexts } from './safety.ts';

export interface Guide {
  /**
   * Answer a question: the best entry, "did you mean" choices, or the safe fallback. `now` (default: the
   * clock) decides whether the entry is past its review date, which the answer then says. `meaning`: the
   * question's closeness in meaning to each entry (meaning-reader.ts), when the sentence encoder has read it.
   */
  ask(question: string, now?: Date, meaning?: Meaning): Answer;
  /** The answer for one entry (a "did you mean" or follow-up choice); undefined for an unknown id. */
  answerEntry(id: string, now?: Date): Answer | undefined;
  /**
   * What the search made of a question (its terms, the ranked entries, the decision), over the same index:
   * the admins' report groups unanswered questions by these terms and shows the nearest entries.
   */
  search(question: string, meaning?: Meaning): SearchResult;
}

/** Shown when someone is in danger and the knowledge has no `urgent: true` entry. */
const BUILT_IN_DANGER_ENTRY: AnswerEntry = {
  id: 'someone-in-danger-now',
  kind: 'referral',
  title: 'Someone is in danger now',
  summary: '999 first: if anyone is in immediate danger, call the police on 999 now.',
  steps: [
    'Call 999 and say where you are and what is happening.',
    'Keep yourself and others safe; do not confront anyone who may be exploiting the person.',
    'Once the person is safe, follow your safeguarding procedure and consider a referral.',
  ],
  sections: [],
  contacts: [],
  links: [],
  source: ['Built-in safety text'],
  reviewed: '2026-11-23',
};

/** Beside the danger-now guidance, the search's candidates scoring at least this are offered as choices. */
const DANGER_CHOICE_AT = 0.35;

const guides = new WeakMap<KnowledgeBase, Guide>();

/** The guide for a knowledge base; the same object (and index) for the same knowledge base. */
export function createGuide(kb: KnowledgeBase): Guide {
  const existing = guides.get(kb);
  if (existing) return existing;
  const guide = buildGuide(kb, createSearch(searchInput(kb)));
  guides.set(kb, guide);
  return guide;
}

/**
 * The same guide, with its search index built in slices so the event loop stays free while it is built
 * (a reload of a served knowledge base); afterwards `createGuide(kb)` returns it at once.
 */
export async function prepareGuide(kb: KnowledgeBase): Promise<Guide> {
  const existing = guides.get(kb);
  if (existing) return existing;
  const search = await createSearchInSlices(searchInput(kb));
  const guide = guides.get(kb) ?? buildGuide(kb, search);
  guides.set(kb, guide);
  return guide;
}

function searchInput(kb: KnowledgeBase): SearchInput {
  return { entries: kb.entries, synonyms: kb.synonyms, outOfScope: kb.outOfScope, dangerNow: kb.dangerNow, calm: kb.calm };
}

function buildGuide(kb: KnowledgeBase, search: Search): Guide {
  const safety: SafetyTexts = safetyTexts(kb);
  const danger = safety.dangerEntry;

  const titleOf = (id: string): string => kb.byId.get(id)?.title ?? id;
  const dangerFollowUp = (shown: string): FollowUp[] =>
    danger && danger.id !== shown ? [{ id: danger.id, title: danger.title }] : [];
  const followUps = (entry: Entry, extra: FollowUp[]): FollowUp[] => {
    const seen = new Set<string>([entry.id]);
    const out: FollowUp[] = [];
    for (const f of [...extra, ...followUpsOf(entry, kb)]) {
      if (seen.has(f.id)) continue;
      seen.add(f.id);
      out.push(f);
    }
    return out;
  };
  const compared = (id: string | undefined): { comparedWith?: AnswerEntry } => {
    const entry = id ? kb.byId.get(id) : undefined;
    return entry ? { comparedWith: toAnswerEntry(entry, kb) } : {};
  };

  return {
    search: (question, meaning) => search.search(question, meaning),

    ask(question, now = new Date(), meaning) {
      const result = search.search(question, meaning);
      const dated = (entry: Entry) => {
        const outOfDate = outOfDateOf(entry, now);
        return outOfDate ? { outOfDate } : {};
      };
      const suggestions: Suggestion[] = result.suggestions.map((s) => ({ id: s.id, title: titleOf(s.id), score: s.score }));
      const best = result.best ? kb.byId.get(result.best.id) : undefined;
      // The danger-now guidance is never shown without its 999 banner, however the question was worded.
      const urgent = result.urgent || best?.urgent === true;
      const base = { query: question, urgent, score: result.best?.score ?? result.ranked[0]?.score ?? 0 };
      const banner = urgent ? { banner: safety.banner } : {};

      // Someone may be in danger now: only a confident match replaces the danger-now guidance. A sign of
      // risk alone (a threat mentioned, documents held) keeps the best match, under the 999 banner.
      // Danger now with a best match that is very likely right (a child found in a lorry → the child route)
      // keeps the match too: the banner says 999 first, and the danger-now page is the first follow-up.
      // Danger told as over or imagined keeps the match, and with none, the fallback under the banner.
      // A message that only reports danger now, asking nothing ("someone punching a woman outside the
      // massage parlour"), gets the danger-now guidance, however well its setting matches an entry.
      const reportsDangerOnly = result.urgency === 'now' && !result.reading.asksSomething;
      const keepMatch =
        !result.urgent ||
        result.urgency === 'past' ||
        (!reportsDangerOnly &&
          (result.status === 'answered' ||
            (result.status === 'ambiguous' && (result.urgency === 'risk' || result.likelyRight))));
      if (best && (keepMatch || !danger || best.id === danger.id)) {
        return {
          ...base,
          ...banner,
          // Danger now and the danger-now guidance is what was found: said plainly, never as "my best match".
          status: result.urgency === 'now' && best.id === danger?.id ? 'answered' : result.status,
          entry: withCoverage(toAnswerEntry(best, kb), best, question),
          ...compared(result.compared?.id),
          ...dated(best),
          suggestions,
          followUps: followUps(best, urgent ? dangerFollowUp(best.id) : []).filter(
            (f) => !suggestions.some((s) => s.id === f.id) && f.id !== result.compared?.id,
          ),
        };
      }
      if (urgent && result.urgency !== 'past') {
        // Nothing matched confidently, but someone may be in danger: the danger-now guidance is the
        // answer, with whatever the search found offered as choices.
        const offered = result.ranked
          .filter((r) => r.id !== danger?.id && r.score >= DANGER_CHOICE_AT)
          .slice(0, 3)
          .map((r) => ({ id: r.id, title: titleOf(r.id), score: r.score }));
        return {
          ...base,
          ...banner,
          status: 'answered',
          entry: danger ? toAnswerEntry(danger, kb) : BUILT_IN_DANGER_ENTRY,
          ...(danger ? dated(danger) : {}),
          suggestions: offered,
          followUps: danger ? followUps(danger, []).filter((f) => !offered.some((s) => s.id === f.id)) : [],
        };
      }
      return { ...base, ...banner, status: 'no_match', entry: null, suggestions: [], followUps: [], fallback: safety.fallback, inField: result.inField };
    },

    answerEntry(id, now = new Date()) {
      const entry = kb.byId.get(id);
      if (!entry) return undefined;
      const urgent = entry.urgent === true;
      const outOfDate = outOfDateOf(entry, now);
      return {
        query: entry.title,
        status: 'answered',
        urgent,
        score: 1,
        ...(urgent ? { banner: safety.banner } : {}),
        entry: toAnswerEntry(entry, kb),
        ...(outOfDate ? { outOfDate } : {}),
        suggestions: [],
        followUps: followUps(entry, []),
      };
    },
  };
}
