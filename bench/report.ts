/** Shared by the benchmarks: medians and a printed Markdown table (also what bench/RESULTS.md holds). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
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
