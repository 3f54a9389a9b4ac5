// The terminal chat: what `npm start` opens when no platform is configured. Each line goes to the
// conversation core, and its Reply is printed as text; choices ("did you mean", related, the chooser) are
// numbered, and typing a number picks one. Two streams in and out, so tests drive it with PassThroughs.
// It is a Channel like Slack and Teams: what is sent to it (a reminder, a notice) is printed.
import { createInterface, type Interface } from 'node:readline';
import type { Conversation } from '../../conversation/conversation.ts';
import type { Choice } from '../../conversation/choice.ts';
import type { Reply } from '../../conversation/reply.ts';
import type { Surface, Where } from '../../conversation/where.ts';
import { plainHelpLine } from '../../conversation/help.ts';
import { answerToText } from '../../answer/text.ts';
import { reminderToText } from '../../reminders/text.ts';
import { digestToLines } from '../../report/digest.ts';
import type { Channel } from '../channel.ts';
import { useColor } from './color.ts';

export const CONSOLE_SURFACE: Surface = {
  name: 'console',
  howToAsk: ['When I list choices, type the number to open one.', 'Type `quit` (or `exit`) to leave.'],
};

export interface ConsoleOptions {
  conversation: Pick<Conversation, 'handle' | 'choose'>;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
}

const GREETING =
  'msht-guide: guidance on modern slavery and human trafficking.\n' +
  'If someone is in danger now, call 999. Type help for examples, quit to leave.';

const WHERE: Where = { surface: CONSOLE_SURFACE };

/** A reply as terminal text, and the choices a number picks, in the order they are numbered. */
export function replyToText(reply: Reply, color = false): { text: string; choices: Choice[] } {
  switch (reply.kind) {
    case 'answer': {
      const { answer } = reply;
      const urgent = answer.urgent;
      const choices: Choice[] = [...answer.suggestions, ...answer.followUps].map((c) => ({ kind: 'entry', id: c.id, urgent }));
      return { text: answerToText(answer, { color, numberFollowUps: true }), choices };
    }
    case 'chooser': {
      const { answer, chooser } = reply;
      const lines = [chooser.prompt, ...chooser.options.map((o, i) => `${i + 1}. ${o.label}`)];
      const choices = chooser.options.map((o) => ({ ...o.choice, urgent: answer.urgent }));
      return { text: `${answerToText(answer, { color })}\n\n${lines.join('\n')}`, choices };
    }
    case 'help': {
      const { help } = reply;
      return { text: [help.danger, ...help.lines.map(plainHelpLine)].join('\n'), choices: [] };
    }
    case 'gone': {
      const text = 'That guidance is no longer in the knowledge. Ask your question again.';
      return { text: reply.urgent && reply.banner ? `${reply.banner}\n\n${text}` : text, choices: [] };
    }
    case 'apology':
      return { text: reply.text, choices: [] };
    case 'feedback':
    case 'feedback-reason':
      return { text: 'Thanks.', choices: [] };
    case 'subscription':
      // The terminal has no subscriptions: its words are read as questions.
      return { text: '', choices: [] };
    // Nothing is handed to experts from the terminal (it has no asker to answer): only the notice saying so.
    case 'expert-notice':
    case 'expert-expired':
      return { text: reply.text, choices: [] };
    case 'expert-pick':
      return { text: reply.prompt, choices: [] };
    case 'expert-preview':
      return { text: reply.preview.question, choices: [] };
    case 'expert-answer':
      return { text: reply.text, choices: [] };
  }
}

export interface ConsoleChannel extends Channel {
  /** Resolves when the person leaves (quit, exit, or the input ends). */
  readonly finished: Promise<void>;
}

export function createConsoleChannel(options: ConsoleOptions): ConsoleChannel {
  const { conversation, input, output, env } = options;
  const color = useColor(output, env);
  const prompt = color ? '\x1b[1m> \x1b[0m' : '> ';
  const write = (text: string): void => {
    output.write(`${text}\n`);
  };
  let choices: Choice[] = [];
  const show = (reply: Reply): void => {
    const shown = replyToText(reply, color);
    write(shown.text);
    if (shown.choices.length > 0) write('\n(Type a number to open one of these.)');
    choices = shown.choices;
  };

  let lines: Interface | undefined;
  let settle!: { resolve: () => void; reject: (error: unknown) => void };
  const finished = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));

  async function run(): Promise<void> {
    write(GREETING);
    output.write(prompt);
    lines = createInterface({ input, crlfDelay: Infinity, terminal: false });
    for await (const raw of lines) {
      const line = raw.trim();
      const command = line.toLowerCase();
      if (command === 'quit' || command === 'exit' || command === 'q') {
        write('Goodbye. If someone is in danger now, call 999.');
        lines.close();
        return;
      }
      if (/^\d+$/.test(line) && choices.length > 0) {
        const choice = choices[Number(line) - 1];
        if (choice) show(await conversation.choose(choice, WHERE));
        else write(`Type a number from 1 to ${choices.length}, or ask a question.`);
      } else if (line) {
        show(await conversation.handle(line, WHERE));
      }
      output.write(`\n${prompt}`);
    }
  }

  return {
    platform: CONSOLE_SURFACE.name,
    routes: [],
    finished,
    async start() {
      run().then(settle.resolve, settle.reject);
    },
    async stop() {
      lines?.close();
      await finished.catch(() => undefined);
    },
    async send(_to, message) {
      if (message.kind === 'reminder') write(reminderToText(message.post));
      else if (message.kind === 'notice') write(message.lines.join('\n'));
      else if (message.kind === 'digest') write(digestToLines(message.digest).join('\n'));
      else if (message.kind === 'reply') show(message.reply);
      return { ok: true };
    },
    describe: () => 'a terminal chat',
  };
}

/** Runs the terminal chat until the input ends or the person types quit/exit. */
export async function startConsole(options: ConsoleOptions): Promise<void> {
  const channel = createConsoleChannel(options);
  await channel.start();
  await channel.finished;
}
