/**
 * Each figure printed beside its target and the figure recorded last time (bench/recorded.json,
 * the run BENCHMARKS.md describes). `npm run bench -- --record` writes this run's figures there;
 * commit that with the BENCHMARKS.md entry of the run. Figures are collected through the file
 * named by BENCH_RESULTS (each benchmark runs in a process of its own; bench/run.ts merges them).
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

export const RECORDED = new URL('./recorded.json', import.meta.url);

export interface Figure {
  value: number;
  unit: string;
}

function recorded(): Record<string, Figure> {
  return existsSync(RECORDED) ? (JSON.parse(readFileSync(RECORDED, 'utf8')) as { figures: Record<string, Figure> }).figures : {};
}

const format = (value: number, unit: string) => `${unit === 's' ? value.toFixed(3) : unit === 'MB' ? value.toFixed(0) : value.toFixed(2)} ${unit}`;

/** Prints `label  value  (target ≤ t: met/MISSED)  previous: p` and hands the figure to the runner. */
export function report(label: string, value: number, unit: string, target: number | null, note = ''): void {
  const before = recorded()[label];
  const verdict = target === null ? '' : `target ≤ ${format(target, unit)}: ${value <= target ? 'met' : 'MISSED'}`;
  const previous = before ? `previous ${format(before.value, before.unit)}` : 'previous —';
  console.log(`${label.padEnd(62)} ${format(value, unit).padStart(10)}  ${verdict.padEnd(28)} ${previous.padEnd(20)} ${note}`.trimEnd());
  if (process.env.BENCH_RESULTS) appendFileSync(process.env.BENCH_RESULTS, `${JSON.stringify({ label, value, unit })}\n`);
}
