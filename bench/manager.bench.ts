/**
 * `<passkey-manager>` at 10, 100 and 1,000 passkeys in Chromium: time to render the list, and to rename and
 * delete one passkey through the UI (to the next frame). Keyed rows: rename and delete should not grow with the list.
 *   npm run bench:manager
 */
import { call, startBenchBrowser } from './browser-session.ts';
import { median, printTable } from './report.ts';

const SIZES = [10, 100, 1000];
const SAMPLES = Number(process.env.BENCH_MANAGER_SAMPLES ?? 7);

export async function runManagerBench() {
  const browser = await startBenchBrowser();
  try {
    const rows = [];
    for (const size of SIZES) {
      const samples = { render: [] as number[], rename: [] as number[], remove: [] as number[] };
      for (let i = 0; i < SAMPLES; i++) {
        const page = await browser.open();
        await call(page, 'defineManager');
        const result = await call<{ render: number; rename: number; remove: number }>(page, 'manager', size);
        samples.render.push(result.render);
        samples.rename.push(result.rename);
        samples.remove.push(result.remove);
        await page.close();
      }
      rows.push({ passkeys: size, 'render ms': median(samples.render), 'rename one ms': median(samples.rename), 'delete one ms': median(samples.remove) });
    }
    const base = rows[0]!;
    return rows.map((row) => ({
      passkeys: row.passkeys,
      'render ms (median)': row['render ms'].toFixed(1),
      'rename one ms': row['rename one ms'].toFixed(1),
      'delete one ms': row['delete one ms'].toFixed(1),
      'rename, delete vs 10 passkeys': `${(row['rename one ms'] / base['rename one ms']).toFixed(2)}×, ${(row['delete one ms'] / base['delete one ms']).toFixed(2)}×`,
    }));
  } finally {
    await browser.close();
  }
}

if (import.meta.main) printTable(`<passkey-manager> at scale (median of ${SAMPLES} pages)`, await runManagerBench());
