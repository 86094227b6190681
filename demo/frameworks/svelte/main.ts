import { mount } from 'svelte';
import { startBrowserMock } from 'passkey-elements-mock/browser';
import App from './App.svelte';

// Development only: the kit's mock backend answers /api/passkey in this page. Your app talks to your server.
await startBrowserMock();

mount(App, { target: document.body });
