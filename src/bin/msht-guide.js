#!/usr/bin/env node
// The `msht-guide` command. It runs in this process (no child process between a supervisor's signal and the
// server), from the compiled build when it is current, else from the TypeScript source (see load.js). npm
// links it under node_modules/.bin by another name, so it calls the CLI's main itself rather than relying on
// the CLI to recognise how it was started.
import { loadEntry } from './load.js';

const { main } = await loadEntry('cli');
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`msht-guide: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
