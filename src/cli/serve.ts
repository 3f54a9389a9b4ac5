// `msht-guide serve`: the HTTP server (/healthz, Teams on /api/messages, Slack on /slack/events in HTTP
// mode), Slack in Socket Mode when configured, and the reminder scheduler, until SIGTERM or SIGINT.
import { ConfigError, loadConfig } from '../config.ts';
import { pollParent } from '../server/shutdown.ts';
import { readArgs, writeLine, type CliIo } from './io.ts';

export const help = `Usage: msht-guide serve

Starts the bot's server on PORT (default 3978):
  /healthz        200 with the knowledge version and entry count when ready, else 503
  /api/messages   Microsoft Teams (local emulator mode, unauthenticated, when MicrosoftAppId is unset)
  /slack/events   Slack in HTTP mode (SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET)
Slack runs in Socket Mode instead when SLACK_APP_TOKEN is set (no inbound port needed).
The reminder scheduler posts to subscribed channels and sends ADMIN_USERS the admins' digest on
DIGEST_SCHEDULE (default Mondays 09:00 UK time; "off" for none). Knowledge edits are picked up
without a restart.
State is kept in the SQLite file at DATABASE_PATH, or in PostgreSQL when DATABASE_URL is set; several
instances may share one PostgreSQL database (each reminder is still posted once).
Questions asked, unanswered questions and feedback are deleted RETENTION_DAYS (default 90) after they
were recorded: at start-up, then every hour.
Stops cleanly on SIGTERM or SIGINT. Configuration: see README.md.`;

export async function run(args: string[], io: CliIo): Promise<number> {
  if (!readArgs('serve', args, {}, io)) return 2;
  try {
    // npm and npx set npm_command; under them a shell sits between npm and the bot and swallows signals.
    const parent = io.env.npm_command !== undefined ? pollParent(io.parentPid ?? process.ppid) : undefined;
    // Loaded here, not at the top: `serve --help` then never loads the platform SDKs.
    const { startBot } = await import('../bot.ts');
    await startBot(loadConfig(io.env), { handleSignals: true, ...(parent ? { parent } : {}) });
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || (error instanceof Error && error.name === 'StartupError')) {
      writeLine(io.stderr, `msht-guide could not start: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
