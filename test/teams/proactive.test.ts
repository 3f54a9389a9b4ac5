// Proactive posts to stored conversation references: reminders and admin notices reach the connector,
// and the connector's answers become what the reminder scheduler needs (gone, wait, retry).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReminderPost } from '../../src/reminders/sender.ts';
import { startBot, startFakeConnector, type FakeConnector, type RunningBot } from './helpers.ts';
import { actionsOf, cardOf, textOf, visibleLines } from './card-text.ts';
import { OFFICER, PERSONAL_CHAT, TEAM, botAddedToTeam, cardSubmit, personalMessage } from './activities.ts';

let connector: FakeConnector;
let bot: RunningBot;

beforeEach(async () => {
  connector = await startFakeConnector();
  bot = await startBot({ overrides: { adminUsers: [{ platform: 'slack', id: 'U0123ABC' }, { platform: 'teams', id: OFFICER.aadObjectId }] } });
});

afterEach(async () => {
  await bot.close();
  await connector.close();
});

function reminderPost(): ReminderPost {
  const reminder = bot.kb.reminders.find((r) => r.topic === 'awareness-days')!;
  return { reminder, occurrence: new Date('2027-10-18T08:00:00Z'), localTime: 'Mon 18 Oct 2027, 09:00 BST' };
}

async function installInTeam() {
  await bot.post(botAddedToTeam(connector.serviceUrl));
  connector.calls.length = 0;
}

describe('Teams sender', () => {
  it('posts a reminder card to a stored conversation as a new post, not a reply', async () => {
    await installInTeam();
    const result = await bot.channel.sender.send(TEAM, reminderPost());
    expect(result).toEqual({ ok: true });
    expect(connector.calls).toHaveLength(1);
    const call = connector.calls[0]!;
    expect(call.conversationId).toBe(TEAM);
    expect(call.replyToId).toBeUndefined();
    const lines = visibleLines(cardOf(call));
    expect(lines[0]).toBe('Reminder · Mon 18 Oct 2027, 09:00 BST');
    expect(lines[1]).toBe(reminderPost().reminder.title);
    expect(lines.at(-1)).toContain('unsubscribe awareness-days');
  });

  it('offers "Read more" for the reminder\'s entry, which answers it when clicked', async () => {
    await installInTeam();
    const reminder = bot.kb.reminders.find((r) => r.entry)!;
    const { createGuide } = await import('../../src/answer/guide.ts');
    const entry = createGuide(bot.kb).answerEntry(reminder.entry!)!.entry!;
    await bot.channel.sender.send(TEAM, { reminder, occurrence: new Date('2027-01-01T09:00:00Z'), localTime: 'Fri 1 Jan 2027, 09:00 GMT', entry });
    const readMore = actionsOf(cardOf(connector.calls[0])).find((a) => String(a.title).startsWith('Read more'))!;
    await bot.post(cardSubmit(connector.serviceUrl, readMore.data));
    expect(visibleLines(cardOf(connector.calls[1]))[0]).toBe(entry.title);
  });

  it('reports a conversation the bot was removed from (403) or that no longer exists (404) as gone', async () => {
    await installInTeam();
    connector.respondWith({ status: 403 });
    expect(await bot.channel.sender.send(TEAM, reminderPost())).toMatchObject({ ok: false, kind: 'gone' });
    connector.respondWith({ status: 404 });
    expect(await bot.channel.sender.send(TEAM, reminderPost())).toMatchObject({ ok: false, kind: 'gone' });
  });

  it('reports 429 as rate limited with Teams\' Retry-After, at once (the scheduler does the waiting)', async () => {
    await installInTeam();
    connector.respondWith({ status: 429, headers: { 'retry-after': '7' } });
    expect(await bot.channel.sender.send(TEAM, reminderPost())).toMatchObject({ ok: false, kind: 'rate_limited', retryAfterMs: 7000 });
    expect(connector.calls).toHaveLength(1);
  });

  it('reports 5xx as transient without retrying inside the connector', async () => {
    await installInTeam();
    connector.respondWith({ status: 502 });
    expect(await bot.channel.sender.send(TEAM, reminderPost())).toMatchObject({ ok: false, kind: 'transient' });
    expect(connector.calls).toHaveLength(1);
  });

  it('reports a network failure as transient', async () => {
    await installInTeam();
    await connector.close();
    expect(await bot.channel.sender.send(TEAM, reminderPost())).toMatchObject({ ok: false, kind: 'transient' });
  });

  it('reports a conversation it has no reference for as gone', async () => {
    expect(await bot.channel.sender.send('19:never-installed@thread.tacv2', reminderPost())).toMatchObject({ ok: false, kind: 'gone' });
  });
});

describe('admin notices', () => {
  it('reach a Teams admin in their personal chat with the bot', async () => {
    await bot.post(personalMessage(connector.serviceUrl, 'help'));
    connector.calls.length = 0;
    await bot.channel.notifyAdmins(['knowledge/referral.yaml:12:5: `steps` must not be empty', 'Still serving the last good knowledge.']);
    expect(connector.calls).toHaveLength(1);
    expect(connector.calls[0]!.conversationId).toBe(PERSONAL_CHAT);
    expect(textOf(connector.calls[0])).toContain('knowledge/referral.yaml:12:5: `steps` must not be empty');
  });

  it('are logged, not lost silently, when the admin has no chat with the bot yet', async () => {
    await bot.channel.notifyAdmins(['broken']);
    expect(connector.calls).toHaveLength(0);
    expect(bot.logs.some((l) => l.level === 'warn' && JSON.stringify(l.obj).includes('teams.admin_unreachable'))).toBe(true);
  });
});
