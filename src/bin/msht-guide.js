#!/usr/bin/env node
// The `msht-guide` command. The project runs its TypeScript directly (no build step), so this shim
// registers tsx's loader and hands over to the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../cli.ts');
