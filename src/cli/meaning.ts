// The meaning reader for a command-line tool (ask, chat, eval): MEANING_MODEL and MEANING_CACHE from its
// environment, progress and warnings on stderr (stdout stays the tool's own output).
import { ConfigError, meaningSettingsFromEnv } from '../config.ts';
import { createMeaningReader, WORDS_ONLY, type MeaningReader } from '../answer/meaning-reader.ts';
import { writeLine, type CliIo } from './io.ts';

/** Undefined (after saying why on stderr) when MEANING_MODEL is not a value it knows. */
export function meaningReaderFor(command: string, io: CliIo): MeaningReader | undefined {
  let settings;
  try {
    settings = meaningSettingsFromEnv(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) writeLine(io.stderr, `msht-guide ${command}: ${problem}`);
    return undefined;
  }
  if (!settings) return WORDS_ONLY;
  return createMeaningReader({
    cachePath: settings.cachePath,
    warn: (message) => writeLine(io.stderr, `msht-guide ${command}: ${message}`),
    progress: (done, total) => {
      writeLine(io.stderr, `msht-guide ${command}: getting ready, reading the knowledge's phrasings for meaning (${done}/${total}; once, then kept in ${settings.cachePath})`);
    },
  });
}
