import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { EXAMPLE_ROUTER_CONFIG } from '../../lab/example-config.js';
import { LAB_DEFAULTS, startLab } from '../../lab/index.js';
import { ExitCode, UserError } from '../exit-codes.js';

interface LabCliOptions {
  listen: string;
  config?: string;
  example?: boolean;
  state?: string;
  hostKey?: string;
  hostname?: string;
  archive?: boolean;
  privileged?: boolean;
}

function parseListen(text: string): { host: string; port: number } {
  const match = /^(.*):(\d+)$/.exec(text);
  if (!match) throw new UserError(`--listen must be HOST:PORT, got ${text}`, ExitCode.Usage);
  const port = Number(match[2]);
  if (port > 65535) throw new UserError(`--listen port out of range: ${port}`, ExitCode.Usage);
  return { host: match[1]!.replace(/^\[|\]$/g, '') || '127.0.0.1', port };
}

/** First set variable of the list (LAB_* wins over IOS_*, so one shell can run lab and deploy). */
function env(...names: string[]): string | undefined {
  for (const name of names) if (process.env[name]) return process.env[name];
  return undefined;
}

export async function action(options: LabCliOptions, command: Command): Promise<void> {
  if (options.config && options.example) throw new UserError('--config and --example exclude each other', ExitCode.Usage);
  const { host, port } = parseListen(options.listen);
  const lab = await startLab({
    host,
    port,
    ...(options.hostname ? { hostname: options.hostname } : {}),
    username: env('LAB_USER', 'IOS_USER') ?? LAB_DEFAULTS.username,
    password: env('LAB_PASS', 'IOS_PASS') ?? LAB_DEFAULTS.password,
    enableSecret: env('LAB_ENABLE_PASS', 'IOS_ENABLE_PASS') ?? LAB_DEFAULTS.enableSecret,
    loginPrivilege: options.privileged ? 15 : 1,
    ...(options.hostKey ? { hostKeyPath: options.hostKey } : {}),
    ...(options.config ? { configText: readFileSync(options.config, 'utf8') } : {}),
    ...(options.example ? { configText: EXAMPLE_ROUTER_CONFIG } : {}),
    ...(options.state ? { statePath: options.state } : {}),
    // Only when given: without either flag, the config decides (commander's default for --no-archive is true).
    ...(command.getOptionValueSource('archive') === 'cli' ? { archive: options.archive !== false } : {}),
  });
  process.stdout.write(`lab router listening on ${lab.host}:${lab.port}\nhost key ${lab.hostKeyFingerprint}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await lab.close();
  process.stdout.write('lab router stopped\n');
}
