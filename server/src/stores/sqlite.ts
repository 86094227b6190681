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
 * Group commit: the writes asked for during one turn of the event loop run together when the turn ends, each in a
 * savepoint of one transaction (one that fails is undone alone), and each resolves once that transaction is committed.
 * Reads run at once, on committed data. A commit of its own cost each write about 13 µs of locking and WAL writing on
 * an idle machine, and far more on a busy one; a ceremony makes seven or eight writes. The write lock is held only
 * while a batch's statements run, so other processes on the file wait no longer than before.
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
    flush(); // a batch waiting for its turn commits first, in the order asked for
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

  interface QueuedWrite {
    work: () => unknown;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
    result?: unknown;
  }
  let queue: QueuedWrite[] = [];
  let flushScheduled = false;

  /** Queues `work` (one or more statements, all or nothing) for this turn's transaction; resolves once it is committed. */
  function write<T>(work: () => T): Promise<T> {
    if (closed) return Promise.reject(new Error('The SQLite store is closed'));
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
    return new Promise<T>((resolve, reject) => queue.push({ work, resolve: resolve as (value: unknown) => void, reject }));
  }

  /** Runs the queued writes in one transaction, each in a savepoint: one that fails is undone alone, and rejects. */
  function flush(): void {
    flushScheduled = false;
    const writes = queue;
    queue = [];
    if (writes.length === 0 || closed) return;
    let ran: QueuedWrite[] = [];
    const fail = (error: unknown) => {
      for (const done of ran) done.reject(error);
      ran = [];
    };
    try {
      statement('BEGIN IMMEDIATE').run();
    } catch (error) {
      for (const pending of writes) pending.reject(error);
      return;
    }
    for (const pending of writes) {
      statement('SAVEPOINT queued_write').run();
      try {
        pending.result = pending.work();
        statement('RELEASE queued_write').run();
        ran.push(pending);
      } catch (error) {
        pending.reject(error);
        try {
          statement('ROLLBACK TO queued_write').run();
          statement('RELEASE queued_write').run();
        } catch {
          // SQLite rolled the whole transaction back (a full disk, an I/O error): what ran before is lost with it.
          fail(error);
          try {
            statement('BEGIN IMMEDIATE').run();
          } catch (again) {
            for (const rest of writes.slice(writes.indexOf(pending) + 1)) rest.reject(again);
            return;
          }
        }
      }
    }
    try {
      statement('COMMIT').run();
    } catch (error) {
      try {
        statement('ROLLBACK').run();
      } catch {
        // Already rolled back.
      }
      fail(error);
      return;
    }
    for (const done of ran) done.resolve(done.result);
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
      flush(); // writes already asked for are kept
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
      return write((): SaveRegistrationResult => {
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
      return write(
        () =>
          run(
            'UPDATE credentials SET counter = ?, backed_up = ?, last_used_at = ? WHERE id = ? AND counter = ?',
            counter,
            backedUp ? 1 : 0,
            lastUsedAt,
            credentialId,
            expectedCounter,
          ) === 1,
      );
    },

    async renameCredential(userId, credentialId, name) {
      return write(() => toCredential(get('UPDATE credentials SET name = ? WHERE id = ? AND user_id = ? RETURNING *', name, credentialId, userId)));
    },

    async deleteCredential(userId, credentialId) {
      return write(() => run('DELETE FROM credentials WHERE id = ? AND user_id = ?', credentialId, userId) === 1);
    },

    async putChallenge(challenge) {
      const registration = challenge.ceremony === 'registration' ? challenge : undefined;
      return write(() => {
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
      });
    },

    async takeChallenge(challenge) {
      return write(() => toChallenge(get('DELETE FROM challenges WHERE challenge = ? RETURNING *', challenge)));
    },

    async createSession({ idHash, userId, createdAt, expiresAt }) {
      return write(() => void run('INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', idHash, userId, createdAt, expiresAt));
    },

    async findSession(idHash) {
      return toSession(get('SELECT * FROM sessions WHERE id_hash = ?', idHash));
    },

    async renewSession(idHash, expiresAt) {
      return write(() => void run('UPDATE sessions SET expires_at = ? WHERE id_hash = ?', expiresAt, idHash));
    },

    async deleteSession(idHash) {
      return write(() => void run('DELETE FROM sessions WHERE id_hash = ?', idHash));
    },

    async deleteSessionsOf(userId) {
      return write(() => void run('DELETE FROM sessions WHERE user_id = ?', userId));
    },

    async replaceRecoveryToken({ tokenHash, userId, expiresAt }) {
      return write(() => {
        run(
          `INSERT INTO recovery_tokens (user_id, token_hash, expires_at) VALUES (?, ?, ?)
           ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, expires_at = excluded.expires_at`,
          userId,
          tokenHash,
          expiresAt,
        );
      });
    },

    async findRecoveryToken(tokenHash) {
      return toRecoveryToken(get('SELECT * FROM recovery_tokens WHERE token_hash = ?', tokenHash));
    },

    async hit(key, windowMs, now) {
      return write(() => {
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
      });
    },

    async sweep(now) {
      return write(() => {
        run('DELETE FROM challenges WHERE expires_at <= ?', now);
        run('DELETE FROM sessions WHERE expires_at <= ?', now);
        run('DELETE FROM recovery_tokens WHERE expires_at <= ?', now);
        run('DELETE FROM rate_limits WHERE reset_at <= ?', now);
      });
    },
  };
}
