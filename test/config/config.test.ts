import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from '../../src/config.ts';

const BOT = 'xoxb-1111-2222-SECRETBOT';
const APP = 'xapp-1-A111-333-SECRETAPP';
const SIGNING = '8f742231b10e8888abcd99yyyzzz85a5';
const APP_ID = '2f1c3b4a-5d6e-4f70-8192-a3b4c5d6e7f8';
const TENANT = '9a8b7c6d-5e4f-4321-9abc-def012345678';
const PASSWORD = 'Very~Secret.Password_123';

/** The message of the ConfigError thrown for `env`, failing the test if none is thrown. */
function errorFor(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

function expectNoSecrets(text: string): void {
  for (const secret of [BOT, APP, SIGNING, PASSWORD, 'SECRETBOT', 'SECRETAPP', 'Very~Secret']) {
    expect(text).not.toContain(secret);
  }
}

describe('loadConfig defaults', () => {
  it('with an empty environment gives the terminal-friendly defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 3978,
      knowledgeDir: 'knowledge',
      databasePath: 'data/msht-guide.db',
      slack: undefined,
      teams: { mode: 'emulator' },
      adminUsers: [],
      reminderCatchUpHours: 24,
      retentionDays: 90,
      digestSchedule: '0 9 * * 1',
      logLevel: 'info',
      meaning: { cachePath: 'data/meaning-cache.txt' },
    });
  });

  it('reads questions for meaning unless MEANING_MODEL is off, with its cache where MEANING_CACHE says', () => {
    expect(loadConfig({ MEANING_MODEL: 'off' }).meaning).toBeUndefined();
    expect(loadConfig({ MEANING_MODEL: 'OFF' }).meaning).toBeUndefined();
    expect(loadConfig({ MEANING_MODEL: 'on', MEANING_CACHE: '/var/cache/msht/vectors.txt' }).meaning).toEqual({ cachePath: '/var/cache/msht/vectors.txt' });
    expect(() => loadConfig({ MEANING_MODEL: 'yes' })).toThrow('MEANING_MODEL must be "on" or "off" (default on); got "yes".');
  });

  it('treats blank variables as unset', () => {
    const config = loadConfig({
      PORT: '',
      SLACK_BOT_TOKEN: '  ',
      SLACK_APP_TOKEN: '',
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppType: '',
      MicrosoftAppTenantId: '',
      LOG_LEVEL: '',
    });
    expect(config.port).toBe(3978);
    expect(config.slack).toBeUndefined();
    expect(config.teams).toEqual({ mode: 'emulator' });
    expect(config.logLevel).toBe('info');
  });

  it('reads the plain settings', () => {
    const config = loadConfig({
      PORT: '8080',
      KNOWLEDGE_DIR: '/srv/knowledge',
      DATABASE_PATH: '/var/lib/msht/guide.db',
      REMINDER_CATCH_UP_HOURS: '6',
      LOG_LEVEL: 'DEBUG',
    });
    expect(config).toMatchObject({
      port: 8080,
      knowledgeDir: '/srv/knowledge',
      databasePath: '/var/lib/msht/guide.db',
      reminderCatchUpHours: 6,
      logLevel: 'debug',
    });
  });

  it('reads the environment of the process when given nothing', () => {
    expect(loadConfig().port).toBeGreaterThan(0);
  });
});

describe('DATABASE_URL', () => {
  it('is unset by default: the SQLite file at DATABASE_PATH', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(describeConfig(loadConfig({}))).toContain('database: data/msht-guide.db');
  });

  it('chooses PostgreSQL, and the summary shows it without the password', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://bot:Very~Secret@db.internal:5432/msht?sslmode=require' });
    expect(config.databaseUrl).toBe('postgres://bot:Very~Secret@db.internal:5432/msht?sslmode=require');
    const summary = describeConfig(config).join('\n');
    expect(summary).toContain('database: PostgreSQL at postgres://bot@db.internal:5432/msht?sslmode=require');
    expectNoSecrets(summary);
  });

  it.each(['sqlite:///data/bot.db', 'db.internal:5432/msht', 'postgres://', 'mysql://bot:Very~Secret@db/msht'])('refuses %j without repeating it', (value) => {
    const error = errorFor({ DATABASE_URL: value });
    expect(error.message).toContain('DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/database');
    expectNoSecrets(error.message);
  });
});

describe('PORT', () => {
  it.each(['0', '65536', 'abc', '80.5', '-1', '3978x'])('rejects %s', (value) => {
    const error = errorFor({ PORT: value });
    expect(error.message).toContain('PORT must be a whole number from 1 to 65535');
    expect(error.message).toContain(`"${value}"`);
  });

  it.each([['1', 1], ['65535', 65535], [' 3000\n', 3000]])('accepts %j', (value, port) => {
    expect(loadConfig({ PORT: value }).port).toBe(port);
  });
});

describe('Slack', () => {
  it('is off when no Slack variable is set', () => {
    expect(loadConfig({}).slack).toBeUndefined();
  });

  it('uses Socket Mode with a bot token and an app token', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }).slack).toEqual({
      mode: 'socket',
      botToken: BOT,
      appToken: APP,
    });
  });

  it('uses HTTP mode with a bot token and a signing secret', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING }).slack).toEqual({
      mode: 'http',
      botToken: BOT,
      signingSecret: SIGNING,
    });
  });

  it('prefers Socket Mode when both an app token and a signing secret are set', () => {
    const slack = loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: SIGNING }).slack;
    expect(slack?.mode).toBe('socket');
  });

  it('trims a trailing newline pasted with a token', () => {
    const slack = loadConfig({ SLACK_BOT_TOKEN: `${BOT}\n`, SLACK_APP_TOKEN: ` ${APP} ` }).slack;
    expect(slack).toMatchObject({ botToken: BOT, appToken: APP });
  });

  it('takes SLACK_API_URL and makes it a base the client can append methods to', () => {
    const slack = loadConfig({
      SLACK_BOT_TOKEN: BOT,
      SLACK_SIGNING_SECRET: SIGNING,
      SLACK_API_URL: 'http://127.0.0.1:4000/api',
    }).slack;
    expect(slack?.apiUrl).toBe('http://127.0.0.1:4000/api/');
  });

  it('rejects a bot token that is not a bot token, without showing it', () => {
    const error = errorFor({ SLACK_BOT_TOKEN: 'xoxp-9999-SECRETUSER', SLACK_APP_TOKEN: APP });
    expect(error.message).toContain('SLACK_BOT_TOKEN must be the Bot User OAuth Token, which starts "xoxb-"');
    expect(error.message).toContain('a user token ("xoxp-…")');
    expect(error.message).not.toContain('SECRETUSER');
  });

  it('rejects an app token that does not start xapp-, without showing it', () => {
    const error = errorFor({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: BOT });
    expect(error.message).toContain('SLACK_APP_TOKEN must be an app-level token');
    expect(error.message).toContain('starts "xapp-"');
    expectNoSecrets(error.message);
  });

  it('rejects a bot token with neither an app token nor a signing secret', () => {
    const error = errorFor({ SLACK_BOT_TOKEN: BOT });
    expect(error.problems).toEqual([
      'SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode on /slack/events) is: set one of them.',
    ]);
  });

  it('rejects an app token without a bot token', () => {
    const error = errorFor({ SLACK_APP_TOKEN: APP });
    expect(error.message).toContain('SLACK_BOT_TOKEN is not set, but SLACK_APP_TOKEN is');
    expectNoSecrets(error.message);
  });

  it('rejects a signing secret without a bot token', () => {
    const error = errorFor({ SLACK_SIGNING_SECRET: SIGNING });
    expect(error.message).toContain('SLACK_BOT_TOKEN is not set, but SLACK_SIGNING_SECRET is');
    expectNoSecrets(error.message);
  });

  it('rejects SLACK_API_URL on its own, since it points a client that would not exist', () => {
    expect(errorFor({ SLACK_API_URL: 'http://127.0.0.1:4000/api/' }).message).toContain(
      'SLACK_BOT_TOKEN is not set, but SLACK_API_URL is',
    );
  });

  it.each(['ftp://example.org/api/', 'not a url', 'slack.com/api'])('rejects SLACK_API_URL %j', (url) => {
    const error = errorFor({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_API_URL: url });
    expect(error.problems).toEqual(['SLACK_API_URL must be an http:// or https:// URL, e.g. https://slack.com/api/.']);
  });

  it('spots a token pasted as the signing secret, without showing it', () => {
    const error = errorFor({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: APP });
    expect(error.message).toContain('SLACK_SIGNING_SECRET looks like a token');
    expectNoSecrets(error.message);
  });

  it('spots a token or secret pasted with stray characters, without showing it', () => {
    const bot = errorFor({ SLACK_BOT_TOKEN: `${BOT}'`, SLACK_APP_TOKEN: APP });
    expect(bot.problems).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN has characters a Slack token never has/)]);
    const app = errorFor({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: `${APP} x` });
    expect(app.problems).toEqual([expect.stringMatching(/^SLACK_APP_TOKEN has characters a Slack token never has/)]);
    const secret = errorFor({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: `${SIGNING.slice(0, 10)} ${SIGNING.slice(10)}` });
    expect(secret.problems).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET has a space or line break inside it/)]);
    for (const error of [bot, app, secret]) expectNoSecrets(error.message);
  });
});

describe('Teams', () => {
  it('runs in emulator mode with no Microsoft variables', () => {
    expect(loadConfig({}).teams).toEqual({ mode: 'emulator' });
  });

  it('is a MultiTenant Azure bot with an id and password (botbuilder\'s default type)', () => {
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: PASSWORD }).teams).toEqual({
      mode: 'azure',
      appId: APP_ID,
      appPassword: PASSWORD,
      appType: 'MultiTenant',
    });
  });

  it('is a SingleTenant Azure bot with all four variables (type matched case-insensitively)', () => {
    expect(
      loadConfig({
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: PASSWORD,
        MicrosoftAppType: 'singletenant',
        MicrosoftAppTenantId: TENANT,
      }).teams,
    ).toEqual({ mode: 'azure', appId: APP_ID, appPassword: PASSWORD, appType: 'SingleTenant', tenantId: TENANT });
  });

  it('is a managed-identity bot with an id, type and tenant, and no password', () => {
    expect(
      loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT }).teams,
    ).toEqual({ mode: 'azure', appId: APP_ID, appType: 'UserAssignedMSI', tenantId: TENANT });
  });

  it('names the missing password when only the id is set', () => {
    const error = errorFor({ MicrosoftAppId: APP_ID });
    expect(error.problems).toEqual([
      'Microsoft credentials are incomplete: MicrosoftAppId is set, but a MultiTenant bot also needs MicrosoftAppPassword. ' +
        'Set it, or unset all Microsoft variables to run Teams in local emulator mode.',
    ]);
  });

  it('names the missing id when only the password is set, without showing the password', () => {
    const error = errorFor({ MicrosoftAppPassword: PASSWORD });
    expect(error.message).toContain('MicrosoftAppPassword is set, but a MultiTenant bot also needs MicrosoftAppId.');
    expectNoSecrets(error.message);
  });

  it('says a SingleTenant bot needs the tenant id', () => {
    const error = errorFor({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: PASSWORD, MicrosoftAppType: 'SingleTenant' });
    expect(error.message).toContain('a SingleTenant bot also needs MicrosoftAppTenantId');
    expectNoSecrets(error.message);
  });

  it('names everything missing at once', () => {
    const error = errorFor({ MicrosoftAppType: 'SingleTenant' });
    expect(error.message).toContain(
      'MicrosoftAppType is set, but a SingleTenant bot also needs MicrosoftAppId and MicrosoftAppPassword and MicrosoftAppTenantId',
    );
  });

  it('rejects an unknown app type, listing the allowed ones', () => {
    const error = errorFor({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: PASSWORD, MicrosoftAppType: 'Single' });
    expect(error.message).toContain('MicrosoftAppType must be one of MultiTenant, SingleTenant, UserAssignedMSI; got "Single"');
  });

  it('asks for the app type when a tenant id is set without one', () => {
    const error = errorFor({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: PASSWORD, MicrosoftAppTenantId: TENANT });
    expect(error.message).toContain('MicrosoftAppTenantId is set but MicrosoftAppType is not');
  });

  it('rejects an app id that is not a GUID (for example the password pasted in the wrong place)', () => {
    const error = errorFor({ MicrosoftAppId: 'my-bot', MicrosoftAppPassword: PASSWORD });
    expect(error.message).toContain("MicrosoftAppId must be the bot's Microsoft App ID, a GUID");
    expectNoSecrets(error.message);
  });
});

describe('ADMIN_USERS', () => {
  it('reads prefixed and bare ids, trimmed, without duplicates', () => {
    const config = loadConfig({
      ADMIN_USERS: ` slack:U012ABCDEF, W0ABCDEF12 ,teams:${TENANT},teams:29:1AbC-dEf_gh,U012ABCDEF,,`,
    });
    expect(config.adminUsers).toEqual([
      { platform: 'slack', id: 'U012ABCDEF' },
      { platform: 'slack', id: 'W0ABCDEF12' },
      { platform: 'teams', id: TENANT },
      { platform: 'teams', id: '29:1AbC-dEf_gh' },
    ]);
  });

  it.each(['alice@example.org', 'slack:alice', 'teams:bob', 'C012ABCDEF', 'discord:U012ABCDEF'])(
    'rejects %j, saying what is allowed',
    (item) => {
      const error = errorFor({ ADMIN_USERS: `U012ABCDEF,${item}` });
      expect(error.problems).toHaveLength(1);
      expect(error.message).toContain(`ADMIN_USERS has "${item}", which is not a user: use slack:U…`);
    },
  );
});

describe('REMINDER_CATCH_UP_HOURS and LOG_LEVEL', () => {
  it('accepts 0 to turn catch-up off, and fractions of an hour', () => {
    expect(loadConfig({ REMINDER_CATCH_UP_HOURS: '0' }).reminderCatchUpHours).toBe(0);
    expect(loadConfig({ REMINDER_CATCH_UP_HOURS: '1.5' }).reminderCatchUpHours).toBe(1.5);
  });

  it.each(['-1', 'a day', '745'])('rejects catch-up hours %j', (value) => {
    expect(errorFor({ REMINDER_CATCH_UP_HOURS: value }).message).toContain(
      'REMINDER_CATCH_UP_HOURS must be a number of hours from 0 to 744',
    );
  });

  it('rejects an unknown log level, listing the allowed ones', () => {
    expect(errorFor({ LOG_LEVEL: 'verbose' }).message).toContain(
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (default info); got "verbose"',
    );
  });
});

describe('RETENTION_DAYS', () => {
  it('keeps questions and feedback 90 days unless told otherwise', () => {
    expect(loadConfig({}).retentionDays).toBe(90);
    expect(loadConfig({ RETENTION_DAYS: '30' }).retentionDays).toBe(30);
    expect(loadConfig({ RETENTION_DAYS: ' 365 ' }).retentionDays).toBe(365);
  });

  it.each(['0', '-5', '30d', '1.5', '3651'])('rejects %j, saying what it is for', (value) => {
    expect(errorFor({ RETENTION_DAYS: value }).message).toBe(
      `Configuration error: RETENTION_DAYS must be a whole number of days from 1 to 3650 (default 90): how long questions and feedback are kept; got "${value}".`,
    );
  });
});

describe('DIGEST_SCHEDULE', () => {
  it('sends the admins their digest on Mondays at 09:00 UK time unless told otherwise', () => {
    expect(loadConfig({}).digestSchedule).toBe('0 9 * * 1');
    expect(loadConfig({ DIGEST_SCHEDULE: '30  8 * * 5' }).digestSchedule).toBe('30 8 * * 5');
    expect(describeConfig(loadConfig({ DIGEST_SCHEDULE: '30 8 * * 5', ADMIN_USERS: 'U012ABCDEF' }))).toContain(`admins' digest: "30 8 * * 5" (UK time)`);
  });

  it.each(['off', 'OFF', 'none'])('is turned off by %j', (value) => {
    expect(loadConfig({ DIGEST_SCHEDULE: value }).digestSchedule).toBeUndefined();
    expect(describeConfig(loadConfig({ DIGEST_SCHEDULE: value }))).toContain("admins' digest: off");
  });

  it.each([
    ['monday 9am', 'it needs five fields'],
    ['0 9 * *', 'it needs five fields'],
    ['* 9 * * 1', 'fires more than once an hour'],
    ['0 9 31 2 *', 'never falls on a real date'],
    ['0 25 * * 1', 'is not a cron expression'],
  ])('refuses %j, saying what is wrong and what it takes', (value, why) => {
    const error = errorFor({ DIGEST_SCHEDULE: value });
    expect(error.problems).toHaveLength(1);
    expect(error.message).toContain(
      `DIGEST_SCHEDULE must be five cron fields (minute hour day-of-month month day-of-week) in UK time, e.g. "0 9 * * 1" for Mondays at 09:00 (the default), or "off"; got "${value}": `,
    );
    expect(error.message).toContain(why);
  });
});

describe('ConfigError', () => {
  it('reports every problem together, one per line, and no secret', () => {
    const error = errorFor({
      PORT: '99999',
      SLACK_BOT_TOKEN: 'xoxp-SECRETBOT',
      SLACK_APP_TOKEN: 'xoxb-SECRETAPP',
      MicrosoftAppPassword: PASSWORD,
      LOG_LEVEL: 'loud',
    });
    expect(error.problems).toHaveLength(5);
    expect(error.message.split('\n')[0]).toBe('Configuration errors:');
    for (const variable of ['PORT', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'MicrosoftAppId', 'LOG_LEVEL']) {
      expect(error.message).toMatch(new RegExp(`^  - .*${variable}`, 'm'));
    }
    expectNoSecrets(error.message);
    expect(error.name).toBe('ConfigError');
  });

  it('puts a single problem on one line', () => {
    expect(errorFor({ PORT: 'x' }).message).toBe(
      'Configuration error: PORT must be a whole number from 1 to 65535 (default 3978); got "x".',
    );
  });
});

describe('describeConfig', () => {
  it('describes each platform and never includes a secret', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: BOT,
      SLACK_SIGNING_SECRET: SIGNING,
      SLACK_API_URL: 'http://user:SECRETBOT@127.0.0.1:4000/api/',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: PASSWORD,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT,
      ADMIN_USERS: 'U012ABCDEF',
    });
    const lines = describeConfig(config);
    const text = lines.join('\n');
    expect(lines).toContain('Slack: HTTP mode, receiving events on /slack/events (requests verified with the signing secret)');
    expect(lines).toContain('Slack Web API: http://127.0.0.1:4000/api/');
    expect(lines).toContain(`Teams: Azure bot ${APP_ID} (SingleTenant, tenant ${TENANT}) on /api/messages`);
    expect(lines).toContain('admin users: slack:U012ABCDEF');
    expectNoSecrets(text);
  });

  it('says how things start with no credentials', () => {
    expect(describeConfig(loadConfig({}))).toEqual([
      'HTTP port: 3978',
      'knowledge folder: knowledge',
      'database: data/msht-guide.db',
      'Slack: not configured (set SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET to enable)',
      'Teams: local emulator mode on /api/messages, unauthenticated (MicrosoftAppId not set)',
      'admin users: none (broken knowledge edits are only logged)',
      'reminder catch-up: 24 h',
      'questions and feedback kept: 90 days',
      "admins' digest: \"0 9 * * 1\" (UK time), but no ADMIN_USERS to send it to",
      'log level: info',
    ]);
  });

  it('describes Socket Mode', () => {
    const lines = describeConfig(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }));
    expect(lines).toContain('Slack: Socket Mode (outbound connection; no inbound port needed)');
    expectNoSecrets(lines.join('\n'));
  });
});
