// The admins' digest as Slack shows it: a DM to the admin (posted to their user id) with the figures, the
// groups to act on and the lines to copy, new 👎, review dates and deliveries; escaped, within Block Kit's
// limits however long the week, and failures reported for the scheduler as for reminders.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/report/digest.ts';
import { buildReport } from '../../src/report/report.ts';
import { createMemoryStore } from '../../src/store/memory.ts';
import { fixture, report } from '../report/week.ts';
import { visibleText } from './fake-slack.ts';
import { startHarness, type Harness } from './harness.ts';
import { expectWithinLimits } from './within-limits.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const ADMIN = { user: 'U0ADMIN' };

describe('the digest on Slack', () => {
  it('is a DM to the admin with the week’s figures, what to act on, the lines to copy and how to see the rest', async () => {
    const digest = buildDigest(await report());
    expect(await h.channel.send(ADMIN, { kind: 'digest', digest })).toEqual({ ok: true, ref: expect.any(String) });
    const call = await h.slack.waitFor('chat.postMessage');
    expect(call.args.channel).toBe('U0ADMIN');
    expect(call.args.text).toBe('MSHT Guide weekly digest, 16 Nov 2026 to 22 Nov 2026: 11 questions: 1 urgent, 2 answered, 2 ambiguous, 6 no match');
    const blocks = call.args.blocks as { type: string; text?: { text: string } }[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: '📋 MSHT Guide weekly digest' } });
    const text = visibleText(call.args);
    expect(text).toContain('16 Nov 2026 to 22 Nov 2026');
    expect(text).toContain('11 questions: 1 urgent, 2 answered, 2 ambiguous, 6 no match\nslack: 6 questions');
    expect(text).toContain('Feedback: 1 👍, 2 👎 (1 out of date, 1 gave no reason)');
    expect(text).toContain('*Unanswered, most asked first (8 questions in 4 groups)*\n1. 3× `parking at HQ` (3 no match; last asked 19 Nov 2026)');
    expect(text).toContain('→ Add to the questions: of nrm-adult-referral (“Refer an adult to the National Referral Mechanism (NRM)”), test/fixtures/knowledge/valid/entries.yaml:26: `- nrm`');
    expect(text).toContain('→ Needs a new entry: no entry is near enough to take this phrasing.');
    expect(text).toContain('*New 👎 (2)*\n• duty-to-notify (“Duty to Notify when an adult does not consent”): 2 not helpful (1 out of date, 1 gave no reason)\n      on `dtn for [name]`');
    expect(text).toContain('*Review dates (0 overdue, 0 due within 31 days)*\n_Nothing due within 31 days._');
    expect(text).toContain('• monthly-signs at Wed 18 Nov 2026, 09:00 GMT to slack C2: failed, not retried (channel_not_found)');
    expect(text).toContain('Everything, with the lines to copy: `npx msht-guide report --since 7d --html report.html`');
    expect(text).not.toMatch(/Jane|07700/);
    expectWithinLimits(call.args.blocks);
  });

  it('shows what people asked as code, so it cannot ping anyone, link anywhere or restyle the message', async () => {
    const store = createMemoryStore();
    const asked = 'is <!channel> *urgent* `now` <https://evil.example|click> _here_';
    await store.recordUnanswered({ question: asked, status: 'no_match', platform: 'slack', score: 0 }, new Date('2026-11-17T10:00:00Z'));
    const digest = buildDigest(await buildReport({ store, knowledge: fixture(), period: { since: new Date('2026-11-16T00:00:00Z'), until: new Date('2026-11-23T00:00:00Z') } }));
    await h.channel.send(ADMIN, { kind: 'digest', digest });
    const text = visibleText((await h.slack.waitFor('chat.postMessage')).args);
    expect(text).toContain('`is &lt;!channel&gt; *urgent* ʼnowʼ &lt;https://evil.example|click&gt; _here_`');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<https://');
  });

  it('stays within Block Kit’s limits on a very busy week', async () => {
    const store = createMemoryStore();
    for (let i = 0; i < 60; i++) {
      const question = `${'where is the form for case number '.repeat(30)} variant ${i} ${'x'.repeat(i)}`;
      await store.recordUnanswered({ question, status: 'no_match', platform: 'slack', score: 0 }, new Date('2026-11-17T10:00:00Z'));
      await store.recordFeedback({ entryId: `entry-${i}`, helpful: false, platform: 'slack', question }, new Date('2026-11-17T10:00:00Z'));
    }
    const digest = buildDigest(await buildReport({ store, knowledge: fixture(), period: { since: new Date('2026-11-16T00:00:00Z'), until: new Date('2026-11-23T00:00:00Z') } }));
    await h.channel.send(ADMIN, { kind: 'digest', digest });
    const call = await h.slack.waitFor('chat.postMessage');
    expectWithinLimits(call.args.blocks);
    expect(visibleText(call.args)).toContain('…and 55 more in the report');
  });

  it('reports an admin Slack cannot reach as gone, and a token problem as unauthorized, for the scheduler to record', async () => {
    const digest = buildDigest(await report());
    h.slack.reply('chat.postMessage', { status: 200, body: { ok: false, error: 'channel_not_found' } });
    expect(await h.channel.send(ADMIN, { kind: 'digest', digest })).toEqual({ ok: false, kind: 'gone', error: 'channel_not_found' });
    h.slack.reply('chat.postMessage', { status: 200, body: { ok: false, error: 'invalid_auth' } });
    expect(await h.channel.send(ADMIN, { kind: 'digest', digest })).toEqual({ ok: false, kind: 'unauthorized', error: 'invalid_auth' });
  });
});
