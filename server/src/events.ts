import type { PasskeyEndpoint } from './kit.ts';
import type { ServerErrorCode } from './errors.ts';

/** What every event carries: when, from which client address, and for which endpoint. */
interface EventBase {
  /** Milliseconds since the epoch, from the server's clock. */
  time: number;
  /** The client address the adapter gave (`undefined` when called without one). */
  ip: string | undefined;
  endpoint: PasskeyEndpoint | undefined;
}

/**
 * A structured record of what the server did: the audit log of authentication attempts, and the only place the
 * details of a refusal go (the client gets a generic `{ error, code }`).
 */
export type PasskeyServerEvent = EventBase &
  (
    | { type: 'registered'; userId: string; username: string; credentialId: string; newAccount: boolean; recovery: boolean }
    | { type: 'signed-in'; userId: string; username: string; credentialId: string }
    | { type: 'signed-out'; userId: string | undefined }
    | { type: 'credential-renamed'; userId: string; credentialId: string }
    | { type: 'credential-deleted'; userId: string; credentialId: string }
    /** `known`: whether the username was an account (a mail was sent). Never in the response. */
    | { type: 'recovery-requested'; username: string; known: boolean }
    | { type: 'recovery-mail-failed'; userId: string; error: unknown }
    /** Every refusal, with its exact reason. */
    | { type: 'refused'; status: number; code: ServerErrorCode; reason: string }
    /** A failure of the server or its store: answered 500. */
    | { type: 'error'; error: unknown }
  );

/** The event minus what the server fills in. */
export type EventInput = PasskeyServerEvent extends infer E ? (E extends unknown ? Omit<E, keyof EventBase> : never) : never;

export type EventSink = (event: PasskeyServerEvent) => void;
