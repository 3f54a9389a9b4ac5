// `msht-guide ask "question"`: one answer as text; `--json` as one JSON object; `--json` with no
// question reads one question per stdin line and writes one JSON line per input line, in order.
import { createInterface } from 'node:readline';
import { loadKnowledge } from '../knowledge/loader.ts';
import { formatProblem } from '../knowledge/problems.ts';
import { createGuide, type Guide } from '../answer/guide.ts';
import { answerToText } from '../answer/text.ts';
import { answerToJson } from '../answer/json.ts';
import { writeLine, knowledgeDirFrom, readArgs, readDay, type CliIo } from './io.ts';
import { useColor } from '../channels/console/color.ts';
import { chooserFor } from '../conversation/chooser.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import { meaningReaderFor } from './meaning.ts';

export const help = `Usage: msht-guide ask "question" [--json] [--as-of YYYY-MM-DD]
       msht-guide ask --json < questions.txt

Answer one question from the knowledge in KNOWLEDGE_DIR (default knowledge/), read by its words and, unless
MEANING_MODEL=off, for meaning (a first run reads the knowledge's phrasings once, about 40 s, with progress on
stderr, and keeps them in MEANING_CACHE, default data/meaning-cache.txt). A question in the field that no
entry fits gets the safe fallback, then the likely needs the chat platforms offer as a chooser, each as a
question to ask again with.
  --json    print one JSON object: { query, status, urgent, score,
            answer: { id, kind, title, text, out_of_date } | null, suggestions: [{ id, title, score }], text }.
            status is answered, ambiguous or no_match; text is what a person would see (for no_match, the
            safe fallback with the helpline and 999). out_of_date is null, or { last_checked, review_by,
            check } when the entry is past its review date (text then says it may be out of date).
            chooser is null, or, for a question in the field that no entry fits, { prompt, options:
            [{ label, id }] }: the likely needs the chat platforms offer under the fallback.
            With no question, read one question per line from stdin and print one JSON line per input line.
  --as-of   judge review dates as on that day, to see what people will be told then (default: today).`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = readArgs('ask', args, { flags: ['--json'], options: ['--as-of'], maxPositionals: Infinity }, io);
  if (!parsed) return 2;
  const now = readDay(parsed.options.get('--as-of'), 'ask', io);
  if (!now) return 2;
  const json = parsed.flags.has('--json');
  const question = parsed.positionals.join(' ').trim();
  if (!json && !question) {
    writeLine(io.stderr, 'msht-guide ask: give a question, e.g. msht-guide ask "refer an adult to the nrm"');
    return 2;
  }
  const loaded = loadGuide(io);
  if (!loaded) return 2;
  const { guide, kb } = loaded;
  const reader = meaningReaderFor('ask', io);
  if (!reader) return 2;
  const asJson = async (asked: string): Promise<string> => {
    const answer = guide.ask(asked, now, await reader.meaningOf(kb, asked));
    const chooser = chooserFor({ question: asked, answer, knowledge: kb });
    const options = chooser?.options.flatMap((o) => (o.choice.kind === 'entry' ? [{ label: o.label, id: o.choice.id }] : [])) ?? [];
    return JSON.stringify({ ...answerToJson(answer), chooser: chooser ? { prompt: chooser.prompt, options } : null });
  };

  if (!json) {
    const answer = guide.ask(question, now, await reader.meaningOf(kb, question));
    writeLine(io.stdout, answerToText(answer, { color: useColor(io.stdout, io.env) }));
    const chooser = chooserFor({ question, answer, knowledge: kb });
    if (chooser) {
      // A one-off command cannot take a click: each likely need as the question that opens it (its entry's title).
      const titles = chooser.options.flatMap(({ choice, label }) => (choice.kind === 'entry' ? [kb.byId.get(choice.id)?.title ?? label] : []));
      writeLine(io.stdout);
      writeLine(io.stdout, `${chooser.prompt} Ask again with its title (or pick one by number in \`msht-guide chat\`):`);
      for (const title of titles) writeLine(io.stdout, `• ${title}`);
    }
    return 0;
  }
  if (question) {
    writeLine(io.stdout, await asJson(question));
    return 0;
  }
  // One process for the whole stream: the index is built once, each line costs a few milliseconds.
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) writeLine(io.stdout, await asJson(line));
  return 0;
}

function loadGuide(io: CliIo): { guide: Guide; kb: KnowledgeBase } | undefined {
  const { kb, problems } = loadKnowledge(knowledgeDirFrom([], io));
  if (kb) return { guide: createGuide(kb), kb };
  for (const p of problems) if (p.severity === 'error') writeLine(io.stderr, formatProblem(p));
  writeLine(io.stderr, 'msht-guide ask: the knowledge has errors (run `msht-guide kb check`)');
  return undefined;
}
