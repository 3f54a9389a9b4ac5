// Teams with two instances on one PostgreSQL database, as a load balancer in front of them would have it:
// an activity Teams delivers to both is answered once, and a chat that subscribed through one instance gets
// its reminders from whichever instance claims them, through the conversation reference the first stored.
// Both bots run in this process on their own pools and their own HTTP ports; the clock is injected and the
// reminder ticks are driven by the test.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { startBot, type RunningBot } from '../../src/bot.ts';
import { startFakeConnector, type ConnectorCall } from '../teams/helpers.ts';
import { PERSONAL_CHAT, personalMessage } from '../teams/activities.ts';
import { cardOf, visibleLines } from '../teams/card-text.ts';
import { TEST_DATABASE_URL, adminQuery, freshSchema, sayWhySkipped } from '../store/postgres-helpers.ts';

sayWhySkipped();

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function knowledgeDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'msht-pg-teams-')), 'knowledge');
  cpSync('test/fixtures/knowledge/valid', dir, { recursive: true });
  writeFileSync(
    join(dir, 'reminders.yaml'),
    'reminders:\n  - id: briefing\n    title: Shift briefing\n    message: Brief the shift on the signs of exploitation.\n    topic: shift-briefing\n    cron: "0 9 * * *"\n',
  );
  return dir;
}

const hasCard = (call: ConnectorCall) => ((call.activity.attachments ?? []) as Array<{ contentType?: string }>).some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
const lines = (call: ConnectorCall) => (hasCard(call) ? visibleLines(cardOf(call)) : [String(call.activity.text ?? '')]);

describe.skipIf(!TEST_DATABASE_URL)('Teams on two instances sharing PostgreSQL', () => {
  it('answers an activity delivered to both once, and posts a reminder through the reference the other instance stored', { timeout: 60_000 }, async () => {
    const schema = await freshSchema();
    cleanups.push(() => schema.drop());
    const connector = await startFakeConnector();
    cleanups.push(() => connector.close());
    const knowledge = knowledgeDir();
    let clock = new Date('2026-11-23T08:30:00Z');
    const logs: string[] = [];
    const start = async () => {
      const logger = createLogger({ level: 'info', destination: { write: (line: string) => logs.push((JSON.parse(line) as { msg: string }).msg) } });
      const bot = await startBot(loadConfig({ KNOWLEDGE_DIR: knowledge, DATABASE_URL: schema.url }), { logger, port: 0, host: '127.0.0.1', now: () => clock });
      cleanups.push(() => bot.stop());
      return bot;
    };
    const [a, b] = [await start(), await start()];
    await Promise.all([a.scheduler.tick(), b.scheduler.tick()]); // the start-up ticks are done with: nothing due at 08:30
    const post = async (bot: RunningBot, activity: unknown) => {
      const response = await fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      expect(response.status).toBe(200);
    };

    // The chat subscribes through a: its reference and subscription are in the shared database.
    await post(a, personalMessage(connector.serviceUrl, 'subscribe shift-briefing'));
    expect(connector.calls).toHaveLength(1);
    expect(await adminQuery(`SELECT conversation_id FROM ${schema.schema}.conversation_references`)).toEqual([{ conversation_id: PERSONAL_CHAT }]);

    // Teams delivers one question to both (a retry that the load balancer sent to the other instance).
    const question = personalMessage(connector.serviceUrl, 'how do I refer an adult to the NRM');
    await Promise.all([post(a, question), post(b, question)]);
    const answers = connector.calls.slice(1);
    expect(answers.map((call) => lines(call)[0])).toEqual(['Refer an adult to the National Referral Mechanism (NRM)']);
    expect(logs).toContain('teams activity already handled; repeat ignored');

    // 09:00: b, which never heard from the chat, claims the reminder and posts it there; a finds it done.
    clock = new Date('2026-11-23T09:00:30Z');
    expect((await b.scheduler.tick()).delivered).toBe(1);
    expect((await a.scheduler.tick()).delivered).toBe(0);
    const reminders = connector.calls.filter((call) => lines(call).includes('Shift briefing'));
    expect(reminders.map((call) => call.conversationId)).toEqual([PERSONAL_CHAT]);
    expect(await adminQuery(`SELECT reminder_id, platform, channel_id, status, attempts FROM ${schema.schema}.deliveries`)).toEqual([
      { reminder_id: 'briefing', platform: 'teams', channel_id: PERSONAL_CHAT, status: 'delivered', attempts: 1 },
    ]);
  });
});
