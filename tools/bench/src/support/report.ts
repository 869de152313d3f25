import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '@tnt/tools/util-gateway-process';

/** One benchmark's outcome: a title, notes on how it was measured, rows of figures. */
export interface BenchReport {
  readonly name: string;
  readonly title: string;
  readonly notes: readonly string[];
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  /** Anything else worth keeping in the JSON. */
  readonly details?: unknown;
}

/** Renders a report as a Markdown section with its table. */
export function toMarkdown(report: BenchReport): string {
  const cell = (value: string | number) => (typeof value === 'number' ? String(Math.round(value * 1000) / 1000) : value);
  return [
    `### ${report.title}`,
    '',
    ...report.notes.map((note) => `- ${note}`),
    '',
    `| ${report.columns.join(' | ')} |`,
    `| ${report.columns.map(() => '---').join(' | ')} |`,
    ...report.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
    '',
  ].join('\n');
}

/** Prints the report as JSON and Markdown and writes both under dist/bench/. */
export function publish(report: BenchReport): void {
  const outDir = join(workspaceRoot(), 'dist', 'bench');
  mkdirSync(outDir, { recursive: true });
  const stamped = { ...report, measuredAt: new Date().toISOString(), machine: machineSummary() };
  writeFileSync(join(outDir, `${report.name}.json`), `${JSON.stringify(stamped, null, 2)}\n`);
  writeFileSync(join(outDir, `${report.name}.md`), toMarkdown(report));
  console.log(JSON.stringify(stamped));
  console.log(`\n${toMarkdown(report)}`);
}

function machineSummary(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}
