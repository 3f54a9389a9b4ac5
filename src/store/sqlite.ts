// The default Store: one SQLite file (better-sqlite3), safe to share between bot processes.
//
// - WAL mode, so readers never block the writer and a reader never sees half a write.
// - busy_timeout, so a second process waits for the lock instead of failing with SQLITE_BUSY.
// - Every write runs in an IMMEDIATE transaction: it takes the write lock before reading, so a
//   read-then-write can never be undercut by another process committing in between (which SQLite
//   would report as SQLITE_BUSY without waiting).
// - Claims are one conditional upsert: whichever process's statement runs first wins; the other's
//   condition is false and it changes nothing.
// - better-sqlite3 is synchronous; the Store contract is a promise per call, so each method is async over
//   it. A call runs to completion before its promise settles, so nothing interleaves inside a transaction.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, migrations as defaultMigrations, type Migration } from './migrations.ts';
import { STORE_DEFAULTS, canonicalOccurrence, checkFeedbackReason, checkStaleAfter, iso, newFeedbackId, newHandoffId, storedQuestion, toHandoff, type HandoffRow } from './values.ts';
import type {
  ChannelRef,
  Delivery,
  DeliveryKey,
  DeliveryStatus,
  FeedbackInput,
  FeedbackReason,
  FeedbackRow,
  Forgotten,
  HandoffAnswer,
  HandoffInput,
  HandoffStatus,
  QuestionInput,
  QuestionRow,
  Store,
  Subscription,
  UnansweredInput,
  UnansweredRow,
} from './store.ts';

export interface SqliteStoreOptions {
  /** How long a write waits for another process's lock before failing. Default 5 s. */
  busyTimeoutMs?: number;
  /** How long `markEventSeen` remembers a key. Platforms retry within minutes; default 24 h. */
  eventRetentionMs?: number;
  /** The schema steps; tests pass their own to exercise upgrades. Default: the product's migrations. */
  migrations?: readonly Migration[];
}

export const DEFAULTS = {
  busyTimeoutMs: 5_000,
  eventRetentionMs: STORE_DEFAULTS.eventRetentionMs,
} as const;

interface DeliveryRow {
  reminder_id: string;
  occurrence: string;
  platform: string;
  channel_id: string;
  status: DeliveryStatus;
  permanent: number;
  attempts: number;
  claimed_at: string | null;
  claimed_by: string | null;
  delivered_at: string | null;
  last_error: string | null;
}

interface SubscriptionRow {
  platform: string;
  channel_id: string;
  topic: string;
  created_at: string;
  disabled_at: string | null;
  disabled_reason: string | null;
}

function keyParams(key: DeliveryKey) {
  return {
    reminder_id: key.reminderId,
    occurrence: canonicalOccurrence(key.occurrence),
    platform: key.platform,
    channel_id: key.channelId,
  };
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    reminderId: row.reminder_id,
    occurrence: row.occurrence,
    platform: row.platform as Delivery['platform'],
    channelId: row.channel_id,
    status: row.status,
    permanent: row.permanent === 1,
    attempts: row.attempts,
    claimedAt: row.claimed_at,
    claimedBy: row.claimed_by,
    deliveredAt: row.delivered_at,
    lastError: row.last_error,
  };
}

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    platform: row.platform as Subscription['platform'],
    channelId: row.channel_id,
    topic: row.topic,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    disabledReason: row.disabled_reason,
  };
}

function openDatabase(file: string, busyTimeoutMs: number): Database.Database {
  const inMemory = file === ':memory:' || file === '';
  if (!inMemory) {
    // Owner-only: the file holds conversation references and (redacted) questions. SQLite gives the
    // -wal and -shm files the same permissions as the database file.
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
    fs.closeSync(fs.openSync(file, 'a', 0o600));
  }
  const db = new Database(file, { timeout: busyTimeoutMs });
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
    if (!inMemory) enableWal(db, busyTimeoutMs);
    // In WAL mode NORMAL loses at most the last transactions on power loss, never consistency.
    db.pragma('synchronous = NORMAL');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Switch a database to WAL. Two processes opening a new file at once race to switch it, and SQLite
 * reports SQLITE_BUSY for the loser without waiting on busy_timeout; so wait and try again, within the
 * same time budget, until one of them has switched it (the other then finds it already in WAL).
 */
function enableWal(db: Database.Database, busyTimeoutMs: number): void {
  const deadline = Date.now() + busyTimeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, 10);
    }
  }
}

/** Open (creating on first start) the SQLite store at `file`. `:memory:` gives a private in-memory store. */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULTS.busyTimeoutMs;
  const eventRetentionMs = options.eventRetentionMs ?? DEFAULTS.eventRetentionMs;
  const db = openDatabase(file, busyTimeoutMs);
  try {
    migrate(db, options.migrations ?? defaultMigrations);
  } catch (error) {
    db.close();
    throw error;
  }

  const write = <A extends unknown[], R>(fn: (...args: A) => R) => {
    const tx = db.transaction(fn);
    return async (...args: A): Promise<R> => tx.immediate(...args);
  };
  const read =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    async (...args: A): Promise<R> =>
      fn(...args);

  const stmt = {
    subscribe: db.prepare(`
      INSERT INTO subscriptions (platform, channel_id, topic, created_at)
      VALUES (@platform, @channel_id, @topic, @now)
      ON CONFLICT (platform, channel_id, topic) DO UPDATE
        SET disabled_at = NULL, disabled_reason = NULL
        WHERE disabled_at IS NOT NULL`),
    unsubscribe: db.prepare(
      'DELETE FROM subscriptions WHERE platform = @platform AND channel_id = @channel_id AND topic = @topic',
    ),
    subscriptionsFor: db.prepare(
      'SELECT * FROM subscriptions WHERE platform = @platform AND channel_id = @channel_id ORDER BY topic',
    ),
    subscribersOf: db.prepare(
      'SELECT * FROM subscriptions WHERE topic = ? AND disabled_at IS NULL ORDER BY platform, channel_id',
    ),
    subscriptions: db.prepare('SELECT * FROM subscriptions ORDER BY platform, channel_id, topic'),
    disableChannel: db.prepare(`
      UPDATE subscriptions SET disabled_at = @now, disabled_reason = @reason
      WHERE platform = @platform AND channel_id = @channel_id AND disabled_at IS NULL`),

    saveReference: db.prepare(`
      INSERT INTO conversation_references (conversation_id, reference, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (conversation_id) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at`),
    reference: db.prepare('SELECT reference FROM conversation_references WHERE conversation_id = ?'),
    removeReference: db.prepare('DELETE FROM conversation_references WHERE conversation_id = ?'),
    references: db.prepare('SELECT conversation_id, reference FROM conversation_references ORDER BY conversation_id'),

    // The claim: a fresh row, or take over a row whose earlier claim went stale (claimed_at strictly
    // before the cutoff) or whose last attempt failed transiently. Delivered, skipped, permanently
    // failed and live claims are left alone, and `changes` is 0.
    claim: db.prepare(`
      INSERT INTO deliveries
        (reminder_id, occurrence, platform, channel_id, status, attempts, claimed_at, claimed_by, updated_at)
      VALUES (@reminder_id, @occurrence, @platform, @channel_id, 'claimed', 1, @now, @owner, @now)
      ON CONFLICT (reminder_id, occurrence, platform, channel_id) DO UPDATE
        SET status = 'claimed', attempts = attempts + 1, claimed_at = excluded.claimed_at,
            claimed_by = excluded.claimed_by, updated_at = excluded.updated_at
        WHERE (status = 'claimed' AND claimed_at < @stale_before)
           OR (status = 'failed' AND permanent = 0)`),
    // What was sent was sent: delivered wins over any earlier state.
    markDelivered: db.prepare(`
      INSERT INTO deliveries
        (reminder_id, occurrence, platform, channel_id, status, attempts, delivered_at, updated_at)
      VALUES (@reminder_id, @occurrence, @platform, @channel_id, 'delivered', 1, @now, @now)
      ON CONFLICT (reminder_id, occurrence, platform, channel_id) DO UPDATE
        SET status = 'delivered', permanent = 0, delivered_at = excluded.delivered_at, updated_at = excluded.updated_at`),
    markFailed: db.prepare(`
      INSERT INTO deliveries
        (reminder_id, occurrence, platform, channel_id, status, permanent, attempts, last_error, updated_at)
      VALUES (@reminder_id, @occurrence, @platform, @channel_id, 'failed', @permanent, 1, @error, @now)
      ON CONFLICT (reminder_id, occurrence, platform, channel_id) DO UPDATE
        SET status = 'failed', permanent = excluded.permanent, last_error = excluded.last_error,
            updated_at = excluded.updated_at
        WHERE status IN ('claimed', 'failed') AND permanent = 0`),
    markSkipped: db.prepare(`
      INSERT INTO deliveries
        (reminder_id, occurrence, platform, channel_id, status, attempts, last_error, updated_at)
      VALUES (@reminder_id, @occurrence, @platform, @channel_id, 'skipped', 0, @reason, @now)
      ON CONFLICT (reminder_id, occurrence, platform, channel_id) DO UPDATE
        SET status = 'skipped', last_error = excluded.last_error, updated_at = excluded.updated_at
        WHERE status IN ('claimed', 'failed')`),
    delivery: db.prepare(`
      SELECT * FROM deliveries
      WHERE reminder_id = @reminder_id AND occurrence = @occurrence AND platform = @platform AND channel_id = @channel_id`),

    seeEvent: db.prepare('INSERT INTO seen_events (key, seen_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
    pruneEvents: db.prepare('DELETE FROM seen_events WHERE seen_at < ?'),

    getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),

    recordFeedback: db.prepare(
      'INSERT INTO feedback (ref, entry_id, helpful, platform, question, at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    recordFeedbackReason: db.prepare('UPDATE feedback SET reason = ?, reason_at = ? WHERE ref = ? AND helpful = 0'),
    feedback: db.prepare('SELECT ref, entry_id, helpful, platform, question, reason, at FROM feedback WHERE at >= ? ORDER BY at, id'),
    recordQuestion: db.prepare('INSERT INTO questions (at, platform, status, urgent, entry_id) VALUES (?, ?, ?, ?, ?)'),
    questions: db.prepare('SELECT at, platform, status, urgent, entry_id FROM questions WHERE at >= ? ORDER BY at, id'),
    recordUnanswered: db.prepare(
      'INSERT INTO unanswered (question, status, platform, score, at) VALUES (?, ?, ?, ?, ?)',
    ),
    unanswered: db.prepare(
      'SELECT question, status, platform, score, at FROM unanswered WHERE at >= ? ORDER BY at DESC, id DESC LIMIT ?',
    ),
    forgetQuestions: db.prepare('DELETE FROM questions WHERE at < ?'),
    forgetUnanswered: db.prepare('DELETE FROM unanswered WHERE at < ?'),
    forgetFeedback: db.prepare('DELETE FROM feedback WHERE at < ?'),
    forgetHandoffAnswers: db.prepare(
      "DELETE FROM handoff_answers WHERE handoff_id IN (SELECT id FROM handoffs WHERE created_at < ? AND status <> 'open')",
    ),
    forgetHandoffs: db.prepare("DELETE FROM handoffs WHERE created_at < ? AND status <> 'open'"),
    createHandoff: db.prepare(`
      INSERT INTO handoffs (id, platform, asker, reply_to, reply_thread, question, team_id, team_channel, best_guess, status, created_at)
      VALUES (@id, @platform, @asker, @reply_to, @reply_thread, @question, @team_id, @team_channel, @best_guess, 'draft', @now)`),
    handoff: db.prepare('SELECT * FROM handoffs WHERE id = ?'),
    chooseHandoffTeam: db.prepare("UPDATE handoffs SET team_id = ?, team_channel = ? WHERE id = ? AND status = 'draft'"),
    openHandoff: db.prepare(`
      UPDATE handoffs SET status = 'open', opened_at = @now, expires_at = @expires_at, remind_at = @remind_at
      WHERE id = @id AND status = 'draft' AND team_id IS NOT NULL AND team_channel IS NOT NULL`),
    cancelHandoff: db.prepare("UPDATE handoffs SET status = 'cancelled', closed_at = ? WHERE id = ? AND status = 'draft'"),
    markHandoffPosted: db.prepare('UPDATE handoffs SET posted_at = ?, post_ref = ? WHERE id = ?'),
    handoffByPost: db.prepare('SELECT * FROM handoffs WHERE platform = ? AND team_channel = ? AND post_ref = ?'),
    countAnswer: db.prepare(`
      UPDATE handoffs SET answers = answers + 1,
        status = CASE WHEN status = 'open' THEN 'answered' ELSE status END,
        answered_at = CASE WHEN status = 'open' THEN @now ELSE answered_at END
      WHERE id = @id AND status IN ('open', 'answered', 'expired')
      RETURNING answers`),
    insertAnswer: db.prepare('INSERT INTO handoff_answers (handoff_id, seq, expert, text, at) VALUES (?, ?, ?, ?, ?)'),
    handoffAnswer: db.prepare('SELECT handoff_id, seq, expert, text, at FROM handoff_answers WHERE handoff_id = ? AND seq = ?'),
    markHandoffReminded: db.prepare('UPDATE handoffs SET reminded_at = ? WHERE id = ?'),
    expireHandoff: db.prepare("UPDATE handoffs SET status = 'expired', closed_at = ? WHERE id = ? AND status = 'open'"),
    ping: db.prepare('SELECT 1 AS ok'),
  };

  const channelParams = (channel: ChannelRef) => ({ platform: channel.platform, channel_id: channel.channelId });

  const claim = write((key: DeliveryKey, owner: string, now: Date, staleAfterMs: number): boolean => {
    checkStaleAfter(staleAfterMs);
    const result = stmt.claim.run({
      ...keyParams(key),
      owner,
      now: iso(now),
      stale_before: iso(new Date(now.getTime() - staleAfterMs)),
    });
    return result.changes === 1;
  });

  const seeEvent = write((key: string, now: Date): boolean => {
    stmt.pruneEvents.run(iso(new Date(now.getTime() - eventRetentionMs)));
    return stmt.seeEvent.run(key, iso(now)).changes === 1;
  });

  let open = true;

  return {
    subscribe: write((channel: ChannelRef, topic: string, now: Date): boolean => {
      return stmt.subscribe.run({ ...channelParams(channel), topic, now: iso(now) }).changes === 1;
    }),
    unsubscribe: write((channel: ChannelRef, topic: string): boolean => {
      return stmt.unsubscribe.run({ ...channelParams(channel), topic }).changes === 1;
    }),
    subscriptionsFor: read((channel: ChannelRef) =>
      (stmt.subscriptionsFor.all(channelParams(channel)) as SubscriptionRow[]).map(toSubscription),
    ),
    subscribersOf: read((topic: string) => (stmt.subscribersOf.all(topic) as SubscriptionRow[]).map(toSubscription)),
    disableChannel: write((channel: ChannelRef, reason: string, now: Date): number => {
      return stmt.disableChannel.run({ ...channelParams(channel), reason, now: iso(now) }).changes;
    }),
    subscriptions: read(() => (stmt.subscriptions.all() as SubscriptionRow[]).map(toSubscription)),

    saveConversationReference: write((conversationId: string, reference: unknown, now: Date): void => {
      const json = JSON.stringify(reference);
      if (json === undefined) throw new TypeError('a conversation reference must be JSON-serialisable');
      stmt.saveReference.run(conversationId, json, iso(now));
    }),
    conversationReference: read((conversationId: string): unknown => {
      const row = stmt.reference.get(conversationId) as { reference: string } | undefined;
      return row === undefined ? undefined : (JSON.parse(row.reference) as unknown);
    }),
    removeConversationReference: write((conversationId: string): boolean => {
      return stmt.removeReference.run(conversationId).changes === 1;
    }),
    conversationReferences: read(() =>
      (stmt.references.all() as { conversation_id: string; reference: string }[]).map((row) => ({
        conversationId: row.conversation_id,
        reference: JSON.parse(row.reference) as unknown,
      })),
    ),

    claimDelivery: claim,
    markDelivered: write((key: DeliveryKey, now: Date): void => {
      stmt.markDelivered.run({ ...keyParams(key), now: iso(now) });
    }),
    markFailed: write((key: DeliveryKey, error: string, now: Date, permanent: boolean): void => {
      stmt.markFailed.run({ ...keyParams(key), error, permanent: permanent ? 1 : 0, now: iso(now) });
    }),
    markSkipped: write((key: DeliveryKey, reason: string, now: Date): void => {
      stmt.markSkipped.run({ ...keyParams(key), reason, now: iso(now) });
    }),
    delivery: read((key: DeliveryKey) => {
      const row = stmt.delivery.get(keyParams(key)) as DeliveryRow | undefined;
      return row === undefined ? undefined : toDelivery(row);
    }),
    deliveries: read((filter: { reminderId?: string; status?: DeliveryStatus; since?: Date } = {}) => {
      const where: string[] = [];
      const params: Record<string, string> = {};
      if (filter.reminderId !== undefined) {
        where.push('reminder_id = @reminder_id');
        params.reminder_id = filter.reminderId;
      }
      if (filter.status !== undefined) {
        where.push('status = @status');
        params.status = filter.status;
      }
      if (filter.since !== undefined) {
        where.push('occurrence >= @since');
        params.since = iso(filter.since);
      }
      const sql =
        'SELECT * FROM deliveries' +
        (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
        ' ORDER BY occurrence, reminder_id, platform, channel_id';
      return (db.prepare(sql).all(params) as DeliveryRow[]).map(toDelivery);
    }),

    markEventSeen: seeEvent,

    getMeta: read((key: string) => (stmt.getMeta.get(key) as { value: string } | undefined)?.value),
    setMeta: write((key: string, value: string): void => {
      stmt.setMeta.run(key, value);
    }),

    recordFeedback: write((input: FeedbackInput, now: Date): string => {
      const question = input.question === undefined ? null : storedQuestion(input.question);
      const id = newFeedbackId();
      stmt.recordFeedback.run(id, input.entryId, input.helpful ? 1 : 0, input.platform, question, iso(now));
      return id;
    }),
    recordFeedbackReason: write((id: string, reason: FeedbackReason, now: Date): boolean => {
      return stmt.recordFeedbackReason.run(checkFeedbackReason(reason), iso(now), id).changes === 1;
    }),
    feedback: read((since?: Date): FeedbackRow[] =>
      (
        stmt.feedback.all(since === undefined ? '' : iso(since)) as {
          ref: string;
          entry_id: string;
          helpful: number;
          platform: string;
          question: string | null;
          reason: FeedbackReason | null;
          at: string;
        }[]
      ).map((row) => ({
        id: row.ref,
        entryId: row.entry_id,
        helpful: row.helpful === 1,
        platform: row.platform,
        question: row.question,
        reason: row.reason,
        at: row.at,
      })),
    ),
    recordQuestion: write((input: QuestionInput, now: Date): void => {
      stmt.recordQuestion.run(iso(now), input.platform, input.status, input.urgent ? 1 : 0, input.entryId);
    }),
    questions: read((since: Date): QuestionRow[] =>
      (
        stmt.questions.all(iso(since)) as { at: string; platform: string; status: QuestionRow['status']; urgent: number; entry_id: string | null }[]
      ).map((row) => ({ at: row.at, platform: row.platform, status: row.status, urgent: row.urgent === 1, entryId: row.entry_id })),
    ),
    recordUnanswered: write((input: UnansweredInput, now: Date): void => {
      stmt.recordUnanswered.run(storedQuestion(input.question), input.status, input.platform, input.score, iso(now));
    }),
    unanswered: read(
      (limit: number = STORE_DEFAULTS.unansweredLimit, since?: Date) =>
        stmt.unanswered.all(since === undefined ? '' : iso(since), Math.max(0, Math.trunc(limit))) as UnansweredRow[],
    ),
    forgetBefore: write((before: Date): Forgotten => {
      const cutoff = iso(before);
      return {
        questions: stmt.forgetQuestions.run(cutoff).changes,
        unanswered: stmt.forgetUnanswered.run(cutoff).changes,
        feedback: stmt.forgetFeedback.run(cutoff).changes,
        handoffs: (stmt.forgetHandoffAnswers.run(cutoff), stmt.forgetHandoffs.run(cutoff).changes),
      };
    }),

    createHandoff: write((input: HandoffInput, now: Date) => {
      const id = newHandoffId();
      stmt.createHandoff.run({
        id,
        platform: input.platform,
        asker: input.asker,
        reply_to: input.replyTo,
        reply_thread: input.replyThread,
        question: storedQuestion(input.question),
        team_id: input.teamId,
        team_channel: input.teamChannel,
        best_guess: input.bestGuess,
        now: iso(now),
      });
      return toHandoff(stmt.handoff.get(id) as HandoffRow);
    }),
    handoff: read((id: string) => {
      const row = stmt.handoff.get(id) as HandoffRow | undefined;
      return row === undefined ? undefined : toHandoff(row);
    }),
    chooseHandoffTeam: write((id: string, teamId: string, teamChannel: string, now: Date) => {
      iso(now);
      return stmt.chooseHandoffTeam.run(teamId, teamChannel, id).changes === 1;
    }),
    openHandoff: write((id: string, times: { expiresAt: Date; remindAt: Date }, now: Date) => {
      return stmt.openHandoff.run({ id, now: iso(now), expires_at: iso(times.expiresAt), remind_at: iso(times.remindAt) }).changes === 1;
    }),
    cancelHandoff: write((id: string, now: Date) => stmt.cancelHandoff.run(iso(now), id).changes === 1),
    markHandoffPosted: write((id: string, postRef: string | null, now: Date): void => {
      stmt.markHandoffPosted.run(iso(now), postRef, id);
    }),
    handoffByPost: read((platform: string, teamChannel: string, postRef: string) => {
      const row = stmt.handoffByPost.get(platform, teamChannel, postRef) as HandoffRow | undefined;
      return row === undefined ? undefined : toHandoff(row);
    }),
    recordHandoffAnswer: write((id: string, answer: { expert: string; text: string }, now: Date) => {
      const row = stmt.countAnswer.get({ id, now: iso(now) }) as { answers: number } | undefined;
      if (row === undefined) return undefined;
      stmt.insertAnswer.run(id, row.answers, answer.expert, storedQuestion(answer.text), iso(now));
      return { seq: row.answers, first: row.answers === 1 };
    }),
    handoffAnswer: read((id: string, seq: number): HandoffAnswer | undefined => {
      const row = stmt.handoffAnswer.get(id, seq) as { handoff_id: string; seq: number; expert: string; text: string; at: string } | undefined;
      return row === undefined ? undefined : { handoffId: row.handoff_id, seq: row.seq, expert: row.expert, text: row.text, at: row.at };
    }),
    markHandoffReminded: write((id: string, now: Date): void => {
      stmt.markHandoffReminded.run(iso(now), id);
    }),
    expireHandoff: write((id: string, now: Date) => stmt.expireHandoff.run(iso(now), id).changes === 1),
    handoffs: read((filter: { status?: readonly HandoffStatus[]; since?: Date } = {}) => {
      const statuses = filter.status ?? null;
      const rows = db
        .prepare(
          `SELECT * FROM handoffs WHERE created_at >= ?${statuses ? ` AND status IN (${statuses.map(() => '?').join(', ')})` : ''} ORDER BY created_at, id`,
        )
        .all(filter.since === undefined ? '' : iso(filter.since), ...(statuses ?? [])) as HandoffRow[];
      return rows.map(toHandoff);
    }),

    healthy: async () => {
      if (!open) return false;
      try {
        return (stmt.ping.get() as { ok: number } | undefined)?.ok === 1;
      } catch {
        return false;
      }
    },
    close: async () => {
      if (!open) return;
      open = false;
      db.close();
    },
  };
}
