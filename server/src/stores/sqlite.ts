import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { pendingMigrations } from '../migrations/migration.ts';
import { SQLITE_MIGRATIONS } from '../migrations/sqlite.ts';
import type { PasskeyStore, SaveRegistrationResult } from '../store.ts';
import { knownTransports } from '../transports.ts';
import { registrationOwner, toChallenge, toCredential, toRecoveryToken, toSession, toUser, type Row } from './sql-shared.ts';

export interface SqliteStoreOptions {
  /** The database file, created when missing; `':memory:'` for a private database that lives as long as the store. */
  path: string;
  /** How long a write waits for another process's lock before it fails, in milliseconds. Default 5000. */
  busyTimeoutMs?: number;
}

/**
 * A store in one SQLite file, on Node's built-in `node:sqlite` (no native build). Several processes may share the
 * file: it runs in WAL mode, a write waits up to `busyTimeoutMs` for another's lock, and every multi-step write is one
 * `BEGIN IMMEDIATE` transaction, which takes the write lock before it reads.
 *
 * Durability: `synchronous = NORMAL`, SQLite's advice for WAL. A crash of the process loses nothing; a power cut may
 * lose the last transactions, never half of one. The WAL file grows to about 16 MB between checkpoints.
 *
 * Call `migrate()` before anything else.
 */
export function createSqliteStore({ path, busyTimeoutMs = 5000 }: SqliteStoreOptions): PasskeyStore {
  const db = new DatabaseSync(path, { enableForeignKeyConstraints: true });
  db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  // Checkpoints (the only writes that wait for the disk under NORMAL) every ~16 MB of WAL rather than 4 MB: hot pages
  // (rate limits, challenges) are copied once per checkpoint, and the store spends about a third less per write.
  db.exec('PRAGMA wal_autocheckpoint = 4000');
  db.exec(`PRAGMA journal_size_limit = ${32 * 1024 * 1024}`);

  const statements = new Map<string, StatementSync>();
  const statement = (sql: string): StatementSync => {
    let prepared = statements.get(sql);
    if (!prepared) statements.set(sql, (prepared = db.prepare(sql)));
    return prepared;
  };
  const get = (sql: string, ...values: SQLInputValue[]) => statement(sql).get(...values) as Row | undefined;
  const all = (sql: string, ...values: SQLInputValue[]) => statement(sql).all(...values) as Row[];
  const run = (sql: string, ...values: SQLInputValue[]) => Number(statement(sql).run(...values).changes);

  /** Runs `work` holding the write lock, all or nothing. Synchronous, so nothing else in this process interleaves. */
  function writeTransaction<T>(work: () => T): T {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      try {
        db.exec('ROLLBACK');
      } catch {
        // SQLite already rolled back (a full disk, an I/O error): nothing is left open.
      }
      throw error;
    }
  }

  let closed = false;

  return {
    async migrate() {
      writeTransaction(() => {
        db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
        const applied = db.prepare('SELECT version FROM schema_migrations').all().map((row) => Number(row['version']));
        for (const migration of pendingMigrations(SQLITE_MIGRATIONS, applied)) {
          db.exec(migration.sql);
          db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, Date.now());
        }
      });
    },

    async close() {
      if (closed) return;
      closed = true;
      statements.clear();
      db.close();
    },

    async findUser(userId) {
      return toUser(get('SELECT * FROM users WHERE user_id = ?', userId));
    },

    async findUserByKey(usernameKey) {
      return toUser(get('SELECT * FROM users WHERE username_key = ?', usernameKey));
    },

    async findCredential(credentialId) {
      return toCredential(get('SELECT * FROM credentials WHERE id = ?', credentialId));
    },

    async listCredentials(userId) {
      return all('SELECT * FROM credentials WHERE user_id = ? ORDER BY created_at, rowid', userId).map((row) => toCredential(row)!);
    },

    async saveRegistration(input) {
      const owner = registrationOwner(input);
      return writeTransaction((): SaveRegistrationResult => {
        // The write lock is held, so what these reads find cannot change before the inserts.
        if (input.newUser) {
          if (get('SELECT 1 FROM users WHERE username_key = ?', input.newUser.usernameKey)) return 'username-taken';
          if (get('SELECT 1 FROM users WHERE user_id = ?', owner)) return 'user-id-taken';
        } else if (!get('SELECT 1 FROM users WHERE user_id = ?', owner)) {
          return 'no-such-user';
        }
        if (get('SELECT 1 FROM credentials WHERE id = ?', input.credential.id)) return 'credential-taken';
        if (input.recoveryTokenHash !== undefined) {
          const used = run('DELETE FROM recovery_tokens WHERE token_hash = ? AND user_id = ? AND expires_at > ?', input.recoveryTokenHash, owner, input.now);
          if (used !== 1) return 'recovery-token-invalid';
        }
        if (input.newUser) {
          const user = input.newUser;
          run(
            'INSERT INTO users (user_id, username, username_key, display_name, user_handle, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
            user.userId,
            user.username,
            user.usernameKey,
            user.displayName,
            user.userHandle,
            user.createdAt,
            user.createdAt,
          );
        }
        const credential = input.credential;
        run(
          `INSERT INTO credentials (id, user_id, public_key, counter, transports, name, aaguid, backed_up, device_type, created_at, last_used_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          credential.id,
          owner,
          credential.publicKey,
          credential.counter,
          JSON.stringify(knownTransports(credential.transports)),
          credential.name ?? null,
          credential.aaguid,
          credential.backedUp ? 1 : 0,
          credential.deviceType,
          credential.createdAt,
          credential.lastUsedAt ?? null,
        );
        return 'saved';
      });
    },

    async recordSignIn(credentialId, expectedCounter, { counter, backedUp, lastUsedAt }) {
      const changed = run(
        'UPDATE credentials SET counter = ?, backed_up = ?, last_used_at = ? WHERE id = ? AND counter = ?',
        counter,
        backedUp ? 1 : 0,
        lastUsedAt,
        credentialId,
        expectedCounter,
      );
      return changed === 1;
    },

    async renameCredential(userId, credentialId, name) {
      return toCredential(get('UPDATE credentials SET name = ? WHERE id = ? AND user_id = ? RETURNING *', name, credentialId, userId));
    },

    async deleteCredential(userId, credentialId) {
      return run('DELETE FROM credentials WHERE id = ? AND user_id = ?', credentialId, userId) === 1;
    },

    async putChallenge(challenge) {
      const registration = challenge.ceremony === 'registration' ? challenge : undefined;
      run(
        `INSERT INTO challenges (challenge, ceremony, expires_at, user_id, username, username_key, display_name, user_handle, existing_user, session_hash, recovery_token_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        challenge.challenge,
        challenge.ceremony,
        challenge.expiresAt,
        registration?.userId ?? null,
        registration?.username ?? null,
        challenge.usernameKey ?? null,
        registration?.displayName ?? null,
        registration?.userHandle ?? null,
        registration ? (registration.existingUser ? 1 : 0) : null,
        registration?.sessionHash ?? null,
        registration?.recoveryTokenHash ?? null,
      );
    },

    async takeChallenge(challenge) {
      return toChallenge(get('DELETE FROM challenges WHERE challenge = ? RETURNING *', challenge));
    },

    async createSession({ idHash, userId, createdAt, expiresAt }) {
      run('INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', idHash, userId, createdAt, expiresAt);
    },

    async findSession(idHash) {
      return toSession(get('SELECT * FROM sessions WHERE id_hash = ?', idHash));
    },

    async renewSession(idHash, expiresAt) {
      run('UPDATE sessions SET expires_at = ? WHERE id_hash = ?', expiresAt, idHash);
    },

    async deleteSession(idHash) {
      run('DELETE FROM sessions WHERE id_hash = ?', idHash);
    },

    async deleteSessionsOf(userId) {
      run('DELETE FROM sessions WHERE user_id = ?', userId);
    },

    async replaceRecoveryToken({ tokenHash, userId, expiresAt }) {
      run(
        `INSERT INTO recovery_tokens (user_id, token_hash, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, expires_at = excluded.expires_at`,
        userId,
        tokenHash,
        expiresAt,
      );
    },

    async findRecoveryToken(tokenHash) {
      return toRecoveryToken(get('SELECT * FROM recovery_tokens WHERE token_hash = ?', tokenHash));
    },

    async hit(key, windowMs, now) {
      // Most hits land in a running window: one UPDATE that leaves reset_at (and its index) alone. A new or ended
      // window takes the upsert. Each statement is atomic, and exactly one of them counts the hit.
      const row =
        get('UPDATE rate_limits SET count = count + 1 WHERE key = ?1 AND reset_at > ?2 RETURNING count, reset_at', key, now) ??
        get(
          `INSERT INTO rate_limits (key, count, reset_at) VALUES (?1, 1, ?2 + ?3)
           ON CONFLICT (key) DO UPDATE SET
             count = CASE WHEN reset_at <= ?2 THEN 1 ELSE count + 1 END,
             reset_at = CASE WHEN reset_at <= ?2 THEN excluded.reset_at ELSE reset_at END
           RETURNING count, reset_at`,
          key,
          now,
          windowMs,
        )!;
      return { count: Number(row['count']), resetAt: Number(row['reset_at']) };
    },

    async sweep(now) {
      writeTransaction(() => {
        run('DELETE FROM challenges WHERE expires_at <= ?', now);
        run('DELETE FROM sessions WHERE expires_at <= ?', now);
        run('DELETE FROM recovery_tokens WHERE expires_at <= ?', now);
        run('DELETE FROM rate_limits WHERE reset_at <= ?', now);
      });
    },
  };
}
