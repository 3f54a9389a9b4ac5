// The terminal chat: what `npm start` opens when no platform is configured. It talks to an Assistant
// (so questions are recorded the same way as on Slack and Teams) and to two streams, so tests drive it
// with PassThrough streams.
import { createInterface } from 'node:readline';
import type { Assistant } from '../../answer/assistant.ts';
import type { Answer } from '../../answer/answer.ts';
import { answerToText } from '../../answer/text.ts';
import { useColor } from './color.ts';

export interface ConsoleOptions {
  assistant: Pick<Assistant, 'ask' | 'answerEntry'>;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
}

export const CONSOLE_HELP = `Ask in your own words, for example:
  refer a kid to nrm
  salvation army referral line
  partnership huddersfield
  signs of labour exploitation
  adult doesn't consent to the nrm
When I list choices, type the number to open one.
Type quit (or exit) to leave. If someone is in danger now, call 999.`;

const GREETING =
  'msht-guide: guidance on modern slavery and human trafficking.\n' +
  'If someone is in danger now, call 999. Type help for examples, quit to leave.';

/** The entries a person can open by number after an answer: "did you mean" first, then related. */
function choicesOf(answer: Answer): string[] {
  return [...answer.suggestions.map((s) => s.id), ...answer.followUps.map((f) => f.id)];
}

/** Runs until the input ends or the person types quit/exit. */
export async function startConsole(options: ConsoleOptions): Promise<void> {
  const { assistant, input, output, env } = options;
  const color = useColor(output, env);
  const prompt = color ? '\x1b[1m> \x1b[0m' : '> ';
  const write = (text: string): void => {
    output.write(`${text}\n`);
  };
  const show = (answer: Answer): void => {
    write(answerToText(answer, { color, numberFollowUps: true }));
    if (choicesOf(answer).length > 0) write('\n(Type a number to open one of these.)');
  };

  let choices: string[] = [];
  write(GREETING);
  output.write(prompt);
  const lines = createInterface({ input, crlfDelay: Infinity, terminal: false });
  for await (const raw of lines) {
    const line = raw.trim();
    const command = line.toLowerCase();
    if (command === 'quit' || command === 'exit' || command === 'q') {
      write('Goodbye. If someone is in danger now, call 999.');
      lines.close();
      return;
    }
    if (command === 'help' || command === '?') {
      write(CONSOLE_HELP);
    } else if (/^\d+$/.test(line) && choices.length > 0) {
      const id = choices[Number(line) - 1];
      const answer = id ? assistant.answerEntry(id, 'console') : undefined;
      if (answer) {
        show(answer);
        choices = choicesOf(answer);
      } else {
        write(`Type a number from 1 to ${choices.length}, or ask a question.`);
      }
    } else if (line) {
      const answer = await assistant.ask(line, 'console');
      show(answer);
      choices = choicesOf(answer);
    }
    output.write(`\n${prompt}`);
  }
}
