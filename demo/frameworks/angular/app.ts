import { Component, signal } from '@angular/core';
import { PASSKEY_DIRECTIVES } from 'passkey-elements/angular';
import type { PasskeyAuthenticatedEvent, PasskeyRegisteredEvent } from 'passkey-elements';

// The kit's directives give the tags typed inputs (`[username]`) and outputs (`(passkeyRegistered)`): no
// CUSTOM_ELEMENTS_SCHEMA, and strictTemplates checks every binding (tsconfig.json; the page is compiled ahead of time).
@Component({
  selector: 'app-root',
  imports: [PASSKEY_DIRECTIVES],
  template: `
    <h1>Passkeys in Angular</h1>
    <passkey-register [username]="suggested" (passkeyRegistered)="onRegistered($event)"></passkey-register>
    <passkey-login [username]="registered()" (passkeyAuthenticated)="onAuthenticated($event)"></passkey-login>
    <output>{{ status() }}</output>
  `,
})
export class App {
  readonly suggested = 'ada';
  readonly registered = signal('');
  readonly status = signal('Not signed in.');

  onRegistered({ detail }: PasskeyRegisteredEvent): void {
    this.registered.set(detail.username);
    this.status.set(`${detail.username} has a passkey. Sign in with it.`);
  }

  onAuthenticated({ detail }: PasskeyAuthenticatedEvent): void {
    this.status.set(`Welcome, ${detail.username}!`);
  }
}
