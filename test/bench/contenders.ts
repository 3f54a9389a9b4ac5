// The searches the benchmark compares: ours, and fuse.js used directly two ways.
import Fuse, { type IFuseOptions } from 'fuse.js';
import type { Entry } from '../../src/knowledge/schema.ts';
import { createSearch } from '../../src/search/search.ts';
import { plainFuse as plainFuseSearch } from '../../src/eval/baseline.ts';

export interface Contender {
  name: string;
  /** Builds the index and returns the query function: ids best first (empty = no answer). */
  build(entries: readonly Entry[], synonyms: readonly (readonly string[])[]): (question: string) => string[];
}

export const ours: Contender = {
  name: 'msht-guide search',
  build(entries, synonyms) {
    const search = createSearch({ entries, synonyms });
    return (q) => {
      const r = search.search(q);
      return r.status === 'no_match' ? [] : r.ranked.map((x) => x.id);
    };
  },
};

/** The baseline the targets are set against: fuse.js with default options over every text field. */
export const plainFuse: Contender = {
  name: 'plain fuse.js (defaults, all fields)',
  build: (entries) => plainFuseSearch(entries),
};

/** fuse.js 7.3+ token search: per-word fuzzy matching with IDF weighting, naming fields weighted up. */
export const tokenFuse: Contender = {
  name: 'fuse.js useTokenSearch (weighted)',
  build(entries) {
    const options: IFuseOptions<Entry> = {
      useTokenSearch: true,
      ignoreLocation: true,
      threshold: 0.4,
      includeScore: true,
      keys: [
        { name: 'title', weight: 3 },
        { name: 'questions', weight: 3 },
        { name: 'keywords', weight: 3 },
        { name: 'areas', weight: 3 },
        { name: 'summary', weight: 1.5 },
        { name: 'steps', weight: 0.5 },
        { name: 'body', weight: 0.5 },
        { name: 'sections.text', weight: 0.5 },
      ],
    };
    const fuse = new Fuse(entries as Entry[], options);
    return (q) => fuse.search(q, { limit: 10 }).map((r) => r.item.id);
  },
};
