/**
 * `ssh://[user@]host[:port]` Docker hosts, as the docker CLI reads them: an SSH session to the
 * host runs `docker system dial-stdio` there and the Engine API travels over it (docker-modem
 * does this over ssh2, one session per request plus one for the event stream).
 *
 * What OpenSSH would do without a terminal to ask: keys from the agent (SSH_AUTH_SOCK), else the
 * first default identity file; the host key must be in ~/.ssh/known_hosts (an unknown or
 * changed key is refused: there is nobody to say yes), checked by the router driver's rules.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DockerOptions } from 'dockerode';
import { decideHostKey, readKnownHosts } from '../device/host-key.js';

/** OpenSSH's default identities, in the order it tries them. */
const DEFAULT_IDENTITIES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

export function sshConnectionOptions(dockerHost: string, env: NodeJS.ProcessEnv = process.env): DockerOptions {
  const url = new URL(dockerHost);
  if (!url.hostname || (url.pathname !== '' && url.pathname !== '/') || url.search || url.hash) {
    throw new Error(`DOCKER_HOST ${dockerHost}: expected ssh://[user@]host[:port]`);
  }
  if (url.password) throw new Error(`DOCKER_HOST ${dockerHost}: no password in the address; use an SSH agent or key`);
  const home = env.HOME || homedir();
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port ? Number(url.port) : 22;
  const knownHostsPath = join(home, '.ssh', 'known_hosts');
  const identity = DEFAULT_IDENTITIES.map((name) => join(home, '.ssh', name)).find((path) => existsSync(path));
  return {
    protocol: 'ssh',
    host,
    port,
    username: decodeURIComponent(url.username) || env.USER || 'root',
    sshOptions: {
      ...(env.SSH_AUTH_SOCK ? { agent: env.SSH_AUTH_SOCK } : identity ? { privateKey: readFileSync(identity) } : {}),
      hostVerifier: (key: Buffer) => decideHostKey({ knownHostsPath }, host, port, key, readKnownHosts(knownHostsPath)).accept,
    },
  } as DockerOptions;
}
