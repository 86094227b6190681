// Everything: defines <passkey-register>, <passkey-login>, <passkey-manager> and <passkey-recovery>, and exports
// their classes and the client.
// For the classes without defining tags, import 'passkey-elements/elements'; for the client alone, 'passkey-elements/client'.
// In this order, dist/cdn/passkey-elements.js gzips smallest (about 0.13 KB less than register first).
import './elements/passkey-manager/define.ts';
import './elements/passkey-login/define.ts';
import './elements/passkey-register/define.ts';
import './elements/passkey-recovery/define.ts';

export * from './client/index.ts';
export * from './elements/index.ts';
