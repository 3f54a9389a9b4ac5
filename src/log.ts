// Structured logs (pino) that cannot leak what must never be logged.
//
// Two layers, because a leak costs far more than a few microseconds per line:
//  - by key, at any depth and any case: secrets (token, secret, password, authorization, cookie, …) become
//    "[REDACTED]"; question text (question, text, query) becomes its length only — a question may hold a
//    victim's name, address or date of birth;
//  - by shape, in every other string and in the message itself: Slack tokens, bearer/basic credentials,
//    JWTs and Slack webhook URLs are masked (`redactSecrets`), so a token inside an error message or a
//    URL is caught too.
import pino from 'pino';
import type { DestinationStream, Logger as PinoLogger } from 'pino';
import type { LogLevel } from './config.ts';

export type Logger = PinoLogger;

/**
 * What every part logs through: structured fields first, then the message. The process logger (pino) is
 * one; tests pass a recorder. Parts take this, never pino itself, so a test needs one log-capture helper.
 */
export interface Log {
  debug(fields: object, message?: string): void;
  debug(message: string): void;
  info(fields: object, message?: string): void;
  info(message: string): void;
  warn(fields: object, message?: string): void;
  warn(message: string): void;
  error(fields: object, message?: string): void;
  error(message: string): void;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go; stdout by default. Tests pass a stream and read the JSON lines back. */
  destination?: DestinationStream | NodeJS.WritableStream;
  /** Fields on every line, e.g. `{ service: 'msht-guide' }`. */
  base?: Record<string, unknown>;
}

export const REDACTED = '[REDACTED]';

/** Keys whose values are secrets, matched anywhere in the key: `botToken`, `x-slack-signature`, `Set-Cookie`. */
const SECRET_KEY = /token|secret|passw(or)?d|authori[sz]ation|cookie|api[-_]?key|credential|signature|private[-_]?key/i;

/** Keys whose values are what someone typed. Logged as a length only. */
const TEXT_KEYS = new Set(['question', 'text', 'query']);

const MAX_DEPTH = 10;

const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // Slack tokens: bot, user, app-level, refresh, workspace, legacy.
  [/\b(xox[abposre]|xapp)-[A-Za-z0-9-]+/g, `$1-${REDACTED}`],
  // Authorization header values wherever they end up (error messages, dumped headers).
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // JWTs, e.g. Bot Framework access tokens.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // Slack webhook and response URLs are capabilities: anyone holding one can post.
  [/(hooks\.slack\.com\/[A-Za-z]+\/)[^\s"'<>]+/g, `$1${REDACTED}`],
];

/** Masks secrets that can be recognised by their shape in free text. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** How question text appears in logs: its length, never its words. */
function textLength(value: string): string {
  return `[REDACTED: ${value.length} chars]`;
}

/** A copy of `value` that is safe to log. Never mutates what the caller passed in. */
export function redactValue(value: unknown, key?: string, depth = 0, seen = new WeakSet<object>()): unknown {
  if (key !== undefined) {
    if (SECRET_KEY.test(key) && value !== undefined && value !== null && typeof value !== 'boolean') return REDACTED;
    if (TEXT_KEYS.has(key.toLowerCase()) && typeof value === 'string') return textLength(value);
  }
  if (typeof value === 'string') return redactSecrets(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[Too deep]';
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  try {
    if (value instanceof Error) return redactValue(serializeError(value), undefined, depth, seen);
    if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
    if (value instanceof Date) return value;
    if (value instanceof URL) return redactSecrets(value.toString());
    if (Array.isArray(value)) return value.map((item) => redactValue(item, undefined, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactValue(v, k, depth + 1, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

function serializeError(error: Error): Record<string, unknown> {
  return pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const logger = pino(
    {
      level: options.level ?? 'info',
      ...(options.base ? { base: options.base } : {}),
      // Errors are already serialised (and masked) by the log formatter; serialising again would lose their type.
      serializers: { err: (value: unknown) => value },
      formatters: {
        log: (object) => redactValue(object) as Record<string, unknown>,
        bindings: (bindings) => redactValue(bindings) as Record<string, unknown>,
      },
      hooks: {
        // The message string and any printf-style arguments are free text: mask tokens in them too.
        logMethod(args, method) {
          const safe: unknown[] = args.map((arg) => (typeof arg === 'string' ? redactSecrets(arg) : arg));
          // Logged with an error and no message, pino would use the error's raw message as the line's message.
          const first = safe[0];
          if (safe.length === 1 && first !== null && typeof first === 'object') {
            const error = first instanceof Error ? first : (first as { err?: unknown }).err;
            if (error instanceof Error) safe.push(redactSecrets(error.message));
          }
          return method.apply(this, safe as Parameters<typeof method>);
        },
      },
    },
    options.destination as DestinationStream | undefined,
  );
  // pino's child() skips the bindings formatter, so child bindings are masked here; children inherit this.
  const child = logger.child;
  logger.child = function (this: Logger, bindings, childOptions) {
    return child.call(this, redactValue(bindings) as typeof bindings, childOptions);
  } as typeof logger.child;
  return logger;
}

/** The process-wide logger. LOG_LEVEL is applied by start-up (`logger.level = config.logLevel`). */
export const logger: Logger = createLogger();
