import type { Migration } from './migration.ts';

/**
 * The PostgreSQL schema: the guide's Step 5 tables (users with a UUID key, credentials with a TEXT[] of transports
 * and the index on the user), with challenges keyed by the challenge, and the tables that let several instances
 * share one database (sessions, recovery tokens, rate limits).
 *
 * Differences from the guide, and why:
 * - times are BIGINT milliseconds since the epoch, the unit of the store interface, so no time zone or clock of
 *   the database enters a comparison;
 * - `counter` is BIGINT: a signature counter is an unsigned 32-bit number, which INTEGER cannot hold above 2^31 − 1;
 * - credentials, sessions and tokens point at `users.user_id` (the public id the protocol speaks), so no lookup
 *   needs a join;
 * - text that a person chooses (usernames, and rate-limit keys built from them) has no length limit here and is
 *   unique through an index on its SHA-256: a B-tree entry holds at most about 2.7 kB, and one character can fold
 *   into eighteen.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE users (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id TEXT UNIQUE NOT NULL,
  username TEXT NOT NULL,
  username_key TEXT NOT NULL,
  display_name TEXT NOT NULL,
  user_handle TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_username_key_sha256 ON users (sha256(username_key::bytea));

CREATE TABLE credentials (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  public_key TEXT NOT NULL,
  counter BIGINT NOT NULL DEFAULT 0,
  transports TEXT[] NOT NULL DEFAULT '{}',
  name TEXT,
  aaguid TEXT NOT NULL,
  backed_up BOOLEAN NOT NULL,
  device_type TEXT NOT NULL CHECK (device_type IN ('singleDevice', 'multiDevice')),
  created_at BIGINT NOT NULL,
  last_used_at BIGINT
);
CREATE INDEX idx_credentials_user_id ON credentials (user_id);

CREATE TABLE challenges (
  challenge TEXT PRIMARY KEY,
  ceremony TEXT NOT NULL CHECK (ceremony IN ('registration', 'authentication')),
  expires_at BIGINT NOT NULL,
  user_id TEXT,
  username TEXT,
  username_key TEXT,
  display_name TEXT,
  user_handle TEXT,
  existing_user BOOLEAN,
  session_hash TEXT,
  recovery_token_hash TEXT
);
CREATE INDEX idx_challenges_expires_at ON challenges (expires_at);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX idx_sessions_user_id ON sessions (user_id);
CREATE INDEX idx_sessions_expires_at ON sessions (expires_at);

-- One live token per account: the user is the key, so a new token replaces the old one.
CREATE TABLE recovery_tokens (
  user_id TEXT PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
  token_hash TEXT UNIQUE NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX idx_recovery_tokens_expires_at ON recovery_tokens (expires_at);

CREATE TABLE rate_limits (
  key TEXT NOT NULL,
  count INTEGER NOT NULL,
  reset_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX rate_limits_key_sha256 ON rate_limits (sha256(key::bytea));
CREATE INDEX idx_rate_limits_reset_at ON rate_limits (reset_at);
`,
  },
];
