import { createApp, ref } from 'vue';
import { startBrowserMock } from 'passkey-elements-mock/browser';
import type { PasskeyAuthenticatedEvent, PasskeyRegisteredEvent } from 'passkey-elements';
import 'passkey-elements';

// Development only: the kit's mock backend answers /api/passkey in this page. Your app talks to your server.
await startBrowserMock();

const app = createApp({
  // `.prop` sets the elements' `username` property; `@passkey-…` listens to their events.
  template: `
    <h1>Passkeys in Vue</h1>
    <passkey-register :username.prop="suggested" @passkey-registered="onRegistered"></passkey-register>
    <passkey-login :username.prop="registered" @passkey-authenticated="onAuthenticated"></passkey-login>
    <output>{{ status }}</output>`,
  setup() {
    const suggested = 'ada';
    const registered = ref('');
    const status = ref('Not signed in.');
    return {
      suggested,
      registered,
      status,
      onRegistered({ detail }: PasskeyRegisteredEvent) {
        registered.value = detail.username;
        status.value = `${detail.username} has a passkey. Sign in with it.`;
      },
      onAuthenticated({ detail }: PasskeyAuthenticatedEvent) {
        status.value = `Welcome, ${detail.username}!`;
      },
    };
  },
});
// Vue compiles the template in the browser here (vue.esm-bundler.js, see vite.config.ts); tell it which tags are custom elements.
app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('passkey-');
app.mount('#app');
