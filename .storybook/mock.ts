import type { StoryContext } from '@storybook/web-components-vite';
import { startBrowserMock, type BrowserMock } from 'passkey-elements-mock/browser';
import type { MockFault, PasskeyEndpoint } from 'passkey-elements-mock';
import { signOut, type MockParameters } from '../stories/support/mock.ts';

let running: Promise<BrowserMock> | undefined;
let docsPage: { title: string; reset: Promise<void> } | undefined;

/** The mock backend of the whole Storybook (and of each test page): one MSW worker, started on first use. */
function backend(): Promise<BrowserMock> {
  // BASE_URL is './' in storybook-static, where msw/vite emits the worker next to iframe.html.
  running ??= startBrowserMock({ workerUrl: `${import.meta.env.BASE_URL}mockServiceWorker.js` });
  return running;
}

/** No users, no session, no faults, the handlers as created. */
async function reset(mock: BrowserMock): Promise<void> {
  mock.worker.resetHandlers();
  await signOut();
  mock.reset();
}

/**
 * Before each story: a fresh backend, then the story's `parameters.mock`. A docs page renders its stories at
 * once against the one backend: it starts fresh once, takes every story's seed, and no faults, which would hit
 * them all.
 */
export async function mockBeforeEach({ parameters, viewMode, title }: StoryContext): Promise<void> {
  const mock = await backend();
  const docs = viewMode === 'docs';
  if (!docs) docsPage = undefined;
  else if (docsPage?.title !== title) docsPage = { title, reset: reset(mock) };
  await (docsPage?.reset ?? reset(mock));

  const { seed, faults = {}, latency = 0 } = (parameters.mock ?? {}) as MockParameters;
  await seed?.(mock);
  if (docs) return;
  for (const [endpoint, fault] of Object.entries(faults) as [PasskeyEndpoint, MockFault][]) mock.faults.force(endpoint, fault);
  mock.faults.latency = latency;
}
