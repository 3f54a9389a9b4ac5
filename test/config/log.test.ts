import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactSecrets } from '../../src/log.ts';

const BOT = 'xoxb-1234-5678-abcdefSECRET1';
const APP = 'xapp-1-A0123-456-abcdefSECRET2';
const USER = 'xoxp-1234-5678-abcdefSECRET3';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib3QifQ.c2lnbmF0dXJlU0VDUkVUNA';
const QUESTION = 'Jane Doe, 12 High Street, DOB 01/02/1990, is she a victim?';

/** A logger writing into memory, and the parsed lines it wrote. */
function capture(level: 'info' | 'debug' = 'info') {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level, destination });
  const raw = () => chunks.join('');
  const lines = () =>
    raw()
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, raw, lines };
}

const SECRETS = ['SECRET1', 'SECRET2', 'SECRET3', 'c2lnbmF0dXJlU0VDUkVUNA', 'hunter2', 'Jane Doe', 'High Street', 'sess=abc'];

function expectClean(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('createLogger', () => {
  it('never writes secret fields, at any depth or case', () => {
    const { logger, raw, lines } = capture();
    logger.info(
      {
        token: BOT,
        slack: { botToken: BOT, appToken: APP, signingSecret: 'hunter2', nested: { deeper: { accessToken: USER } } },
        teams: { appPassword: 'hunter2', MicrosoftAppPassword: 'hunter2' },
        headers: { Authorization: `Bearer ${JWT}`, cookie: 'sess=abc', 'x-slack-signature': 'v0=SECRET1', host: 'example.org' },
        list: [{ password: 'hunter2' }],
      },
      'starting',
    );
    expectClean(raw());
    const [line] = lines();
    expect(line).toMatchObject({
      msg: 'starting',
      token: '[REDACTED]',
      slack: { botToken: '[REDACTED]', appToken: '[REDACTED]', nested: { deeper: { accessToken: '[REDACTED]' } } },
      headers: { Authorization: '[REDACTED]', cookie: '[REDACTED]', host: 'example.org' },
      list: [{ password: '[REDACTED]' }],
    });
  });

  it('logs the length of question text, never the words', () => {
    const { logger, raw, lines } = capture();
    logger.info({ question: QUESTION, event: { text: QUESTION, query: QUESTION } }, 'asked');
    expectClean(raw());
    expect(lines()[0]).toMatchObject({
      question: `[REDACTED: ${QUESTION.length} chars]`,
      event: { text: `[REDACTED: ${QUESTION.length} chars]`, query: `[REDACTED: ${QUESTION.length} chars]` },
    });
  });

  it('masks tokens inside other strings, in the message and in errors', () => {
    const { logger, raw, lines } = capture();
    const error = new Error(`invalid_auth for ${BOT}`);
    logger.error({ err: error, detail: `sent Authorization: Bearer ${JWT}` }, `call failed with ${APP}`);
    logger.error(new Error(`token ${USER} revoked`));
    logger.warn('posting to %s', 'https://hooks.slack.com/commands/T1/123/SECRET1');
    expectClean(raw());
    const [first, second, third] = lines();
    expect(first?.msg).toBe('call failed with xapp-[REDACTED]');
    expect((first?.err as { message: string }).message).toBe('invalid_auth for xoxb-[REDACTED]');
    expect(first?.detail).toBe('sent Authorization: Bearer [REDACTED]');
    expect(second?.msg).toBe('token xoxp-[REDACTED] revoked');
    expect(second?.err).toMatchObject({ type: 'Error', message: 'token xoxp-[REDACTED] revoked' });
    expect((second?.err as { stack: string }).stack).toContain('token xoxp-[REDACTED] revoked');
    expect(third?.msg).toBe('posting to https://hooks.slack.com/commands/[REDACTED]');
  });

  it('redacts child logger bindings too', () => {
    const { logger, raw } = capture();
    logger.child({ botToken: BOT, channel: 'C123' }).child({ appToken: APP }).info('bound');
    expectClean(raw());
    expect(raw()).toContain('"channel":"C123"');
  });

  it('leaves the caller\'s object untouched and survives cycles', () => {
    const { logger, lines } = capture();
    const payload: Record<string, unknown> = { token: BOT, count: 3 };
    payload.self = payload;
    logger.info(payload);
    expect(payload.token).toBe(BOT);
    expect(lines()[0]).toMatchObject({ token: '[REDACTED]', count: 3, self: '[Circular]' });
  });

  it('keeps flags about secrets, which are useful and harmless', () => {
    const { logger, lines } = capture();
    logger.info({ hasToken: true, entries: 12 });
    expect(lines()[0]).toMatchObject({ hasToken: true, entries: 12 });
  });

  it('honours the level', () => {
    const { logger, lines } = capture('info');
    logger.debug('hidden');
    logger.info('shown');
    expect(lines().map((l) => l.msg)).toEqual(['shown']);
  });
});

describe('redactSecrets', () => {
  it.each([
    [`bot ${BOT} end`, 'bot xoxb-[REDACTED] end'],
    [`app ${APP}`, 'app xapp-[REDACTED]'],
    [`user ${USER}`, 'user xoxp-[REDACTED]'],
    [`authorization: bearer ${JWT}`, 'authorization: bearer [REDACTED]'],
    ['Basic dXNlcjpwYXNz', 'Basic [REDACTED]'],
    [`jwt=${JWT}`, 'jwt=[REDACTED]'],
    ['https://hooks.slack.com/services/T0/B0/SECRET1', 'https://hooks.slack.com/services/[REDACTED]'],
    ['nothing secret here: NRM referral', 'nothing secret here: NRM referral'],
  ])('%s', (input, output) => {
    expect(redactSecrets(input)).toBe(output);
  });
});
