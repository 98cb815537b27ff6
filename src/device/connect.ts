// Opening an SSH session to a router: host key check, password or
// keyboard-interactive login, an interactive shell. Errors become DeviceErrors.
import { Client, type ConnectConfig } from 'ssh2';
import { DeviceError } from './errors.js';
import { decideHostKey, preferredHostKeyAlgorithms, readKnownHosts, recordKnownHost } from './host-key.js';
import { ShellSession } from './session.js';
import type { DeviceTarget } from './types.js';

export interface OpenedShell {
  client: Client;
  session: ShellSession;
  /** What happened to the host key (known / pinned / newly recorded), for logs. */
  hostKeyNote: string;
}

/** Terminal size asked for the shell; `terminal width 0` follows, the wide pty only avoids early wrapping. */
const PTY = { term: 'vt100', cols: 511, rows: 24 } as const;

export function openShell(target: DeviceTarget, loginMs: number): Promise<OpenedShell> {
  const client = new Client();
  let hostKeyRefusal: string | undefined;
  let hostKeyNote = '';
  let authAttempted = false;

  const config: ConnectConfig = {
    host: target.host,
    port: target.port,
    username: target.username,
    password: target.password.reveal(),
    tryKeyboard: true,
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
  if (algorithms) config.algorithms = { serverHostKey: algorithms as NonNullable<ConnectConfig['algorithms']>['serverHostKey'] };

  client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) => {
    authAttempted = true;
    // IOS asks a single "Password:"; answer every prompt with the password (never log them).
    finish(prompts.map(() => target.password.reveal()));
  });

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
        return fail(`login refused for user ${target.username} (password${authAttempted ? ' and keyboard-interactive' : ''})`, 'auth');
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
