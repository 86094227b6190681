/**
 * `<passkey-manager>` at 10, 100 and 1,000 passkeys in Chromium: time to render the list, and to rename and delete
 * passkeys through the UI. Goal: rename and delete cost the same whatever the length of the list (keyed rows): at 100
 * and 1,000 passkeys, each within GOAL× its cost at 10.
 *   npm run bench:manager        (BENCH_MANAGER_SAMPLES=7 pages per size)
 *
 * Two measures per page:
 * - the element's own work: a client that answers at once (no network, no mock). One rename is a click on Rename, a new
 *   name typed, Save, up to the moment the row shows the name, focus is back on Rename and the page is laid out; one
 *   delete is Delete, the confirmation, up to the row gone and laid out. A single one takes a few milliseconds,
 *   against Chromium's clock tick of 0.1 ms, so each sample times RENAMES renames in a row (rows spread over the list)
 *   and DELETES deletes in a row (as many as the 10-passkey list allows, the same count at every size), and divides.
 *   This is what grows if an update walks every row; the goal applies to it.
 * - end to end, as a person meets it: one rename and one delete through the in-page mock backend (MSW in front of the
 *   server on a memory store), to the next frame (bench/browser/bench-page.ts). Figures only: they include the mock.
 * The sizes take turns, page after page, so a busy moment of a shared machine falls on every size alike; ratios
 * compare each size with 10 passkeys within this run.
 */
import type { Page } from 'playwright';
import { call, startBenchBrowser } from './browser-session.ts';
import { median, printTable } from './report.ts';

const SIZES = [10, 100, 1000];
const SAMPLES = Number(process.env.BENCH_MANAGER_SAMPLES ?? 7);
/** Renames timed in a row per page, for the element's own work. */
const RENAMES = 50;
/** Deletes timed in a row per page: the 10-passkey list keeps two. */
const DELETES = 8;
/** At 100 and 1,000 passkeys, a rename or a delete may cost at most this many times its cost at 10. */
const GOAL = 1.25;

interface Timings {
  render: number;
  rename: number;
  remove: number;
}

/** Runs in the page: the element alone, on a client that answers at once. */
async function timeElementWork([count, renames, deletes]: [number, number, number]): Promise<Timings> {
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
  /** The j-th of `of` rows spread evenly over the list as it is now. */
  const spread = (j: number, of: number) => Math.floor(((j + 1) * (rows().length - 1)) / (of + 1));

  let start = performance.now();
  document.querySelector('#stage')!.replaceChildren(el);
  await settle(() => el.state === 'ready' && rows().length === count);
  const render = performance.now() - start;

  // The rows are picked before the clock starts (finding them walks the list, which is the bench's work, not the
  // element's); rows are keyed, so each stays the same element through renames and the other rows' deletes.
  const renamed = Array.from({ length: 10 }, (_, j) => rows()[spread(j, 10)]!);
  const deleted = Array.from({ length: deletes }, (_, j) => rows()[spread(j, deletes)]!);
  if (new Set(deleted).size !== deletes) throw new Error('the rows to delete are not distinct');

  await frames();
  start = performance.now();
  for (let j = 0; j < renames; j++) {
    const row = renamed[j % renamed.length]!;
    inRow(row, '[part~="rename-button"]')!.click();
    await settle(() => inRow(row, 'input'));
    const input = inRow(row, 'input') as HTMLInputElement;
    input.value = `Renamed ${j}`;
    input.dispatchEvent(new InputEvent('input'));
    (inRow(row, 'form') as HTMLFormElement).requestSubmit();
    await settle(() => focusedRename() && inRow(row, '[part~="name"]')!.textContent === `Renamed ${j}`);
  }
  const rename = (performance.now() - start) / renames;

  await frames();
  start = performance.now();
  for (const row of deleted) {
    inRow(row, '[part~="delete-button"]')!.click();
    await settle(() => inRow(row, '[part~="danger-button"]'));
    inRow(row, '[part~="danger-button"]')!.click();
    await settle(() => !row.isConnected && focusedRename());
  }
  const remove = (performance.now() - start) / deletes;
  if (rows().length !== count - deletes) throw new Error(`${rows().length} rows left, expected ${count - deletes}`);
  return { render, rename, remove };
}

async function samplePage(page: Page, size: number): Promise<{ own: Timings; endToEnd: Timings }> {
  await call(page, 'defineManager');
  const endToEnd = await call<Timings>(page, 'manager', size);
  const own = await page.evaluate(timeElementWork, [size, RENAMES, DELETES] as [number, number, number]);
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
    const ratio = (value: number, of: number) => value / of;
    const times = (value: number) => `${value.toFixed(2)}×`;
    return medians.map((row) => {
      const ratios = [ratio(row.rename, base.rename), ratio(row.remove, base.remove)];
      const missed = row.size !== base.size && ratios.some((value) => value > GOAL);
      return {
        passkeys: row.size,
        'render ms': row.render.toFixed(1),
        [`rename ms (${RENAMES} in a row ÷ ${RENAMES})`]: row.rename.toFixed(2),
        [`delete ms (${DELETES} in a row ÷ ${DELETES})`]: row.remove.toFixed(2),
        'rename, delete vs 10': ratios.map(times).join(', '),
        goal: row.size === base.size ? '' : `≤ ${GOAL.toFixed(2)}×, ${GOAL.toFixed(2)}×`,
        met: row.size === base.size ? '' : missed ? 'missed' : 'met',
        'end to end: rename, delete ms': `${row.e2eRename.toFixed(1)}, ${row.e2eRemove.toFixed(1)}`,
        'end to end vs 10': `${times(ratio(row.e2eRename, base.e2eRename))}, ${times(ratio(row.e2eRemove, base.e2eRemove))}`,
      };
    });
  } finally {
    await browser.close();
  }
}

export const MANAGER_TITLE = `<passkey-manager> at scale in Chromium: the element's own work (instant client; median of ${SAMPLES} pages per size), and end to end through the in-page mock`;
export const MANAGER_GOAL = `rename and delete cost the same whatever the length: at 100 and 1,000 passkeys each within ${GOAL}× its cost at 10 (the element's own work)`;

if (import.meta.main) printTable(MANAGER_TITLE, await runManagerBench());
