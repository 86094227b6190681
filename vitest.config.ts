import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { webauthnCommands } from './.storybook/webauthn-commands.ts';

// `npm run test:stories`, and Storybook's own "Run tests": every story is a test (it renders, and its play
// function passes) in headless Chromium, with a WebAuthn virtual authenticator per test and the mock backend in the page.
export default defineConfig({
  plugins: [storybookTest()],
  test: {
    name: 'storybook',
    setupFiles: ['.storybook/vitest.setup.ts'],
    onConsoleLog: (log) => !log.startsWith('Lit is in dev mode'),
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      }),
      instances: [{ browser: 'chromium' }],
      commands: webauthnCommands,
    },
  },
});
