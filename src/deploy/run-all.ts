/** Several routers at once: a concurrency limit, every router run to its end, results in input order. */
import type { RouterDeployOutcome } from './request.js';

export async function runLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** A failed run counts against the exit code; unchanged and success do not. */
export function succeeded(outcome: RouterDeployOutcome): boolean {
  return outcome.record.result === 'success' || outcome.record.result === 'unchanged';
}

/** The per-router result table printed after a run. */
export function resultTable(outcomes: readonly RouterDeployOutcome[]): string {
  const rows = outcomes.map(({ record }) => [
    record.router,
    record.result,
    record.state,
    record.commit.slice(0, 12),
    String(record.commands.length),
    record.message.split('\n')[0]!.slice(0, 120),
  ]);
  const header = ['ROUTER', 'RESULT', 'STATE', 'COMMIT', 'LINES', 'MESSAGE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (row: string[]) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  return [format(header), ...rows.map(format)].join('\n') + '\n';
}
