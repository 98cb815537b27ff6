/**
 * `npm run bench`: every benchmark the issues name, each printing its figures. Each runs in a
 * process of its own, so one benchmark's memory high-water mark never shows in another's.
 * `npm run bench -- iosxe` runs the ones whose name contains "iosxe".
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchDevice } from './device.js';
import { benchIosxe } from './iosxe.js';
import { benchRender } from './render.js';
import { benchSwarm } from './swarm.js';
import { benchStatus } from './status.js';
import { benchWatch } from './watch.js';

const benches: Record<string, () => Promise<void>> = {
  'render (issue 2: intent + render, 100,000 static NATs)': benchRender,
  'iosxe (issue 3: parse + scope + plan, 130,000-line running-config)': benchIosxe,
  'device (issue 4: 1,000 pipelined lines to the lab router)': benchDevice,
  'watch (issue 6: docker run → router latency, 500-start burst)': benchWatch,
  'swarm (issue 13: 3-node swarm, 200 services → router, drain, read cost)': benchSwarm,
  'status (issue 15: status pages, 50 routers / 10,000 floating IPs)': benchStatus,
};

const [mode, argument] = process.argv.slice(2);
if (mode === '--one') {
  await benches[argument!]!();
} else {
  console.log(`translator benchmarks — ${new Date().toISOString()} — node ${process.version}`);
  let failed = 0;
  for (const name of Object.keys(benches)) {
    if (mode && !name.includes(mode)) continue;
    console.log(`\n== ${name}`);
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--one', name], { stdio: 'inherit' });
    if (child.status !== 0) failed++;
  }
  process.exit(failed === 0 ? 0 : 1);
}
