// The Slack channel in HTTP mode, end to end: real v0-signed requests to a real node:http server on
// loopback, answers from the real Assistant over the fixture knowledge, and a fake Slack Web API that
// records what the user would see.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, BOT_TOKEN, type Harness } from './harness.ts';
import { eventBody, form, postSigned } from './signed.ts';
import { visibleText } from './fake-slack.ts';
import { FORM, JSON_TYPE, buttonOn, buttonsOn, click as clickAs, event as eventAs, shown, slash as slashAs, type ClickOptions } from './requests.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const slash = (text: string, responseUrl: string, channel = 'C1') => slashAs(h, text, responseUrl, channel);
const click = (actionId: string, value: string, extra: ClickOptions = {}) => clickAs(h, actionId, value, extra);
const event = (eventId: string, body: Record<string, unknown>, headers?: Record<string, string>) => eventAs(h, eventId, body, headers);

describe('/msht', () => {
  it('answers only the asker, with the steps, contacts and a Share in channel button', async () => {
    const url = h.slack.responseUrl();
    const ack = await slash('how do I make an NRM referral', url);
    expect(ack.status).toBe(200);
    const reply = await h.slack.waitFor('response_url');
    expect(reply.path).toBe(new URL(url).pathname);
    expect(reply.args.response_type).toBe('ephemeral');
    const text = shown(reply);
    expect(text).toContain('Refer an adult to the National Referral Mechanism (NRM)');
    expect(text).toContain('You asked: how do I make an NRM referral');
    expect(text).toMatch(/\*Steps\*\n1\. Explain the NRM/);
    expect(text).toContain('0800 808 3733');
    expect(text).toContain('Share in channel');
    expect(text).toContain('👍 Helpful');
    expect(text).toMatch(/Reviewed \d{4}-\d{2}-\d{2}/);
  });

  it('answers from an entry past its review date, saying under the title that it may be out of date', async () => {
    await h.close();
    h = await startHarness({ now: new Date('2027-03-01T10:00:00Z') });
    await slash('how do I make an NRM referral', h.slack.responseUrl());
    const reply = await h.slack.waitFor('response_url');
    const text = shown(reply);
    expect(text).toContain('0800 808 3733');
    expect(text).toContain('⚠ May be out of date: last checked 2026-11-23 — check Home Office NRM guidance: adult (England and Wales)');
    expect(text.indexOf('May be out of date')).toBeLessThan(text.indexOf('*Steps*'));
    expect(String(reply.args.text)).toContain('May be out of date');
  });

  it('acknowledges at once, before the answer is delivered', async () => {
    const release = h.slack.hold('response_url');
    const ack = await slash('how do I make an NRM referral', h.slack.responseUrl());
    expect(ack.status).toBe(200);
    const pending = await h.slack.waitFor('response_url');
    expect(shown(pending)).toContain('National Referral Mechanism');
    release();
  });

  it('explains itself for `/msht` and `/msht help`', async () => {
    await slash('', h.slack.responseUrl());
    await slash('help', h.slack.responseUrl());
    await h.slack.waitFor('response_url', (c) => c.path === '/response/2');
    for (const reply of h.slack.callsTo('response_url')) {
      expect(shown(reply)).toContain('`/msht <question>`');
      expect(shown(reply)).toContain('call 999');
    }
  });

  it('subscribes, lists with the next reminder, refuses unknown topics and unsubscribes', async () => {
    await slash('subscribe awareness-days', h.slack.responseUrl());
    expect(shown(await h.slack.waitFor('response_url', (c) => c.path === '/response/1'))).toContain(
      'This channel will get reminders on `awareness-days`',
    );
    expect((await h.store.subscriptionsFor({ platform: 'slack', channelId: 'C1' })).map((s) => s.topic)).toEqual(['awareness-days']);

    await slash('subscriptions', h.slack.responseUrl());
    const list = shown(await h.slack.waitFor('response_url', (c) => c.path === '/response/2'));
    expect(list).toContain('• `awareness-days`');
    // From the fixture's real schedule (yearly 10-18, after 23 Nov 2026), not the Home tab's stand-in list.
    expect(list).toContain('Next reminder: *UK Anti-Slavery Day* — Mon 18 Oct 2027, 09:00 BST');

    await slash('subscribe <!channel>', h.slack.responseUrl());
    const refused = shown(await h.slack.waitFor('response_url', (c) => c.path === '/response/3'));
    expect(refused).toContain('There is no reminder topic `&lt;!channel&gt;`');
    expect(refused).toContain('`spot-the-signs`');

    await slash('unsubscribe awareness-days', h.slack.responseUrl());
    expect(shown(await h.slack.waitFor('response_url', (c) => c.path === '/response/4'))).toContain('no longer get reminders');
    expect(await h.store.subscriptionsFor({ platform: 'slack', channelId: 'C1' })).toEqual([]);
  });
});

describe('conversations', () => {
  it('answers a direct message in the DM, 999 first when someone is in danger', async () => {
    const ack = await event('Ev1', { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'someone is in immediate danger now', ts: '1700000001.000100' });
    expect(ack.status).toBe(200);
    const post = await h.slack.waitFor('chat.postMessage');
    expect(post.args.channel).toBe('D1');
    expect(post.args.thread_ts).toBeUndefined();
    expect(post.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    const [first, second] = post.args.blocks;
    expect(first.type).toBe('section');
    expect(first.text.text).toContain('999');
    expect(second.type).toBe('header');
    expect(post.args.text).toContain('999');
  });

  it('answers an @mention in a thread under the question and never pings the channel', async () => {
    await event('Ev2', { type: 'app_mention', channel: 'C1', user: 'U1', text: '<@UBOT> <!channel> nrm referral adult', ts: '1700000002.000200' });
    const post = await h.slack.waitFor('chat.postMessage');
    expect(post.args.channel).toBe('C1');
    expect(post.args.thread_ts).toBe('1700000002.000200');
    const text = shown(post);
    expect(text).toContain('National Referral Mechanism');
    expect(text).toContain('You asked: ‹!channel› nrm referral adult');
    expect(text).not.toContain('<!channel>');
    expect(post.args.text).not.toContain('<!channel>');
  });

  it('acknowledges an event before the answer is posted', async () => {
    const release = h.slack.hold('chat.postMessage');
    const ack = await event('Ev8', { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'duty to notify', ts: '1.1' });
    expect(ack.status).toBe(200);
    expect(shown(await h.slack.waitFor('chat.postMessage'))).toContain('Duty to Notify');
    release();
  });

  it('never answers a retried event twice', async () => {
    const body = { type: 'app_mention', channel: 'C1', user: 'U1', text: '<@UBOT> duty to notify', ts: '1700000003.000300' };
    await event('Ev3', body);
    await h.slack.waitFor('chat.postMessage');
    const retry = await event('Ev3', body, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(retry.status).toBe(200);
    const note = await h.log.waitFor('retry ignored');
    expect(note.fields).toMatchObject({ eventId: 'Ev3', retryNum: 1 });
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('still answers when the store cannot say whether an event was seen', async () => {
    h.store.markEventSeen = () => {
      throw new Error('database is locked');
    };
    await event('Ev13', { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'duty to notify', ts: '1.1' });
    expect(shown(await h.slack.waitFor('chat.postMessage'))).toContain('Duty to Notify');
  });

  it('ignores its own messages and message edits in the DM', async () => {
    await event('Ev4', { type: 'message', channel_type: 'im', channel: 'D1', bot_id: 'BBOT', user: 'UBOT', text: 'an answer', ts: '1.1' });
    await event('Ev5', { type: 'message', subtype: 'message_changed', channel_type: 'im', channel: 'D1', ts: '1.2' });
    await event('Ev6', { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'what is modern slavery', ts: '1.3' });
    const post = await h.slack.waitFor('chat.postMessage');
    expect(shown(post)).toContain('What modern slavery means');
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('shows the App Home with quick actions and upcoming reminders', async () => {
    await event('Ev7', { type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home', event_ts: '1.1' });
    const publish = await h.slack.waitFor('views.publish');
    expect(publish.args.user_id).toBe('U1');
    expect(publish.args.view.type).toBe('home');
    const text = visibleText(publish.args.view);
    for (const label of ['Someone is in danger now', 'Refer to the NRM', 'Duty to Notify', 'Find a partnership by place']) {
      expect(text).toContain(label);
    }
    // The fixture calendar's next reminders, from the core: the monthly one, soonest first.
    expect(text).toContain('Spot the signs* — Tue 1 Dec 2026, 09:00 GMT');
  });
});

describe('buttons', () => {
  it('answers a "Did you mean" click in place', async () => {
    const url = h.slack.responseUrl();
    const ack = await click('msht_open_s0', 'nrm-child-referral', { responseUrl: url, ephemeral: true });
    expect(ack.status).toBe(200);
    const reply = await h.slack.waitFor('response_url');
    expect(reply.args.replace_original).toBe(true);
    expect(shown(reply)).toContain('Refer a child to the NRM');
    expect(shown(reply)).toContain('Share in channel');
  });

  it('stores 👍 feedback on a private answer and thanks the user in place of the buttons', async () => {
    await click('msht_feedback_up', JSON.stringify({ e: 'duty-to-notify', q: 'dtn for John Smith 07700 900123' }), {
      responseUrl: h.slack.responseUrl(),
      ephemeral: true,
    });
    const reply = await h.slack.waitFor('response_url');
    expect(reply.args.replace_original).toBe(true);
    expect(shown(reply)).toContain('Duty to Notify');
    expect(shown(reply)).toContain('Share in channel');
    expect(shown(reply)).toContain('👍 Thanks');
    expect(shown(reply)).not.toContain('👍 Helpful');
    const [stored] = await h.store.feedback();
    expect(stored).toMatchObject({ entryId: 'duty-to-notify', helpful: true, platform: 'slack' });
    expect(stored?.question).not.toContain('07700 900123');
  });

  it('thanks only the clicker for 👎 on an answer in a channel, leaving the buttons for others', async () => {
    const message = {
      type: 'message',
      text: 'answer',
      blocks: [
        { type: 'header', block_id: 'h', text: { type: 'plain_text', text: 'Duty to Notify' } },
        { type: 'actions', block_id: 'msht_feedback', elements: [] },
      ],
    };
    await click('msht_feedback_down', JSON.stringify({ e: 'duty-to-notify' }), { responseUrl: h.slack.responseUrl(), message });
    const reply = await h.slack.waitFor('response_url');
    expect(reply.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(reply.args.text).toContain('👎 Thanks');
    expect(await h.store.feedback()).toMatchObject([{ entryId: 'duty-to-notify', helpful: false, platform: 'slack', question: null }]);
  });

  it('after 👎 on a private answer offers the reasons in place of the buttons; a click records one and says so there', async () => {
    await slash('what is the duty to notify', h.slack.responseUrl());
    const answer = await h.slack.waitFor('response_url');
    const down = buttonOn(answer, '👎 Not helpful');
    await click(down.action_id, down.value, { responseUrl: h.slack.responseUrl(), ephemeral: true, message: { ts: '1.2', text: answer.args.text, blocks: answer.args.blocks } });
    const offered = await h.slack.waitFor('response_url', (c) => c.path === '/response/2');
    expect(offered.args.replace_original).toBe(true);
    expect(shown(offered)).toContain('Duty to Notify');
    expect(shown(offered)).toContain('👎 Thanks. We will look at how to answer this better.');
    expect(shown(offered)).toContain('Why was it not helpful? One click, if you like:');
    const labels = buttonsOn(offered).map((b) => b.text.text);
    expect(labels).toEqual(expect.arrayContaining(['Share in channel', 'Wrong answer', 'Out of date', 'Missing detail', 'Something else']));
    expect(labels).not.toContain('👎 Not helpful');
    const [stored] = await h.store.feedback();
    expect(stored).toMatchObject({ entryId: 'duty-to-notify', helpful: false, reason: null, question: 'what is the duty to notify' });

    const outOfDate = buttonOn(offered, 'Out of date');
    await click(outOfDate.action_id, outOfDate.value, { responseUrl: h.slack.responseUrl(), ephemeral: true, message: { ts: '1.2', text: offered.args.text, blocks: offered.args.blocks } });
    const noted = await h.slack.waitFor('response_url', (c) => c.path === '/response/3');
    expect(noted.args.replace_original).toBe(true);
    expect(shown(noted)).toContain('Duty to Notify');
    expect(shown(noted)).toContain("Noted: out of date. The guide's editors will see it.");
    expect(shown(noted)).not.toContain('Why was it not helpful');
    expect(buttonsOn(noted).map((b) => b.text.text)).toEqual(labels.filter((l) => !['Wrong answer', 'Out of date', 'Missing detail', 'Something else'].includes(l)));
    expect((await h.store.feedback()).map((f) => [f.entryId, f.helpful, f.reason])).toEqual([['duty-to-notify', false, 'out_of_date']]);
  });

  it('after 👎 on an answer in a channel offers the reasons to the clicker alone; the pick replaces them', async () => {
    const message = {
      type: 'message',
      text: 'answer',
      blocks: [
        { type: 'header', block_id: 'h', text: { type: 'plain_text', text: 'Duty to Notify' } },
        { type: 'actions', block_id: 'msht_feedback', elements: [] },
      ],
    };
    await click('msht_feedback_down', JSON.stringify({ e: 'duty-to-notify' }), { responseUrl: h.slack.responseUrl(), message });
    const offered = await h.slack.waitFor('response_url');
    expect(offered.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(buttonsOn(offered).map((b) => b.text.text)).toEqual(['Wrong answer', 'Out of date', 'Missing detail', 'Something else']);

    const missing = buttonOn(offered, 'Missing detail');
    await click(missing.action_id, missing.value, { responseUrl: h.slack.responseUrl(), ephemeral: true, message: { text: offered.args.text, blocks: offered.args.blocks } });
    const noted = await h.slack.waitFor('response_url', (c) => c.path === '/response/2');
    expect(noted.args.replace_original).toBe(true);
    expect(shown(noted)).toContain("Noted: missing detail. The guide's editors will see it.");
    expect(buttonsOn(noted)).toEqual([]);
    expect((await h.store.feedback()).map((f) => f.reason)).toEqual(['missing']);
  });

  it('thanks for a reason in a message of its own when the click brings no blocks, and owns up when it cannot record it', async () => {
    const id = await h.store.recordFeedback({ entryId: 'duty-to-notify', helpful: false, platform: 'slack' }, new Date());
    await click('msht_reason_wrong', `wrong:${id}`, { responseUrl: h.slack.responseUrl(), ephemeral: true });
    const noted = await h.slack.waitFor('response_url');
    expect(noted.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(shown(noted)).toContain("Noted: wrong answer. The guide's editors will see it.");

    await click('msht_reason_other', 'other:00000000-0000-4000-8000-000000000000', { responseUrl: h.slack.responseUrl(), ephemeral: true });
    const refused = await h.slack.waitFor('response_url', (c) => c.path === '/response/2');
    expect(shown(refused)).toContain('Sorry, that reason could not be recorded. Your 👎 still counts.');
    await click('msht_reason_other', 'bogus', { responseUrl: h.slack.responseUrl(), ephemeral: true });
    expect((await h.store.feedback()).map((f) => f.reason)).toEqual(['wrong']);
  });

  it('offers no reasons after 👍', async () => {
    await click('msht_feedback_up', JSON.stringify({ e: 'duty-to-notify' }), { responseUrl: h.slack.responseUrl() });
    const reply = await h.slack.waitFor('response_url');
    expect(shown(reply)).toContain('👍 Thanks');
    expect(buttonsOn(reply)).toEqual([]);
  });

  it('shares a private answer in the channel and removes the private copy', async () => {
    await click('msht_share', 'nrm-adult-referral', { responseUrl: h.slack.responseUrl(), ephemeral: true });
    await h.slack.waitFor('response_url', (c) => c.args.delete_original === true);
    const [shared, removed] = h.slack.callsTo('response_url');
    expect(shared?.args.response_type).toBe('in_channel');
    expect(shown(shared!)).toContain('Shared by <@U1>');
    expect(shown(shared!)).toContain('National Referral Mechanism');
    expect(shown(shared!)).not.toContain('Share in channel');
    expect(removed?.args).toEqual({ delete_original: true });
  });

  it('shows a Home quick action answer in the Home tab, 999 first', async () => {
    await click('msht_home_ask_0', 'someone is in immediate danger now', { home: true });
    const publish = await h.slack.waitFor('views.publish');
    const blocks = publish.args.view.blocks as { type: string; text?: { text: string } }[];
    // The answer sits under the quick actions and reminders; its first block is the 999 banner, straight
    // before its title (the quick action button above has the same words, so look for the answer's header).
    const title = blocks.findIndex((b) => b.type === 'header' && b.text?.text === 'Someone is in danger now');
    const reminders = blocks.findIndex((b) => b.type === 'header' && b.text?.text === 'Upcoming reminders');
    expect(title).toBeGreaterThan(reminders);
    const banner = blocks[title - 1]!;
    expect(banner.type).toBe('section');
    expect(banner.text?.text).toMatch(/^:rotating_light: \*999 — if anyone is in danger now, call 999 straight away/);
    const answerText = visibleText({ blocks: blocks.slice(reminders + 1) });
    expect(answerText.indexOf('999')).toBe(answerText.indexOf(banner.text!.text) + ':rotating_light: *'.length);
  });

  it('finds a partnership by place from the Home tab', async () => {
    const payload = {
      type: 'block_actions',
      user: { id: 'U1', username: 'officer', team_id: 'T1' },
      api_app_id: 'A1',
      token: 'legacy',
      trigger_id: '1.2.3',
      team: { id: 'T1', domain: 'test' },
      container: { type: 'view', view_id: 'V1' },
      view: { id: 'V1', type: 'home', blocks: [] },
      actions: [{ type: 'plain_text_input', action_id: 'msht_home_place', block_id: 'msht_home_place', value: 'Leeds', action_ts: '1.3' }],
    };
    await postSigned(h.eventsUrl, form({ payload: JSON.stringify(payload) }), { contentType: FORM });
    const publish = await h.slack.waitFor('views.publish');
    expect(visibleText(publish.args.view)).toContain('West Yorkshire Anti-Slavery Partnership');
  });
});

describe('request verification', () => {
  it('refuses a bad signature with 401 and answers nothing', async () => {
    const response = await postSigned(h.eventsUrl, eventBody('Ev9', { type: 'app_mention', channel: 'C1', user: 'U1', text: 'nrm', ts: '1.1' }), {
      contentType: JSON_TYPE,
      secret: 'not-the-signing-secret',
    });
    expect(response.status).toBe(401);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('refuses a request signed more than five minutes ago', async () => {
    const response = await postSigned(h.eventsUrl, eventBody('Ev10', { type: 'app_mention', channel: 'C1', user: 'U1', text: 'nrm', ts: '1.1' }), {
      contentType: JSON_TYPE,
      timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    expect(response.status).toBe(401);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  describe('against a fixed clock', () => {
    const CLOCK_MS = Date.parse('2026-11-23T10:00:00Z');
    const nowSeconds = CLOCK_MS / 1000;
    let fixed: Harness;
    beforeEach(async () => {
      fixed = await startHarness({ clock: () => CLOCK_MS });
    });
    afterEach(() => fixed.close());
    const command = (text: string, responseUrl: string) =>
      form({ token: 'legacy', team_id: 'T1', channel_id: 'C1', user_id: 'U1', command: '/msht', text, api_app_id: 'A1', response_url: responseUrl, trigger_id: '1.2.3' });

    it('refuses a request signed more than five minutes in the future', async () => {
      const body = eventBody('Ev20', { type: 'app_mention', channel: 'C1', user: 'U1', text: 'nrm', ts: '1.1' });
      const response = await postSigned(fixed.eventsUrl, body, { contentType: JSON_TYPE, timestamp: nowSeconds + 10 * 60 });
      expect(response.status).toBe(401);
      expect(fixed.slack.callsTo('chat.postMessage')).toHaveLength(0);
      expect((await fixed.log.waitFor('Slack request refused')).fields).toMatchObject({ reason: 'future' });
    });

    it('takes a request signed a few minutes either side of its clock', async () => {
      for (const [i, offset] of [-4 * 60, 4 * 60].entries()) {
        const response = await postSigned(fixed.eventsUrl, command('duty to notify', `${fixed.slack.baseUrl}/response/${i + 1}`), {
          contentType: FORM,
          timestamp: nowSeconds + offset,
        });
        expect(response.status).toBe(200);
      }
      await fixed.slack.waitFor('response_url', () => fixed.slack.callsTo('response_url').length === 2);
    });

    it('answers a signed /msht once, and refuses the same signed request sent again (a replay)', async () => {
      const body = command('duty to notify', `${fixed.slack.baseUrl}/response/1`);
      const first = await postSigned(fixed.eventsUrl, body, { contentType: FORM, timestamp: nowSeconds - 30 });
      expect(first.status).toBe(200);
      expect(shown(await fixed.slack.waitFor('response_url'))).toContain('Duty to Notify');
      const replay = await postSigned(fixed.eventsUrl, body, { contentType: FORM, timestamp: nowSeconds - 30 });
      expect(replay.status).toBe(401);
      expect((await fixed.log.waitFor('Slack request refused')).fields).toMatchObject({ reason: 'replayed' });
      // Signed again (as Slack signs every delivery), the same words are a new request.
      const again = await postSigned(fixed.eventsUrl, command('duty to notify', `${fixed.slack.baseUrl}/response/2`), { contentType: FORM, timestamp: nowSeconds - 29 });
      expect(again.status).toBe(200);
      await fixed.slack.waitFor('response_url', (c) => c.path === '/response/2');
      expect(fixed.slack.callsTo('response_url')).toHaveLength(2);
    });
  });

  it('answers an unsigned ssl_check with 200 and runs nothing smuggled in with it', async () => {
    const smuggled = JSON.stringify({ type: 'block_actions', actions: [{ action_id: 'x', value: 'y' }], user: { id: 'U1' } });
    const response = await fetch(h.eventsUrl, { method: 'POST', headers: { 'content-type': FORM }, body: form({ ssl_check: '1', payload: smuggled, command: '/msht', text: 'nrm', response_url: h.slack.responseUrl() }) });
    expect(response.status).toBe(200);
    expect(h.slack.calls).toHaveLength(0);
  });

  it('refuses anything but a POST, and an unsigned POST', async () => {
    expect((await fetch(h.eventsUrl)).status).toBe(405);
    expect((await fetch(h.eventsUrl, { method: 'POST', body: 'text=nrm' })).status).toBe(401);
  });

  it('answers Slack url_verification', async () => {
    const response = await postSigned(h.eventsUrl, JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'legacy' }), {
      contentType: JSON_TYPE,
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ challenge: 'abc123' });
  });
});

describe('platform behaviour', () => {
  it('waits for Retry-After when Slack rate-limits an answer, then delivers it', async () => {
    h.slack.reply('chat.postMessage', { status: 429, headers: { 'retry-after': '2' }, body: { ok: false, error: 'ratelimited' } });
    await event('Ev11', { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'duty to notify', ts: '1.1' });
    await h.slack.waitFor('chat.postMessage', () => h.slack.callsTo('chat.postMessage').length === 2);
    await h.log.waitFor('answered a Slack direct message');
    expect(h.sleeps).toEqual([2000]);
  });

  it('DMs an admin a notice, escaped', async () => {
    const result = await h.channel.send({ user: 'UADMIN1' }, { kind: 'notice', lines: ['knowledge/entries.yaml:3:5: <!here> title must not be empty'] });
    expect(result).toEqual({ ok: true, ref: expect.any(String) });
    const post = await h.slack.waitFor('chat.postMessage');
    expect(post.args.channel).toBe('UADMIN1');
    expect(shown(post)).toContain('knowledge/entries.yaml:3:5: &lt;!here&gt; title must not be empty');
  });

  it('never logs question text or tokens', async () => {
    await slash('victim Jane Doe 07700 900123 nrm', h.slack.responseUrl());
    await event('Ev12', { type: 'app_mention', channel: 'C1', user: 'U1', text: '<@UBOT> Jane Doe needs help', ts: '1.1' });
    await h.slack.waitFor('chat.postMessage');
    await h.slack.waitFor('response_url');
    await h.log.waitFor('answered a Slack mention');
    const logs = h.log.dump();
    expect(logs).not.toContain('Jane');
    expect(logs).not.toContain('07700');
    expect(logs).not.toContain(BOT_TOKEN);
  });
});

describe('the fake Slack', () => {
  it('fails a wait that is never met, naming the call it waited for', async () => {
    await expect(h.slack.waitFor('chat.postEphemeral', undefined, 10)).rejects.toThrow(
      'waited 10 ms for chat.postEphemeral call to the fake Slack; calls recorded: none',
    );
    await expect(h.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'C9', 10)).rejects.toThrow(/a matching chat\.postMessage/);
  });
});
