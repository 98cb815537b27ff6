import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { LAB_DEFAULTS } from '../../lab/server.js';
import { EXAMPLE_ROUTER_CONFIG } from '../../lab/example-config.js';
import { startLab } from '../../lab/index.js';
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

export function register(program: Command): void {
  program
    .command('lab')
    .summary('run the lab router: an SSH server that behaves like Cisco IOS XE for this tool')
    .description(
      'Starts an SSH server that behaves like a Cisco IOS XE 17 router for everything translator touches ' +
        '(modes, prompts, paging, errors, VRF/sub-interface/ACL/route-map/NAT config with IOS side effects, ' +
        'NAT questions, archive and revert timer, write memory). Use it to try translator without hardware.\n' +
        'Credentials come from the environment: LAB_USER, LAB_PASS, LAB_ENABLE_PASS (else IOS_USER, IOS_PASS, ' +
        `IOS_ENABLE_PASS; else the lab-only defaults ${LAB_DEFAULTS.username} / ${LAB_DEFAULTS.password} / ` +
        `enable secret ${LAB_DEFAULTS.enableSecret}).\n` +
        'Prints the address and the host key fingerprint, then runs until SIGINT or SIGTERM.',
    )
    .option('--listen <host:port>', 'address to listen on', '127.0.0.1:2222')
    .option('--config <file>', 'initial running-config (unrelated config is kept and printed as the device would)')
    .option('--example', 'boot the example edge router (surroundings, hand-made look-alikes, archive on) instead of --config')
    .option('--state <file>', 'where `write memory` saves; loaded at start when it exists')
    .option('--host-key <file>', 'persistent SSH host key, generated on first start (default: a new key each start)')
    .option('--hostname <name>', 'hostname (default: from the config, else edge1)')
    .option('--no-archive', 'turn the archive feature (revert timer) off even if the config has it')
    .option('--archive', 'turn the archive feature on even if the config lacks it')
    .option('--privileged', 'log users in at privilege 15 (default: user EXEC, `enable` needed)')
    .action(async (options: LabCliOptions, command: Command) => {
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
    });
}
