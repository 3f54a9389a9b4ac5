// The shape of the code, checked: the core never imports a platform, only config.ts reads the environment,
// search imports nothing above it, and no module imports itself round a loop. Imports are read from the
// source text (static, type-only, re-exports and dynamic `import('…')` alike), so a new file is covered
// the moment it exists.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = 'src';

/** Outside the core: the platforms, the command line, and the two entry points that wire them. */
const NOT_CORE = new Set(['channels', 'cli', 'bin', 'cli.ts', 'main.ts', 'bot.ts']);

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The text without comments, so a comment that names `process.env` or an old import is not counted. */
function code(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The project files a file imports (packages and node: built-ins left out), as paths under src/. */
function importsOf(path: string): string[] {
  const found: string[] = [];
  for (const match of code(path).matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2]!;
    if (!specifier.startsWith('.')) continue;
    found.push(normalize(join(dirname(path), specifier)).replace(/\.js$/, '.ts'));
  }
  return found;
}

/** The top-level part of src/ a file belongs to: a folder (`search`) or a root file (`bot.ts`). */
function partOf(path: string): string {
  return relative(SRC, path).split('/')[0]!;
}

const files = sourceFiles();
const graph = new Map(files.map((file) => [file, importsOf(file)]));

describe('architecture', () => {
  it('reads the imports it judges (a check on the checker)', () => {
    expect(graph.get('src/bot.ts')).toContain('src/channels/platforms.ts');
    expect(graph.get('src/cli/serve.ts')).toContain('src/bot.ts'); // a dynamic import
    expect(graph.get('src/search/confidence.ts')).toEqual([]);
    expect(files.length).toBeGreaterThan(100);
  });

  it('keeps the core free of the platforms: no core folder imports channels/', () => {
    const offending = files
      .filter((file) => !NOT_CORE.has(partOf(file)))
      .flatMap((file) => graph.get(file)!.filter((target) => partOf(target) === 'channels').map((target) => `${file} → ${target}`));
    expect(offending).toEqual([]);
  });

  it('reads the environment only in config.ts', () => {
    const readers = files.filter((file) => file !== 'src/config.ts' && /\bprocess\s*(?:\.\s*env\b|\[\s*['"]env['"]\s*\])/.test(code(file)));
    expect(readers).toEqual([]);
  });

  it('keeps search below the answer: search imports only the knowledge and text helpers', () => {
    const allowed = new Set(['search', 'knowledge', 'text']);
    const offending = files
      .filter((file) => partOf(file) === 'search')
      .flatMap((file) => graph.get(file)!.filter((target) => !allowed.has(partOf(target))).map((target) => `${file} → ${target}`));
    expect(offending).toEqual([]);
  });

  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const target of graph.get(file) ?? []) if (graph.has(target)) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
