/**
 * The status pages (docs/status-page.md): a snapshot keeper and the request listener, started
 * together by `translator serve` and by `translator watch` (whose HTTP server hands over every
 * request its own routes do not take).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { GitOpsRepo } from '../gitops/repo.js';
import type { Settings } from '../settings/load.js';
import { isLoopback } from './auth.js';
import { SnapshotKeeper } from './keeper.js';
import { WebHandler } from './server.js';

export { isLoopback } from './auth.js';
export { checkCommitUrl } from './views.js';

export interface StatusWebOptions {
  repo: GitOpsRepo;
  settings: Settings;
  routers: readonly string[];
  /** The address the server is bound to: anything but loopback requires `token`. */
  host: string;
  token: string | null;
  commitUrl?: string | null;
  /** The ref whose tip is the intent. */
  deployRef: string;
  fetch?: { remote: string; branch: string; seconds: number } | null;
  /** Read the routers for drift this often (0: never). */
  driftSeconds: number;
  pollMs?: number;
  env?: NodeJS.ProcessEnv;
  /** The daemon's lock: drift checks never overlap a deploy. */
  exclusive?: <T>(job: () => Promise<T>) => Promise<T>;
  secureCookie?: boolean;
  log: Logger;
}

/** Bound beyond loopback without a token: the pages would be open to the network. */
export class TokenRequired extends Error {
  override name = 'TokenRequired';
}

export interface StatusWeb {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Whether the first snapshot is there. */
  ready(): boolean;
  /** Rebuild the snapshot now. */
  refresh(): Promise<void>;
  stop(): void;
}

export async function startStatusWeb(options: StatusWebOptions): Promise<StatusWeb> {
  if (options.token === null && !isLoopback(options.host)) {
    throw new TokenRequired(
      `the status page is bound to ${options.host}, not a loopback address: set a token (TRANSLATOR_WEB_TOKEN or TRANSLATOR_WEB_TOKEN_FILE, at least 16 characters) or bind to 127.0.0.1`,
    );
  }
  let keeper: SnapshotKeeper | null = null;
  const handler = new WebHandler({
    snapshot: () => keeper?.snapshot ?? null,
    token: options.token,
    commitUrl: options.commitUrl ?? null,
    drift: options.driftSeconds > 0,
    secureCookie: options.secureCookie === true,
    log: options.log,
  });
  keeper = new SnapshotKeeper({
    repo: options.repo,
    settings: options.settings,
    routers: options.routers,
    deployRef: options.deployRef,
    fetch: options.fetch ?? null,
    driftSeconds: options.driftSeconds,
    pollMs: options.pollMs ?? 2000,
    ...(options.env ? { env: options.env } : {}),
    ...(options.exclusive ? { exclusive: options.exclusive } : {}),
    log: options.log,
    onChange: (snapshot) => handler.changed(snapshot),
  });
  await keeper.start();
  const started = keeper;
  return {
    handle: handler.handle,
    ready: () => started.snapshot !== null,
    refresh: () => started.refresh(),
    stop: () => {
      started.stop();
      handler.close();
    },
  };
}
