// Opening an SSH session to a router: host key check, password or
// keyboard-interactive login, an interactive shell. Errors become DeviceErrors.
import type { Client, AnyAuthMethod, AuthHandlerMiddleware, ConnectConfig, ServerHostKeyAlgorithm } from 'ssh2';
import { ssh2 } from '../lazy.js';
import { DeviceError } from './errors.js';
import { decideHostKey, preferredHostKeyAlgorithms, readKnownHosts, recordKnownHost } from './host-key.js';
import { ShellSession } from './session.js';
import type { DeviceTarget, LoginMethod } from './types.js';

const DEFAULT_LOGIN_METHODS: readonly LoginMethod[] = ['password', 'keyboard-interactive'];

export interface OpenedShell {
  client: Client;
  session: ShellSession;
  /** What happened to the host key (known / pinned / newly recorded), for logs. */
  hostKeyNote: string;
}

/** Terminal size asked for the shell; `terminal width 0` follows, the wide pty only avoids early wrapping. */
const PTY = { term: 'vt100', cols: 511, rows: 24 } as const;

export function openShell(target: DeviceTarget, loginMs: number): Promise<OpenedShell> {
  const client = new (ssh2().Client)();
  let hostKeyRefusal: string | undefined;
  let hostKeyNote = '';
  const tried: LoginMethod[] = [];
  const methods = [...(target.authMethods ?? DEFAULT_LOGIN_METHODS)];

  // Offer our methods in order, skipping any the server says it does not accept.
  const authHandler: AuthHandlerMiddleware = (serverAccepts, _partial, next) => {
    let method = methods.shift();
    while (method && serverAccepts && !serverAccepts.includes(method)) method = methods.shift();
    // ssh2 takes `false` for "no more methods"; its types omit it.
    if (!method) return next(false as unknown as AnyAuthMethod);
    tried.push(method);
    if (method === 'password') return next({ type: 'password', username: target.username, password: target.password.reveal() });
    next({
      type: 'keyboard-interactive',
      username: target.username,
      // IOS asks a single "Password:"; answer every prompt with the password (never log them).
      prompt: (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => target.password.reveal())),
    });
  };

  const config: ConnectConfig = {
    host: target.host,
    port: target.port,
    username: target.username,
    authHandler,
    readyTimeout: loginMs,
    keepaliveInterval: 15_000,
    hostVerifier: (key: Buffer): boolean => {
      const decision = decideHostKey(target.hostKey, target.host, target.port, key, readKnownHosts(target.hostKey.knownHostsPath));
      if (!decision.accept) {
        hostKeyRefusal = decision.reason;
        return false;
      }
      if (decision.record && target.hostKey.knownHostsPath) recordKnownHost(target.hostKey.knownHostsPath, decision.record);
      hostKeyNote = decision.note;
      return true;
    },
  };
  const algorithms = preferredHostKeyAlgorithms(target.hostKey, target.host, target.port);
  if (algorithms) config.algorithms = { serverHostKey: algorithms as ServerHostKeyAlgorithm[] };

  return new Promise<OpenedShell>((resolve, reject) => {
    let settled = false;
    let session: ShellSession | undefined;
    const fail = (summary: string, kind: DeviceError['kind'], cause?: unknown) => {
      if (settled) return;
      settled = true;
      client.end();
      reject(new DeviceError(summary, { router: target.name, step: 'login', kind, cause }));
    };
    // After login, transport failures reach the driver as the shell session closing.
    client.on('close', () => session?.markClosed('the SSH connection closed'));
    client.on('error', (error: Error & { level?: string }) => {
      if (settled) return session?.markClosed(`SSH connection error: ${error.message}`);
      if (hostKeyRefusal) return fail(hostKeyRefusal, 'host-key');
      if (error.level === 'client-authentication') {
        const how = tried.length > 0 ? tried.join(', then ') : 'no method the server accepts';
        return fail(`login refused for user ${target.username} (tried ${how})`, 'auth');
      }
      if (/timed out/i.test(error.message)) {
        return fail(`no SSH login within ${loginMs} ms (handshake and authentication)`, 'timeout', error);
      }
      fail(`cannot connect to ${target.host}:${target.port}: ${error.message}`, 'connect', error);
    });
    client.once('ready', () => {
      client.shell(PTY, (error, channel) => {
        if (error) return fail(`the router refused an interactive shell: ${error.message}`, 'connect', error);
        settled = true;
        session = new ShellSession(channel);
        resolve({ client, session, hostKeyNote });
      });
    });
    client.connect(config);
    // Interactive CLI: small writes must leave at once (Nagle + delayed ACK adds ~40 ms per exchange).
    client.setNoDelay(true);
  });
}
