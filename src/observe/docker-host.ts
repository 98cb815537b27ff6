/**
 * DOCKER_HOST → dockerode connection options, as the docker CLI reads it: `unix:///path`,
 * `tcp://host:port` (over TLS when DOCKER_TLS_VERIFY=1, certificates from DOCKER_CERT_PATH,
 * default ~/.docker) or `ssh://[user@]host[:port]` (ssh-host.ts).
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DockerOptions } from 'dockerode';
import { sshConnectionOptions } from './ssh-host.js';

const DEFAULT_DOCKER_HOST = 'unix:///var/run/docker.sock';

export function defaultDockerHost(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_HOST || DEFAULT_DOCKER_HOST;
}

/**
 * Every connection field is set, even to undefined: docker-modem merges our options over
 * its own reading of the process environment, which must not leak into an explicit host.
 */
export function connectionOptions(dockerHost: string, env: NodeJS.ProcessEnv = process.env): DockerOptions {
  const none = { socketPath: undefined, host: undefined, port: undefined, protocol: undefined, ca: undefined, cert: undefined, key: undefined };
  if (dockerHost.startsWith('unix://')) {
    const socketPath = dockerHost.slice('unix://'.length);
    if (!socketPath.startsWith('/')) throw new Error(`DOCKER_HOST ${dockerHost}: expected unix:///absolute/path`);
    return { ...none, socketPath };
  }
  if (dockerHost.startsWith('tcp://')) {
    const url = new URL(dockerHost);
    if (!url.hostname || !url.port || (url.pathname !== '' && url.pathname !== '/')) {
      throw new Error(`DOCKER_HOST ${dockerHost}: expected tcp://host:port`);
    }
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1'); // IPv6 literal without brackets
    if (env.DOCKER_TLS_VERIFY !== '1') return { ...none, host, port: Number(url.port), protocol: 'http' };
    const certs = env.DOCKER_CERT_PATH || join(homedir(), '.docker');
    return {
      ...none,
      host,
      port: Number(url.port),
      protocol: 'https',
      ca: readFileSync(join(certs, 'ca.pem')),
      cert: readFileSync(join(certs, 'cert.pem')),
      key: readFileSync(join(certs, 'key.pem')),
    };
  }
  if (dockerHost.startsWith('ssh://')) return { ...none, ...sshConnectionOptions(dockerHost, env) };
  throw new Error(`DOCKER_HOST ${dockerHost}: expected unix:///path, tcp://host:port or ssh://[user@]host`);
}
