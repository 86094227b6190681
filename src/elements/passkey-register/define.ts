import { defineElement } from '../shared/define.ts';
import { PasskeyRegister } from './passkey-register.ts';

defineElement('passkey-register', PasskeyRegister);

export { PasskeyRegister };
