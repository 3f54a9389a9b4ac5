import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startConsole } from '../../src/channels/console/console.ts';
import { createConversation } from '../../src/conversation/conversation.ts';
import { sampleEntries, sampleKnowledge } from '../answer/sample-kb.ts';
import { CHOOSER_LABELS, IN_FIELD_NO_MATCH, OFF_TOPIC_WITH_CUE, chooserKnowledge } from '../conversation/chooser-kb.ts';

/** Types `lines` into the console and returns everything it printed. */
async function chat(lines: string[], env: Record<string, string | undefined> = {}, tty = false, kb = sampleKnowledge()) {
  const core = createConversation({ knowledge: () => kb });
  const asked: string[] = [];
  const conversation = {
    handle: async (...args: Parameters<typeof core.handle>) => {
      asked.push(args[0]);
      return core.handle(...args);
    },
    choose: core.choose,
  };
  const input = new PassThrough();
  const output = new PassThrough();
  if (tty) Object.assign(output, { isTTY: true });
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const done = startConsole({ conversation, input, output, env });
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  await done;
  return { printed, asked };
}

describe('console chat', () => {
  it('greets with 999, prompts, answers and says goodbye on quit', async () => {
    const { printed, asked } = await chat(['salvation army referal line', 'quit', 'never asked']);
    expect(printed).toContain('If someone is in danger now, call 999');
    expect(printed).toContain('> ');
    expect(printed).toContain('0800 808 3733');
    expect(printed).toContain('Goodbye');
    expect(asked).toEqual(['salvation army referal line']);
  });

  it('shows examples on help and stops on exit', async () => {
    const { printed } = await chat(['help', 'exit']);
    expect(printed).toContain('refer a kid to nrm');
    expect(printed).toContain('type the number to open one');
    // The terminal has no reminder subscriptions, so its help offers none.
    expect(printed).not.toContain('subscribe');
    expect(printed).not.toContain("I don't have guidance");
  });

  it('opens a "did you mean" choice by its number', async () => {
    const { printed } = await chat(['referral', '2']);
    expect(printed).toMatch(/Did you mean:\n1\. .+\n2\. (.+)/);
    const second = /Did you mean:\n1\. .+\n2\. (.+)/.exec(printed)![1]!;
    // The chosen entry's own answer follows, title first.
    expect(printed.split('(Type a number')[1]).toContain(second);
  });

  it('opens a related entry by its number', async () => {
    const { printed } = await chat(['salvation army referal line', 'someone in danger now', '1']);
    expect(printed).toContain('Related:\n1. Refer an adult who consents to the NRM');
    expect(printed).toContain('What to do:\n1. Explain the NRM and get informed consent.');
  });

  it('asks for a valid number when the choice does not exist', async () => {
    const { printed } = await chat(['referral', '9']);
    expect(printed).toMatch(/Type a number from 1 to \d+/);
  });

  it('treats a number as a question when no choices are on screen', async () => {
    const { asked } = await chat(['999']);
    expect(asked).toEqual(['999']);
  });

  it('opens urgent answers with the 999 banner', async () => {
    const { printed } = await chat(["he can't leave the farm, they've got his passport"]);
    expect(printed).toMatch(/> 999 — if anyone is in danger now/);
  });

  it('never colours output for pipes or with NO_COLOR, and colours a terminal', async () => {
    expect((await chat(['salvation army'])).printed).not.toContain('\x1b[');
    expect((await chat(['salvation army'], { NO_COLOR: '1' }, true)).printed).not.toContain('\x1b[');
    expect((await chat(['salvation army'], {}, true)).printed).toContain('\x1b[');
  });

  it('numbers the chooser\'s options under the fallback, and a number picks one', async () => {
    const { printed } = await chat([IN_FIELD_NO_MATCH, '1'], {}, false, chooserKnowledge());
    const [asked, picked] = printed.split('(Type a number to open one of these.)');
    expect(asked).toContain("I don't have guidance that matches that question");
    expect(asked).toContain('call 999');
    expect(asked).toContain('08000 121 700');
    expect(asked).toContain(
      ['I could not match that to one answer. Is it one of these?', ...CHOOSER_LABELS.map((label, i) => `${i + 1}. ${label}`)].join('\n'),
    );
    expect(picked).toContain('Refer a child to the NRM');
    expect(picked).toContain('What to do:\n1. Safeguard the child.');
  });

  it('offers no numbered options for an everyday request', async () => {
    const { printed } = await chat([OFF_TOPIC_WITH_CUE, '1'], {}, false, chooserKnowledge());
    expect(printed).toContain('08000 121 700');
    expect(printed).not.toContain('Is it one of these?');
    expect(printed).not.toContain('(Type a number');
  });
});

describe('console chat, an entry past its review date', () => {
  it('answers and says, under the title, that it may be out of date and what to check', async () => {
    const entries = sampleEntries.map((e) =>
      e.id === 'salvation-army-victim-care' ? { ...e, source: 'The Salvation Army, Supporting survivors', review_by: '2027-02-23' } : e,
    );
    const kb = sampleKnowledge(entries);
    const conversation = createConversation({ knowledge: () => kb, now: () => new Date('2027-03-01T09:00:00Z') });
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const done = startConsole({ conversation, input, output, env: {} });
    input.end('salvation army referral line\n');
    await done;
    expect(printed).toContain('0800 808 3733');
    expect(printed).toContain('⚠ May be out of date: last checked 2026-11-23 — check The Salvation Army, Supporting survivors');
  });
});
