/**
 * The world of a `translator watch` test with the real deploy step: the lab router, a GitOps
 * repository whose translator.yaml holds `settings` (plus a private lock directory), and the
 * environment describing the router (password from a file) plus `env`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { startLab, type LabRouter } from '../../src/lab/index.js';
import { git, initRepo, tempDir } from '../helpers/git.js';
import { ENABLE, PASSWORD, ROUTER_CONFIG } from './deploy-helpers.js';

export interface WatchWorld {
  dir: string;
  lab: LabRouter;
  repo: string;
  env: Record<string, string>;
}

export async function watchWorld(t: TestContext, label: string, settings: readonly string[], env: Record<string, string> = {}): Promise<WatchWorld> {
  const tmp = tempDir(label);
  t.after(tmp.remove);
  const lab = await startLab({ port: 0, configText: ROUTER_CONFIG, password: PASSWORD, enableSecret: ENABLE });
  t.after(() => lab.close());
  const repo = initRepo(join(tmp.dir, 'repo'));
  mkdirSync(join(tmp.dir, 'secrets'), { mode: 0o700 });
  writeFileSync(join(tmp.dir, 'secrets', 'ios_pass'), `${PASSWORD}\n`, { mode: 0o600 });
  writeFileSync(join(repo, 'translator.yaml'), ['deploy:', `  lockDir: ${JSON.stringify(join(tmp.dir, 'locks'))}`, ...settings, ''].join('\n'));
  git(repo, 'add', 'translator.yaml');
  git(repo, 'commit', '-q', '-m', 'settings');
  return {
    dir: tmp.dir,
    lab,
    repo,
    env: {
      IOS_MGMT_IP: lab.host,
      IOS_MGMT_PORT: String(lab.port),
      IOS_USER: 'admin',
      IOS_PASS_FILE: join(tmp.dir, 'secrets', 'ios_pass'),
      IOS_ENABLE_PASS: ENABLE,
      IOS_HOST_KEY_FINGERPRINT: lab.hostKeyFingerprint,
      ...env,
    },
  };
}
