/**
 * `passkey-elements/angular`: a standalone directive per element, with typed inputs (`[apiUrl]`, `[client]`,
 * `[strings]`…) and outputs (`(passkeyAuthenticated)`…), so templates need no `CUSTOM_ELEMENTS_SCHEMA` and
 * `strictTemplates` checks every binding:
 *
 * ```ts
 * @Component({ imports: [PASSKEY_DIRECTIVES], template: `<passkey-login (passkeyAuthenticated)="home()" />` })
 * ```
 *
 * Shipped partially compiled (Ivy), for AOT apps. `@angular/core` is not a dependency of passkey-elements: the app provides it.
 */
import { PasskeyLoginDirective } from './passkey-login.directive.ts';
import { PasskeyManagerDirective } from './passkey-manager.directive.ts';
import { PasskeyRecoveryDirective } from './passkey-recovery.directive.ts';
import { PasskeyRegisterDirective } from './passkey-register.directive.ts';

export { PasskeyDirective } from './passkey-directive.ts';
export { PasskeyLoginDirective, PasskeyManagerDirective, PasskeyRecoveryDirective, PasskeyRegisterDirective };

/** The four directives, for a component's `imports`. */
export const PASSKEY_DIRECTIVES = [PasskeyRegisterDirective, PasskeyLoginDirective, PasskeyManagerDirective, PasskeyRecoveryDirective] as const;
