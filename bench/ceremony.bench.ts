/**
 * In Chromium with a WebAuthn virtual authenticator:
 * - full registration and sign-in through the elements (click → event), and through PasskeyClient alone, beside a
 *   minimal baseline (bare @simplewebauthn/browser + fetch) in the same run, rotating the order so none gets a
 *   warmer browser. Each side does the same ceremonies against the same in-page mock (MSW in front of the
 *   @simplewebauthn/server verifier, whose crypto runs on the page's main thread). Each side first waits 300 ms,
 *   untimed, as a person looks at a page before acting (bench-page.ts, READING_MS);
 * - first render of each element from `customElements.define` to the first frame, beside a one-line Lit element,
 *   the three taking turns page by page.
 * Each ceremony row gives the medians and the middle half (p25–p75) of each side, and the paired difference: kit minus
 * baseline within the same round, whose median and middle half say how much the kit adds without the rounds' own
 * ups and downs. Goal: kit/baseline (ratio of the medians) at most GOAL. First render has no goal; figures only.
 *   npm run bench:browser        (BENCH_ITERATIONS=30 rounds, BENCH_RENDER_SAMPLES=15 pages per element)
 */
import type { Page } from 'playwright';
import { call, startBenchBrowser, type BenchBrowser } from './browser-session.ts';
import { median, printTable, spread } from './report.ts';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);
const WARM_UP = 3;
const FIRST_RENDER_SAMPLES = Number(process.env.BENCH_RENDER_SAMPLES ?? 15);
const SIDES = ['kit', 'baseline', 'client'] as const;
const GOAL = 1.1;

export const CEREMONY_TITLE = 'Ceremonies in Chromium (virtual authenticator, in-page mock)';
export const CEREMONY_GOAL = `the kit's ceremonies at most ${GOAL.toFixed(2)}× the baseline's (ratio of the medians)`;
export const FIRST_RENDER_TITLE = 'First render in Chromium';

type Samples = Record<`${(typeof SIDES)[number]}${'Register' | 'Login'}`, number[]>;

/** Checks that the session cookie reaches the mock and that signing out ends the session, then leaves no session. */
async function checkSession(page: Page) {
  await call(page, 'signOut');
  await call(page, 'baselineRegister', 'login-user');
  const signedIn = await call<string | null>(page, 'sessionUser');
  await call(page, 'signOut');
  const signedOut = await call<string | null>(page, 'sessionUser');
  if (signedIn !== 'login-user' || signedOut !== null) throw new Error(`sessions do not work (after registration: ${signedIn}, after sign-out: ${signedOut})`);
}

/** One round: each side registers a new user and signs `login-user` in, signed out before each. */
async function round(page: Page, i: number, samples: Samples) {
  // Each side takes each place in turn: the one after the kit may meet the frame of its success render.
  const first = (i + WARM_UP) % SIDES.length;
  for (const side of [...SIDES.slice(first), ...SIDES.slice(0, first)]) {
    await call(page, 'signOut');
    const registerTime = await call(page, `${side}Register`, `${side}-user-${i + WARM_UP}`);
    await call(page, 'signOut');
    const loginTime = await call(page, `${side}Login`, 'login-user');
    if (i >= 0) {
      samples[`${side}Register`].push(registerTime);
      samples[`${side}Login`].push(loginTime);
    }
  }
}

async function ceremonies(browser: BenchBrowser) {
  const page = await browser.open();
  await call(page, 'defineCeremonyElements');
  await checkSession(page);
  const samples: Samples = { kitRegister: [], baselineRegister: [], kitLogin: [], baselineLogin: [], clientRegister: [], clientLogin: [] };
  for (let i = -WARM_UP; i < ITERATIONS; i++) await round(page, i, samples);
  // Every registration of every side reached the store, and nothing else did.
  const stored = await call(page, 'storedCredentials');
  const expected = 1 + SIDES.length * (ITERATIONS + WARM_UP);
  if (stored !== expected) throw new Error(`${stored} credentials stored, expected ${expected}`);
  await page.close();

  const ms = (values: number[]) => `${median(values).toFixed(1)} (${spread(values)})`;
  const row = (label: string, kit: Exclude<keyof Samples, `baseline${string}`>, baseline: keyof Samples) => {
    const ratio = median(samples[kit]) / median(samples[baseline]);
    // Round i of both sides ran back to back: their difference leaves out what the round itself cost.
    const paired = samples[kit].map((value, i) => value - samples[baseline][i]!);
    return {
      measure: label,
      'kit median (p25–p75) ms': ms(samples[kit]),
      'baseline median (p25–p75) ms': ms(samples[baseline]),
      'paired kit − baseline median (p25–p75) ms': ms(paired),
      'ratio kit/baseline': ratio.toFixed(2),
      goal: `≤ ${GOAL.toFixed(2)}`,
      met: ratio <= GOAL ? 'met' : 'missed',
    };
  };
  return [
    row(`full registration through <passkey-register>, click → event (${ITERATIONS} runs)`, 'kitRegister', 'baselineRegister'),
    row(`full sign-in through <passkey-login>, click → event (${ITERATIONS} runs)`, 'kitLogin', 'baselineLogin'),
    row(`the same registration through PasskeyClient alone`, 'clientRegister', 'baselineRegister'),
    row(`the same sign-in through PasskeyClient alone`, 'clientLogin', 'baselineLogin'),
  ];
}

const RENDERED = ['one-line-element', 'passkey-register', 'passkey-login'] as const;

async function firstRenders(browser: BenchBrowser) {
  const samples = Object.fromEntries(RENDERED.map((tag) => [tag, [] as number[]])) as Record<(typeof RENDERED)[number], number[]>;
  // Page by page the three take turns, each starting a round in its turn: a busy moment falls on all of them alike.
  for (let i = 0; i < FIRST_RENDER_SAMPLES; i++) {
    for (const tag of [...RENDERED.slice(i % RENDERED.length), ...RENDERED.slice(0, i % RENDERED.length)]) {
      const page = await browser.open();
      samples[tag].push(await call(page, 'firstRender', tag));
      await page.close();
    }
  }
  const baseline = samples['one-line-element'];
  return (['passkey-register', 'passkey-login'] as const).map((tag) => ({
    measure: `first render of <${tag}>, define → first frame (${FIRST_RENDER_SAMPLES} pages)`,
    'kit median (p25–p75) ms': `${median(samples[tag]).toFixed(1)} (${spread(samples[tag])})`,
    'baseline median (p25–p75) ms': `${median(baseline).toFixed(1)} (${spread(baseline)}) (one-line Lit element)`,
    'ratio kit/baseline': (median(samples[tag]) / median(baseline)).toFixed(2),
    goal: 'none set',
  }));
}

/** Both tables from one browser: the ceremonies and the first renders. */
export async function runCeremonyBench() {
  const browser = await startBenchBrowser();
  try {
    return { ceremonies: await ceremonies(browser), firstRenders: await firstRenders(browser) };
  } finally {
    await browser.close();
  }
}

if (import.meta.main) {
  const tables = await runCeremonyBench();
  printTable(CEREMONY_TITLE, tables.ceremonies);
  printTable(FIRST_RENDER_TITLE, tables.firstRenders);
}
