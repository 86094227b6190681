import type { PasskeyRequest } from './http.ts';

export interface PasskeyClientOptions {
  /** Base URL of the ceremony and credential endpoints. Default `/api/passkey`. */
  apiUrl?: string;
  /** Base URL of `/recovery/send`. Default `/api/auth`. */
  recoveryUrl?: string;
  /** The fetch to use (a test seam, or a wrapper that adds auth). Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Headers sent with every request, or a function returning them (read before each request). */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
  /** fetch's cookie mode. Use `include` when the API is on another origin. Default `same-origin`. */
  credentials?: RequestCredentials;
  /** Milliseconds to wait for each server answer. Default 30000. */
  timeout?: number;
  /** Called before every request; may change its headers and JSON body fields. */
  onRequest?: (request: PasskeyRequest) => void | Promise<void>;
}

export interface RegisterInput {
  username: string;
  displayName?: string;
  /** Your own user id, for a backend that lets the page choose it (as the guide's servers do). */
  userId?: string;
  /** A recovery token from a recovery link: registers a new passkey for that account. */
  recoveryToken?: string;
  signal?: AbortSignal;
  /** Called once the server's options arrived, as the browser's passkey prompt opens. */
  onPrompt?: () => void;
}

export interface AuthenticateInput {
  /** Omit to sign in username-less with a discoverable credential. */
  username?: string;
  /** `conditional` offers passkeys in the browser's autofill of a field with `autocomplete="username webauthn"`. */
  mediation?: 'conditional';
  /** With conditional mediation: check the page has such a field first (off when the field is in shadow DOM). Default true. */
  verifyBrowserAutofillInput?: boolean;
  signal?: AbortSignal;
  /** Called once the server's options arrived, as the browser's passkey prompt (or autofill offer) opens. */
  onPrompt?: () => void;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

/** Server answers are passed through whole in `response`: backends add their own fields. */
export type ServerJson = Record<string, unknown>;

export interface RegistrationResult {
  userId: string;
  username: string;
  credentialId: string;
  response: ServerJson;
}

export interface AuthenticationResult {
  userId: string;
  username: string;
  response: ServerJson;
}

/** A passkey as `GET /credentials` lists it; every field but `id` is optional on the wire. */
export interface PasskeyCredential {
  id: string;
  name?: string;
  createdAt?: string;
  lastUsedAt?: string;
  transports?: string[];
  aaguid?: string;
  backedUp?: boolean;
  deviceType?: 'singleDevice' | 'multiDevice';
  [extra: string]: unknown;
}

/** Who is signed in, as `GET {apiUrl}/session` says (an extension of the guide's protocol that the mock answers). */
export interface PasskeySession {
  username: string;
  userId?: string;
  displayName?: string;
  /** base64url of the WebAuthn `user.id` the account's passkeys hold: what the Signal API calls `userId`. */
  userHandle?: string;
}
