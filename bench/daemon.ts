/**
 * The daemon under benchmark: `translator watch` as the real CLI in a child process (compiled
 * when `npm run build` has made dist/, else the sources under tsx), so its memory is its own,
 * deploying to a lab router with the password in a file as a production service would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LabRouter } from '../src/lab/index.js';

/** The lab router's credentials in the benchmarks. */
export const PASSWORD = 'bench-pass';
export const ENABLE = 'bench-enable';
/** A router with the archive feature (so deploys run under a revert timer) and nothing of ours. */
export const ROUTER_CONFIG = [
  'hostname edge1', '!', 'archive', ' path flash:archive', ' maximum 5', '!',
  'interface GigabitEthernet1', ' ip address 203.0.113.2 255.255.255.0', '!',
  'interface GigabitEthernet2', ' no ip address', '!', 'end', '',
].join('\n');

export interface BenchDaemon {
  process: ChildProcess;
  /** true: dist/ (what users run); false: the sources under tsx. */
  compiled: boolean;
}

export function startBenchDaemon(options: {
  root: string;
  repo: string;
  port: number;
  lab: LabRouter;
  passwordFile: string;
  enable: string;
  /** Only when translator.yaml does not say where Docker is. */
  dockerHost?: string;
}): BenchDaemon {
  const compiled = existsSync(join(options.root, 'dist/cli/main.js'));
  const entry = compiled ? [join(options.root, 'dist/cli/main.js')] : ['--import', 'tsx', join(options.root, 'src/cli/main.ts')];
  const { lab } = options;
  const child = spawn(process.execPath, [...entry, 'watch', '--repo', options.repo, '--http-port', String(options.port), '--log-level', 'warn'], {
    cwd: options.root,
    env: {
      PATH: process.env.PATH,
      ...(options.dockerHost ? { DOCKER_HOST: options.dockerHost } : {}),
      INSIDE_INTERFACE: 'GigabitEthernet2',
      OUTSIDE_INTERFACE: 'GigabitEthernet1',
      IOS_MGMT_IP: lab.host,
      IOS_MGMT_PORT: String(lab.port),
      IOS_USER: 'admin',
      IOS_PASS_FILE: options.passwordFile,
      IOS_ENABLE_PASS: options.enable,
      IOS_HOST_KEY_FINGERPRINT: lab.hostKeyFingerprint,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { process: child, compiled };
}
