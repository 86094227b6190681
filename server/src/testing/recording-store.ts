import type { PasskeyStore } from '../store.ts';

/** A store call that changed what is stored (a write that took effect). */
export interface Write {
  method: string;
  args: unknown[];
}

/** Whether a write method's result says it changed something. */
const TOOK_EFFECT: Partial<Record<keyof PasskeyStore, (result: unknown) => boolean>> = {
  saveRegistration: (result) => result === 'saved',
  recordSignIn: (result) => result === true,
  renameCredential: (result) => result !== undefined,
  deleteCredential: (result) => result === true,
  createSession: () => true,
  renewSession: () => true,
  deleteSession: () => true,
  deleteSessionsOf: () => true,
  replaceRecoveryToken: () => true,
};

/** Every method of the interface (the compiler checks none is missing). */
const STORE_METHODS: Record<keyof PasskeyStore, true> = {
  migrate: true, close: true, findUser: true, findUserByKey: true, findCredential: true, listCredentials: true,
  saveRegistration: true, recordSignIn: true, renameCredential: true, deleteCredential: true, putChallenge: true,
  takeChallenge: true, createSession: true, findSession: true, renewSession: true, deleteSession: true,
  deleteSessionsOf: true, replaceRecoveryToken: true, findRecoveryToken: true, hit: true, sweep: true,
};

/**
 * Wraps any store and records the name of every method called (`calls`), and every write that took effect to users, credentials, sessions and recovery tokens (not
 * challenges, rate-limit counters or sweeps, which every request may touch). A refused request must record none:
 * that is "the store is unchanged", checked the same way on every database.
 */
export function recordingStore(store: PasskeyStore): { store: PasskeyStore; writes: Write[]; calls: string[] } {
  const writes: Write[] = [];
  const calls: string[] = [];
  const wrapped = new Proxy(store, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (!Object.hasOwn(STORE_METHODS, property)) return value.bind(target);
      const tookEffect = TOOK_EFFECT[property as keyof PasskeyStore];
      return async (...args: unknown[]) => {
        calls.push(String(property));
        const result = await value.apply(target, args);
        if (tookEffect?.(result)) writes.push({ method: String(property), args });
        return result;
      };
    },
  });
  return { store: wrapped, writes, calls };
}
