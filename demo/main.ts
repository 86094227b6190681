import { PasskeyClient, PasskeyError } from '../src/index.ts';
import { startBrowserMock } from '../mock-server/browser.ts';

await startBrowserMock({ quiet: false });
const client = new PasskeyClient();
const status = document.querySelector<HTMLParagraphElement>('#status')!;

function handle(form: HTMLFormElement, run: (username: string) => Promise<string>): void {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const username = String(new FormData(form).get('username') ?? '').trim();
    status.textContent = 'Waiting for your passkey…';
    try {
      status.textContent = await run(username);
    } catch (error) {
      status.textContent = error instanceof PasskeyError ? `${error.code}: ${error.message}` : String(error);
    }
  });
}

handle(document.querySelector('#register')!, async (username) => {
  const result = await client.register({ username });
  return `Passkey created for ${result.username}.`;
});
handle(document.querySelector('#login')!, async (username) => {
  const result = await client.authenticate({ username });
  return `Signed in as ${result.username}.`;
});
