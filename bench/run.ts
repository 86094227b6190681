/**
 * `npm run bench`: every speed benchmark in one run, printed as Markdown tables.
 * `npm run bench -- --write` also saves the output, with a description of the machine, to bench/RESULTS.md.
 * Figures, not tests: nothing here fails on a slow machine.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { CEREMONY_TITLE, FIRST_RENDER_TITLE, runCeremonyBench } from './ceremony.bench.ts';
import { runLoadBench } from './load.bench.ts';
import { runManagerBench } from './manager.bench.ts';
import { markdownTable } from './report.ts';
import { runServerBench, SERVER_BENCH_TITLE } from './server.bench.ts';
import { runVerifierBench } from './verifier.bench.ts';

// One browser for the ceremonies and the first renders; two tables.
const ceremonyTables = once(runCeremonyBench);
const sections: [string, () => Promise<Record<string, string | number>[]>][] = [
  [CEREMONY_TITLE, async () => (await ceremonyTables()).ceremonies],
  [FIRST_RENDER_TITLE, async () => (await ceremonyTables()).firstRenders],
  ['<passkey-manager> at scale in Chromium', runManagerBench],
  ['Mock verifier throughput in Node', runVerifierBench],
  ['Standalone mock server under load (autocannon in a second process on 127.0.0.1)', runLoadBench],
  [SERVER_BENCH_TITLE, runServerBench],
];

function once<T>(run: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= run());
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}, ${process.platform}`;
let output = `# Benchmark results\n\nMachine: ${machine}. Run: ${new Date().toISOString()}, load average ${loadavg()[0]!.toFixed(1)} at the start. Command: \`npm run bench\`.\nRatios compare figures measured in the same run; absolute times depend on the machine and its load.\n`;
for (const [title, run] of sections) {
  const table = markdownTable(await run());
  const section = `\n## ${title}\n\n${table}\n`;
  console.log(section);
  output += section;
}
if (process.argv.includes('--write')) await writeFile(new URL('./RESULTS.md', import.meta.url), output);
