// The only place that reads the environment. Everything else receives a typed, validated `Config`.
//
// Start-up must fail early and clearly: every problem is collected and reported together, each naming
// the variable and what is expected, so whoever runs the bot fixes them in one pass. Secret values
// (tokens, signing secrets, passwords) never appear in an error or in `describeConfig`.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withoutPassword } from './store/database-url.ts';
import { cronProblems } from './reminders/schedule.ts';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Socket Mode: the bot dials out to Slack, so no inbound port is needed. */
export interface SlackSocketConfig {
  mode: 'socket';
  botToken: string;
  appToken: string;
  /** Base URL of the Slack Web API, e.g. a loopback fake in tests; undefined means Slack's own. */
  apiUrl?: string;
}

/** HTTP mode: Slack posts to `/slack/events` on the shared server; requests are verified with the signing secret. */
export interface SlackHttpConfig {
  mode: 'http';
  botToken: string;
  signingSecret: string;
  apiUrl?: string;
}

export type SlackConfig = SlackSocketConfig | SlackHttpConfig;

export type MicrosoftAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
export const MICROSOFT_APP_TYPES: readonly MicrosoftAppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];

/** No Microsoft credentials: the local Bot Framework Emulator, unauthenticated. */
export interface TeamsEmulatorConfig {
  mode: 'emulator';
}

/** A registered Azure Bot. Field names follow botbuilder's own environment variables. */
export interface TeamsAzureConfig {
  mode: 'azure';
  appId: string;
  appType: MicrosoftAppType;
  /** Absent for UserAssignedMSI, which authenticates with the managed identity instead. */
  appPassword?: string;
  /** Required for SingleTenant and UserAssignedMSI. */
  tenantId?: string;
}

export type TeamsConfig = TeamsEmulatorConfig | TeamsAzureConfig;

/** Someone who is told when a knowledge edit is broken. */
export interface AdminUser {
  platform: 'slack' | 'teams';
  /** A Slack user id (U…/W…), or a Teams user's AAD object id or Bot Framework id (29:…). */
  id: string;
}

export interface Config {
  port: number;
  knowledgeDir: string;
  /** The SQLite file, used when `databaseUrl` is not set. */
  databasePath: string;
  /** PostgreSQL (`postgres://…`), for several instances sharing one database; unset means SQLite. */
  databaseUrl?: string;
  slack: SlackConfig | undefined;
  teams: TeamsConfig;
  adminUsers: AdminUser[];
  /** How far back the reminder scheduler looks for occurrences missed while the bot was down. */
  reminderCatchUpHours: number;
  /** Questions asked, unanswered questions and feedback are deleted this many days after they were recorded. */
  retentionDays: number;
  /** When the admins' digest goes to ADMIN_USERS: a cron expression in UK time; undefined when turned off. */
  digestSchedule: string | undefined;
  logLevel: LogLevel;
  /** The sentence encoder that reads questions for meaning, and where its vectors are cached; undefined when off. */
  meaning: MeaningSettings | undefined;
}

export interface MeaningSettings {
  cachePath: string;
}

export const DEFAULTS = {
  port: 3978,
  knowledgeDir: 'knowledge',
  databasePath: 'data/msht-guide.db',
  reminderCatchUpHours: 24,
  retentionDays: 90,
  /** Mondays at 09:00, UK time (Europe/London). */
  digestSchedule: '0 9 * * 1',
  logLevel: 'info' as LogLevel,
  meaningCache: 'data/meaning-cache.txt',
} as const;

/** The longest catch-up window accepted: a month covers a long outage without flooding channels. */
export const MAX_REMINDER_CATCH_UP_HOURS = 24 * 31;
/** The longest retention accepted: ten years is longer than any policy asks, and catches a typo. */
export const MAX_RETENTION_DAYS = 3650;

/** Every problem found in the environment; `message` lists them all, one per line. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      problems.length === 1
        ? `Configuration error: ${problems[0]}`
        : `Configuration errors:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;

const MICROSOFT_VARS = ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId'] as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
/** What a Slack token is made of after its prefix: a pasted quote or space is not. */
const SLACK_TOKEN = /^[a-z]+-[A-Za-z0-9-]+$/;
// AAD object ids are GUIDs; Bot Framework user ids look like `29:1a2b…`. Either is accepted.
const TEAMS_USER_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+:[A-Za-z0-9_\-.]+)$/i;

/**
 * Read and validate the configuration. Unset and blank variables are the same (a `.env` line like
 * `SLACK_APP_TOKEN=` means "not set"); values are trimmed, since secrets pasted from files often carry a
 * trailing newline.
 */
/** The process environment. Everything that needs a setting gets it through this file. */
export function processEnv(): Env {
  return process.env;
}

/**
 * The knowledge folder for command-line tools, which must work even when platform settings are broken:
 * KNOWLEDGE_DIR read the same way as for the bot (blank means unset), else the default.
 */
export function knowledgeDirFromEnv(env: Env): string {
  const set = env.KNOWLEDGE_DIR?.trim();
  if (set) return set;
  // Run from the project folder, `knowledge` is the shipped knowledge; run from elsewhere (an installed
  // `msht-guide` command), fall back to the knowledge shipped beside this code rather than failing.
  if (existsSync(DEFAULTS.knowledgeDir)) return DEFAULTS.knowledgeDir;
  const shipped = fileURLToPath(new URL('../knowledge', import.meta.url));
  return existsSync(shipped) ? relative(process.cwd(), shipped) || '.' : DEFAULTS.knowledgeDir;
}

/**
 * The sentence encoder (src/search/meaning.ts), for the bot and the command-line tools alike: MEANING_MODEL
 * `on` (default) or `off` (words alone), and MEANING_CACHE, the file its vectors are kept in. Throws a
 * ConfigError for another MEANING_MODEL value.
 */
export function meaningSettingsFromEnv(env: Env): MeaningSettings | undefined {
  const problems: string[] = [];
  const settings = readMeaning((name) => env[name]?.trim() || undefined, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}

function readMeaning(read: (name: string) => string | undefined, problems: string[]): MeaningSettings | undefined {
  const model = read('MEANING_MODEL')?.toLowerCase() ?? 'on';
  if (model !== 'on' && model !== 'off') {
    problems.push(`MEANING_MODEL must be "on" or "off" (default on); got "${read('MEANING_MODEL')}".`);
    return undefined;
  }
  return model === 'on' ? { cachePath: read('MEANING_CACHE') ?? DEFAULTS.meaningCache } : undefined;
}

/**
 * The database for command-line tools that read what the bot recorded (`report`), which must work even when
 * platform settings are broken: DATABASE_URL (PostgreSQL) or DATABASE_PATH (SQLite), read as for the bot.
 * Throws a ConfigError for a DATABASE_URL that is not a PostgreSQL URL.
 */
export function storeSettingsFromEnv(env: Env): { databasePath: string; databaseUrl?: string } {
  const problems: string[] = [];
  const databaseUrl = readDatabaseUrl(env.DATABASE_URL?.trim() || undefined, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  const databasePath = env.DATABASE_PATH?.trim() || DEFAULTS.databasePath;
  return databaseUrl === undefined ? { databasePath } : { databasePath, databaseUrl };
}

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  const port = readPort(read('PORT'), problems);
  const knowledgeDir = knowledgeDirFromEnv(env);
  const databasePath = read('DATABASE_PATH') ?? DEFAULTS.databasePath;
  const databaseUrl = readDatabaseUrl(read('DATABASE_URL'), problems);
  const slack = readSlack(read, problems);
  const teams = readTeams(read, problems);
  const adminUsers = readAdminUsers(read('ADMIN_USERS'), problems);
  const reminderCatchUpHours = readCatchUpHours(read('REMINDER_CATCH_UP_HOURS'), problems);
  const retentionDays = readRetentionDays(read('RETENTION_DAYS'), problems);
  const digestSchedule = readDigestSchedule(read('DIGEST_SCHEDULE'), problems);
  const logLevel = readLogLevel(read('LOG_LEVEL'), problems);
  const meaning = readMeaning(read, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return { port, knowledgeDir, databasePath, ...(databaseUrl ? { databaseUrl } : {}), slack, teams, adminUsers, reminderCatchUpHours, retentionDays, digestSchedule, logLevel, meaning };
}

/**
 * DATABASE_URL chooses PostgreSQL. Only its shape is checked here (whether the server answers is start-up's
 * business); a value that is not a postgres:// URL is refused without echoing it, since it may hold a password.
 */
function readDatabaseUrl(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') || url.hostname === '') {
    problems.push(
      'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/database (or unset it to use the SQLite file at DATABASE_PATH).',
    );
    return undefined;
  }
  return raw;
}

function readPort(raw: string | undefined, problems: string[]): number {
  if (raw === undefined) return DEFAULTS.port;
  const port = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    problems.push(`PORT must be a whole number from 1 to 65535 (default ${DEFAULTS.port}); got "${raw}".`);
    return DEFAULTS.port;
  }
  return port;
}

function readSlack(read: (name: string) => string | undefined, problems: string[]): SlackConfig | undefined {
  const botToken = read('SLACK_BOT_TOKEN');
  const appToken = read('SLACK_APP_TOKEN');
  const signingSecret = read('SLACK_SIGNING_SECRET');
  const rawApiUrl = read('SLACK_API_URL');
  if (!botToken && !appToken && !signingSecret && !rawApiUrl) return undefined;

  const before = problems.length;
  if (!botToken) {
    const given = [appToken && 'SLACK_APP_TOKEN', signingSecret && 'SLACK_SIGNING_SECRET', rawApiUrl && 'SLACK_API_URL']
      .filter(Boolean)
      .join(' and ');
    problems.push(
      `SLACK_BOT_TOKEN is not set, but ${given} ${given.includes(' and ') ? 'are' : 'is'}: ` +
        'set SLACK_BOT_TOKEN to the app\'s Bot User OAuth Token (starts "xoxb-"), or unset the other Slack variables.',
    );
  } else if (!botToken.startsWith('xoxb-')) {
    problems.push(
      `SLACK_BOT_TOKEN must be the Bot User OAuth Token, which starts "xoxb-"${describeTokenKind(botToken)}.`,
    );
  } else if (!SLACK_TOKEN.test(botToken)) {
    problems.push(`SLACK_BOT_TOKEN has characters a Slack token never has (only letters, digits and "-"): copy it again from OAuth & Permissions.`);
  }
  if (appToken && !appToken.startsWith('xapp-')) {
    problems.push(
      `SLACK_APP_TOKEN must be an app-level token with the connections:write scope, which starts "xapp-"${describeTokenKind(appToken)}.`,
    );
  } else if (appToken && !SLACK_TOKEN.test(appToken)) {
    problems.push(`SLACK_APP_TOKEN has characters a Slack token never has (only letters, digits and "-"): copy it again from Basic Information → App-Level Tokens.`);
  }
  if (botToken && !appToken && !signingSecret) {
    problems.push(
      'SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode on /slack/events) is: set one of them.',
    );
  }
  if (signingSecret && /^(xox[a-z]|xapp)-/.test(signingSecret)) {
    problems.push(
      'SLACK_SIGNING_SECRET looks like a token, not a signing secret: use the "Signing Secret" from the app\'s Basic Information page.',
    );
  } else if (signingSecret && /\s/.test(signingSecret)) {
    problems.push('SLACK_SIGNING_SECRET has a space or line break inside it: copy the "Signing Secret" from the app\'s Basic Information page again.');
  }

  let apiUrl: string | undefined;
  if (rawApiUrl) {
    apiUrl = parseHttpUrl(rawApiUrl);
    if (!apiUrl) {
      problems.push('SLACK_API_URL must be an http:// or https:// URL, e.g. https://slack.com/api/.');
    }
  }

  if (problems.length > before || !botToken) return undefined;
  const withUrl = apiUrl ? { apiUrl } : {};
  // Socket Mode wins when both are set: it needs no inbound port, which is what most force and council
  // networks allow; the signing secret is then unused (describeConfig says so).
  if (appToken) return { mode: 'socket', botToken, appToken, ...withUrl };
  return { mode: 'http', botToken, signingSecret: signingSecret!, ...withUrl };
}

/** Names the kind of Slack token that was given instead, by prefix only, never the value. */
function describeTokenKind(token: string): string {
  const prefix = /^(xox[a-z]|xapp)-/.exec(token)?.[1];
  if (!prefix) return '';
  const kinds: Record<string, string> = {
    xoxp: 'a user token',
    xoxb: 'a bot token',
    xapp: 'an app-level token',
    xoxe: 'a refresh or configuration token',
  };
  return `; the value given is ${kinds[prefix] ?? 'another kind of token'} ("${prefix}-…")`;
}

function parseHttpUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    // The Slack client appends method names (`chat.postMessage`) to this base, so it must end in a slash.
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    return url.toString();
  } catch {
    return undefined;
  }
}

function readTeams(read: (name: string) => string | undefined, problems: string[]): TeamsConfig {
  const set = MICROSOFT_VARS.filter((name) => read(name) !== undefined);
  if (set.length === 0) return { mode: 'emulator' };

  const appId = read('MicrosoftAppId');
  const appPassword = read('MicrosoftAppPassword');
  const rawType = read('MicrosoftAppType');
  const tenantId = read('MicrosoftAppTenantId');
  const before = problems.length;

  let appType: MicrosoftAppType | undefined;
  if (rawType === undefined) {
    if (tenantId) {
      // botbuilder would silently treat this as MultiTenant and ignore the tenant: make the intent explicit.
      problems.push(
        'MicrosoftAppTenantId is set but MicrosoftAppType is not: set MicrosoftAppType to SingleTenant (or UserAssignedMSI) to use the tenant, or unset MicrosoftAppTenantId.',
      );
    } else {
      appType = 'MultiTenant'; // botbuilder's own default
    }
  } else {
    appType = MICROSOFT_APP_TYPES.find((t) => t.toLowerCase() === rawType.toLowerCase());
    if (!appType) {
      problems.push(`MicrosoftAppType must be one of ${MICROSOFT_APP_TYPES.join(', ')}; got "${rawType}".`);
    }
  }

  const needed: string[] = ['MicrosoftAppId'];
  if (appType !== 'UserAssignedMSI') needed.push('MicrosoftAppPassword');
  if (appType === 'SingleTenant' || appType === 'UserAssignedMSI') needed.push('MicrosoftAppTenantId');
  const missing = needed.filter((name) => read(name) === undefined);
  if (missing.length > 0) {
    const what = appType ? `a ${appType} bot` : 'an Azure bot';
    problems.push(
      `Microsoft credentials are incomplete: ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set, but ${what} also needs ` +
        `${missing.join(' and ')}. Set ${missing.length === 1 ? 'it' : 'them'}, or unset all Microsoft variables to run Teams in local emulator mode.`,
    );
  }
  if (appId && !GUID.test(appId)) {
    problems.push(
      `MicrosoftAppId must be the bot's Microsoft App ID, a GUID like 00000000-0000-0000-0000-000000000000; got "${appId}".`,
    );
  }

  if (problems.length > before || !appId || !appType) return { mode: 'emulator' };
  const config: TeamsAzureConfig = { mode: 'azure', appId, appType };
  if (appPassword && appType !== 'UserAssignedMSI') config.appPassword = appPassword;
  if (tenantId) config.tenantId = tenantId;
  return config;
}

/**
 * ADMIN_USERS is a comma-separated list. Each item is `slack:<user id>`, `teams:<AAD object id or 29:… id>`,
 * or a bare Slack user id (U… or W…), which is what a Slack admin copies from a profile.
 */
function readAdminUsers(raw: string | undefined, problems: string[]): AdminUser[] {
  if (raw === undefined) return [];
  const users: AdminUser[] = [];
  const seen = new Set<string>();
  for (const item of raw.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const user = parseAdminUser(item);
    if (!user) {
      problems.push(
        `ADMIN_USERS has "${item}", which is not a user: use slack:U… (a Slack user id), teams:<AAD object id or 29:… id>, ` +
          'or a bare Slack user id starting U or W, separated by commas.',
      );
      continue;
    }
    const key = `${user.platform}:${user.id}`;
    if (!seen.has(key)) {
      seen.add(key);
      users.push(user);
    }
  }
  return users;
}

function parseAdminUser(item: string): AdminUser | undefined {
  const match = /^(slack|teams):(.+)$/i.exec(item);
  if (!match) return SLACK_USER_ID.test(item) ? { platform: 'slack', id: item } : undefined;
  const platform = match[1]!.toLowerCase() as AdminUser['platform'];
  const id = match[2]!.trim();
  if (platform === 'slack') return SLACK_USER_ID.test(id) ? { platform, id } : undefined;
  return TEAMS_USER_ID.test(id) ? { platform, id } : undefined;
}

function readCatchUpHours(raw: string | undefined, problems: string[]): number {
  if (raw === undefined) return DEFAULTS.reminderCatchUpHours;
  const hours = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(hours) || hours > MAX_REMINDER_CATCH_UP_HOURS) {
    problems.push(
      `REMINDER_CATCH_UP_HOURS must be a number of hours from 0 to ${MAX_REMINDER_CATCH_UP_HOURS} ` +
        `(default ${DEFAULTS.reminderCatchUpHours}; 0 turns catch-up off); got "${raw}".`,
    );
    return DEFAULTS.reminderCatchUpHours;
  }
  return hours;
}

function readRetentionDays(raw: string | undefined, problems: string[]): number {
  if (raw === undefined) return DEFAULTS.retentionDays;
  const days = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS) {
    problems.push(
      `RETENTION_DAYS must be a whole number of days from 1 to ${MAX_RETENTION_DAYS} (default ${DEFAULTS.retentionDays}): how long questions and feedback are kept; got "${raw}".`,
    );
    return DEFAULTS.retentionDays;
  }
  return days;
}

/** The timezone DIGEST_SCHEDULE is read in: the admins are in the UK. */
export const DIGEST_TIMEZONE = 'Europe/London';

/** DIGEST_SCHEDULE: a five-field cron expression in UK time, or `off`. */
function readDigestSchedule(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined) return DEFAULTS.digestSchedule;
  if (/^(off|none|false|0)$/i.test(raw)) return undefined;
  const cron = raw.replace(/\s+/g, ' ');
  const found = cron.split(' ').length === 5 ? cronProblems(cron, DIGEST_TIMEZONE) : ['it needs five fields'];
  if (found.length > 0) {
    problems.push(
      `DIGEST_SCHEDULE must be five cron fields (minute hour day-of-month month day-of-week) in UK time, e.g. "${DEFAULTS.digestSchedule}" for Mondays at 09:00 (the default), or "off"; got "${raw}": ${found[0]}.`,
    );
    return DEFAULTS.digestSchedule;
  }
  return cron;
}

function readLogLevel(raw: string | undefined, problems: string[]): LogLevel {
  if (raw === undefined) return DEFAULTS.logLevel;
  const level = LOG_LEVELS.find((l) => l === raw.toLowerCase());
  if (!level) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (default ${DEFAULTS.logLevel}); got "${raw}".`);
    return DEFAULTS.logLevel;
  }
  return level;
}

/** Lines for the start-up log: what is configured and how each platform will start. No secret values. */
export function describeConfig(config: Config): string[] {
  const lines = [
    `HTTP port: ${config.port}`,
    `knowledge folder: ${config.knowledgeDir}`,
    config.databaseUrl === undefined ? `database: ${config.databasePath}` : `database: PostgreSQL at ${withoutPassword(config.databaseUrl)}`,
  ];

  const slack = config.slack;
  if (!slack) {
    lines.push('Slack: not configured (set SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET to enable)');
  } else if (slack.mode === 'socket') {
    lines.push('Slack: Socket Mode (outbound connection; no inbound port needed)');
  } else {
    lines.push('Slack: HTTP mode, receiving events on /slack/events (requests verified with the signing secret)');
  }
  if (slack?.apiUrl) lines.push(`Slack Web API: ${safeUrl(slack.apiUrl)}`);

  const teams = config.teams;
  if (teams.mode === 'emulator') {
    lines.push('Teams: local emulator mode on /api/messages, unauthenticated (MicrosoftAppId not set)');
  } else {
    const tenant = teams.tenantId ? `, tenant ${teams.tenantId}` : '';
    lines.push(`Teams: Azure bot ${teams.appId} (${teams.appType}${tenant}) on /api/messages`);
  }

  lines.push(
    config.adminUsers.length === 0
      ? 'admin users: none (broken knowledge edits are only logged)'
      : `admin users: ${config.adminUsers.map((u) => `${u.platform}:${u.id}`).join(', ')}`,
  );
  lines.push(`reminder catch-up: ${config.reminderCatchUpHours} h`);
  lines.push(`questions and feedback kept: ${config.retentionDays} days`);
  lines.push(
    config.digestSchedule === undefined
      ? "admins' digest: off"
      : `admins' digest: "${config.digestSchedule}" (UK time)${config.adminUsers.length === 0 ? ', but no ADMIN_USERS to send it to' : ''}`,
  );
  lines.push(`log level: ${config.logLevel}`);
  return lines;
}

/** A URL without any user:password part, which would otherwise be logged. */
function safeUrl(raw: string): string {
  const url = new URL(raw);
  url.username = '';
  url.password = '';
  return url.toString();
}
