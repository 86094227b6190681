/**
 * What the SQL stores share: whose a registration is, which transports are kept, and how a row of the schema (the
 * same column names in SQLite and PostgreSQL) becomes a stored object. Optional fields that are NULL are left out.
 */
import type {
  KnownTransport,
  PendingChallenge,
  SaveRegistration,
  StoredCredential,
  StoredRecoveryToken,
  StoredSession,
  StoredUser,
} from '../store.ts';
import { knownTransports } from '../transports.ts';

/** A row as a driver returns it: BIGINT may arrive as a string (pg), booleans as 0/1 (SQLite). */
export type Row = Record<string, unknown>;

/** The account a registration belongs to; a call that names none, or two, is a bug in the caller. */
export function registrationOwner({ newUser, existingUserId, credential }: SaveRegistration): string {
  const owner = newUser?.userId ?? existingUserId;
  if (owner === undefined || (newUser && existingUserId !== undefined)) throw new TypeError('saveRegistration needs exactly one of newUser and existingUserId');
  if (credential.userId !== owner) throw new TypeError('saveRegistration: the credential belongs to another account than the registration');
  return owner;
}

/** SQLite stores booleans as 0 and 1. */
function flag(value: unknown): boolean {
  return value === true || value === 1;
}

/** PostgreSQL returns TEXT[] as an array; SQLite keeps the JSON text. */
function transportsOf(value: unknown): KnownTransport[] {
  const list: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(list) ? knownTransports(list.filter((item) => typeof item === 'string')) : [];
}

export function toUser(row: Row | undefined): StoredUser | undefined {
  if (!row) return undefined;
  return {
    userId: String(row['user_id']),
    username: String(row['username']),
    usernameKey: String(row['username_key']),
    displayName: String(row['display_name']),
    userHandle: String(row['user_handle']),
    createdAt: Number(row['created_at']),
  };
}

export function toCredential(row: Row | undefined): StoredCredential | undefined {
  if (!row) return undefined;
  const credential: StoredCredential = {
    id: String(row['id']),
    userId: String(row['user_id']),
    publicKey: String(row['public_key']),
    counter: Number(row['counter']),
    transports: transportsOf(row['transports']),
    aaguid: String(row['aaguid']),
    backedUp: flag(row['backed_up']),
    deviceType: row['device_type'] === 'multiDevice' ? 'multiDevice' : 'singleDevice',
    createdAt: Number(row['created_at']),
  };
  if (row['name'] !== null) credential.name = String(row['name']);
  if (row['last_used_at'] !== null) credential.lastUsedAt = Number(row['last_used_at']);
  return credential;
}

export function toChallenge(row: Row | undefined): PendingChallenge | undefined {
  if (!row) return undefined;
  const base = { challenge: String(row['challenge']), expiresAt: Number(row['expires_at']) };
  if (row['ceremony'] === 'authentication') {
    return row['username_key'] === null ? { ceremony: 'authentication', ...base } : { ceremony: 'authentication', ...base, usernameKey: String(row['username_key']) };
  }
  const challenge: PendingChallenge = {
    ceremony: 'registration',
    ...base,
    userId: String(row['user_id']),
    username: String(row['username']),
    usernameKey: String(row['username_key']),
    displayName: String(row['display_name']),
    userHandle: String(row['user_handle']),
    existingUser: flag(row['existing_user']),
  };
  if (row['session_hash'] !== null) challenge.sessionHash = String(row['session_hash']);
  if (row['recovery_token_hash'] !== null) challenge.recoveryTokenHash = String(row['recovery_token_hash']);
  return challenge;
}

export function toSession(row: Row | undefined): StoredSession | undefined {
  return row && { idHash: String(row['id_hash']), userId: String(row['user_id']), createdAt: Number(row['created_at']), expiresAt: Number(row['expires_at']) };
}

export function toRecoveryToken(row: Row | undefined): StoredRecoveryToken | undefined {
  return row && { tokenHash: String(row['token_hash']), userId: String(row['user_id']), expiresAt: Number(row['expires_at']) };
}
