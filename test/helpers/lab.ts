/**
 * Test helpers for the lab router: start one, and a small SSH shell client (ssh2) that sends a
 * line and reads until the next prompt, so tests read transcripts the way a user sees them.
 */
import ssh2 from 'ssh2';
import { startLab, type LabOptions, type LabRouter } from '../../src/lab/index.js';

export { startLab };
export type { LabRouter };

/** Any IOS prompt at the end of the output: `edge1>`, `edge1#`, `edge1(config-if)#`. */
const PROMPT = /[\w.-]+(\([\w-]+\))?[>#]\s*$/;

export interface Shell {
  /** Sends a line and returns what came back up to the next prompt or `until` (echo included). */
  send(line: string, until?: RegExp): Promise<string>;
  /** Sends raw bytes (no newline) and reads until the pattern. */
  write(data: string, until: RegExp): Promise<string>;
  /** Everything received so far. */
  transcript(): string;
  /** Resolves when the server closes the channel. */
  closed: Promise<void>;
  end(): void;
}

export async function openShell(
  lab: Pick<LabRouter, 'host' | 'port'>,
  auth: { username?: string; password?: string; keyboardInteractive?: boolean } = {},
): Promise<Shell> {
  const client = new ssh2.Client();
  const username = auth.username ?? 'admin';
  const password = auth.password ?? 'admin';
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve());
    client.once('error', reject);
    client.on('keyboard-interactive', (_n, _i, _l, prompts, finish) => finish(prompts.map(() => password)));
    client.connect({
      host: lab.host,
      port: lab.port,
      username,
      ...(auth.keyboardInteractive ? { tryKeyboard: true } : { password }),
      readyTimeout: 10_000,
    });
  });
  const stream = await new Promise<ssh2.ClientChannel>((resolve, reject) =>
    client.shell({ term: 'vt100', rows: 24, cols: 80 }, (err, s) => (err ? reject(err) : resolve(s))),
  );
  let all = '';
  let unread = '';
  let waiter: (() => void) | undefined;
  stream.on('data', (d: Buffer) => {
    all += d.toString('latin1');
    unread += d.toString('latin1');
    waiter?.();
  });
  const closed = new Promise<void>((resolve) => stream.on('close', () => {
    client.end();
    resolve();
    waiter?.();
  }));
  let isClosed = false;
  void closed.then(() => (isClosed = true));

  async function readUntil(pattern: RegExp, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(unread)) {
      if (isClosed) break;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; got ${JSON.stringify(unread)}`);
      await new Promise<void>((resolve) => {
        waiter = resolve;
        setTimeout(resolve, 100);
      });
      waiter = undefined;
    }
    const out = unread;
    unread = '';
    return out.replace(/\r\n/g, '\n');
  }
  await readUntil(PROMPT);
  return {
    send: (line, until = PROMPT) => {
      stream.write(`${line}\r`);
      return readUntil(until);
    },
    write: (data, until) => {
      stream.write(data);
      return readUntil(until);
    },
    transcript: () => all.replace(/\r\n/g, '\n'),
    closed,
    end: () => {
      stream.end();
      client.end();
    },
  };
}

/** A lab on a random port with test defaults (enable secret `enable`, login at `>`). */
export function labForTest(options: LabOptions = {}): Promise<LabRouter> {
  return startLab({ port: 0, ...options });
}

/** Logs in and enables: a shell at `edge1#` with paging off. */
export async function privilegedShell(lab: LabRouter): Promise<Shell> {
  const shell = await openShell(lab);
  await shell.send('enable', /Password: $/);
  await shell.send('enable');
  await shell.send('terminal length 0');
  return shell;
}
