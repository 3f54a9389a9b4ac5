// The database schema as an ordered list of steps. `PRAGMA user_version` records the last step applied;
// at open, the steps after it run inside one IMMEDIATE transaction, so a second process opening the same
// file waits for the first to finish and then finds nothing left to do. Never edit a released step:
// add a new one.
import type Database from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3 … in order, no gaps. */
  version: number;
  description: string;
  up: (db: Database.Database) => void;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'subscriptions, conversation references, deliveries, seen events, meta, feedback, unanswered',
    up: (db) => {
      db.exec(`
        CREATE TABLE subscriptions (
          platform        TEXT NOT NULL,
          channel_id      TEXT NOT NULL,
          topic           TEXT NOT NULL,
          created_at      TEXT NOT NULL,
          disabled_at     TEXT,
          disabled_reason TEXT,
          PRIMARY KEY (platform, channel_id, topic)
        ) WITHOUT ROWID;
        CREATE INDEX subscriptions_by_topic ON subscriptions (topic) WHERE disabled_at IS NULL;

        CREATE TABLE conversation_references (
          conversation_id TEXT PRIMARY KEY,
          reference       TEXT NOT NULL,
          updated_at      TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE deliveries (
          reminder_id  TEXT NOT NULL,
          occurrence   TEXT NOT NULL,
          platform     TEXT NOT NULL,
          channel_id   TEXT NOT NULL,
          status       TEXT NOT NULL CHECK (status IN ('claimed', 'delivered', 'failed', 'skipped')),
          permanent    INTEGER NOT NULL DEFAULT 0,
          attempts     INTEGER NOT NULL DEFAULT 0,
          claimed_at   TEXT,
          claimed_by   TEXT,
          delivered_at TEXT,
          last_error   TEXT,
          updated_at   TEXT NOT NULL,
          PRIMARY KEY (reminder_id, occurrence, platform, channel_id)
        ) WITHOUT ROWID;
        CREATE INDEX deliveries_by_status ON deliveries (status);

        CREATE TABLE seen_events (
          key     TEXT PRIMARY KEY,
          seen_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX seen_events_by_time ON seen_events (seen_at);

        CREATE TABLE meta (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE feedback (
          id       INTEGER PRIMARY KEY,
          entry_id TEXT NOT NULL,
          helpful  INTEGER NOT NULL,
          platform TEXT NOT NULL,
          question TEXT,
          at       TEXT NOT NULL
        );

        CREATE TABLE unanswered (
          id       INTEGER PRIMARY KEY,
          question TEXT NOT NULL,
          status   TEXT NOT NULL,
          platform TEXT NOT NULL,
          score    REAL NOT NULL,
          at       TEXT NOT NULL
        );
        CREATE INDEX unanswered_by_time ON unanswered (at);
      `);
    },
  },
  {
    version: 2,
    description: 'questions asked (outcome only, no text), a feedback id and reason, indexes by time for the report and retention',
    up: (db) => {
      db.exec(`
        CREATE TABLE questions (
          id       INTEGER PRIMARY KEY,
          at       TEXT NOT NULL,
          platform TEXT NOT NULL,
          status   TEXT NOT NULL CHECK (status IN ('answered', 'ambiguous', 'no_match')),
          urgent   INTEGER NOT NULL,
          entry_id TEXT
        );
        CREATE INDEX questions_by_time ON questions (at);

        ALTER TABLE feedback ADD COLUMN ref TEXT;
        ALTER TABLE feedback ADD COLUMN reason TEXT CHECK (reason IN ('wrong', 'out_of_date', 'missing', 'other'));
        ALTER TABLE feedback ADD COLUMN reason_at TEXT;
        UPDATE feedback SET ref = 'legacy-' || id WHERE ref IS NULL;
        CREATE UNIQUE INDEX feedback_by_ref ON feedback (ref);
        CREATE INDEX feedback_by_time ON feedback (at);
      `);
    },
  },
  {
    version: 3,
    description: 'hand-offs to expert teams (the question redacted) and the answers relayed',
    up: (db) => {
      db.exec(`
        CREATE TABLE handoffs (
          id           TEXT PRIMARY KEY,
          platform     TEXT NOT NULL,
          asker        TEXT NOT NULL,
          reply_to     TEXT NOT NULL,
          reply_thread TEXT,
          question     TEXT NOT NULL,
          team_id      TEXT,
          team_channel TEXT,
          best_guess   TEXT,
          status       TEXT NOT NULL CHECK (status IN ('draft', 'cancelled', 'open', 'answered', 'expired')),
          created_at   TEXT NOT NULL,
          opened_at    TEXT,
          expires_at   TEXT,
          remind_at    TEXT,
          reminded_at  TEXT,
          posted_at    TEXT,
          post_ref     TEXT,
          answered_at  TEXT,
          closed_at    TEXT,
          answers      INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE INDEX handoffs_by_post ON handoffs (platform, team_channel, post_ref);
        CREATE INDEX handoffs_by_status ON handoffs (status, created_at);

        CREATE TABLE handoff_answers (
          handoff_id TEXT NOT NULL,
          seq        INTEGER NOT NULL,
          expert     TEXT NOT NULL,
          text       TEXT NOT NULL,
          at         TEXT NOT NULL,
          PRIMARY KEY (handoff_id, seq)
        ) WITHOUT ROWID;
      `);
    },
  },
];

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** The schema version this program writes. */
export function latestVersion(list: readonly Migration[] = migrations): number {
  return list.reduce((max, m) => Math.max(max, m.version), 0);
}

function checkOrder(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new MigrationError(`migration ${i + 1} has version ${m.version}; versions must run 1, 2, 3 … with no gaps`);
    }
  });
}

/**
 * Bring the database up to the latest version. Returns the versions applied (empty when it was already
 * current). All pending steps commit together or not at all. Refuses a database written by a newer
 * program rather than guessing at a schema it does not know.
 */
export function migrate(db: Database.Database, list: readonly Migration[] = migrations): number[] {
  checkOrder(list);
  const latest = latestVersion(list);
  const run = db.transaction((): number[] => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > latest) {
      throw new MigrationError(
        `the database is at schema version ${current}, newer than this program knows (${latest}); upgrade msht-guide`,
      );
    }
    const pending = list.filter((m) => m.version > current);
    for (const m of pending) {
      m.up(db);
      // PRAGMA takes no bound parameters; the version is an integer we control.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    }
    return pending.map((m) => m.version);
  });
  return run.immediate();
}
