// Tells the admins when entries are being served past their review date. The bot keeps answering from them
// (each answer says it may be out of date), so the admins need to hear it once, not at every question: a
// notice goes out when the set of overdue entries changes (a new one falls due, or a reload brings others),
// and again after a week if nothing has been done.
import type { KnowledgeBase } from './knowledge-base.ts';
import { overdueNotice, reviewSchedule } from './review.ts';

export interface ReviewWatchOptions {
  knowledge: () => KnowledgeBase;
  now: () => Date;
  /** Sends the notice to the admins (and the log). */
  notify: (lines: string[]) => void;
}

export interface ReviewWatch {
  /** Looks at the knowledge now; tells the admins if there is something they have not been told. */
  check(): void;
}

/** An unchanged list of overdue entries is repeated after this long. */
export const REMIND_AFTER_MS = 7 * 86_400_000;

export function createReviewWatch(options: ReviewWatchOptions): ReviewWatch {
  let told = '';
  let toldAt = 0;
  return {
    check() {
      const kb = options.knowledge();
      const now = options.now();
      const overdue = reviewSchedule(kb, now)
        .filter((i) => i.state === 'overdue')
        .map((i) => i.entry.id)
        .join(',');
      if (overdue === '') {
        told = '';
        return;
      }
      if (overdue === told && now.getTime() - toldAt < REMIND_AFTER_MS) return;
      told = overdue;
      toldAt = now.getTime();
      options.notify(overdueNotice(kb, now));
    },
  };
}
