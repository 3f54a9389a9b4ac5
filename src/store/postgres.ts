// The Store on PostgreSQL (node-postgres and its pool), for running several bot instances on one database.
//
// - Every write that decides something is one statement, so it is atomic however many instances run:
//   a claim is one conditional upsert (`INSERT … ON CONFLICT … DO UPDATE … WHERE`): of two instances
//   claiming the same delivery, the second waits on the row lock the first took, re-reads the row, finds
//   it claimed and changes nothing. An event key is seen first by exactly one `INSERT … ON CONFLICT`.
// - Values are always bound parameters, never spliced into SQL.
// - Each pooled connection has a statement timeout, connecting has a timeout, and a query that gets no
//   answer at all (a dead network) is given up client-side, so no call hangs: the caller gets an error.
// - Leases: each open store registers in `store_instances` and renews `alive_at` every few seconds. A
//   claim records the instance that made it, and besides the contract's rule (taken over once older than
//   `staleAfterMs`) a claim whose instance has stopped renewing for `instanceTimeoutMs` is taken over at
//   once: an instance killed mid-send has its deliveries finished by another within seconds, not minutes.
//   Instances are judged only while some instance's renewals have run unbroken for `instanceTimeoutMs`,
//   so after a database outage every instance has had time to renew before any is judged gone.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';
import { withoutPassword } from './database-url.ts';
import { pgMigrations, migratePg, type PgMigration } from './postgres-migrations.ts';
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
  HandoffInput,
  HandoffStatus,
  QuestionInput,
  QuestionRow,
  Store,
  Subscription,
  UnansweredInput,
  UnansweredRow,
} from './store.ts';

export interface PostgresStoreOptions {
  /** Connections in the pool. Default 10. */
  poolSize?: number;
  /** How long connecting may take before it fails. Default 5 s. */
  connectTimeoutMs?: number;
  /** The server cancels a statement that runs longer. Default 5 s. */
  statementTimeoutMs?: number;
  /** How long `markEventSeen` remembers a key. Default 24 h. */
  eventRetentionMs?: number;
  /** How long an instance may go without renewing before its claims are taken over. Default 15 s. */
  instanceTimeoutMs?: number;
  /** How often this instance renews. Default a fifth of instanceTimeoutMs. */
  heartbeatMs?: number;
  /** How this instance is named in `store_instances`. Default host:pid. */
  label?: string;
  /** The schema steps; tests pass their own to exercise upgrades. */
  migrations?: readonly PgMigration[];
}

export const PG_DEFAULTS = {
  poolSize: 10,
  connectTimeoutMs: 5_000,
  statementTimeoutMs: 5_000,
  instanceTimeoutMs: 15_000,
  /** Instances gone for longer than this are forgotten (their claims, if any, are long stale). */
  forgetInstancesAfterMs: 24 * 60 * 60 * 1000,
  /** markEventSeen deletes expired keys at most this often. */
  pruneEveryMs: 60_000,
} as const;

/** Why PostgreSQL could not be used, in words an operator can act on, without the password. */
export class PostgresStoreError extends Error {
  override name = 'PostgresStoreError';
}

interface DeliveryRow {
  reminder_id: string;
  occurrence: Date;
  platform: string;
  channel_id: string;
  status: DeliveryStatus;
  permanent: boolean;
  attempts: number;
  claimed_at: Date | null;
  claimed_by: string | null;
  delivered_at: Date | null;
  last_error: string | null;
}

interface SubscriptionRow {
  platform: string;
  channel_id: string;
  topic: string;
  created_at: Date;
  disabled_at: Date | null;
  disabled_reason: string | null;
}

const isoOrNull = (date: Date | null): string | null => (date === null ? null : date.toISOString());

function toDelivery(row: DeliveryRow): Delivery {
  return {
    reminderId: row.reminder_id,
    occurrence: row.occurrence.toISOString(),
    platform: row.platform,
    channelId: row.channel_id,
    status: row.status,
    permanent: row.permanent,
    attempts: row.attempts,
    claimedAt: isoOrNull(row.claimed_at),
    claimedBy: row.claimed_by,
    deliveredAt: isoOrNull(row.delivered_at),
    lastError: row.last_error,
  };
}

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    platform: row.platform,
    channelId: row.channel_id,
    topic: row.topic,
    createdAt: row.created_at.toISOString(),
    disabledAt: isoOrNull(row.disabled_at),
    disabledReason: row.disabled_reason,
  };
}

const keyValues = (key: DeliveryKey) => [key.reminderId, canonicalOccurrence(key.occurrence), key.platform, key.channelId];
const KEY_MATCH = 'reminder_id = $1 AND occurrence = $2 AND platform = $3 AND channel_id = $4';

// This instance, renewed by the claim itself (so a claim is never made by an instance the others think
// gone); `settled` says whether the database is known to have been reachable for the last timeout, so
// that an instance silent that long is gone rather than cut off by an outage: this instance's own renewals
// have run unbroken that long, or another live instance's have (a new instance need not wait).
const RENEW = `
  INSERT INTO store_instances AS i (id, label, started_at, up_since, alive_at)
  VALUES ($me::uuid, $label::text, now(), now(), now())
  ON CONFLICT (id) DO UPDATE
    SET up_since = CASE WHEN i.alive_at < now() - $timeout::float8 * interval '1 millisecond' THEN now() ELSE i.up_since END,
        alive_at = now()
  RETURNING i.up_since <= now() - $timeout::float8 * interval '1 millisecond' OR EXISTS (
    SELECT 1 FROM store_instances o
    WHERE o.id <> i.id AND o.alive_at >= now() - $timeout::float8 * interval '1 millisecond'
      AND o.up_since <= now() - $timeout::float8 * interval '1 millisecond') AS settled`;

// The claim: a fresh row; or a claim gone stale by the caller's clock; or a transient failure; or a claim
// whose instance has stopped renewing (by the database's clock), when this instance may judge.
const CLAIM = `
  WITH me AS (${RENEW})
  INSERT INTO deliveries AS d
    (reminder_id, occurrence, platform, channel_id, status, attempts, claimed_at, claimed_by, claimed_instance, updated_at)
  SELECT $1::text, $2::timestamptz, $3::text, $4::text, 'claimed', 1, $now::timestamptz, $owner::text, $me::uuid, $now::timestamptz FROM me
  ON CONFLICT (reminder_id, occurrence, platform, channel_id) DO UPDATE
    SET status = 'claimed', attempts = d.attempts + 1, claimed_at = excluded.claimed_at,
        claimed_by = excluded.claimed_by, claimed_instance = excluded.claimed_instance, updated_at = excluded.updated_at
    WHERE (d.status = 'claimed' AND d.claimed_at < $stale_before::timestamptz)
       OR (d.status = 'failed' AND NOT d.permanent)
       OR (d.status = 'claimed' AND (SELECT settled FROM me) AND NOT EXISTS (
             SELECT 1 FROM store_instances o
             WHERE o.id = d.claimed_instance AND o.alive_at >= now() - $timeout::float8 * interval '1 millisecond'))
  RETURNING 1`;

/** `$name` placeholders → `$1…`, so long statements read by name and still bind every value. */
function named(sql: string, names: readonly string[]): string {
  return sql.replace(/\$([a-z_]+)/g, (_, name: string) => {
    const index = names.indexOf(name);
    if (index < 0) throw new Error(`no parameter named ${name}`);
    return `$${index + 5}`;
  });
}

const CLAIM_PARAMS = ['now', 'owner', 'me', 'stale_before', 'timeout', 'label'] as const;
const CLAIM_SQL = named(CLAIM, CLAIM_PARAMS);
const HEARTBEAT_SQL = RENEW.replace(/\$([a-z]+)/g, (_, name: string) => `$${['me', 'label', 'timeout'].indexOf(name) + 1}`);

/**
 * Open the store on the database at `url` (`postgres://user:password@host:5432/db`; `?sslmode=require`,
 * `?options=-c search_path=…` and the other libpq parameters are understood). Connects, migrates, and
 * registers this instance before it resolves; an unreachable or refusing database rejects with a
 * PostgresStoreError that names the database without its password.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const statementTimeoutMs = options.statementTimeoutMs ?? PG_DEFAULTS.statementTimeoutMs;
  const eventRetentionMs = options.eventRetentionMs ?? STORE_DEFAULTS.eventRetentionMs;
  const instanceTimeoutMs = options.instanceTimeoutMs ?? PG_DEFAULTS.instanceTimeoutMs;
  const heartbeatMs = options.heartbeatMs ?? Math.max(100, Math.floor(instanceTimeoutMs / 5));
  const label = options.label ?? `${hostname()}:${process.pid}`;
  const me = randomUUID();
  const where = withoutPassword(url);

  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? PG_DEFAULTS.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs ?? PG_DEFAULTS.connectTimeoutMs,
    // Server-side: a statement running longer is cancelled. Client-side: a query with no answer at all
    // (the network gone) is given up a little later.
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + 1_000,
    idle_in_transaction_session_timeout: statementTimeoutMs * 2,
    application_name: 'msht-guide',
    keepAlive: true,
  });
  // An idle pooled connection that breaks (the server restarting) is dropped by the pool; the next query
  // gets a fresh one or reports the fault to its caller. Without a listener the error would end the process.
  pool.on('error', () => undefined);

  try {
    const client = await pool.connect();
    try {
      await migratePg(client, options.migrations ?? pgMigrations);
      await client.query(HEARTBEAT_SQL, [me, label, instanceTimeoutMs]);
      await client.query('DELETE FROM store_instances WHERE alive_at < now() - $1 * interval \'1 millisecond\'', [
        PG_DEFAULTS.forgetInstancesAfterMs,
      ]);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new PostgresStoreError(`cannot use the PostgreSQL database at ${where}: ${describeError(error)}`);
  }

  let open = true;
  // Renewals are best effort: one that fails (the database away) is simply tried again; a claim renews too.
  const heartbeat = setInterval(() => {
    pool.query(HEARTBEAT_SQL, [me, label, instanceTimeoutMs]).catch(() => undefined);
  }, heartbeatMs);
  heartbeat.unref();

  const query = async <R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values: unknown[] = []) => {
    if (!open) throw new Error('the store is closed');
    return pool.query<R>(sql, values);
  };
  const changed = (result: pg.QueryResult) => (result.rowCount ?? 0) > 0;
  const channelValues = (c: ChannelRef) => [c.platform, c.channelId];

  let lastPrune: number | undefined;

  return {
    async subscribe(channel, topic, now) {
      return changed(
        await query(
          `INSERT INTO subscriptions (platform, channel_id, topic, created_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (platform, channel_id, topic) DO UPDATE
             SET disabled_at = NULL, disabled_reason = NULL
             WHERE subscriptions.disabled_at IS NOT NULL`,
          [...channelValues(channel), topic, iso(now)],
        ),
      );
    },
    async unsubscribe(channel, topic) {
      return changed(
        await query('DELETE FROM subscriptions WHERE platform = $1 AND channel_id = $2 AND topic = $3', [...channelValues(channel), topic]),
      );
    },
    async subscriptionsFor(channel) {
      const { rows } = await query<SubscriptionRow>(
        'SELECT * FROM subscriptions WHERE platform = $1 AND channel_id = $2 ORDER BY topic',
        channelValues(channel),
      );
      return rows.map(toSubscription);
    },
    async subscribersOf(topic) {
      const { rows } = await query<SubscriptionRow>(
        'SELECT * FROM subscriptions WHERE topic = $1 AND disabled_at IS NULL ORDER BY platform, channel_id',
        [topic],
      );
      return rows.map(toSubscription);
    },
    async disableChannel(channel, reason, now) {
      const result = await query(
        `UPDATE subscriptions SET disabled_at = $3, disabled_reason = $4
         WHERE platform = $1 AND channel_id = $2 AND disabled_at IS NULL`,
        [...channelValues(channel), iso(now), reason],
      );
      return result.rowCount ?? 0;
    },
    async subscriptions() {
      const { rows } = await query<SubscriptionRow>('SELECT * FROM subscriptions ORDER BY platform, channel_id, topic');
      return rows.map(toSubscription);
    },

    async saveConversationReference(conversationId, reference, now) {
      const json = JSON.stringify(reference);
      if (json === undefined) throw new TypeError('a conversation reference must be JSON-serialisable');
      await query(
        `INSERT INTO conversation_references (conversation_id, reference, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (conversation_id) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at`,
        [conversationId, json, iso(now)],
      );
    },
    async conversationReference(conversationId) {
      const { rows } = await query<{ reference: unknown }>('SELECT reference FROM conversation_references WHERE conversation_id = $1', [
        conversationId,
      ]);
      return rows[0]?.reference;
    },
    async removeConversationReference(conversationId) {
      return changed(await query('DELETE FROM conversation_references WHERE conversation_id = $1', [conversationId]));
    },
    async conversationReferences() {
      const { rows } = await query<{ conversation_id: string; reference: unknown }>(
        'SELECT conversation_id, reference FROM conversation_references ORDER BY conversation_id',
      );
      return rows.map((row) => ({ conversationId: row.conversation_id, reference: row.reference }));
    },

    async claimDelivery(key, owner, now, staleAfterMs) {
      checkStaleAfter(staleAfterMs);
      const at = iso(now);
      const values: Record<(typeof CLAIM_PARAMS)[number], unknown> = {
        now: at,
        owner,
        me,
        stale_before: iso(new Date(now.getTime() - staleAfterMs)),
        timeout: instanceTimeoutMs,
        label,
      };
      return changed(await query(CLAIM_SQL, [...keyValues(key), ...CLAIM_PARAMS.map((name) => values[name])]));
    },
    async markDelivered(key, now) {
      // What was sent was sent: delivered wins over any earlier state.
      await query(
        `INSERT INTO deliveries (reminder_id, occurrence, platform, channel_id, status, attempts, delivered_at, updated_at)
         VALUES ($1, $2, $3, $4, 'delivered', 1, $5, $5)
         ON CONFLICT (reminder_id, occurrence, platform, channel_id) DO UPDATE
           SET status = 'delivered', permanent = false, delivered_at = excluded.delivered_at, updated_at = excluded.updated_at`,
        [...keyValues(key), iso(now)],
      );
    },
    async markFailed(key, error, now, permanent) {
      await query(
        `INSERT INTO deliveries (reminder_id, occurrence, platform, channel_id, status, permanent, attempts, last_error, updated_at)
         VALUES ($1, $2, $3, $4, 'failed', $5, 1, $6, $7)
         ON CONFLICT (reminder_id, occurrence, platform, channel_id) DO UPDATE
           SET status = 'failed', permanent = excluded.permanent, last_error = excluded.last_error, updated_at = excluded.updated_at
           WHERE deliveries.status IN ('claimed', 'failed') AND NOT deliveries.permanent`,
        [...keyValues(key), permanent, error, iso(now)],
      );
    },
    async markSkipped(key, reason, now) {
      await query(
        `INSERT INTO deliveries (reminder_id, occurrence, platform, channel_id, status, attempts, last_error, updated_at)
         VALUES ($1, $2, $3, $4, 'skipped', 0, $5, $6)
         ON CONFLICT (reminder_id, occurrence, platform, channel_id) DO UPDATE
           SET status = 'skipped', last_error = excluded.last_error, updated_at = excluded.updated_at
           WHERE deliveries.status IN ('claimed', 'failed')`,
        [...keyValues(key), reason, iso(now)],
      );
    },
    async delivery(key) {
      const { rows } = await query<DeliveryRow>(`SELECT * FROM deliveries WHERE ${KEY_MATCH}`, keyValues(key));
      return rows[0] === undefined ? undefined : toDelivery(rows[0]);
    },
    async deliveries(filter: { reminderId?: string; status?: DeliveryStatus; since?: Date } = {}) {
      const where: string[] = [];
      const values: unknown[] = [];
      if (filter.reminderId !== undefined) {
        values.push(filter.reminderId);
        where.push(`reminder_id = $${values.length}`);
      }
      if (filter.status !== undefined) {
        values.push(filter.status);
        where.push(`status = $${values.length}`);
      }
      if (filter.since !== undefined) {
        values.push(iso(filter.since));
        where.push(`occurrence >= $${values.length}`);
      }
      const { rows } = await query<DeliveryRow>(
        `SELECT * FROM deliveries${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY occurrence, reminder_id, platform, channel_id`,
        values,
      );
      return rows.map(toDelivery);
    },

    async markEventSeen(key, now) {
      const cutoff = iso(new Date(now.getTime() - eventRetentionMs));
      // Expired keys are deleted now and then, not on every event; a key that expired but is still in the
      // table counts as new here, atomically (of two instances, one sees it first).
      if (lastPrune === undefined || Math.abs(now.getTime() - lastPrune) >= PG_DEFAULTS.pruneEveryMs) {
        lastPrune = now.getTime();
        await query('DELETE FROM seen_events WHERE seen_at < $1', [cutoff]);
      }
      return changed(
        await query(
          `INSERT INTO seen_events (key, seen_at) VALUES ($1, $2)
           ON CONFLICT (key) DO UPDATE SET seen_at = excluded.seen_at WHERE seen_events.seen_at < $3`,
          [key, iso(now), cutoff],
        ),
      );
    },

    async getMeta(key) {
      const { rows } = await query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
      return rows[0]?.value;
    },
    async setMeta(key, value) {
      await query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
    },

    async recordFeedback(input: FeedbackInput, now) {
      const id = newFeedbackId();
      const question = input.question === undefined ? null : storedQuestion(input.question);
      await query('INSERT INTO feedback (ref, entry_id, helpful, platform, question, at) VALUES ($1, $2, $3, $4, $5, $6)', [
        id,
        input.entryId,
        input.helpful,
        input.platform,
        question,
        iso(now),
      ]);
      return id;
    },
    async recordFeedbackReason(id: string, reason: FeedbackReason, now) {
      checkFeedbackReason(reason);
      return changed(await query('UPDATE feedback SET reason = $1, reason_at = $2 WHERE ref = $3 AND NOT helpful', [reason, iso(now), id]));
    },
    async feedback(since?: Date) {
      const { rows } = await query<{
        ref: string;
        entry_id: string;
        helpful: boolean;
        platform: string;
        question: string | null;
        reason: FeedbackReason | null;
        at: Date;
      }>('SELECT ref, entry_id, helpful, platform, question, reason, at FROM feedback WHERE $1::timestamptz IS NULL OR at >= $1 ORDER BY at, id', [
        since === undefined ? null : iso(since),
      ]);
      return rows.map(
        (row): FeedbackRow => ({
          id: row.ref,
          entryId: row.entry_id,
          helpful: row.helpful,
          platform: row.platform,
          question: row.question,
          reason: row.reason,
          at: row.at.toISOString(),
        }),
      );
    },
    async recordQuestion(input: QuestionInput, now) {
      await query('INSERT INTO questions (at, platform, status, urgent, entry_id) VALUES ($1, $2, $3, $4, $5)', [
        iso(now),
        input.platform,
        input.status,
        input.urgent,
        input.entryId,
      ]);
    },
    async questions(since: Date) {
      const { rows } = await query<{ at: Date; platform: string; status: QuestionRow['status']; urgent: boolean; entry_id: string | null }>(
        'SELECT at, platform, status, urgent, entry_id FROM questions WHERE at >= $1 ORDER BY at, id',
        [iso(since)],
      );
      return rows.map((row): QuestionRow => ({ at: row.at.toISOString(), platform: row.platform, status: row.status, urgent: row.urgent, entryId: row.entry_id }));
    },
    async recordUnanswered(input: UnansweredInput, now) {
      await query('INSERT INTO unanswered (question, status, platform, score, at) VALUES ($1, $2, $3, $4, $5)', [
        storedQuestion(input.question),
        input.status,
        input.platform,
        input.score,
        iso(now),
      ]);
    },
    async unanswered(limit: number = STORE_DEFAULTS.unansweredLimit, since?: Date) {
      const { rows } = await query<Omit<UnansweredRow, 'at'> & { at: Date }>(
        'SELECT question, status, platform, score, at FROM unanswered WHERE $2::timestamptz IS NULL OR at >= $2 ORDER BY at DESC, id DESC LIMIT $1',
        [Math.max(0, Math.trunc(limit)), since === undefined ? null : iso(since)],
      );
      return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
    },
    async forgetBefore(before: Date) {
      // One statement, so the three kinds are forgotten together or not at all.
      const { rows } = await query<Forgotten>(
        `WITH q AS (DELETE FROM questions WHERE at < $1 RETURNING 1),
              u AS (DELETE FROM unanswered WHERE at < $1 RETURNING 1),
              f AS (DELETE FROM feedback WHERE at < $1 RETURNING 1),
              h AS (DELETE FROM handoffs WHERE created_at < $1 AND status <> 'open' RETURNING id),
              a AS (DELETE FROM handoff_answers WHERE handoff_id IN (SELECT id FROM h) RETURNING 1)
         SELECT (SELECT count(*) FROM q)::int AS questions, (SELECT count(*) FROM u)::int AS unanswered,
                (SELECT count(*) FROM f)::int AS feedback, (SELECT count(*) FROM h)::int AS handoffs,
                (SELECT count(*) FROM a)::int AS answers`,
        [iso(before)],
      );
      const { answers: _answers, ...forgotten } = rows[0]! as Forgotten & { answers: number };
      return forgotten;
    },

    async createHandoff(input: HandoffInput, now) {
      const { rows } = await query<HandoffRow>(
        `INSERT INTO handoffs (id, platform, asker, reply_to, reply_thread, question, team_id, team_channel, best_guess, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'draft', $10) RETURNING *`,
        [newHandoffId(), input.platform, input.asker, input.replyTo, input.replyThread, storedQuestion(input.question), input.teamId, input.teamChannel, input.bestGuess, iso(now)],
      );
      return toHandoff(rows[0]!);
    },
    async handoff(id) {
      const { rows } = await query<HandoffRow>('SELECT * FROM handoffs WHERE id = $1', [id]);
      return rows[0] === undefined ? undefined : toHandoff(rows[0]);
    },
    async chooseHandoffTeam(id, teamId, teamChannel, now) {
      iso(now);
      return changed(await query("UPDATE handoffs SET team_id = $1, team_channel = $2 WHERE id = $3 AND status = 'draft'", [teamId, teamChannel, id]));
    },
    async openHandoff(id, times, now) {
      return changed(
        await query(
          `UPDATE handoffs SET status = 'open', opened_at = $2, expires_at = $3, remind_at = $4
           WHERE id = $1 AND status = 'draft' AND team_id IS NOT NULL AND team_channel IS NOT NULL`,
          [id, iso(now), iso(times.expiresAt), iso(times.remindAt)],
        ),
      );
    },
    async cancelHandoff(id, now) {
      return changed(await query("UPDATE handoffs SET status = 'cancelled', closed_at = $2 WHERE id = $1 AND status = 'draft'", [id, iso(now)]));
    },
    async markHandoffPosted(id, postRef, now) {
      await query('UPDATE handoffs SET posted_at = $2, post_ref = $3 WHERE id = $1', [id, iso(now), postRef]);
    },
    async handoffByPost(platform, teamChannel, postRef) {
      const { rows } = await query<HandoffRow>('SELECT * FROM handoffs WHERE platform = $1 AND team_channel = $2 AND post_ref = $3', [platform, teamChannel, postRef]);
      return rows[0] === undefined ? undefined : toHandoff(rows[0]);
    },
    async recordHandoffAnswer(id, answer, now) {
      // One statement: the count and the answer are written together, and of two answers at once each gets its own number.
      const { rows } = await query<{ answers: number }>(
        `WITH c AS (
           UPDATE handoffs SET answers = answers + 1,
             status = CASE WHEN status = 'open' THEN 'answered' ELSE status END,
             answered_at = CASE WHEN status = 'open' THEN $2::timestamptz ELSE answered_at END
           WHERE id = $1 AND status IN ('open', 'answered', 'expired')
           RETURNING answers)
         INSERT INTO handoff_answers (handoff_id, seq, expert, text, at)
         SELECT $1, answers, $3, $4, $2::timestamptz FROM c RETURNING seq AS answers`,
        [id, iso(now), answer.expert, storedQuestion(answer.text)],
      );
      const seq = rows[0]?.answers;
      return seq === undefined ? undefined : { seq, first: seq === 1 };
    },
    async handoffAnswer(id, seq) {
      const { rows } = await query<{ handoff_id: string; seq: number; expert: string; text: string; at: Date }>(
        'SELECT handoff_id, seq, expert, text, at FROM handoff_answers WHERE handoff_id = $1 AND seq = $2',
        [id, seq],
      );
      const row = rows[0];
      return row === undefined ? undefined : { handoffId: row.handoff_id, seq: row.seq, expert: row.expert, text: row.text, at: row.at.toISOString() };
    },
    async markHandoffReminded(id, now) {
      await query('UPDATE handoffs SET reminded_at = $2 WHERE id = $1', [id, iso(now)]);
    },
    async expireHandoff(id, now) {
      return changed(await query("UPDATE handoffs SET status = 'expired', closed_at = $2 WHERE id = $1 AND status = 'open'", [id, iso(now)]));
    },
    async handoffs(filter: { status?: readonly HandoffStatus[]; since?: Date } = {}) {
      const { rows } = await query<HandoffRow>(
        `SELECT * FROM handoffs WHERE ($1::timestamptz IS NULL OR created_at >= $1) AND ($2::text[] IS NULL OR status = ANY($2))
         ORDER BY created_at, id`,
        [filter.since === undefined ? null : iso(filter.since), filter.status === undefined ? null : [...filter.status]],
      );
      return rows.map(toHandoff);
    },

    async healthy() {
      if (!open) return false;
      try {
        const { rows } = await pool.query<{ ok: number }>('SELECT 1 AS ok');
        return rows[0]?.ok === 1;
      } catch {
        return false;
      }
    },
    async close() {
      if (!open) return;
      open = false;
      clearInterval(heartbeat);
      // Gone at once, not after instanceTimeoutMs: a claim left by a stop mid-retry is taken over soon.
      await pool.query('DELETE FROM store_instances WHERE id = $1', [me]).catch(() => undefined);
      await pool.end();
    },
  };
}

/** A driver error as one line: PostgreSQL's own message (never the password), or the network's. */
function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: string }).code;
  if (code === 'ECONNREFUSED') return `nothing is listening there (${error.message})`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host name could not be resolved (${error.message})`;
  if (/timeout/i.test(error.message)) return `no answer within the connect timeout (${error.message})`;
  return error.message;
}
