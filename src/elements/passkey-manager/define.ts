import { defineElement } from '../shared/define.ts';
import { PasskeyManager } from './passkey-manager.ts';

defineElement('passkey-manager', PasskeyManager);

export { PasskeyManager };
