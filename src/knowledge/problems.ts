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
