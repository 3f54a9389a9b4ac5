// The PostgreSQL schema as an ordered list of steps, like the SQLite ones in migrations.ts: the same tables,
// in PostgreSQL's own types. `schema_migrations` records every step applied. At open, the steps after the
// last one run in one transaction that first takes an advisory lock, so two instances starting together
// migrate once: the second waits for the first, then finds nothing left to do. DDL is transactional in
// PostgreSQL, so a step that fails leaves the database exactly as it was. Never edit a released step: add
// a new one (and the same change to the SQLite steps, so both stores keep one contract).
import type { PoolClient } from 'pg';
import { MigrationError } from './migrations.ts';

export interface PgMigration {
  /** 1, 2, 3 … in order, no gaps. */
  version: number;
  description: string;
  up: (client: PoolClient) => Promise<void>;
}

// Key columns are COLLATE "C": lists come back in the same order as from SQLite and the memory store
// (byte order), whatever the database's default collation.
export const pgMigrations: readonly PgMigration[] = [
  {
    version: 1,
    description: 'subscriptions, conversation references, deliveries, seen events, meta, feedback, unanswered, store instances',
    up: async (client) => {
      await client.query(`
        CREATE TABLE subscriptions (
          platform        text COLLATE "C" NOT NULL,
          channel_id      text COLLATE "C" NOT NULL,
          topic           text COLLATE "C" NOT NULL,
          created_at      timestamptz NOT NULL,
          disabled_at     timestamptz,
          disabled_reason text,
          PRIMARY KEY (platform, channel_id, topic)
        );
        CREATE INDEX subscriptions_by_topic ON subscriptions (topic) WHERE disabled_at IS NULL;

        CREATE TABLE conversation_references (
          conversation_id text COLLATE "C" PRIMARY KEY,
          reference       json NOT NULL,
          updated_at      timestamptz NOT NULL
        );

        -- Each running store registers here and renews alive_at while it runs (on the database's clock).
        -- A claim whose instance stopped renewing can be taken over before it is stale (postgres.ts).
        CREATE TABLE store_instances (
          id         uuid PRIMARY KEY,
          label      text NOT NULL,
          started_at timestamptz NOT NULL,
          up_since   timestamptz NOT NULL,
          alive_at   timestamptz NOT NULL
        );

        CREATE TABLE deliveries (
          reminder_id      text COLLATE "C" NOT NULL,
          occurrence       timestamptz NOT NULL,
          platform         text COLLATE "C" NOT NULL,
          channel_id       text COLLATE "C" NOT NULL,
          status           text NOT NULL CHECK (status IN ('claimed', 'delivered', 'failed', 'skipped')),
          permanent        boolean NOT NULL DEFAULT false,
          attempts         integer NOT NULL DEFAULT 0,
          claimed_at       timestamptz,
          claimed_by       text,
          claimed_instance uuid,
          delivered_at     timestamptz,
          last_error       text,
          updated_at       timestamptz NOT NULL,
          PRIMARY KEY (reminder_id, occurrence, platform, channel_id)
        );
        CREATE INDEX deliveries_by_status ON deliveries (status);

        CREATE TABLE seen_events (
          key     text PRIMARY KEY,
          seen_at timestamptz NOT NULL
        );
        CREATE INDEX seen_events_by_time ON seen_events (seen_at);

        CREATE TABLE meta (
          key   text PRIMARY KEY,
          value text NOT NULL
        );

        CREATE TABLE feedback (
          id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          entry_id text NOT NULL,
          helpful  boolean NOT NULL,
          platform text NOT NULL,
          question text,
          at       timestamptz NOT NULL
        );

        CREATE TABLE unanswered (
          id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          question text NOT NULL,
          status   text NOT NULL,
          platform text NOT NULL,
          score    double precision NOT NULL,
          at       timestamptz NOT NULL
        );
        CREATE INDEX unanswered_by_time ON unanswered (at);
      `);
    },
  },
  {
    version: 2,
    description: 'questions asked (outcome only, no text), a feedback id and reason, indexes by time for the report and retention',
    up: async (client) => {
      await client.query(`
        CREATE TABLE questions (
          id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          at       timestamptz NOT NULL,
          platform text NOT NULL,
          status   text NOT NULL CHECK (status IN ('answered', 'ambiguous', 'no_match')),
          urgent   boolean NOT NULL,
          entry_id text
        );
        CREATE INDEX questions_by_time ON questions (at);

        ALTER TABLE feedback ADD COLUMN ref text;
        ALTER TABLE feedback ADD COLUMN reason text CHECK (reason IN ('wrong', 'out_of_date', 'missing', 'other'));
        ALTER TABLE feedback ADD COLUMN reason_at timestamptz;
        UPDATE feedback SET ref = 'legacy-' || id WHERE ref IS NULL;
        CREATE UNIQUE INDEX feedback_by_ref ON feedback (ref);
        CREATE INDEX feedback_by_time ON feedback (at);
      `);
    },
  },
  {
    version: 3,
    description: 'hand-offs to expert teams (the question redacted) and the answers relayed',
    up: async (client) => {
      await client.query(`
        CREATE TABLE handoffs (
          id           text COLLATE "C" PRIMARY KEY,
          platform     text COLLATE "C" NOT NULL,
          asker        text NOT NULL,
          reply_to     text NOT NULL,
          reply_thread text,
          question     text NOT NULL,
          team_id      text,
          team_channel text COLLATE "C",
          best_guess   text,
          status       text NOT NULL CHECK (status IN ('draft', 'cancelled', 'open', 'answered', 'expired')),
          created_at   timestamptz NOT NULL,
          opened_at    timestamptz,
          expires_at   timestamptz,
          remind_at    timestamptz,
          reminded_at  timestamptz,
          posted_at    timestamptz,
          post_ref     text COLLATE "C",
          answered_at  timestamptz,
          closed_at    timestamptz,
          answers      integer NOT NULL DEFAULT 0
        );
        CREATE INDEX handoffs_by_post ON handoffs (platform, team_channel, post_ref);
        CREATE INDEX handoffs_by_status ON handoffs (status, created_at);

        CREATE TABLE handoff_answers (
          handoff_id text COLLATE "C" NOT NULL,
          seq        integer NOT NULL,
          expert     text NOT NULL,
          text       text NOT NULL,
          at         timestamptz NOT NULL,
          PRIMARY KEY (handoff_id, seq)
        );
      `);
    },
  },
];

/** The schema version this program writes. */
export function latestPgVersion(list: readonly PgMigration[] = pgMigrations): number {
  return list.reduce((max, m) => Math.max(max, m.version), 0);
}

function checkOrder(list: readonly PgMigration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new MigrationError(`migration ${i + 1} has version ${m.version}; versions must run 1, 2, 3 … with no gaps`);
    }
  });
}

/**
 * Bring the schema (the first one on the search path) up to the latest version. Returns the versions
 * applied, empty when it was already current. All pending steps commit together or not at all; a schema
 * written by a newer program is refused rather than guessed at.
 */
export async function migratePg(client: PoolClient, list: readonly PgMigration[] = pgMigrations): Promise<number[]> {
  checkOrder(list);
  const latest = latestPgVersion(list);
  await client.query('BEGIN');
  try {
    // One lock per schema: instances sharing a schema take turns; tests in other schemas do not wait.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('msht-guide migrations'), hashtext(coalesce(current_schema(), '')))");
    await client.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version     integer PRIMARY KEY,
        description text NOT NULL,
        applied_at  timestamptz NOT NULL DEFAULT now()
      )`);
    const { rows } = await client.query<{ current: number | null }>('SELECT max(version) AS current FROM schema_migrations');
    const current = rows[0]?.current ?? 0;
    if (current > latest) {
      throw new MigrationError(
        `the database is at schema version ${current}, newer than this program knows (${latest}); upgrade msht-guide`,
      );
    }
    const pending = list.filter((m) => m.version > current);
    for (const m of pending) {
      await m.up(client);
      await client.query('INSERT INTO schema_migrations (version, description) VALUES ($1, $2)', [m.version, m.description]);
    }
    await client.query('COMMIT');
    return pending.map((m) => m.version);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
