/**
 * `<passkey-manager>` at 10, 100 and 1,000 passkeys in Chromium: time to render the list, and to rename and delete
 * one passkey through the UI. Goal: rename and delete cost the same whatever the length of the list (keyed rows).
 *   npm run bench:manager        (BENCH_MANAGER_SAMPLES=7 pages per size)
 *
 * Two measures per page:
 * - the element's own work: a client that answers at once (no network, no mock), from the action to the moment the
 *   element is done (the row renamed or gone, focus moved on) and laid out. Median of several renames and deletes
 *   of rows spread over the list. This is what grows if an update walks every row.
 * - end to end, as a person meets it: the in-page mock backend through MSW, to the next frame (bench/browser/bench-page.ts).
 * The sizes take turns, page after page, so a busy moment of a shared machine falls on every size alike; ratios
 * compare each size with 10 passkeys within this run.
 */
import type { Page } from 'playwright';
import { call, startBenchBrowser } from './browser-session.ts';
import { median, printTable } from './report.ts';

const SIZES = [10, 100, 1000];
const SAMPLES = Number(process.env.BENCH_MANAGER_SAMPLES ?? 7);
/** Renames and deletes per page for the element's own work. */
const CHANGES = 5;

interface Timings {
  render: number;
  rename: number;
  remove: number;
}

/** Runs in the page: the element alone, on a client that answers at once. */
async function timeElementWork([count, changes]: [number, number]): Promise<Timings> {
  type Manager = HTMLElement & { client: unknown; state: string; updateComplete: Promise<unknown> };
  const stored = Array.from({ length: count }, (_, i) => ({
    id: `credential-${i}`,
    name: `Passkey ${i}`,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    transports: ['internal'],
    backedUp: i % 2 === 0,
  }));
  const client = {
    listCredentials: async () => stored.map((credential) => ({ ...credential })),
    getSession: async () => undefined,
    renameCredential: async (id: string, name: string) => ({ ...stored.find((credential) => credential.id === id), name }),
    deleteCredential: async () => ({ success: true }),
  };
  const el = document.createElement('passkey-manager') as Manager;
  el.client = client;
  const root = () => el.shadowRoot!;
  const rows = () => root().querySelectorAll('[part~="row"]:not([part~="skeleton"])');
  const inRow = (row: Element, selector: string) => row.querySelector<HTMLElement>(selector);
  const focusedRename = () => root().activeElement?.matches('[part~="rename-button"]') === true;
  const frames = async () => {
    await new Promise(requestAnimationFrame);
    await new Promise(requestAnimationFrame);
  };
  /** Lets the element's updates (microtasks, with this client) run until `done`, then lays the page out. */
  const settle = async (done: () => unknown) => {
    // With this client everything happens in microtasks; a macrotask now and then in case something waits on one.
    for (let i = 1; i < 10_000 && !done(); i++) await (i % 500 ? el.updateComplete : new Promise((resolve) => setTimeout(resolve)));
    if (!done()) throw new Error('the element never got there');
    void document.body.offsetHeight;
  };
  const spread = (j: number) => Math.floor(((j + 1) * (rows().length - 1)) / (changes + 1));

  let start = performance.now();
  document.querySelector('#stage')!.replaceChildren(el);
  await settle(() => el.state === 'ready' && rows().length === count);
  const render = performance.now() - start;

  const renames: number[] = [];
  for (let j = 0; j < changes; j++) {
    await frames();
    const row = rows()[spread(j)]!;
    inRow(row, '[part~="rename-button"]')!.click();
    await settle(() => inRow(row, 'input'));
    const input = inRow(row, 'input') as HTMLInputElement;
    input.value = `Renamed ${j}`;
    input.dispatchEvent(new InputEvent('input'));
    await frames();
    start = performance.now();
    (inRow(row, 'form') as HTMLFormElement).requestSubmit();
    await settle(() => focusedRename() && inRow(row, '[part~="name"]')!.textContent === `Renamed ${j}`);
    renames.push(performance.now() - start);
  }

  const removes: number[] = [];
  for (let j = 0; j < changes; j++) {
    await frames();
    const row = rows()[spread(j)]!;
    inRow(row, '[part~="delete-button"]')!.click();
    await settle(() => inRow(row, '[part~="danger-button"]'));
    await frames();
    start = performance.now();
    inRow(row, '[part~="danger-button"]')!.click();
    await settle(() => !row.isConnected && focusedRename());
    removes.push(performance.now() - start);
  }
  const middle = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { render, rename: middle(renames), remove: middle(removes) };
}

async function samplePage(page: Page, size: number): Promise<{ own: Timings; endToEnd: Timings }> {
  await call(page, 'defineManager');
  const endToEnd = await call<Timings>(page, 'manager', size);
  const own = await page.evaluate(timeElementWork, [size, CHANGES] as [number, number]);
  return { own, endToEnd };
}

export async function runManagerBench() {
  const browser = await startBenchBrowser();
  try {
    const samples = new Map(SIZES.map((size) => [size, [] as { own: Timings; endToEnd: Timings }[]]));
    for (let i = 0; i < SAMPLES; i++) {
      // Each round starts with another size, so none is always measured first on a warm or a cold machine.
      for (const size of [...SIZES.slice(i % SIZES.length), ...SIZES.slice(0, i % SIZES.length)]) {
        const page = await browser.open();
        samples.get(size)!.push(await samplePage(page, size));
        await page.close();
      }
    }
    const medians = SIZES.map((size) => {
      const of = (pick: (sample: { own: Timings; endToEnd: Timings }) => number) => median(samples.get(size)!.map(pick));
      return {
        size,
        render: of((s) => s.own.render),
        rename: of((s) => s.own.rename),
        remove: of((s) => s.own.remove),
        e2eRename: of((s) => s.endToEnd.rename),
        e2eRemove: of((s) => s.endToEnd.remove),
      };
    });
    const base = medians[0]!;
    const ratio = (value: number, of: number) => `${(value / of).toFixed(2)}×`;
    return medians.map((row) => ({
      passkeys: row.size,
      'render ms': row.render.toFixed(1),
      'rename one ms': row.rename.toFixed(2),
      'delete one ms': row.remove.toFixed(2),
      'rename, delete vs 10': `${ratio(row.rename, base.rename)}, ${ratio(row.remove, base.remove)}`,
      'end to end: rename, delete ms': `${row.e2eRename.toFixed(1)}, ${row.e2eRemove.toFixed(1)}`,
      'end to end vs 10': `${ratio(row.e2eRename, base.e2eRename)}, ${ratio(row.e2eRemove, base.e2eRemove)}`,
    }));
  } finally {
    await browser.close();
  }
}

if (import.meta.main) {
  printTable(
    `<passkey-manager> at scale: the element's own work (instant client; median of ${CHANGES} changes per page, then of ${SAMPLES} pages), and end to end through the in-page mock`,
    await runManagerBench(),
  );
}
