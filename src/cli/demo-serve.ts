/**
 * `translator demo --serve`: after the demo, the status page of its repository (checking the lab
 * router for drift) and the lab router stay up until Ctrl-C, so the first five minutes end in a
 * browser. Loopback only: no token needed.
 */
import { startOpsServer } from '../ops/http.js';
import { createLogger } from '../ops/logger.js';
import { createMetrics } from '../ops/metrics.js';
import type { GitOpsRepo } from '../gitops/repo.js';
import type { Settings } from '../settings/load.js';
import { startStatusWeb } from '../web/index.js';
import { ExitCode, UserError } from './exit-codes.js';

const DEMO_PAGE_PORT = 9181;
const DRIFT_SECONDS = 10;

export async function serveDemo(input: { repo: GitOpsRepo; settings: Settings; routers: string[]; env: NodeJS.ProcessEnv; port?: number }, say: (line: string) => void): Promise<void> {
  const port = input.port ?? DEMO_PAGE_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port ${input.port}: expected 0-65535`, ExitCode.Usage);
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  const log = createLogger({ format: 'pretty', level: 'warn' });
  const host = '127.0.0.1';
  const pages = await startStatusWeb({ ...input, host, token: null, deployRef: 'HEAD', driftSeconds: DRIFT_SECONDS, log });
  const server = await startOpsServer({
    host,
    port,
    metrics: createMetrics(),
    readiness: () => ({ ready: pages.ready(), waiting: [] }),
    fallback: pages.handle,
    log,
  });
  say(`\nStatus page: ${server.url}/  (the lab router is checked for drift every ${DRIFT_SECONDS} s; Ctrl-C stops both)`);
  await stopped;
  pages.stop();
  await server.close();
}
