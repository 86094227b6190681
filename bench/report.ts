/** Shared by the benchmarks: medians, quartiles and a printed Markdown table (also what bench/RESULTS.md holds). */
export function median(values: number[]): number {
  return quantile(values, 0.5);
}

/** The `q` quantile (0–1) of `values`, interpolated between the two nearest. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (at - low);
}

/** "p25–p75" of `values`, to `digits` decimals: where the middle half of the samples lie. */
export function spread(values: number[], digits = 1): string {
  return `${quantile(values, 0.25).toFixed(digits)} to ${quantile(values, 0.75).toFixed(digits)}`;
}

export function markdownTable(rows: Record<string, string | number>[]): string {
  if (rows.length === 0) return '(no rows)';
  const columns = Object.keys(rows[0]!);
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(columns), line(columns.map(() => '---')), ...rows.map((row) => line(columns.map((c) => row[c] ?? '')))].join('\n');
}

export function printTable(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n### ${title}\n\n${markdownTable(rows)}\n`);
}
