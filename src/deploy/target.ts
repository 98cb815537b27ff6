/** Router settings → the device driver's target: credentials resolved from env/files, host-key policy. */
import type { DeviceTarget, DeviceTimeouts, HostKeyPolicy } from '../device/index.js';
import type { RouterSettings, Settings } from '../settings/load.js';
import { resolveSecret, type SecretRef } from '../settings/secret.js';

class TargetError extends Error {
  override name = 'TargetError';
}

export interface TargetOptions {
  /** Accept a host key never seen before (recorded in knownHosts when set). */
  acceptNewHostKey?: boolean;
  env?: NodeJS.ProcessEnv;
}

function username(ref: string | SecretRef | undefined, env: NodeJS.ProcessEnv): string {
  if (ref === undefined) return 'admin';
  return typeof ref === 'string' ? ref : resolveSecret(ref, env).reveal();
}

export function deviceTarget(router: RouterSettings, settings: Settings, options: TargetOptions = {}): DeviceTarget {
  const env = options.env ?? process.env;
  // Messages name no router: they end up in the router's record or line, which names it.
  if (!router.host) throw new TargetError('no address (routers[].host, or IOS_MGMT_IP)');
  if (!router.password) throw new TargetError('no password reference (routers[].password, or IOS_PASS / IOS_PASS_FILE)');
  const hostKey: HostKeyPolicy = {
    ...(router.hostKey?.fingerprint ? { fingerprint: router.hostKey.fingerprint } : {}),
    ...(router.hostKey?.knownHosts ? { knownHostsPath: router.hostKey.knownHosts } : {}),
    ...(options.acceptNewHostKey ? { acceptNew: true } : {}),
  };
  if (!hostKey.fingerprint && !hostKey.knownHostsPath) {
    throw new TargetError(
      `no way to verify its SSH host key: set routers[].hostKey.fingerprint (IOS_HOST_KEY_FINGERPRINT) ` +
        'or hostKey.knownHosts (IOS_KNOWN_HOSTS; with --accept-new-host-key a first key is recorded there)',
    );
  }
  const timeouts: Partial<DeviceTimeouts> = {};
  for (const [key, value] of Object.entries(settings.deploy.timeouts)) if (value !== undefined) timeouts[key as keyof DeviceTimeouts] = value;
  return {
    name: router.name,
    host: router.host,
    port: router.port,
    username: username(router.username, env),
    password: resolveSecret(router.password, env),
    ...(router.enablePassword ? { enablePassword: resolveSecret(router.enablePassword, env) } : {}),
    hostKey,
    timeouts,
  };
}
