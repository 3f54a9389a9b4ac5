// `/msht` parsing, and what a user sees when the answering core fails (never silence).
import { describe, expect, it } from 'vitest';
import { parseChatCommand } from '../../src/conversation/commands.ts';
import { createConversation } from '../../src/conversation/conversation.ts';
import { answerDirectMessage, replyToText } from '../../src/channels/slack/conversations.ts';
import type { SlackDeps } from '../../src/channels/slack/deps.ts';
import type { PostArgs } from '../../src/channels/slack/web.ts';
import { visibleText } from './fake-slack.ts';
import { apologyText } from '../../src/answer/safety.ts';
import { escapeMrkdwn } from '../../src/channels/slack/mrkdwn.ts';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { captureLog } from '../helpers/log.ts';

describe('parseChatCommand on /msht text', () => {
  it.each([
    ['', { kind: 'help' }],
    ['  help ', { kind: 'help' }],
    ['subscribe Awareness-Days', { kind: 'subscribe', topic: 'awareness-days' }],
    ['unsubscribe spot-the-signs', { kind: 'unsubscribe', topic: 'spot-the-signs' }],
    ['subscribe', { kind: 'help' }],
    ['subscriptions', { kind: 'subscriptions' }],
    ['help with an NRM referral', { kind: 'ask', question: 'help with an NRM referral' }],
    ['subscriptions for a victim?', { kind: 'ask', question: 'subscriptions for a victim?' }],
  ])('%j', (text, expected) => {
    expect(parseChatCommand(text)).toEqual(expected);
  });
});

describe('when answering fails', () => {
  const posted: PostArgs[] = [];
  const log = captureLog();
  const broken = (knowledge: () => KnowledgeBase) => createConversation({ knowledge, log: log.log });
  const unreadable = () => {
    throw new Error('index not ready');
  };
  const depsWith = (knowledge: () => KnowledgeBase) =>
    ({
      conversation: broken(knowledge),
      store: {} as SlackDeps['store'],
      logger: log.log,
      now: () => new Date('2026-11-23T10:00:00Z'),
      web: { postMessage: async (args: PostArgs) => void posted.push(args) } as unknown as SlackDeps['web'],
    }) satisfies SlackDeps;
  const deps = depsWith(unreadable);

  it('apologises with 999 and the helpline to a /msht question', async () => {
    const reply = visibleText(await replyToText('nrm referral', 'C1', true, deps));
    expect(reply).toContain('call 999');
    expect(reply).toContain('08000 121 700');
  });

  it('takes the apology from the core, with the helpline number the knowledge gives', async () => {
    // Knowledge that can be read but not searched: the apology still finds its helpline number.
    const kb = {
      entries: [{ id: 'helpline', title: 'Modern Slavery & Exploitation Helpline', phones: [{ label: 'Helpline', number: '0000 000 0000' }] }],
    } as unknown as KnowledgeBase;
    const reply = visibleText(await replyToText('nrm referral', 'C1', true, depsWith(() => kb)));
    expect(reply).toBe(escapeMrkdwn(apologyText(kb)));
    expect(reply).toContain('call 999');
    expect(reply).toContain('0000 000 0000');
  });

  it('apologises in a DM too, and logs no question text', async () => {
    await answerDirectMessage({ channel: 'D1', user: 'U1', text: 'Jane Doe at 1 High Street', ts: '1.1' }, deps);
    expect(visibleText(posted[0]!)).toContain('call 999');
    expect(log.dump()).toContain('could not answer');
    expect(log.dump()).not.toContain('Jane');
  });
});
