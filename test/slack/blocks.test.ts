// What an answer looks like in Slack: order, content and escaping, from hand-made answers.
import { describe, expect, it } from 'vitest';
import { renderAnswer } from '../../src/channels/slack/blocks/answer.ts';
import { renderHome } from '../../src/channels/slack/blocks/home.ts';
import { renderReminder } from '../../src/channels/slack/blocks/reminder.ts';
import { escapeMrkdwn, link, stripMentions } from '../../src/channels/slack/mrkdwn.ts';
import { answer, contact, entry } from './answers.ts';
import { visibleText } from './fake-slack.ts';

describe('renderAnswer', () => {
  it('opens with the 999 banner when someone is in danger, before the title', () => {
    const message = renderAnswer(
      answer({ urgent: true, banner: 'Someone in danger now? Call 999.', entry: entry({ title: 'Someone is in danger now' }) }),
    );
    expect(message.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: ':rotating_light: *Someone in danger now? Call 999.*' } });
    expect(message.blocks[1]).toMatchObject({ type: 'header', text: { text: 'Someone is in danger now' } });
    expect(message.text.startsWith('Someone in danger now? Call 999.')).toBe(true);
  });

  it('lays out title, summary, numbered steps, contacts as fields, links and the source line', () => {
    const message = renderAnswer(answer({ entry: entry({ contacts: [contact()] }) }));
    const types = message.blocks.map((b) => b.type);
    expect(types.slice(0, 2)).toEqual(['header', 'section']);
    const text = visibleText(message);
    expect(text).toContain('*Steps*\n1. Explain the NRM and get informed consent.\n2. Complete the online referral form.');
    expect(text).toContain('*Modern Slavery &amp; Exploitation Helpline*\n📞 Helpline (24/7): 08000 121 700');
    expect(message.blocks.some((b) => b.type === 'section' && 'fields' in b && b.fields?.length === 1)).toBe(true);
    expect(text).toContain('• <https://www.gov.uk/government/publications/human-trafficking-victims-referral-and-assessment-forms|NRM guidance>');
    expect(text).toContain('Source: Home Office NRM guidance');
    expect(text).toContain('Reviewed 2026-11-01');
  });

  it('offers "Did you mean" buttons for an ambiguous answer and related questions as buttons', () => {
    const message = renderAnswer(
      answer({
        status: 'ambiguous',
        suggestions: [
          { id: 'nrm-child-referral', title: 'Refer a child to the NRM', score: 0.5 },
          { id: 'duty-to-notify', title: 'Duty to Notify', score: 0.4 },
        ],
        followUps: [{ id: 'modern-slavery-helpline', title: 'The helpline' }],
      }),
    );
    const buttons = message.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])) as { action_id: string; value: string; text: { text: string } }[];
    expect(buttons.map((b) => [b.text.text, b.value])).toEqual([
      ['Refer a child to the NRM', 'nrm-child-referral'],
      ['Duty to Notify', 'duty-to-notify'],
      ['The helpline', 'modern-slavery-helpline'],
      ['👍 Helpful', '{"e":"nrm-adult-referral"}'],
      ['👎 Not helpful', '{"e":"nrm-adult-referral"}'],
    ]);
    expect(new Set(buttons.map((b) => b.action_id)).size).toBe(buttons.length);
    expect(visibleText(message)).toContain('*Did you mean…*');
    expect(visibleText(message)).toContain('Not sure this is the one you need');
  });

  it('adds Share in channel only when asked, and never for a no-match', () => {
    expect(visibleText(renderAnswer(answer()))).not.toContain('Share in channel');
    expect(visibleText(renderAnswer(answer(), { share: true }))).toContain('Share in channel');
    const none = renderAnswer(answer({ status: 'no_match', entry: null, score: 0, fallback: 'Call 999 in an emergency. Helpline: 08000 121 700.' }), { share: true });
    expect(visibleText(none)).not.toContain('Share in channel');
    expect(visibleText(none)).not.toContain('Helpful');
    expect(visibleText(none)).toContain('Call 999 in an emergency. Helpline: 08000 121 700.');
  });

  it('escapes user and knowledge text so nothing pings or hides a link', () => {
    const message = renderAnswer(
      answer({ entry: entry({ summary: 'Tell <!channel> & <https://evil.example|click here>', steps: ['<@U123> then <!here>'] }) }),
      { question: '<!everyone> help' },
    );
    const text = visibleText(message);
    expect(text).toContain('Tell &lt;!channel&gt; &amp; &lt;https://evil.example|click here&gt;');
    expect(text).toContain('1. &lt;@U123&gt; then &lt;!here&gt;');
    // The question is echoed as plain text, its angle brackets swapped so nothing can read as a mention.
    expect(plainTexts(message)).toContain('You asked: ‹!everyone› help');
    expect(mrkdwnTexts(message).join('\n')).not.toMatch(/<!(channel|here|everyone)>/);
    expect(message.text).not.toContain('<!channel>');
  });

  it('echoes the question exactly as typed: no bold, italics or live link inside the bot\'s own words', () => {
    const question = 'is _ *urgent* _ the form at https://evil.example/x ~ok~ `code` <https://evil.example|here>';
    const message = renderAnswer(answer(), { question });
    expect(plainTexts(message)).toContain('You asked: is _ *urgent* _ the form at https://evil.example/x ~ok~ `code` ‹https://evil.example|here›');
    expect(mrkdwnTexts(message).join('\n')).not.toContain('evil.example');
    expect(mrkdwnTexts(message).join('\n')).not.toContain('*urgent*');
  });
});

describe('mrkdwn', () => {
  it('escapes the three control characters and nothing else', () => {
    expect(escapeMrkdwn('a & b < c > d *e* _f_')).toBe('a &amp; b &lt; c &gt; d *e* _f_');
  });
  it('keeps a link inside its brackets whatever its title', () => {
    expect(link('https://x.example/a?b=1&c=2', 'A | B > C')).toBe('<https://x.example/a?b=1&amp;c=2|A ¦ B &gt; C>');
  });
  it('removes mentions of the bot from a question', () => {
    expect(stripMentions('<@UBOT> what is <@U2|sam> DtN')).toBe('what is DtN');
  });
});

describe('renderHome', () => {
  it('shows quick actions, the place box and upcoming reminders, then an answer when one was asked', () => {
    const home = renderHome({ upcoming: [{ title: 'Anti-Slavery Day', localTime: 'Sun 18 Oct 2026, 09:00 BST', topic: 'awareness-days' }] });
    const text = visibleText(home);
    expect(text).toContain('🚨 Someone is in danger now');
    expect(text).toContain('Refer to the NRM');
    expect(text).toContain('Duty to Notify');
    expect(text).toContain('Find a partnership by place');
    expect(text).toContain('*Anti-Slavery Day* — Sun 18 Oct 2026, 09:00 BST');
    const withAnswer = renderHome({ upcoming: [], shown: answer({ urgent: true, banner: 'Call 999 now.' }) });
    expect(visibleText(withAnswer)).toContain('No reminders are scheduled.');
    expect(visibleText(withAnswer)).toContain('Call 999 now.');
  });
});

describe('renderReminder', () => {
  it('shows the reminder, when, the entry with Read more, and how to stop', () => {
    const message = renderReminder({
      reminder: { id: 'anti-slavery-day', title: 'Anti-Slavery Day', message: 'Today is <Anti-Slavery Day>.', topic: 'awareness-days', timezone: 'Europe/London', yearly: '10-18' },
      occurrence: new Date('2026-10-18T08:00:00Z'),
      localTime: 'Sun 18 Oct 2026, 09:00 BST',
      entry: entry(),
    });
    const text = visibleText(message);
    expect(text).toContain('🔔 Anti-Slavery Day');
    expect(text).toContain('Today is &lt;Anti-Slavery Day&gt;.');
    expect(text).toContain('Sun 18 Oct 2026, 09:00 BST');
    expect(text).toContain('Read more');
    expect(text).toContain('/msht unsubscribe awareness-days');
  });
});

/** The text of every element of a type in a message's blocks. */
function textsOfType(message: { blocks: unknown[] }, type: 'plain_text' | 'mrkdwn'): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const record = node as Record<string, unknown>;
    if (record.type === type && typeof record.text === 'string') found.push(record.text);
    for (const value of Object.values(record)) if (typeof value === 'object') walk(value);
  };
  walk(message.blocks);
  return found;
}
const plainTexts = (message: { blocks: unknown[] }) => textsOfType(message, 'plain_text');
const mrkdwnTexts = (message: { blocks: unknown[] }) => textsOfType(message, 'mrkdwn');
