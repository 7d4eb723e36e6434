/** The results table as Markdown: readable in a terminal, pasted as is into docs/performance.md. */
import type { Row } from './rows.mjs';

const HEADER = ['', 'ours', 'compared with', 'ratio', 'target', 'met?'];

export function markdownTable(rows: Row[]): string {
  const cells = rows.map((row) => [
    row.measure,
    row.ours,
    row.comparison,
    row.ratio,
    row.target ?? '',
    row.pass === undefined ? '' : row.pass ? 'yes' : '**NO**',
  ]);
  const widths = HEADER.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)));
  const line = (values: string[]) => `| ${values.map((value, column) => value.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(HEADER), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}
