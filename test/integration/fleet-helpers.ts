/**
 * Several lab routers behind one GitOps repository with a bare remote, described in translator.yaml
 * (credentials as {env: …} references), and the real CLI to drive them: the fleet check and
 * decommission tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { connectDevice } from '../../src/device/index.js';
import { startLab, type LabRouter } from '../../src/lab/index.js';
import { Secret } from '../../src/settings/secret.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { git, initBare, initRepo, tempDir } from '../helpers/git.js';
import { ENABLE, PASSWORD, ROUTER_CONFIG } from './deploy-helpers.js';

export interface Fleet {
  dir: string;
  repo: string;
  remote: string;
  labs: Record<string, LabRouter>;
  /** translator.yaml's `routers:` entry of each router; `decommission` marks one leaving. */
  writeSettings(options?: { decommission?: string[]; omit?: string[] }): void;
  /** Commits routers/<r>/intended.cfg for each router given; returns the commit. */
  commitIntended(configs: Record<string, string>, message: string): string;
  cli(...args: string[]): Promise<CliResult>;
  /** The router's running-config through a second SSH session (the device driver). */
  running(router: string): Promise<string>;
  /** A records-branch file, or null. */
  recordFile(path: string): string | null;
  /** The newest deploy record of a router. */
  lastRecord(router: string): Record<string, any>;
}

/** `configs`: a router's running-config at start (default: ROUTER_CONFIG with its hostname). */
export async function fleetWorld(t: TestContext, names: readonly string[], configs: Record<string, string> = {}): Promise<Fleet> {
  const tmp = tempDir('fleet');
  const labs: Record<string, LabRouter> = {};
  for (const name of names) {
    const configText = configs[name] ?? ROUTER_CONFIG.replace('hostname edge1', `hostname ${name}`);
    labs[name] = await startLab({ port: 0, configText, password: PASSWORD, enableSecret: ENABLE });
  }
  t.after(async () => {
    for (const lab of Object.values(labs)) await lab.close();
    tmp.remove();
  });
  const remote = join(tmp.dir, 'remote.git');
  const repo = initRepo(join(tmp.dir, 'repo'));
  git(repo, 'remote', 'add', 'origin', initBare(remote));
  const env: NodeJS.ProcessEnv = { LAB_PASS: PASSWORD, LAB_ENABLE: ENABLE };
  const entry = (name: string, decommission: boolean) =>
    [
      `  - name: ${name}`,
      `    host: ${labs[name]!.host}`,
      `    port: ${labs[name]!.port}`,
      '    inside: GigabitEthernet2',
      '    outside: GigabitEthernet1',
      '    username: admin',
      '    password: {env: LAB_PASS}',
      '    enablePassword: {env: LAB_ENABLE}',
      `    hostKey: {fingerprint: "${labs[name]!.hostKeyFingerprint}"}`,
      ...(decommission ? ['    decommission: true'] : []),
    ].join('\n');
  const fleet: Fleet = {
    dir: tmp.dir,
    repo,
    remote,
    labs,
    writeSettings({ decommission = [], omit = [] } = {}) {
      const routers = names.filter((n) => !omit.includes(n)).map((n) => entry(n, decommission.includes(n)));
      writeFileSync(
        join(repo, 'translator.yaml'),
        [
          'git: { remote: origin, branch: main }',
          'deploy:',
          `  lockDir: ${JSON.stringify(join(tmp.dir, 'locks'))}`,
          '  timeouts: { loginMs: 4000, commandMs: 5000, lineMs: 5000 }',
          'routers:',
          ...routers,
          '',
        ].join('\n'),
      );
      git(repo, 'add', 'translator.yaml');
      git(repo, 'commit', '-q', '--allow-empty', '-m', 'settings');
      git(repo, 'push', '-q', 'origin', 'main');
    },
    commitIntended(configs, message) {
      for (const [name, text] of Object.entries(configs)) {
        mkdirSync(join(repo, 'routers', name), { recursive: true });
        writeFileSync(join(repo, 'routers', name, 'intended.cfg'), text);
        git(repo, 'add', join('routers', name, 'intended.cfg'));
      }
      git(repo, 'commit', '-q', '--allow-empty', '-m', message);
      git(repo, 'push', '-q', 'origin', 'main');
      return git(repo, 'rev-parse', 'HEAD').trim();
    },
    cli: (...args) => runCli([...args, '--repo', repo], { env, timeoutMs: 120_000 }),
    async running(router) {
      const lab = labs[router]!;
      const device = await connectDevice({
        name: router,
        host: lab.host,
        port: lab.port,
        username: 'admin',
        password: new Secret(PASSWORD),
        enablePassword: new Secret(ENABLE),
        hostKey: { fingerprint: lab.hostKeyFingerprint },
      });
      try {
        return await device.getRunningConfig();
      } finally {
        await device.close();
      }
    },
    recordFile(path) {
      try {
        return git(repo, 'show', `translator/records:${path}`);
      } catch {
        return null;
      }
    },
    lastRecord(router) {
      const log = fleet.recordFile(`routers/${router}/deploys.log`) ?? '';
      const id = log.trim().split('\n').at(-1)!.split(/\s{2,}/)[5]!;
      return JSON.parse(fleet.recordFile(`deploys/${router}/${id}.json`)!);
    },
  };
  fleet.writeSettings();
  return fleet;
}
