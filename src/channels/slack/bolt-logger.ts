// Bolt and its clients log through this adapter. Their debug output can hold request bodies (and so
// questions), so it is dropped; their info becomes our debug; warnings and errors pass through as
// plain strings, which name what failed and carry no tokens.
import { LogLevel, type Logger } from '@slack/bolt';
import type { Log } from '../../log.ts';

export function boltLogger(logger: Log): Logger {
  let level: LogLevel = LogLevel.INFO;
  const text = (parts: unknown[]) => parts.map((part) => (part instanceof Error ? part.message : String(part))).join(' ');
  return {
    debug: () => {},
    info: (...parts: unknown[]) => logger.debug({ source: 'bolt' }, text(parts)),
    warn: (...parts: unknown[]) => logger.warn({ source: 'bolt' }, text(parts)),
    error: (...parts: unknown[]) => logger.error({ source: 'bolt' }, text(parts)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
