/**
 * In Chromium with a WebAuthn virtual authenticator and the in-page mock:
 * - full registration and sign-in through the elements (click → event), and through PasskeyClient alone, beside a
 *   minimal baseline (bare @simplewebauthn/browser + fetch) in the same run, rotating the order so none gets a
 *   warmer browser;
 * - first render of each element from `customElements.define` to the first frame, beside a one-line Lit element.
 *   npm run bench:browser
 */
import type { Page } from 'playwright';
import { call, startBenchBrowser, type BenchBrowser } from './browser-session.ts';
import { median, printTable } from './report.ts';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);
const FIRST_RENDER_SAMPLES = Number(process.env.BENCH_RENDER_SAMPLES ?? 15);

async function ceremonies(page: Page) {
  await call(page, 'defineCeremonyElements');
  const samples: Record<string, number[]> = { kitRegister: [], baselineRegister: [], kitLogin: [], baselineLogin: [], clientRegister: [], clientLogin: [] };
  await call(page, 'baselineRegister', 'login-user');
  for (let i = -3; i < ITERATIONS; i++) {
    const order = i % 2 ? (['kit', 'baseline', 'client'] as const) : (['client', 'baseline', 'kit'] as const);
    for (const side of order) {
      await call(page, 'signOut');
      const registerTime = await call(page, `${side}Register`, `${side}-user-${i + 3}`);
      await call(page, 'signOut');
      const loginTime = await call(page, `${side}Login`, 'login-user');
      if (i >= 0) {
        samples[`${side}Register`]!.push(registerTime);
        samples[`${side}Login`]!.push(loginTime);
      }
    }
  }
  const row = (label: string, kit: number[], baseline: number[]) => ({
    measure: label,
    'kit median ms': median(kit).toFixed(1),
    'baseline median ms': median(baseline).toFixed(1),
    'ratio kit/baseline': (median(kit) / median(baseline)).toFixed(2),
    goal: '≤ 1.10',
  });
  return [
    row(`full registration through <passkey-register>, click → event (${ITERATIONS} runs)`, samples.kitRegister!, samples.baselineRegister!),
    row(`full sign-in through <passkey-login>, click → event (${ITERATIONS} runs)`, samples.kitLogin!, samples.baselineLogin!),
    row(`the same registration through PasskeyClient alone`, samples.clientRegister!, samples.baselineRegister!),
    row(`the same sign-in through PasskeyClient alone`, samples.clientLogin!, samples.baselineLogin!),
  ];
}

async function firstRenders(browser: BenchBrowser) {
  const medians: Record<string, number> = {};
  for (const tag of ['one-line-element', 'passkey-register', 'passkey-login']) {
    const samples: number[] = [];
    for (let i = 0; i < FIRST_RENDER_SAMPLES; i++) {
      const page = await browser.open();
      samples.push(await call(page, 'firstRender', tag));
      await page.close();
    }
    medians[tag] = median(samples);
  }
  return ['passkey-register', 'passkey-login'].map((tag) => ({
    measure: `first render of <${tag}>, define → first frame (${FIRST_RENDER_SAMPLES} pages)`,
    'kit median ms': medians[tag]!.toFixed(1),
    'baseline median ms': `${medians['one-line-element']!.toFixed(1)} (one-line Lit element)`,
    'ratio kit/baseline': (medians[tag]! / medians['one-line-element']!).toFixed(2),
    goal: '',
  }));
}

export async function runCeremonyBench() {
  const browser = await startBenchBrowser();
  try {
    const page = await browser.open();
    const rows = await ceremonies(page);
    await page.close();
    return [...rows, ...(await firstRenders(browser))];
  } finally {
    await browser.close();
  }
}

if (import.meta.main) printTable('Ceremonies and first render in Chromium (virtual authenticator, in-page mock)', await runCeremonyBench());
