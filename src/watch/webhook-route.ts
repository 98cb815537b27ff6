/**
 * POST /webhook of `translator watch`: a verified push to the deploy branch (webhook.ts), taken
 * once per delivery (deliveries.ts), answered at once (GitHub waits 10 s at most), then — in the
 * daemon's queue — the branch fetched and its tip deployed (webhook-tip.ts), never the commit
 * the payload names.
 *
 * A delivery whose deploy did not happen (fetch failed, a router failed or was refused) is
 * forgotten again, so redelivering it retries; one that named a commit not on the branch stays
 * taken, since sending it again cannot change that.
 */
import type { Logger } from 'pino';
import { privatePaths } from '../gitops/layout.js';
import type { GitOpsRepo } from '../gitops/repo.js';
import type { Route } from '../ops/http.js';
import type { Metrics } from '../ops/metrics.js';
import { DeliveryStore } from './deliveries.js';
import type { RouterResult } from './deployer.js';
import { verifyWebhook, type WebhookSecrets } from './webhook.js';
import { tipToDeploy } from './webhook-tip.js';
import { loggedError } from '../ops/logger.js';

export interface WebhookRouteOptions {
  webhook: { secrets: WebhookSecrets; branch: string; remote?: string };
  /** The GitOps repository the daemon works in. */
  repo: GitOpsRepo;
  /** Runs a job when no other cycle or deploy runs (the daemon's queue). */
  exclusive: <T>(job: () => Promise<T>) => Promise<T>;
  /** Deploys a commit through the daemon's gate (deny windows, metrics); null when the daemon is stopping. */
  deploy: (commit: string) => Promise<RouterResult[] | 'deferred' | null>;
  log: Logger;
  metrics: Metrics;
}

export function webhookRoute(options: WebhookRouteOptions): Route {
  const { webhook, log, metrics } = options;
  let opened: Promise<DeliveryStore> | null = null;
  const deliveries = () => {
    opened ??= (async () => {
      const { store, load } = await DeliveryStore.open(await options.repo.git.privatePath(privatePaths.webhookDeliveries));
      if (load.problem) log.warn({ file: store.file }, load.problem);
      else log.debug({ file: store.file, remembered: load.kept }, 'webhook deliveries loaded');
      return store;
    })();
    opened.catch(() => (opened = null));
    return opened;
  };

  return {
    method: 'POST',
    path: '/webhook',
    handle: async (request) => {
      const verdict = verifyWebhook(request.headers, request.body, webhook.secrets, webhook.branch);
      if (!verdict.ok) {
        metrics.webhooks.inc({ provider: verdict.provider, result: verdict.reason });
        const level = verdict.status === 401 || verdict.status === 403 ? 'warn' : 'info';
        log[level]({ provider: verdict.provider, reason: verdict.reason, status: verdict.status }, `webhook refused: ${verdict.message}`);
        return { status: verdict.status, body: { error: verdict.message } };
      }
      const { provider, commit, delivery } = verdict;
      const store = await deliveries();
      const taken = store.take(delivery);
      if (taken !== 'new') {
        metrics.webhooks.inc({ provider, result: 'replayed' });
        log.info({ provider, commit, delivery, takenAt: new Date(taken.takenAt).toISOString() }, 'webhook ignored: this delivery was taken before');
        return { status: 200, body: { ignored: 'delivery already taken', delivery } };
      }
      // Kept before acting: a delivery replayed after a restart is still known.
      await store.flush().catch((error: unknown) => log.warn({ delivery, err: loggedError(error) }, 'could not keep the delivery on disk; it is remembered until a restart'));
      metrics.webhooks.inc({ provider, result: 'accepted' });
      log.info({ commit, provider, branch: verdict.branch, delivery }, 'webhook: push to the deploy branch');
      void options
        .exclusive(async () => {
          const decision = await tipToDeploy(options.repo, webhook.remote, webhook.branch, commit);
          if ('ignore' in decision) {
            log.warn({ commit, delivery }, `webhook not deployed: ${decision.ignore}`);
            return decision.retry ? 'retry' : 'done';
          }
          if (decision.deploy !== commit) log.info({ commit: decision.deploy, named: commit, delivery }, 'webhook: the branch has moved on since that push: deploying its tip');
          const outcomes = await options.deploy(decision.deploy);
          const done = outcomes === 'deferred' || (outcomes !== null && outcomes.every((o) => o.result === 'success' || o.result === 'unchanged'));
          return done ? 'done' : 'retry';
        })
        .catch((error: unknown) => {
          log.error({ commit, delivery, err: loggedError(error) }, 'webhook deploy failed');
          return 'retry' as const;
        })
        .then(async (end) => {
          if (end !== 'retry') return;
          store.forget(delivery);
          await store.flush().catch(() => undefined);
        });
      return { status: 202, body: { accepted: delivery, commit } };
    },
  };
}
