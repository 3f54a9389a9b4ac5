// The admins' digest, built from the report of a week recorded through the conversation core: the figures,
// the unanswered groups that need doing something about, new 👎 with reasons, review dates, deliveries.
import { describe, expect, it } from 'vitest';
import { buildDigest, digestToLines, DIGEST_GROUPS } from '../../src/report/digest.ts';
import { buildReport } from '../../src/report/report.ts';
import { createMemoryStore } from '../../src/store/memory.ts';
import { fixture, report } from './week.ts';

describe('the digest', () => {
  it('gives the week’s figures, the groups to act on with the line to copy, new 👎 and what did not go out', async () => {
    const digest = buildDigest(await report());
    expect(digest.title).toBe('MSHT Guide weekly digest');
    expect(digest.period).toBe('16 Nov 2026 to 22 Nov 2026');
    expect(digest.figures).toEqual([
      '11 questions: 1 urgent, 2 answered, 2 ambiguous, 6 no match',
      'slack: 6 questions: 1 urgent, 2 answered, 0 ambiguous, 3 no match',
      'teams: 4 questions: 0 urgent, 0 answered, 2 ambiguous, 2 no match',
      'console: 1 question: 0 urgent, 0 answered, 0 ambiguous, 1 no match',
      'Feedback: 1 👍, 2 👎 (1 out of date, 1 gave no reason)',
      'Reminders: 1 delivered, 1 failed, 1 skipped, 0 pending',
    ]);
    expect(digest.unanswered.title).toBe('Unanswered, most asked first (8 questions in 4 groups)');
    expect(digest.unanswered.items.map((g) => g.headline)).toEqual([
      '3× “parking at HQ” (3 no match; last asked 19 Nov 2026)',
      '2× “legal aid for victims” (2 no match; last asked 18 Nov 2026)',
      '2× “nrm” (2 ambiguous; last asked 17 Nov 2026)',
      '1× “what about bees” (1 no match; last asked 20 Nov 2026)',
    ]);
    expect(digest.unanswered.items[2]).toEqual({
      headline: '2× “nrm” (2 ambiguous; last asked 17 Nov 2026)',
      action: 'Add to the questions: of nrm-adult-referral (“Refer an adult to the National Referral Mechanism (NRM)”), test/fixtures/knowledge/valid/entries.yaml:26:',
      yaml: '- nrm',
    });
    expect(digest.unanswered.items[1]).toEqual({
      headline: '2× “legal aid for victims” (2 no match; last asked 18 Nov 2026)',
      action: 'Needs a new entry: no entry is near enough to take this phrasing.',
    });
    expect(digest.unhelpful).toMatchObject({
      title: 'New 👎 (2)',
      items: [{ line: 'duty-to-notify (“Duty to Notify when an adult does not consent”): 2 not helpful (1 out of date, 1 gave no reason)', questions: ['dtn for [name]'] }],
      more: 0,
    });
    expect(digest.review).toMatchObject({ title: 'Review dates (0 overdue, 0 due within 31 days)', items: [] });
    expect(digest.deliveries.items).toEqual([
      'monthly-signs at Wed 18 Nov 2026, 09:00 GMT to slack C2: failed, not retried (channel_not_found)',
      'monthly-signs at Wed 18 Nov 2026, 09:00 GMT to slack C3: skipped (missed by more than the catch-up window (1440 min))',
      'Paused: slack C2 (spot-the-signs) since 18 Nov 2026: channel_not_found',
    ]);
    expect(digest.footer).toEqual({ text: 'Everything, with the lines to copy:', command: 'npx msht-guide report --since 7d --html report.html' });

    const lines = digestToLines(digest);
    expect(lines[0]).toBe('MSHT Guide weekly digest: 16 Nov 2026 to 22 Nov 2026');
    expect(lines).toContain('     - parking at HQ');
    expect(lines).toContain('    on “dtn for [name]”');
    expect(lines.join('\n')).not.toMatch(/Jane|07700/);
    expect(lines.at(-1)).toBe('Everything, with the lines to copy: npx msht-guide report --since 7d --html report.html');
  });

  it('says so when the week was quiet, lists entries falling due, and leaves out groups the knowledge answers now', async () => {
    const store = createMemoryStore();
    await store.recordUnanswered({ question: 'duty to notify deadline', status: 'no_match', platform: 'slack', score: 0.2 }, new Date('2027-02-17T10:00:00Z'));
    const period = { since: new Date('2027-02-15T09:00:00Z'), until: new Date('2027-02-22T09:00:00Z') };
    const digest = buildDigest(await buildReport({ store, knowledge: fixture(), period }));
    expect(digest.figures[0]).toBe('0 questions: 0 urgent, 0 answered, 0 ambiguous, 0 no match');
    expect(digest.unanswered).toMatchObject({ title: 'Unanswered, most asked first (1 question in 1 group; 1 answered now)', items: [], more: 0 });
    expect(digest.unanswered.empty).toBe('Nothing to do: the knowledge answers them now.');
    expect(digest.unhelpful.items).toEqual([]);
    expect(digest.review.title).toBe('Review dates (0 overdue, 2 due within 31 days)');
    expect(digest.review.items).toEqual([
      'Due soon: nrm-adult-referral: due 2027-02-23 (in 1 day), last checked 2026-11-23, test/fixtures/knowledge/valid/entries.yaml:26',
      'Due soon: salvation-army-referral: due 2027-02-23 (in 1 day), last checked 2026-11-23, test/fixtures/knowledge/valid/entries.yaml:105',
    ]);
    expect(digest.deliveries.items).toEqual([]);
    expect(digestToLines(digest)).not.toContain('Reminders that did not go out');
  });

  it('lists the most asked groups and counts the rest', async () => {
    const store = createMemoryStore();
    const words = ['tractor', 'greenhouse', 'violin', 'telescope', 'kayak', 'saxophone', 'trampoline'];
    for (const [i, word] of words.entries()) {
      for (let n = 0; n <= i; n++) await store.recordUnanswered({ question: `where is the ${word}`, status: 'no_match', platform: 'teams', score: 0 }, new Date('2026-11-17T10:00:00Z'));
    }
    const digest = buildDigest(await buildReport({ store, knowledge: fixture(), period: { since: new Date('2026-11-16T00:00:00Z'), until: new Date('2026-11-23T00:00:00Z') } }));
    expect(digest.unanswered.items).toHaveLength(DIGEST_GROUPS);
    expect(digest.unanswered.more).toBe(2);
    expect(digest.unanswered.items[0]!.headline).toMatch(/^7× “where is the trampoline”/);
    expect(digestToLines(digest)).toContain('…and 2 more (see the report)');
  });
});
