import type { BrowserMock } from 'passkey-elements-mock/browser';
import type { MockFault, PasskeyEndpoint, SeedCredential, StoredUser } from 'passkey-elements-mock';
import { PasskeyClient } from '../../src/client/index.ts';

/**
 * `parameters.mock` of a story: how the mock backend behaves for it. Storybook's preview resets the backend
 * before every story (no users, no session, no faults), then runs `seed`, then applies `latency` and `faults`.
 * A docs page shares one backend among its stories (those tagged `autodocs`) and applies only their seeds: seed
 * them without a ceremony (no browser prompt on opening the docs), and keep faults to the other stories.
 */
export interface MockParameters {
  /** Milliseconds added before every answer. */
  latency?: number;
  /** Forced answers per endpoint, as `backend.faults.force(endpoint, fault)`. */
  faults?: Partial<Record<PasskeyEndpoint, MockFault>>;
  /** Puts accounts and passkeys in place before the story renders. */
  seed?: (backend: BrowserMock) => unknown;
}

/**
 * `parameters.authenticator` of a story: how the WebAuthn virtual authenticator of the test run behaves.
 * In a person's Storybook the browser's real prompt appears instead, and the person does this.
 */
export interface AuthenticatorParameters {
  /** `false`: user verification fails, which the browser reports as the person dismissing the prompt. */
  userVerified?: boolean;
}

/**
 * Someone signed up as `username` on this device and is signed in: the backend knows the account and its
 * passkey, and this browser's authenticator holds it. Runs a real registration ceremony, so in a person's
 * Storybook the browser asks to create the passkey when the story loads.
 */
export function signedInOnThisDevice(username: string) {
  return async (): Promise<void> => {
    await new PasskeyClient().register({ username });
  };
}

/** As `signedInOnThisDevice`, then signed out: ready to sign in with the passkey. */
export function passkeyOnThisDevice(username: string) {
  return async (): Promise<void> => {
    await signedInOnThisDevice(username)();
    await signOut();
  };
}

/** An account `username` exists, with a passkey on some other device. No ceremony: straight into the store. */
export function accountElsewhere(username: string) {
  return (backend: BrowserMock): StoredUser => {
    const user = backend.seed.user({ userId: `user-${username}`, username, createdAt: daysAgo(400) });
    backend.seed.credential(user.userId, { ...KINDS[0], createdAt: daysAgo(400) });
    return user;
  };
}

/** `username` has an account and asked for a recovery link: its token is `token`, valid for 15 minutes. */
export function recoveryLink(username: string, token: string) {
  return async (backend: BrowserMock): Promise<void> => {
    const { userId } = accountElsewhere(username)(backend);
    await backend.seed.recoveryToken(userId, { token });
  };
}

/** Passkeys people have: synced ones of password managers, one bound to a laptop, a security key, one they named. */
const KINDS: SeedCredential[] = [
  { aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd', transports: ['internal', 'hybrid'], backedUp: true, deviceType: 'multiDevice' },
  { aaguid: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4', transports: ['internal', 'hybrid'], backedUp: true, deviceType: 'multiDevice' },
  { aaguid: '08987058-cadc-4b81-b6e1-30de50dcbe96', transports: ['internal'], backedUp: false, deviceType: 'singleDevice' },
  { aaguid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8', transports: ['usb', 'nfc'], backedUp: false, deviceType: 'singleDevice', name: 'Blue YubiKey' },
  { aaguid: '00000000-0000-0000-0000-000000000000', transports: ['hybrid'], backedUp: true, deviceType: 'multiDevice' },
];

/**
 * `username` is signed in on this page and has `passkeys` passkeys on other devices (listed, renamed and
 * deleted like any; signing in with them would need their devices). No ceremony: straight into the store.
 */
export function signedIn(username: string, passkeys: number) {
  return async (backend: BrowserMock): Promise<void> => {
    const { userId } = backend.seed.user({ userId: `user-${username}`, username, createdAt: daysAgo(400) });
    for (let i = 0; i < passkeys; i++) {
      const id = base64url(`${username} passkey ${i}`);
      const kind = KINDS[i % KINDS.length]!;
      const created = (passkeys - i) * 9; // listed oldest first
      const used = i % 3 === 2 ? {} : { lastUsedAt: daysAgo(i % 3 === 0 ? 1 : created / 2) };
      backend.seed.credential(userId, { id, createdAt: daysAgo(created), ...used, ...kind });
    }
    await backend.seed.session(userId); // the mock sets the session cookie in the page
  };
}

const base64url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const daysAgo = (days: number) => Date.now() - days * 86_400_000;

/** Ends the page's mock session; also clears MSW's copy of the session cookie. */
export async function signOut(): Promise<void> {
  await fetch('/api/passkey/session', { method: 'DELETE' });
  document.cookie = 'passkey_session=; Max-Age=0; path=/';
}
