// Compiles the component's template in the browser (JIT): this page has no Angular CLI build.
import '@angular/compiler';
import { Component, CUSTOM_ELEMENTS_SCHEMA, provideZonelessChangeDetection, signal } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { startBrowserMock } from 'passkey-elements/mock/browser';
import type { PasskeyAuthenticatedEvent, PasskeyRegisteredEvent } from 'passkey-elements';
import 'passkey-elements';

// Development only: the kit's mock backend answers /api/passkey in this page. Your app talks to your server.
await startBrowserMock();

// `[username]` sets the elements' property; `(passkey-…)` listens to their events.
// CUSTOM_ELEMENTS_SCHEMA lets Angular accept tags, properties and events it does not know.
@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <h1>Passkeys in Angular</h1>
    <passkey-register [username]="suggested" (passkey-registered)="onRegistered($event)"></passkey-register>
    <passkey-login [username]="registered()" (passkey-authenticated)="onAuthenticated($event)"></passkey-login>
    <output>{{ status() }}</output>
  `,
})
class App {
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

await bootstrapApplication(App, { providers: [provideZonelessChangeDetection()] });
