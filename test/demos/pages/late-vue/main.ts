// A test page for test/demos/late-definition.node.test.ts: Vue renders the tags before they are defined, and the
// kit is imported in onMounted, as a server-rendered app does it on the client only.
import { createApp, onMounted, ref } from 'vue';
import { startBrowserMock } from 'passkey-elements-mock/browser';
import { PasskeyClient } from 'passkey-elements/client'; // the client alone: no tag is defined by this
import type { PasskeyAuthenticatedEvent, PasskeyRegisteredEvent } from 'passkey-elements';

await startBrowserMock();

const calls = ref(0);
const client = new PasskeyClient({
  onRequest(request) {
    request.headers.set('x-csrf-token', 'late-vue');
    calls.value++;
  },
});

// One object for the page's life: a new one on each render would be set again after the definition, and hide whether
// the one set before it was kept.
const registerStrings = { registerButton: 'Create it, late Vue' };

const app = createApp({
  // `.prop` sets properties on the element not yet defined (the upgrade pattern); `strings` on <passkey-login> is JSON
  // in its attribute.
  template: `
    <passkey-register :username.prop="'late-vue'" :strings.prop="registerStrings" :client.prop="client"
      @passkey-registered="onRegistered"></passkey-register>
    <passkey-login strings='{"loginButton": "Sign in, late Vue"}' :client.prop="client" :username.prop="registered"
      @passkey-authenticated="onAuthenticated"></passkey-login>
    <p data-testid="defined">{{ definedWhenRendered ? 'defined before rendering' : 'rendered before defining' }}; {{ defined ? 'now defined' : 'not defined yet' }}</p>
    <p data-testid="calls">{{ calls }}</p>
    <output>{{ status }}</output>`,
  setup() {
    const definedWhenRendered = customElements.get('passkey-register') !== undefined;
    const defined = ref(false);
    const registered = ref('');
    const status = ref('Not signed in.');
    onMounted(async () => {
      await import('passkey-elements');
      defined.value = true;
    });
    return {
      client,
      registerStrings,
      calls,
      definedWhenRendered,
      defined,
      registered,
      status,
      onRegistered({ detail }: PasskeyRegisteredEvent) {
        registered.value = detail.username;
        status.value = `${detail.username} has a passkey.`;
      },
      onAuthenticated({ detail }: PasskeyAuthenticatedEvent) {
        status.value = `Welcome, ${detail.username}!`;
      },
    };
  },
});
app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('passkey-');
app.mount('#app');
