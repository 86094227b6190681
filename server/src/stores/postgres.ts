import pg from 'pg';
import { pendingMigrations } from '../migrations/migration.ts';
import { POSTGRES_MIGRATIONS } from '../migrations/postgres.ts';
import type { PasskeyStore, SaveRegistrationResult } from '../store.ts';
import { knownTransports } from '../transports.ts';
import { registrationOwner, toChallenge, toCredential, toRecoveryToken, toSession, toUser, type Row } from './sql-shared.ts';

export type PostgresStoreOptions =
  /** Connects with a pool of its own, closed by `close()`. */
  | { connectionString: string; /** Most connections the pool opens. Default 10. */ max?: number }
  /** Uses your pool (its settings, TLS, search_path); `close()` leaves it open. */
  | { pool: pg.Pool };

/** Which result a unique or foreign-key violation of `saveRegistration` means, by constraint name. */
const CONSTRAINT_RESULTS: Record<string, SaveRegistrationResult> = {
  users_username_key_sha256: 'username-taken',
  users_user_id_key: 'user-id-taken',
  credentials_pkey: 'credential-taken',
  credentials_user_id_fkey: 'no-such-user',
};

/**
 * A store in PostgreSQL through `pg`, for several instances on one database. Every check that matters is made by the
 * database in one statement, so instances never race: a registration is one statement whose conflicts the unique
 * and foreign keys decide, a sign-in is a compare-and-set on the counter, a challenge is taken with
 * `DELETE … RETURNING`, a rate-limit hit is one upsert, and migrations run in one transaction under an advisory lock.
 *
 * Call `migrate()` before anything else.
 */
export function createPostgresStore(options: PostgresStoreOptions): PasskeyStore {
  const ownPool = 'connectionString' in options;
  const pool = ownPool ? new pg.Pool({ connectionString: options.connectionString, max: options.max ?? 10 }) : options.pool;
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  if (ownPool) pool.on('error', () => {});

  const query = (sql: string, values: unknown[] = []): Promise<pg.QueryResult<Row>> => pool.query<Row>(sql, values);
  const one = async (sql: string, values: unknown[]) => (await query(sql, values)).rows[0];

  async function transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  let closed = false;

  return {
    async migrate() {
      await transaction(async (client) => {
        // Instances that start together wait here, one after the other; the lock ends with the transaction.
        await client.query("SELECT pg_advisory_xact_lock(hashtextextended('passkey-elements-server schema_migrations', 0))");
        await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
        const applied = (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version);
        for (const migration of pendingMigrations(POSTGRES_MIGRATIONS, applied)) {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, Date.now()]);
        }
      });
    },

    async close() {
      if (closed) return;
      closed = true;
      if (ownPool) await pool.end();
    },

    async findUser(userId) {
      return toUser(await one('SELECT * FROM users WHERE user_id = $1', [userId]));
    },

    async findUserByKey(usernameKey) {
      // The unique index is on the key's SHA-256 (see the migration); the second test rules out a collision.
      return toUser(await one('SELECT * FROM users WHERE sha256(username_key::bytea) = sha256($1::text::bytea) AND username_key = $1', [usernameKey]));
    },

    async findCredential(credentialId) {
      return toCredential(await one('SELECT * FROM credentials WHERE id = $1', [credentialId]));
    },

    async listCredentials(userId) {
      return (await query('SELECT * FROM credentials WHERE user_id = $1 ORDER BY created_at, id', [userId])).rows.map((row) => toCredential(row)!);
    },

    async saveRegistration(input) {
      const owner = registrationOwner(input);
      const { newUser, credential, recoveryTokenHash } = input;
      if (newUser && recoveryTokenHash !== undefined) return 'recovery-token-invalid'; // no token belongs to a new account
      // One statement, so one transaction and one round trip: the credential is inserted from the row the CTE wrote
      // (the new account, or the recovery token used up), and any conflict undoes the whole statement.
      const values: unknown[] = [
        credential.id,
        owner,
        credential.publicKey,
        credential.counter,
        knownTransports(credential.transports),
        credential.name ?? null,
        credential.aaguid,
        credential.backedUp,
        credential.deviceType,
        credential.createdAt,
        credential.lastUsedAt ?? null,
      ];
      let source = 'SELECT $2::text AS user_id'; // an existing account: the foreign key checks that it still exists
      if (newUser) {
        source = `INSERT INTO users (user_id, username, username_key, display_name, user_handle, created_at, updated_at)
                  VALUES ($2, $12, $13, $14, $15, $16, $16) RETURNING user_id`;
        values.push(newUser.username, newUser.usernameKey, newUser.displayName, newUser.userHandle, newUser.createdAt);
      } else if (recoveryTokenHash !== undefined) {
        // Row-locked: of two registrations with one token, the second finds it gone and inserts nothing.
        source = 'DELETE FROM recovery_tokens WHERE token_hash = $12 AND user_id = $2 AND expires_at > $13 RETURNING user_id';
        values.push(recoveryTokenHash, input.now);
      }
      try {
        const inserted = await query(
          `WITH source AS (${source})
           INSERT INTO credentials (id, user_id, public_key, counter, transports, name, aaguid, backed_up, device_type, created_at, last_used_at)
           SELECT $1::text, source.user_id, $3::text, $4::bigint, $5::text[], $6::text, $7::text, $8::boolean, $9::text, $10::bigint, $11::bigint
           FROM source`,
          values,
        );
        return inserted.rowCount === 1 ? 'saved' : 'recovery-token-invalid';
      } catch (error) {
        const violated = error instanceof pg.DatabaseError && (error.code === '23505' || error.code === '23503') ? error.constraint : undefined;
        const result = violated === undefined ? undefined : CONSTRAINT_RESULTS[violated];
        if (result) return result;
        throw error;
      }
    },

    async recordSignIn(credentialId, expectedCounter, { counter, backedUp, lastUsedAt }) {
      const result = await query('UPDATE credentials SET counter = $1, backed_up = $2, last_used_at = $3 WHERE id = $4 AND counter = $5', [
        counter,
        backedUp,
        lastUsedAt,
        credentialId,
        expectedCounter,
      ]);
      return result.rowCount === 1;
    },

    async renameCredential(userId, credentialId, name) {
      return toCredential(await one('UPDATE credentials SET name = $1 WHERE id = $2 AND user_id = $3 RETURNING *', [name, credentialId, userId]));
    },

    async deleteCredential(userId, credentialId) {
      return (await query('DELETE FROM credentials WHERE id = $1 AND user_id = $2', [credentialId, userId])).rowCount === 1;
    },

    async putChallenge(challenge) {
      const registration = challenge.ceremony === 'registration' ? challenge : undefined;
      await query(
        `INSERT INTO challenges (challenge, ceremony, expires_at, user_id, username, username_key, display_name, user_handle, existing_user, session_hash, recovery_token_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          challenge.challenge,
          challenge.ceremony,
          challenge.expiresAt,
          registration?.userId ?? null,
          registration?.username ?? null,
          challenge.usernameKey ?? null,
          registration?.displayName ?? null,
          registration?.userHandle ?? null,
          registration?.existingUser ?? null,
          registration?.sessionHash ?? null,
          registration?.recoveryTokenHash ?? null,
        ],
      );
    },

    async takeChallenge(challenge) {
      return toChallenge(await one('DELETE FROM challenges WHERE challenge = $1 RETURNING *', [challenge]));
    },

    async createSession({ idHash, userId, createdAt, expiresAt }) {
      await query('INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [idHash, userId, createdAt, expiresAt]);
    },

    async findSession(idHash) {
      return toSession(await one('SELECT * FROM sessions WHERE id_hash = $1', [idHash]));
    },

    async renewSession(idHash, expiresAt) {
      await query('UPDATE sessions SET expires_at = $1 WHERE id_hash = $2', [expiresAt, idHash]);
    },

    async deleteSession(idHash) {
      await query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
    },

    async deleteSessionsOf(userId) {
      await query('DELETE FROM sessions WHERE user_id = $1', [userId]);
    },

    async replaceRecoveryToken({ tokenHash, userId, expiresAt }) {
      await query(
        `INSERT INTO recovery_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, expires_at = excluded.expires_at`,
        [userId, tokenHash, expiresAt],
      );
    },

    async findRecoveryToken(tokenHash) {
      return toRecoveryToken(await one('SELECT * FROM recovery_tokens WHERE token_hash = $1', [tokenHash]));
    },

    async hit(key, windowMs, now) {
      const row = (await one(
        `INSERT INTO rate_limits AS limits (key, count, reset_at) VALUES ($1, 1, $2::bigint + $3::bigint)
         ON CONFLICT ((sha256(key::bytea))) DO UPDATE SET
           count = CASE WHEN limits.reset_at <= $2::bigint THEN 1 ELSE limits.count + 1 END,
           reset_at = CASE WHEN limits.reset_at <= $2::bigint THEN excluded.reset_at ELSE limits.reset_at END
         RETURNING count, reset_at`,
        [key, now, windowMs],
      ))!;
      return { count: Number(row['count']), resetAt: Number(row['reset_at']) };
    },

    async sweep(now) {
      await query('DELETE FROM challenges WHERE expires_at <= $1', [now]);
      await query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
      await query('DELETE FROM recovery_tokens WHERE expires_at <= $1', [now]);
      await query('DELETE FROM rate_limits WHERE reset_at <= $1', [now]);
    },
  };
}
