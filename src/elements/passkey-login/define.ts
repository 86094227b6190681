import { defineElement } from '../shared/define.ts';
import { PasskeyLogin } from './passkey-login.ts';

defineElement('passkey-login', PasskeyLogin);

export { PasskeyLogin };
