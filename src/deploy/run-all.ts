/** Several routers at once: a concurrency limit, every router run to its end, results in input order. */
import type { RouterDeployOutcome } from './request.js';

/**
 * Runs `work` on every item, at most `limit` at once; results in input order. Every item runs to
 * its end even when one fails (a router's run releases its own lock and lease), then the first
 * failure rejects the whole. `work` may call its `free()` before it ends, to let the next item
 * start while it finishes what no longer needs its place (a router whose session is closed,
 * writing its record).
 */
export function runLimited<T, R>(items: readonly T[], limit: number, work: (item: T, free: () => void) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  if (items.length === 0) return Promise.resolve(results);
  return new Promise<R[]>((resolve, reject) => {
    let next = 0;
    let places = Math.max(1, limit);
    let ended = 0;
    let failed: { error: unknown } | undefined;
    const startWhatFits = () => {
      while (places > 0 && next < items.length) {
        places--;
        const index = next++;
        let freed = false;
        const free = () => {
          if (freed) return;
          freed = true;
          places++;
          startWhatFits();
        };
        work(items[index]!, free)
          .then(
            (result) => void (results[index] = result),
            (error: unknown) => void (failed ??= { error }),
          )
          .then(() => {
            free();
            if (++ended < items.length) return;
            if (failed) reject(failed.error);
            else resolve(results);
          });
      }
    };
    startWhatFits();
  });
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
