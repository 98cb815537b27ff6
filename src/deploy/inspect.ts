/**
 * Read-only look at routers: running-config over SSH, planned against an intended commit. Used by
 * `plan` (online), `drift` and `status`; never enters config mode.
 */
import { connectDevice, DeviceError, type Device, type DeviceTarget } from '../device/index.js';
import type { GitOpsRepo } from '../gitops/repo.js';
import { PlanRefused, type Plan, type ScopeOptions } from '../iosxe/index.js';
import type { Settings } from '../settings/load.js';
import { readIntended, type ResolvedRef } from './intended.js';
import { adviceFor, describeDeviceError } from './restore.js';
import { runLimited } from './run-all.js';
import { planRouter, routerSettings, scopeOf } from './routers.js';
import { deviceTarget } from './target.js';
import { errorText } from '../errors.js';

export interface RouterView {
  router: string;
  ref: string;
  commit: string;
  scope: ScopeOptions;
  /** Present when the router was read and the plan made. */
  plan?: Plan;
  /** Why there is no plan (unreachable, refused plan, missing intended config). */
  error?: string;
}

export interface InspectOptions {
  repo: GitOpsRepo;
  settings: Settings;
  routers: string[];
  refFor: (router: string) => Promise<ResolvedRef | null>;
  acceptNewHostKey?: boolean;
  env?: NodeJS.ProcessEnv;
  connect?: (target: DeviceTarget) => Promise<Device>;
  /** Unmarked objects the plan takes over (--adopt). */
  adopt?: readonly string[];
}

async function readRunningConfig(target: DeviceTarget, connect: (t: DeviceTarget) => Promise<Device> = connectDevice): Promise<string> {
  const device = await connect(target);
  try {
    return await device.getRunningConfig();
  } finally {
    await device.close().catch(() => undefined);
  }
}

export function inspectRouters(options: InspectOptions): Promise<RouterView[]> {
  const { settings } = options;
  return runLimited(options.routers, settings.deploy.concurrency, async (name): Promise<RouterView> => {
    const router = routerSettings(settings, name);
    const scope = scopeOf(settings, router, options.adopt);
    const resolved = await options.refFor(name);
    if (!resolved) return { router: name, ref: '', commit: '', scope, error: 'no intended commit to compare with' };
    const view: RouterView = { router: name, ...resolved, scope };
    try {
      const intended = await readIntended(options.repo, name, resolved.commit);
      const target = deviceTarget(router, settings, { acceptNewHostKey: options.acceptNewHostKey === true, ...(options.env ? { env: options.env } : {}) });
      const running = await readRunningConfig(target, options.connect);
      view.plan = planRouter(name, running, intended, scope);
    } catch (error) {
      if (error instanceof DeviceError) view.error = `${describeDeviceError(error)}: ${adviceFor(error.kind)}`;
      else if (error instanceof PlanRefused) view.error = error.message;
      else view.error = errorText(error);
    }
    return view;
  });
}

const WORDS = { add: 'missing on the router', change: 'differs on the router', remove: 'extra on the router' } as const;

/** One line per drifted object, e.g. `  differs on the router: subinterface GigabitEthernet2.10`. */
export function describeDrift(p: Plan): string[] {
  return p.changes.map((c) => `  ${WORDS[c.action]}: ${c.kind} ${c.line}`);
}
