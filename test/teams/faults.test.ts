// Faults a load run found in the Teams endpoint, through the real route on the shared server and a loopback
// fake of the Bot Framework connector: a connector that never answers, the same activity delivered twice,
// and an entity without a type.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBot, startFakeConnector, type FakeConnector, type RunningBot } from './helpers.ts';
import { cardOf, visibleLines } from './card-text.ts';
import { channelMention, personalMessage } from './activities.ts';

let connector: FakeConnector;
let bot: RunningBot;

beforeEach(async () => {
  connector = await startFakeConnector();
});

afterEach(async () => {
  await bot.close();
  await connector.close();
});

describe('a connector that never answers', () => {
  it('gives up on the call after the connector timeout and logs it, instead of holding the turn', async () => {
    bot = await startBot({ overrides: { connectorTimeoutMs: 200 } });
    connector.respondWith({ hang: true }, { hang: true });
    const res = await bot.post(personalMessage(connector.serviceUrl, 'how do I refer an adult to the NRM'));
    expect(res.status).toBeLessThan(600);
    // The answer, then the apology, each abandoned after 200 ms.
    expect(connector.calls).toHaveLength(2);
    const failure = bot.logs.find((l) => l.message?.includes('did not answer within 200 ms'));
    expect(failure).toMatchObject({ level: 'error', fields: { event: 'teams.connector_timeout', timeoutMs: 200 } });
    // The HTTP request itself was aborted at the deadline, not merely stopped being waited for.
    expect(JSON.stringify(failure)).not.toContain('no answer within');
  });
});

describe('the same activity delivered twice', () => {
  it('is answered once; the repeat is logged and gets no second answer', async () => {
    bot = await startBot();
    const activity = personalMessage(connector.serviceUrl, 'how do I refer an adult to the NRM');
    expect((await bot.post(activity)).status).toBe(200);
    expect((await bot.post(activity)).status).toBe(200);
    expect(connector.calls).toHaveLength(1);
    expect(bot.logs.map((l) => l.message)).toContain('teams activity already handled; repeat ignored');
    // Another message in the same chat is a new activity.
    await bot.post(personalMessage(connector.serviceUrl, 'help'));
    expect(connector.calls).toHaveLength(2);
  });

  it('still answers when the store cannot say whether it was seen', async () => {
    bot = await startBot();
    bot.store.markEventSeen = () => Promise.reject(new Error('database is locked'));
    await bot.post(personalMessage(connector.serviceUrl, 'how do I refer an adult to the NRM'));
    expect(connector.calls).toHaveLength(1);
    expect(visibleLines(cardOf(connector.calls[0]!))[0]).toBe('Refer an adult to the National Referral Mechanism (NRM)');
  });
});

describe('a database that cannot be reached', () => {
  it('still answers; what could not be stored (the seen activity, the conversation reference, the unanswered question) is logged', async () => {
    bot = await startBot();
    const away = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    Object.assign(bot.store, { markEventSeen: away, saveConversationReference: away, recordUnanswered: away });
    await bot.post(personalMessage(connector.serviceUrl, 'how do I refer an adult to the NRM'));
    expect(connector.calls).toHaveLength(1);
    expect(visibleLines(cardOf(connector.calls[0]!))[0]).toBe('Refer an adult to the National Referral Mechanism (NRM)');
    const errors = bot.logs.filter((l) => l.level === 'error').map((l) => l.message);
    expect(errors).toContain('could not check a Teams activity against those already handled');
    expect(errors).toContain('could not save a Teams conversation reference; answering anyway');
  });
});

describe('an entity without a type', () => {
  it('is ignored: the question is answered, not apologised for', async () => {
    bot = await startBot();
    const activity = personalMessage(connector.serviceUrl, 'how do I refer an adult to the NRM');
    activity.entities = [...activity.entities, { country: 'GB' } as never, null as never];
    expect((await bot.post(activity)).status).toBe(200);
    expect(connector.calls).toHaveLength(1);
    expect(visibleLines(cardOf(connector.calls[0]!))[0]).toBe('Refer an adult to the National Referral Mechanism (NRM)');
  });

  it('in a channel, next to the mention of the bot, still lets the mention through', async () => {
    bot = await startBot();
    const activity = channelMention(connector.serviceUrl, 'how do I refer an adult to the NRM') as Record<string, unknown> & { entities: unknown[] };
    activity.entities = [{ mentioned: { id: 'x' }, text: 'untyped' }, ...activity.entities];
    await bot.post(activity);
    expect(connector.calls).toHaveLength(1);
    expect(visibleLines(cardOf(connector.calls[0]!))[0]).toBe('Refer an adult to the National Referral Mechanism (NRM)');
  });
});
