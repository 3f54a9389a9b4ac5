// The one way tests capture what the bot logs: a `Log` (src/log.ts) that records each line, for "it said
// so" and "it never logged X" checks.
import type { Log } from '../../src/log.ts';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string | undefined;
}

export const WAIT_FOR_LOG_MS = 3_000;

export function captureLog() {
  const lines: LogLine[] = [];
  const listeners: ((line: LogLine) => void)[] = [];
  const at =
    (level: LogLine['level']) =>
    (fields: object | string, message?: string): void => {
      const line: LogLine =
        typeof fields === 'string'
          ? { level, fields: {}, message: fields }
          : { level, fields: fields as Record<string, unknown>, message };
      lines.push(line);
      for (const listener of listeners) listener(line);
    };
  const log: Log = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return {
    log,
    lines,
    /** The messages logged, in order. */
    messages: (): (string | undefined)[] => lines.map((l) => l.message),
    /** Resolves when a line whose message contains `text` is logged (or already was); rejects after `timeoutMs`. */
    waitFor(text: string, timeoutMs = WAIT_FOR_LOG_MS): Promise<LogLine> {
      const found = lines.find((l) => l.message?.includes(text));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`waited ${timeoutMs} ms for a log line containing "${text}"`)), timeoutMs);
        listeners.push((line) => {
          if (!line.message?.includes(text)) return;
          clearTimeout(timer);
          resolve(line);
        });
      });
    },
    /** Everything logged, as one string. */
    dump: (): string => lines.map((l) => JSON.stringify(l)).join('\n'),
  };
}
