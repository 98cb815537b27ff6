/**
 * DOCKER_HOST → dockerode connection options, as the docker CLI reads it (docker/cli
 * cli/flags/options.go, opts/hosts.go): `unix:///path`, `tcp://host[:port]` (port 2375 when
 * omitted; over TLS when DOCKER_TLS_VERIFY is set to anything, with ca.pem and, when present,
 * cert.pem and key.pem from DOCKER_CERT_PATH, else the docker config dir: DOCKER_CONFIG, else
 * ~/.docker) or `ssh://[user@]host[:port]` (ssh-host.ts). DOCKER_TLS alone (TLS without checking
 * the engine's certificate) is refused: nothing would tell translator it talks to the real engine.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { DockerOptions } from 'dockerode';
import { dockerode } from '../lazy.js';
import { sshConnectionOptions } from './ssh-host.js';

const DEFAULT_DOCKER_HOST = 'unix:///var/run/docker.sock';
/** The docker CLI's port for `tcp://host` (IANA's docker port). */
const DEFAULT_TCP_PORT = 2375;

export function defaultDockerHost(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_HOST || DEFAULT_DOCKER_HOST;
}

/** A dockerode client for one engine; dockerode (≈ 0.13 s to load) is loaded by the first one. */
export function dockerClient(dockerHost: string): Docker {
  const Dockerode = dockerode();
  return new Dockerode(connectionOptions(dockerHost));
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
    if (!url.hostname || (url.pathname !== '' && url.pathname !== '/')) {
      throw new Error(`DOCKER_HOST ${dockerHost}: expected tcp://host[:port]`);
    }
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1'); // IPv6 literal without brackets
    const port = Number(url.port || DEFAULT_TCP_PORT);
    if (!env.DOCKER_TLS_VERIFY) {
      if (env.DOCKER_TLS) {
        throw new Error(`DOCKER_HOST ${dockerHost}: DOCKER_TLS without DOCKER_TLS_VERIFY would not check the engine's certificate: set DOCKER_TLS_VERIFY=1 (certificates from DOCKER_CERT_PATH)`);
      }
      return { ...none, host, port, protocol: 'http' };
    }
    return { ...none, host, port, protocol: 'https', ...tlsFiles(env) };
  }
  if (dockerHost.startsWith('ssh://')) return { ...none, ...sshConnectionOptions(dockerHost, env) };
  throw new Error(`DOCKER_HOST ${dockerHost}: expected unix:///path, tcp://host[:port] or ssh://[user@]host`);
}

/** The CA (required: it is what checks the engine) and the client certificate and key (when both are there). */
function tlsFiles(env: NodeJS.ProcessEnv): Pick<DockerOptions, 'ca' | 'cert' | 'key'> {
  const dir = env.DOCKER_CERT_PATH || env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
  const read = (name: string) => {
    try {
      return readFileSync(join(dir, name));
    } catch (error) {
      throw new Error(`DOCKER_TLS_VERIFY is set but ${join(dir, name)} cannot be read (${(error as NodeJS.ErrnoException).code ?? error}): set DOCKER_CERT_PATH to the directory of ca.pem, cert.pem and key.pem`);
    }
  };
  const client = ['cert.pem', 'key.pem'].filter((name) => existsSync(join(dir, name)));
  return { ca: read('ca.pem'), ...(client.length > 0 ? { cert: read('cert.pem'), key: read('key.pem') } : {}) };
}
