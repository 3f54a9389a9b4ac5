// `msht-guide chat` (and `npm start` with no platform configured): the terminal chat on the knowledge.
// The knowledge is watched as in the server, so an admin can edit a file and ask again at once; a broken
// edit is reported here and the chat keeps answering from the last good knowledge.
import { openLiveKnowledge } from '../knowledge/live.ts';
import { formatProblem } from '../knowledge/problems.ts';
import { overdueNotice } from '../knowledge/review.ts';
import { createConversation } from '../conversation/conversation.ts';
import { startConsole } from '../channels/console/console.ts';
import { knowledgeDirFrom, readArgs, writeLine, type CliIo } from './io.ts';
import { meaningReaderFor } from './meaning.ts';

export const help = `Usage: msht-guide chat [dir]

A terminal chat on the knowledge in dir (default: $KNOWLEDGE_DIR, else knowledge/). Type a question in
your own words; help for examples; a number to open a "did you mean", related or suggested choice; quit to leave.
Edits to the knowledge files are picked up as you go. Colour only on a terminal, never with NO_COLOR.
Questions are read for meaning too unless MEANING_MODEL=off: the first start reads the knowledge's phrasings
once (about 40 s, progress on stderr) and keeps them in MEANING_CACHE (default data/meaning-cache.txt).`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = readArgs('chat', args, { maxPositionals: 1 }, io);
  if (!parsed) return 2;
  const dir = knowledgeDirFrom(parsed.positionals, io);
  const opened = openLiveKnowledge(dir);
  if (!opened.live) {
    for (const problem of opened.problems) writeLine(io.stderr, formatProblem(problem));
    writeLine(io.stderr, `The knowledge in ${dir} has errors, so the chat cannot start. Fix them and run \`msht-guide kb check\`.`);
    return 1;
  }
  const live = opened.live;
  live.on('reloaded', (kb) => writeLine(io.stderr, `\n(knowledge reloaded: ${kb.entries.length} entries)`));
  live.on('rejected', (problems) => {
    writeLine(io.stderr, '\n(a knowledge edit has errors, so it was not loaded; still answering from the last good knowledge)');
    for (const problem of problems.filter((p) => p.severity === 'error')) writeLine(io.stderr, formatProblem(problem));
  });
  // Whoever runs the chat is its admin: say which entries are past their review date before the first question.
  const overdue = overdueNotice(live.current(), new Date());
  if (overdue.length > 0) writeLine(io.stderr, `(${overdue.join('\n')})\n`);
  live.start();
  try {
    const meaning = meaningReaderFor('chat', io);
    if (!meaning) return 2;
    // Read the knowledge for meaning before the first question (a first run shows its progress on stderr).
    await meaning.prepare(live.current());
    await startConsole({ conversation: createConversation({ knowledge: () => live.current(), meaning }), input: io.stdin, output: io.stdout, env: io.env });
  } finally {
    live.stop();
  }
  return 0;
}
