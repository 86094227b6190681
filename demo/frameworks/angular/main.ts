import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { startBrowserMock } from 'passkey-elements-mock/browser';
import { App } from './app.ts';

// Development only: the kit's mock backend answers /api/passkey in this page. Your app talks to your server.
await startBrowserMock();

await bootstrapApplication(App, { providers: [provideZonelessChangeDetection()] });
