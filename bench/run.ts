/**
 * `npm run bench`: every benchmark in one run, printed as Markdown tables, each with its goal and whether this run
 * met it. `npm run bench -- --write` also saves the output, with a description of the machine and its load, to
 * bench/RESULTS.md. Figures, not tests: nothing here fails on a slow machine.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { CEREMONY_GOAL, CEREMONY_TITLE, FIRST_RENDER_TITLE, runCeremonyBench } from './ceremony.bench.ts';
import { LOAD_GOAL, LOAD_TITLE, runLoadBench } from './load.bench.ts';
import { MANAGER_GOAL, MANAGER_TITLE, runManagerBench } from './manager.bench.ts';
import { markdownTable } from './report.ts';
import { runServerBench, SERVER_BENCH_TITLE } from './server.bench.ts';
import { runSizeBench, SIZE_TITLE } from './size.ts';
import { runVerifierBench, VERIFIER_GOAL, VERIFIER_TITLE } from './verifier.bench.ts';

type Rows = Record<string, string | number>[];

interface Section {
  /** A short name, for the summary at the top. */
  name: string;
  title: string;
  /** The goal in words, or `undefined` where none is set. */
  goal: string | undefined;
  run: () => Promise<Rows>;
}

// One browser for the ceremonies and the first renders; two tables.
const ceremonyTables = once(runCeremonyBench);
const SECTIONS: Section[] = [
  { name: 'Size', title: SIZE_TITLE, goal: 'the whole kit and <passkey-login> within their gzip budgets (the "goal" column)', run: () => runSizeBench() },
  { name: 'Ceremonies', title: CEREMONY_TITLE, goal: CEREMONY_GOAL, run: async () => (await ceremonyTables()).ceremonies },
  { name: 'First render', title: FIRST_RENDER_TITLE, goal: undefined, run: async () => (await ceremonyTables()).firstRenders },
  { name: '<passkey-manager> at scale', title: MANAGER_TITLE, goal: MANAGER_GOAL, run: runManagerBench },
  { name: 'Mock verifier', title: VERIFIER_TITLE, goal: VERIFIER_GOAL, run: runVerifierBench },
  { name: 'Mock server under load', title: LOAD_TITLE, goal: LOAD_GOAL, run: runLoadBench },
  { name: 'Passkey servers under load', title: SERVER_BENCH_TITLE, goal: 'SQLite at least 0.8× the guide’s in-memory server (its last row)', run: runServerBench },
];

function once<T>(run: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= run());
}

/**
 * Whether this run met a table's goal, from its rows: a `met` column ('met', or 'missed…' on the rows that missed), or
 * a row that says "… met in this run" / "NOT met in this run" (the server bench's).
 */
function outcome(rows: Rows): 'met' | 'missed' | 'not stated' {
  const verdicts = rows.flatMap((row) => [
    String(row.met ?? ''),
    ...Object.values(row).map(String).filter((cell) => /\bmet in this run\b/.test(cell)),
  ]);
  if (verdicts.some((verdict) => /^missed|NOT met/.test(verdict) || /NOT met in this run/.test(verdict))) return 'missed';
  return verdicts.some((verdict) => /^met\b|\bmet in this run\b/.test(verdict)) ? 'met' : 'not stated';
}

const cores = cpus().length;
const startedAt = new Date();
const loadAtStart = loadavg()[0]!;
const results: { name: string; verdict: string }[] = [];
let body = '';
for (const { name, title, goal, run } of SECTIONS) {
  const rows = await run();
  const met = outcome(rows);
  const verdict = goal === undefined ? 'no goal set: figures only' : met === 'met' ? 'met' : met === 'missed' ? 'MISSED' : 'the table does not say';
  results.push({ name, verdict });
  const section = `\n## ${title}\n\n${goal === undefined ? 'Goal: none set; figures only.' : `Goal: ${goal}. This run: **${verdict}**.`}\n\n${markdownTable(rows)}\n`;
  console.log(section);
  body += section;
}
const loadAtEnd = loadavg()[0]!;

const perCore = (load: number) => (load / cores).toFixed(2);
const busiest = Math.max(loadAtStart, loadAtEnd) / cores;
// "Quiet" only under 0.5 per core at both ends; the load average is a one-minute mean, so this is what it can tell.
const machineState =
  busiest < 0.5
    ? 'a quiet machine (under 0.5 per core at the start and at the end)'
    : 'a busy machine (above 0.5 per core), so absolute figures are slower and noisier than on an idle one';
const machine = `${cores} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}, ${process.platform}`;
const summary = results.map(({ name, verdict }) => `- ${name}: ${verdict}.`).join('\n');
const header = `# Benchmark results

Machine: ${machine}. Run: ${startedAt.toISOString()} to ${new Date().toISOString()}. Command: \`npm run bench\`.
Load average (one minute): ${loadAtStart.toFixed(2)} at the start (${perCore(loadAtStart)} per core), ${loadAtEnd.toFixed(2)} at the end (${perCore(loadAtEnd)} per core): ${machineState}.
Ratios compare figures measured in the same run; absolute times depend on the machine and its load.

Goals in this run:
${summary}
`;
console.log(`\n${header}`);
if (process.argv.includes('--write')) await writeFile(new URL('./RESULTS.md', import.meta.url), header + body);
