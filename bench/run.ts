/**
 * `npm run bench`: every benchmark the issues name, each printing its figures beside their targets
 * and the figures recorded last time (bench/targets.ts). Each runs in a process of its own, so one
 * benchmark's memory high-water mark never shows in another's.
 * `npm run bench -- iosxe` runs the ones whose name contains "iosxe"; `--record` (anywhere among
 * the arguments) writes this run's figures to bench/recorded.json as the new previous figures.
 * To add a benchmark: one line in `benches`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { loadavg, tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCli } from './cli.js';
import { benchDevice } from './device.js';
import { benchFleet } from './fleet.js';
import { benchIosxe } from './iosxe.js';
import { benchRender } from './render.js';
import { benchSwarm } from './swarm.js';
import { benchStatus } from './status.js';
import { RECORDED, type Figure } from './targets.js';
import { benchWatch } from './watch.js';

const benches: Record<string, () => Promise<void>> = {
  'cli (issue 14: whole process — start-up, plan of 1,600 and 139,000 lines, render of 100,000 floating IPs)': benchCli,
  'render (issue 2: intent + render, 100,000 static NATs)': benchRender,
  'iosxe (issue 3: parse + scope + plan, 130,000-line running-config)': benchIosxe,
  'device (issue 4: 1,000 pipelined lines to the lab router)': benchDevice,
  'watch (issue 6: docker run → router latency, 500-start burst)': benchWatch,
  'swarm (issue 13: 3-node swarm, 200 services → router, drain, read cost)': benchSwarm,
  'status (issue 15: status pages, 50 routers / 10,000 floating IPs)': benchStatus,
  'fleet (issue 14: deploy --all to 10/50/200 lab routers at 10 ms RTT)': benchFleet,
};

const args = process.argv.slice(2);
if (args[0] === '--one') {
  await benches[args[1]!]!();
} else {
  const record = args.includes('--record');
  const filter = args.find((a) => a !== '--record');
  const results = join(mkdtempSync(join(tmpdir(), 'bench-results-')), 'figures.jsonl');
  writeFileSync(results, '');
  console.log(`translator benchmarks — ${new Date().toISOString()} — node ${process.version} — ${cpus().length} CPUs — load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  let failed = 0;
  for (const name of Object.keys(benches)) {
    if (filter && !name.includes(filter)) continue;
    console.log(`\n== ${name}`);
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--one', name], { stdio: 'inherit', env: { ...process.env, BENCH_RESULTS: results } });
    if (child.status !== 0) failed++;
  }
  console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (record) {
    const before: Record<string, Figure> = existsSync(RECORDED) ? (JSON.parse(readFileSync(RECORDED, 'utf8')) as { figures: Record<string, Figure> }).figures : {};
    const figures = { ...before };
    for (const line of readFileSync(results, 'utf8').split('\n').filter(Boolean)) {
      const { label, value, unit } = JSON.parse(line) as Figure & { label: string };
      figures[label] = { value, unit };
    }
    writeFileSync(RECORDED, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, loadAverage: loadavg(), figures }, null, 2)}\n`);
    console.log(`figures written to ${fileURLToPath(RECORDED)}`);
  }
  rmSync(join(results, '..'), { recursive: true, force: true });
  process.exit(failed === 0 ? 0 : 1);
}
