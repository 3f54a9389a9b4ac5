// The report over a store filled through the conversation core: its figures, its groups and what it
// suggests, as the terminal text and the JSON show them.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/report.ts';
import { reportToJson } from '../../src/report/json.ts';
import { reportToText } from '../../src/report/text.ts';
import { createMemoryStore } from '../../src/store/memory.ts';
import { FIXTURE, SINCE, UNTIL, fixture, report } from './week.ts';

describe('the report', () => {
  it('counts the questions of the period by outcome, day and platform', async () => {
    const r = await report();
    expect(r.questions.outcomes).toEqual({ total: 11, urgent: 1, answered: 2, ambiguous: 2, no_match: 6 });
    expect(r.period.days).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
    expect(r.questions.byDay.map((d) => d.total)).toEqual([3, 2, 2, 2, 1, 0, 1]);
    expect(r.questions.byDay[0]).toMatchObject({ urgent: 1, answered: 1, ambiguous: 1, no_match: 0 });
    expect(r.questions.byPlatform.map((p) => [p.platform, p.total, p.no_match])).toEqual([
      ['slack', 6, 3],
      ['teams', 4, 2],
      ['console', 1, 1],
    ]);
    expect(r.questions.topEntries[0]).toEqual({ id: 'nrm-adult-referral', title: 'Refer an adult to the National Referral Mechanism (NRM)', count: 3 });
  });

  it('groups the unanswered questions, most asked first, and suggests what to do with each', async () => {
    const r = await report();
    expect(r.unanswered.total).toBe(8);
    const groups = r.unanswered.groups.map((g) => ({ example: g.example, count: g.count, action: g.action.kind }));
    expect(groups).toEqual([
      { example: 'parking at HQ', count: 3, action: 'out-of-scope' },
      { example: 'legal aid for victims', count: 2, action: 'new-entry' },
      { example: 'nrm', count: 2, action: 'add-question' },
      { example: 'what about bees', count: 1, action: 'out-of-scope' },
    ]);
    const [parking, legal, nrm] = r.unanswered.groups;
    expect(parking!.examples).toEqual(['parking at HQ', 'where can I park at HQ']);
    expect(parking!.platforms).toEqual({ teams: 2, console: 1 });
    expect(parking!.action).toEqual({ kind: 'out-of-scope', yaml: '- parking at HQ' });
    expect(nrm!.nearest[0]).toMatchObject({ id: 'nrm-adult-referral', title: 'Refer an adult to the National Referral Mechanism (NRM)' });
    expect(nrm!.nearest[0]!.score).toBeGreaterThan(0.4);
    expect(nrm!.action).toMatchObject({ kind: 'add-question', entryId: 'nrm-adult-referral', file: `${FIXTURE}/entries.yaml`, line: 26, yaml: '- nrm' });
    expect(nrm!.terms).toEqual(['nrm']);
    // Stored redacted; grouped with the question written without the name.
    expect(legal!.examples).toEqual(['legal aid for victims', 'can [name] get legal aid? call [phone]']);
    expect(legal!.inField).toBe(true);
  });

  it('says a group is answered now when the knowledge answers it today', async () => {
    const store = createMemoryStore();
    await store.recordUnanswered({ question: 'duty to notify deadline', status: 'no_match', platform: 'slack', score: 0.2 }, new Date('2026-11-17T10:00:00Z'));
    const r = await buildReport({ store, knowledge: fixture(), period: { since: SINCE, until: UNTIL } });
    expect(r.unanswered.groups[0]!.action).toEqual({ kind: 'answered-now', entryId: 'duty-to-notify', title: 'Duty to Notify when an adult does not consent' });
    expect(r.unanswered.groups[0]!.now).toBe('answered');
  });

  it('lists not-helpful feedback by entry with its reasons, and the redacted questions', async () => {
    const r = await report();
    expect(r.feedback).toMatchObject({ helpful: 1, unhelpful: 2, reasons: { out_of_date: 1, none: 1, wrong: 0 } });
    expect(r.feedback.byEntry).toEqual([
      {
        id: 'duty-to-notify',
        title: 'Duty to Notify when an adult does not consent',
        known: true,
        helpful: 0,
        unhelpful: 2,
        reasons: { wrong: 0, out_of_date: 1, missing: 0, other: 0, none: 1 },
        questions: ['dtn for [name]'],
      },
    ]);
  });

  it('counts deliveries of the period apart from the digests, with what went wrong and the paused channels', async () => {
    const r = await report();
    expect(r.deliveries.reminders).toEqual({ delivered: 1, failed: 1, skipped: 1, pending: 0 });
    expect(r.deliveries.digests).toEqual({ delivered: 1, failed: 0, skipped: 0, pending: 0 });
    expect(r.deliveries.byReminder).toEqual([{ id: 'monthly-signs', title: 'Spot the signs', delivered: 1, failed: 1, skipped: 1, pending: 0 }]);
    expect(r.deliveries.problems.map((p) => [p.channelId, p.status, p.permanent])).toEqual([
      ['C2', 'failed', true],
      ['C3', 'skipped', false],
    ]);
    expect(r.deliveries.disabled).toEqual([
      { platform: 'slack', channelId: 'C2', topics: ['spot-the-signs'], disabledAt: '2026-11-18T09:00:01.000Z', reason: 'channel_not_found' },
    ]);
  });

  it('lists entries past or near their review date, as of the end of the period', async () => {
    const kb = fixture();
    const near = await buildReport({ store: createMemoryStore(), knowledge: kb, period: { since: SINCE, until: new Date('2027-02-01T12:00:00Z') } });
    expect(near.review.overdue).toEqual([]);
    expect(near.review.dueSoon.map((l) => [l.id, l.reviewBy, l.daysLeft])).toEqual([
      ['nrm-adult-referral', '2027-02-23', 22],
      ['salvation-army-referral', '2027-02-23', 22],
    ]);
    const past = await buildReport({ store: createMemoryStore(), knowledge: kb, period: { since: SINCE, until: new Date('2027-03-01T12:00:00Z') } });
    expect(past.review.overdue.map((l) => l.id)).toEqual(['nrm-adult-referral', 'salvation-army-referral']);
  });

  it('reads as terminal text an admin can act on, and as JSON with the same figures', async () => {
    const r = await report();
    const text = reportToText(r);
    expect(text).toContain('11 questions: 1 urgent, 2 answered, 2 ambiguous, 6 no match');
    expect(text).toContain('1. 3× “parking at HQ” (3 no match; last asked 19 Nov 2026)');
    expect(text).toContain(`→ Add to the questions: of nrm-adult-referral (“Refer an adult to the National Referral Mechanism (NRM)”), ${FIXTURE}/entries.yaml:26:\n       - nrm`);
    expect(text).toContain('→ Needs a new entry');
    expect(text).toContain('add it to out-of-scope.yaml so it is refused with confidence:\n       - parking at HQ');
    expect(text).toContain('duty-to-notify: 2 not helpful (1 out of date, 1 gave no reason), 0 helpful');
    expect(text).toContain('monthly-signs at Wed 18 Nov 2026, 09:00 GMT to slack C2: failed, not retried (channel_not_found)');
    expect(text).not.toMatch(/Jane|07700/);

    const json = reportToJson(r) as { questions: Record<string, unknown>; unanswered: { groups: { action: unknown }[] } };
    expect(json.questions).toMatchObject({ total: 11, urgent: 1, answered: 2, ambiguous: 2, no_match: 6, undelivered: 0 });
    expect(json.unanswered.groups[2]!.action).toEqual({ kind: 'add_question', entry_id: 'nrm-adult-referral', file: `${FIXTURE}/entries.yaml`, line: 26, yaml: '- nrm' });
    expect(JSON.stringify(json)).not.toMatch(/Jane|07700/);
  });
});

describe('hand-offs to expert teams in the report', () => {
  it('counts them by what became of them and by team, with the median time to a first answer, and keeps their posts out of the reminders', async () => {
    const store = createMemoryStore();
    const kb = {
      ...fixture(),
      experts: { teams: [{ id: 'west-yorkshire', name: 'West Yorkshire network', slack: { channel: 'C0EXP' } }], answerWithinHours: 4 },
    };
    const at = (day: number, hour: number) => new Date(Date.UTC(2026, 10, day, hour));
    const input = { platform: 'slack', asker: 'U1', replyTo: 'D1', replyThread: null, question: 'q', teamId: 'west-yorkshire', teamChannel: 'C0EXP', bestGuess: null };
    const times = { expiresAt: at(20, 23), remindAt: at(20, 22) };
    const answered = await store.createHandoff(input, at(16, 10));
    await store.openHandoff(answered.id, times, at(16, 10));
    await store.recordHandoffAnswer(answered.id, { expert: 'U9', text: 'a' }, at(16, 11));
    await store.recordHandoffAnswer(answered.id, { expert: 'U8', text: 'b' }, at(16, 12));
    await store.markDelivered({ reminderId: `handoff:${answered.id}`, occurrence: at(16, 10).toISOString(), platform: 'slack', channelId: 'C0EXP' }, at(16, 10));
    const expired = await store.createHandoff(input, at(17, 10));
    await store.openHandoff(expired.id, times, at(17, 10));
    await store.expireHandoff(expired.id, at(17, 14));
    const cancelled = await store.createHandoff(input, at(18, 10));
    await store.cancelHandoff(cancelled.id, at(18, 10));

    const r = await buildReport({ store, knowledge: kb, period: { since: SINCE, until: UNTIL } });
    expect(r.handoffs).toEqual({
      sent: 2,
      answered: 1,
      expired: 1,
      open: 0,
      notSent: 1,
      answers: 2,
      medianMinutesToAnswer: 60,
      byTeam: [{ id: 'west-yorkshire', name: 'West Yorkshire network', sent: 2, answered: 1, expired: 1, open: 0, notSent: 1, answers: 2 }],
    });
    expect(r.deliveries.reminders).toEqual({ delivered: 0, failed: 0, skipped: 0, pending: 0 });
    expect(reportToText(r)).toContain(
      'Questions handed to expert teams: 2 sent (1 answered, 1 expired, 0 waiting), 2 answer(s) relayed, 1 previewed and not sent; first answer after 60 min (median)',
    );
    expect(reportToJson(r).handoffs).toMatchObject({ sent: 2, answered: 1, expired: 1, not_sent: 1, median_minutes_to_answer: 60 });
  });
});
