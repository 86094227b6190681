// The token step shows a <passkey-register>: define it as well.
import '../passkey-register/define.ts';
import { defineElement } from '../shared/define.ts';
import { PasskeyRecovery } from './passkey-recovery.ts';

defineElement('passkey-recovery', PasskeyRecovery);

export { PasskeyRecovery };
