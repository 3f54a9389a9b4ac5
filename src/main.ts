// `npm start`: with no platform credentials, the terminal chat on the shipped knowledge (so a fresh clone
// is usable at once); with them, the same as `msht-guide serve`. Each is loaded only when chosen, so the
// chat never loads a platform SDK.
import { pathToFileURL } from 'node:url';
import { processIo, type CliIo } from './cli/io.ts';
import { loadConfig, ConfigError, type Config } from './config.ts';

/** True when no platform is configured: `npm start` then opens the terminal chat. */
export function wantsConsole(config: Config): boolean {
  return config.slack === undefined && config.teams.mode === 'emulator';
}

export async function main(io: CliIo = processIo()): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`msht-guide could not start: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const command = wantsConsole(config) ? await import('./cli/chat.ts') : await import('./cli/serve.ts');
  return command.run([], io);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => {
      if (code !== 0) process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`msht-guide: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
