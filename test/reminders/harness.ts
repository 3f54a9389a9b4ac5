// A clock, fake platforms and a log that tests read, around a scheduler on any Store.
import type { AnswerEntry } from '../../src/answer/answer.ts';
import { Reminder } from '../../src/knowledge/schema.ts';
import { createScheduler, type Scheduler, type SchedulerOptions, type Timers } from '../../src/reminders/scheduler.ts';
import type { ReminderChannel, ScheduledDestination, ScheduledMessage, SendResult } from '../../src/reminders/sender.ts';
import { digestToLines } from '../../src/report/digest.ts';
import { reminderToText } from '../../src/reminders/text.ts';
import type { Platform, Store } from '../../src/store/store.ts';
import { captureLog, type LogLine } from '../helpers/log.ts';

export interface Posted {
  platform: Platform;
  channelId: string;
  reminderId: string;
  occurrence: string;
  localTime: string;
  text: string;
}

export function reminder(fields: Record<string, unknown>): Reminder {
  return Reminder.parse({ title: 'A reminder', message: 'Hello partnership.', topic: 'awareness-days', ...fields });
}

export const antiSlaveryDay = reminder({
  id: 'anti-slavery-day',
  title: 'UK Anti-Slavery Day',
  message: 'Today is Anti-Slavery Day.',
  yearly: '10-18',
  entry: 'anti-slavery-day',
});

export const entries: Record<string, AnswerEntry> = {
  'anti-slavery-day': {
    id: 'anti-slavery-day',
    kind: 'info',
    title: 'UK Anti-Slavery Day (18 October)',
    summary: 'A day set by the Anti-Slavery Day Act 2010.',
    steps: [],
    sections: [],
    contacts: [],
    links: [],
    source: ['Anti-Slavery Day Act 2010'],
    reviewed: '2026-11-01',
  },
};

export class Clock {
  constructor(public current: Date) {}
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** A platform that records what it posted and answers from a script, channel by channel. */
export class FakePlatform implements ReminderChannel {
  readonly posted: Posted[] = [];
  /** Digests posted to people, with the text they read. */
  readonly digests: { platform: Platform; user: string; title: string; period: string; text: string }[] = [];
  private readonly scripts = new Map<string, (SendResult | Error)[]>();
  /** Called before each send is answered: lets a test run something "during" a post. */
  onSend: (() => Promise<void>) | undefined;

  constructor(readonly platform: Platform) {}

  /** The next sends to `channelId` answer these, in order; after that, ok. */
  script(channelId: string, ...results: (SendResult | Error)[]): void {
    this.scripts.set(channelId, results);
  }

  async send(to: ScheduledDestination, message: ScheduledMessage): Promise<SendResult> {
    const channelId = 'conversation' in to ? to.conversation : to.user;
    if (this.onSend) await this.onSend();
    const next = this.scripts.get(channelId)?.shift();
    if (next instanceof Error) throw next;
    const result = next ?? { ok: true };
    if (!result.ok) return result;
    if (message.kind === 'digest') {
      const { digest } = message;
      this.digests.push({ platform: this.platform, user: channelId, title: digest.title, period: digest.period, text: digestToLines(digest).join('\n') });
      return result;
    }
    const { post } = message;
    this.posted.push({
      platform: this.platform,
      channelId,
      reminderId: post.reminder.id,
      occurrence: post.occurrence.toISOString(),
      localTime: post.localTime,
      text: reminderToText(post),
    });
    return result;
  }
}

/** Timers a test fires by hand: shows what delay the scheduler asked for. */
export class ManualTimers implements Timers {
  pending: { fn: () => void; ms: number; id: number }[] = [];
  private nextId = 1;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.push({ fn, ms, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((t) => t.id !== handle);
  }
  fire(): void {
    const timer = this.pending.shift();
    if (!timer) throw new Error('no timer pending');
    timer.fn();
  }
}

export interface World {
  store: Store;
  clock: Clock;
  slack: FakePlatform;
  teams: FakePlatform;
  logs: LogLine[];
  sleeps: number[];
  reminders: Reminder[];
  scheduler(owner?: string, extra?: Partial<SchedulerOptions>): Scheduler;
}

export function world(store: Store, start: string, reminders: Reminder[] = [antiSlaveryDay]): World {
  const clock = new Clock(new Date(start));
  const slack = new FakePlatform('slack');
  const teams = new FakePlatform('teams');
  const { lines: logs, log } = captureLog();
  const sleeps: number[] = [];
  const w: World = {
    store,
    clock,
    slack,
    teams,
    logs,
    sleeps,
    reminders,
    scheduler(owner = 'bot-1', extra = {}) {
      return createScheduler({
        store,
        channels: [w.slack, w.teams],
        reminders: () => w.reminders,
        entry: (id) => entries[id],
        now: () => clock.current,
        owner,
        logger: log,
        claimStaleMs: 10 * 60 * 1000,
        retry: { attempts: 4, baseMs: 1000, maxMs: 8000 },
        // Waiting moves the clock on, as it would in the world.
        sleep: async (ms) => {
          sleeps.push(ms);
          clock.advance(ms);
        },
        timers: new ManualTimers(),
        ...extra,
      });
    },
  };
  return w;
}

export const allPosts = (w: World): Posted[] => [...w.slack.posted, ...w.teams.posted];
