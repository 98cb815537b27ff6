/**
 * The iosxe benchmark's measuring process (bench/iosxe.ts starts one per size): reads the two
 * configs, then parse + scope + plan, once cold and three times warm, and prints the figures as JSON.
 * Plain JavaScript so that it runs the compiled engine (dist/) in a bare `node`, as users run it,
 * without the TypeScript loader's own memory in the peak RSS; with `--import tsx` it runs the sources.
 * Usage: node --expose-gc bench/iosxe-worker.mjs ENGINE_DIR DATA_DIR (ENGINE_DIR holds parse and plan).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [engineDir, dataDir, extension] = process.argv.slice(2);
const { parseConfig } = await import(pathToFileURL(join(engineDir, `parse${extension}`)).href);
const { plan } = await import(pathToFileURL(join(engineDir, `plan${extension}`)).href);
const OPTIONS = { marker: 'translator:', prefix: 'TRANSLATOR-', inside: 'GigabitEthernet2', outside: 'GigabitEthernet1', adopt: [] };

const runningText = readFileSync(join(dataDir, 'running.cfg'), 'utf8');
const intendedText = readFileSync(join(dataDir, 'intended.cfg'), 'utf8');
globalThis.gc?.();
const baseRss = process.memoryUsage.rss();
const once = () => {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = plan(parseConfig(runningText), parseConfig(intendedText), OPTIONS);
  const used = process.cpuUsage(cpu);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // CPU time (all threads, GC included) is steadier than wall time on a shared machine.
  return { ms, cpuMs: (used.user + used.system) / 1000, commands: result.commands.length, changes: result.changes.length };
};
const cold = once();
const peakRss = process.resourceUsage().maxRSS * 1024;
const heapUsed = process.memoryUsage().heapUsed;
const warmRuns = [0, 1, 2].map(() => once());
const warm = Math.min(...warmRuns.map((r) => r.ms));
const warmCpu = Math.min(...warmRuns.map((r) => r.cpuMs));
process.stdout.write(JSON.stringify({ ...cold, warm, warmCpu, peakRss, baseRss, heapUsed }));
