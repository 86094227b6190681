import { KNOWN_TRANSPORTS, type KnownTransport, type StoredCredential } from './store.ts';
import type { CredentialDescriptor } from './decoys.ts';

/** Only known transports, each once, sorted as browsers report them: nothing a client makes up is stored. */
export function knownTransports(reported: readonly string[] | undefined): KnownTransport[] {
  const known = new Set((reported ?? []).filter((t): t is KnownTransport => (KNOWN_TRANSPORTS as readonly string[]).includes(t)));
  return [...known].sort();
}

/** A stored passkey as `allowCredentials` / `excludeCredentials` name it. */
export function descriptorOf(credential: StoredCredential): CredentialDescriptor {
  return { id: credential.id, transports: credential.transports };
}
