/**
 * Issue 15: the status pages' server time. The overview of 50 routers and the page of a router with
 * 10,000 floating IPs, from a synthetic snapshot (bench/status-snapshot.ts): rendering alone, and
 * a whole request through the page handler on a loopback HTTP server. Goal ≤ 0.2 s each.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { WebHandler } from '../src/web/server.js';
import { Views } from '../src/web/views.js';
import { formatMeasurement, measure } from './measure.js';
import { syntheticSnapshot } from './status-snapshot.js';

const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function median(label: string, runs: number, work: () => unknown): Promise<void> {
  const times = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const { m } = await measure(work);
    times.push(m.ms);
    last = m;
  }
  console.log(formatMeasurement(`${label} (median of ${runs})`, { ...last!, ms: middle(times) }));
}

export async function benchStatus(): Promise<void> {
  const fleet = syntheticSnapshot(50, 200);
  const big = syntheticSnapshot(1, 10_000);
  const views = new Views();
  const context = { commitUrl: (sha: string) => `https://github.com/org/gitops/commit/${sha}`, drift: true };
  views.overview(fleet, context); // templates compiled once, as in a running server
  await median('render overview, 50 routers', 7, () => views.overview(fleet, context));
  await median('render router page, 10,000 floating IPs', 7, () => views.router(big, big.routers.get('edge1')!, context));
  console.log(`  router page size: ${(views.router(big, big.routers.get('edge1')!, context).length / 2 ** 20).toFixed(1)} MiB`);

  let snapshot = fleet;
  const handler = new WebHandler({ snapshot: () => snapshot, token: null, commitUrl: 'https://github.com/org/gitops/commit/{sha}', drift: true, log: pino({ level: 'silent' }) });
  // Server time: from the request's arrival to the last byte handed to the socket.
  const serverMs: number[] = [];
  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => serverMs.push(Number(process.hrtime.bigint() - started) / 1e6));
    handler.handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string) => {
    const response = await fetch(`${url}${path}`);
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    await response.arrayBuffer();
  };
  await get('/');
  const request = async (label: string, path: string) => {
    serverMs.length = 0;
    await median(`${label}, round trip`, 7, () => get(path));
    console.log(`  ${label}: server time ${middle(serverMs).toFixed(0)} ms (median)`);
  };
  await request('GET / (50 routers)', '/');
  snapshot = big;
  await request('GET /routers/edge1 (10,000 floating IPs)', '/routers/edge1');
  await request('GET /api/v1/routers/edge1 (10,000)', '/api/v1/routers/edge1');
  await request('GET /search?q=10.0.3 (10,000)', '/search?q=10.0.3');
  server.close();
}
