/** True when every .ts file under `src` has a compiled .js under `build` at least as new as itself. */
export function buildIsCurrent(src?: string, build?: string): boolean;
/** Imports `src/<name>.ts` as compiled JavaScript when the build is current, else through tsx. */
export function loadEntry(name: string): Promise<Record<string, unknown>>;
