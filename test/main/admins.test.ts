// Admin notices go to each admin through the platform they are on, and a failure is logged, never thrown.
import { describe, expect, it } from 'vitest';
import { notifyAdmins } from '../../src/bot.ts';
import type { Channel, Destination, Outgoing } from '../../src/channels/channel.ts';
import type { SendResult } from '../../src/reminders/sender.ts';
import { captureLog } from '../helpers/log.ts';

function fakeChannel(platform: string, result: SendResult | Error = { ok: true }) {
  const sent: { to: Destination; message: Outgoing }[] = [];
  const channel: Channel = {
    platform,
    routes: [],
    start: async () => {},
    stop: async () => {},
    describe: () => platform,
    send: async (to, message) => {
      sent.push({ to, message });
      if (result instanceof Error) throw result;
      return result;
    },
  };
  return { channel, sent };
}

describe('notifyAdmins', () => {
  it('sends each admin the lines on their own platform, and skips platforms not running', async () => {
    const slack = fakeChannel('slack');
    const teams = fakeChannel('teams');
    const { log, lines: logged } = captureLog();
    await notifyAdmins(
      [slack.channel, teams.channel],
      [
        { platform: 'slack', id: 'U0ADMIN' },
        { platform: 'teams', id: '29:admin' },
        { platform: 'slack', id: 'U0OTHER' },
      ],
      ['knowledge/entries.yaml:3:5: broken'],
      log,
    );
    expect(slack.sent.map((s) => s.to)).toEqual([{ user: 'U0ADMIN' }, { user: 'U0OTHER' }]);
    expect(teams.sent).toEqual([{ to: { user: '29:admin' }, message: { kind: 'notice', lines: ['knowledge/entries.yaml:3:5: broken'] } }]);
    expect(logged).toEqual([]);
    await notifyAdmins([teams.channel], [{ platform: 'slack', id: 'U0ADMIN' }], ['x'], log);
    expect(slack.sent).toHaveLength(2);
  });

  it('logs a notice that did not go, whether the platform said so or threw', async () => {
    const gone = fakeChannel('teams', { ok: false, kind: 'gone', error: 'no chat with the bot yet' });
    const broken = fakeChannel('slack', new Error('socket closed'));
    const { log, lines } = captureLog();
    await notifyAdmins([gone.channel, broken.channel], [{ platform: 'teams', id: '29:a' }, { platform: 'slack', id: 'U0A' }], ['x'], log);
    expect(lines.map((l) => [l.level, l.message, l.fields])).toEqual([
      ['warn', 'could not notify an admin', { platform: 'teams', kind: 'gone', error: 'no chat with the bot yet' }],
      ['warn', 'could not notify an admin', { platform: 'slack', error: 'socket closed' }],
    ]);
  });
});
