#!/usr/bin/env node
// The `msht-guide` command. The project runs its TypeScript directly (no build step), so this shim
// registers tsx's loader and hands over to the CLI. npm links it under node_modules/.bin by another name,
// so it calls the CLI's main itself rather than relying on the CLI to recognise how it was started.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli.ts');
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`msht-guide: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
