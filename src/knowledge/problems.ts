// A problem found in the knowledge files, pointing at the exact place an admin has to look.

export type Severity = 'error' | 'warning' | 'notice';

export interface Problem {
  /** The file, as given to the loader (relative paths stay relative so editors can open them). */
  file: string;
  /** 1-based line and column. */
  line: number;
  col: number;
  severity: Severity;
  message: string;
}

/** `path:line:col: message` — the form editors and terminals turn into a link. Errors say nothing extra. */
export function formatProblem(problem: Problem): string {
  const prefix = problem.severity === 'error' ? '' : `${problem.severity}: `;
  return `${problem.file}:${problem.line}:${problem.col}: ${prefix}${problem.message}`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Problems in reading order: by file, then line, then column. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.message.localeCompare(b.message),
  );
}

/** The closest of `candidates` to `word`, when it is close enough to be what was meant. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const allowed = Math.max(1, Math.floor(Math.max(word.length, best.length) / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** Damerau-Levenshtein distance (optimal string alignment): a swapped pair of letters counts as one edit. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = value;
    }
  }
  return d[a.length]![b.length]!;
}
