/** The SSH side of the lab router: auth, host key, one Terminal per shell, faults on the wire. */
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type * as Ssh2 from 'ssh2';
import { ssh2 } from '../lazy.js';
import { createDevice } from './engine/device.js';
import { loadOrCreateHostKey } from './hostkey.js';
import { LAB_DEFAULTS, type Faults, type LabOptions, type LabRouter } from './options.js';
import { Terminal } from './terminal.js';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startLab(options: LabOptions = {}): Promise<LabRouter> {
  const username = options.username ?? LAB_DEFAULTS.username;
  const password = options.password ?? LAB_DEFAULTS.password;
  const hostKey = loadOrCreateHostKey(options.hostKeyPath);
  const device = createDevice(options.configText, {
    ...(options.hostname !== undefined ? { hostname: options.hostname } : {}),
    enableSecret: options.enableSecret ?? LAB_DEFAULTS.enableSecret,
    ...(options.archive !== undefined ? { archive: options.archive } : {}),
    ...(options.minuteMs !== undefined ? { minuteMs: options.minuteMs } : {}),
    ...(options.statePath !== undefined ? { statePath: options.statePath } : {}),
  });
  let faults: Faults = { ...options.faults };
  // The config lock lives in the device (the exec command checks it); the other faults act on the wire.
  const lockConfig = (next: Faults) => {
    device.state.configLock = next.configLock ? { ...next.configLock } : undefined;
  };
  lockConfig(faults);
  // IOS would take the level from `username U privilege N`; the lab keeps it an explicit option so
  // tests of `enable` do not depend on the surrounding config.
  const privilege = options.loginPrivilege ?? 1;
  const clients = new Set<Ssh2.Connection>();

  const server = new (ssh2().Server)({ hostKeys: [hostKey.privateKey], ident: 'Cisco-1.25' }, (client) => {
    clients.add(client);
    // behaviours.noNagle. ssh2's server connection has setNoDelay (lib/server.js); @types/ssh2 leaves it out.
    (client as Ssh2.Connection & { setNoDelay(noDelay: boolean): void }).setNoDelay(true);
    client.on('close', () => clients.delete(client));
    client.on('error', () => client.end());
    client.on('authentication', (ctx) => {
      const delay = faults.loginDelayMs ?? 0;
      const decide = (ok: boolean) =>
        void sleep(delay).then(() => {
          // A client that gave up during the (injected) login delay is gone: accepting it now
          // would start ssh2's keepalive timer on a dead connection and hold the process open.
          if (!clients.has(client)) return;
          try {
            if (ok) ctx.accept();
            else ctx.reject(['password', 'keyboard-interactive']);
          } catch {
            // the client went away during the (injected) login delay
          }
        });
      if (ctx.method === 'password') return decide(same(ctx.username, username) && same(ctx.password, password));
      if (ctx.method === 'keyboard-interactive') {
        return ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) =>
          decide(same(ctx.username, username) && same(answers[0] ?? '', password)),
        );
      }
      ctx.reject(['password', 'keyboard-interactive']);
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        const channel = accept();
        channel.on('pty', (acceptPty) => acceptPty?.());
        channel.on('window-change', (acceptChange) => acceptChange?.());
        channel.on('env', (acceptEnv) => acceptEnv?.());
        channel.on('shell', (acceptShell) => {
          const stream = acceptShell();
          const session = device.newSession({ user: username, privilege });
          const half = () => (faults.rttMs ?? 0) / 2;
          const terminal = new Terminal(device, session, {
            write: (text) => {
              const delay = half();
              if (delay > 0) setTimeout(() => stream.writable && stream.write(text), delay);
              else if (stream.writable) stream.write(text);
            },
            end: () => {
              setTimeout(() => {
                stream.exit(0);
                stream.end();
              }, half());
            },
            drop: () => client.end(),
          }, () => faults);
          stream.on('data', (data: Buffer) => {
            const delay = half();
            if (delay > 0) setTimeout(() => terminal.feed(data.toString('latin1')), delay);
            else terminal.feed(data.toString('latin1'));
          });
          stream.on('close', () => terminal.close());
          void terminal.run();
        });
        channel.on('exec', (acceptExec, _reject, info) => {
          // `ssh router "show version"`: one command at the login privilege, then exit.
          const stream = acceptExec();
          const session = device.newSession({ user: username, privilege });
          const reply = device.execute(info.command, session);
          stream.write(reply.output.replace(/\r?\n/g, '\r\n'));
          stream.exit(0);
          stream.end();
        });
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  // After start-up, a broken connection concerns that client only (its own 'error' handler).
  server.on('error', () => undefined);
  const address = server.address() as AddressInfo;

  return {
    host: address.address,
    port: address.port,
    hostKeyFingerprint: hostKey.fingerprint,
    runningConfig: () => device.runningConfig(),
    setFaults(next) {
      faults = { ...next };
      lockConfig(faults);
    },
    markInUse: (kind, match) => device.markInUse(kind, match),
    sessions: () => clients.size,
    dropSessions() {
      for (const c of clients) c.end();
    },
    async close() {
      device.close();
      for (const c of clients) c.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
