/**
 * Timing and peak-memory measurement shared by every benchmark. Peak memory is the process's
 * resident set size sampled during the run (and the heap high-water mark after it), so it
 * includes everything the work allocated, not only what survived it.
 */
export interface Measurement {
  ms: number;
  peakRssMb: number;
  heapUsedMb: number;
}

export async function measure<T>(work: () => T | Promise<T>): Promise<{ result: T; m: Measurement }> {
  globalThis.gc?.();
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  const started = process.hrtime.bigint();
  const result = await work();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  const heapUsedMb = process.memoryUsage().heapUsed / 2 ** 20;
  return { result, m: { ms, peakRssMb: peak / 2 ** 20, heapUsedMb } };
}

export function formatMeasurement(label: string, m: Measurement): string {
  return `${label.padEnd(44)} ${m.ms.toFixed(0).padStart(7)} ms   peak RSS ${m.peakRssMb.toFixed(0).padStart(5)} MB   heap ${m.heapUsedMb.toFixed(0).padStart(5)} MB`;
}
