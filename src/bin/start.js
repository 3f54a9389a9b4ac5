#!/usr/bin/env node
// `npm start`: the terminal chat without platform credentials, else the bot (src/main.ts), in this process.
import { loadEntry } from './load.js';

const { main } = await loadEntry('main');
try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`msht-guide: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
