import type { Migration } from './migration.ts';

/**
 * The SQLite schema: the guide's Step 5 tables, with challenges keyed by the challenge, and the tables that let
 * several processes share one file (sessions, recovery tokens, rate limits). Times are integer milliseconds since
 * the epoch; transports are a JSON array of strings.
 *
 * The tables written at every request (challenges, sessions, recovery tokens, rate limits) are WITHOUT ROWID: keyed
 * by their text, each write changes one B-tree instead of a table and its key index.
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL UNIQUE,
  username TEXT NOT NULL,
  username_key TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  user_handle TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE credentials (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  public_key TEXT NOT NULL,
  counter INTEGER NOT NULL DEFAULT 0,
  transports TEXT NOT NULL DEFAULT '[]',
  name TEXT,
  aaguid TEXT NOT NULL,
  backed_up INTEGER NOT NULL,
  device_type TEXT NOT NULL CHECK (device_type IN ('singleDevice', 'multiDevice')),
  created_at INTEGER NOT NULL,
  last_used_at INTEGER
);
CREATE INDEX idx_credentials_user_id ON credentials (user_id);

CREATE TABLE challenges (
  challenge TEXT PRIMARY KEY,
  ceremony TEXT NOT NULL CHECK (ceremony IN ('registration', 'authentication')),
  expires_at INTEGER NOT NULL,
  user_id TEXT,
  username TEXT,
  username_key TEXT,
  display_name TEXT,
  user_handle TEXT,
  existing_user INTEGER,
  session_hash TEXT,
  recovery_token_hash TEXT
) WITHOUT ROWID;
CREATE INDEX idx_challenges_expires_at ON challenges (expires_at);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX idx_sessions_user_id ON sessions (user_id);
CREATE INDEX idx_sessions_expires_at ON sessions (expires_at);

-- One live token per account: the user is the key, so a new token replaces the old one.
CREATE TABLE recovery_tokens (
  user_id TEXT PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX idx_recovery_tokens_expires_at ON recovery_tokens (expires_at);

CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  reset_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX idx_rate_limits_reset_at ON rate_limits (reset_at);
`,
  },
];
