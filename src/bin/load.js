// Where the command's code comes from. `npm run build` (which `npm install` runs) compiles src/ into build/,
// which plain node runs: no TypeScript loader at run time, a quicker start, no compiler child process.
// When build/ is missing, or any source file is newer than its compiled copy (an edit, a pull without a
// reinstall), the TypeScript source runs through tsx instead, so the command never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SRC = fileURLToPath(new URL('..', import.meta.url));
const BUILD = fileURLToPath(new URL('../../build', import.meta.url));

/** True when every .ts file under `src` has a compiled .js under `build` at least as new as itself. */
export function buildIsCurrent(src = SRC, build = BUILD) {
  if (!existsSync(build)) return false;
  const current = (dir, out) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!current(path, join(out, entry.name))) return false;
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const compiled = join(out, `${entry.name.slice(0, -3)}.js`);
        if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(path).mtimeMs) return false;
      }
    }
    return true;
  };
  return current(src, build);
}

/** Imports `src/<name>.ts` as compiled JavaScript when the build is current, else through tsx. */
export async function loadEntry(name) {
  if (buildIsCurrent()) return import(pathToFileURL(join(BUILD, `${name}.js`)).href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(SRC, `${name}.ts`)).href);
}
