import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectRouters } from '../../deploy/inspect.js';
import { resolveRef } from '../../deploy/intended.js';
import { resultTable, succeeded } from '../../deploy/run-all.js';
import { runDeploys } from '../../deploy/service.js';
import { intendedCfgPath } from '../../gitops/layout.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { formatDiff, formatText } from '../../iosxe/index.js';
import { EXAMPLE_ROUTER_CONFIG } from '../../lab/example-config.js';
import { LAB_DEFAULTS, startLab, type LabRouter } from '../../lab/index.js';
import { defaultDockerHost } from '../../observe/docker-host.js';
import type { DockerState } from '../../observe/types.js';
import { commitRendered, describeRejections, openDocker, renderState } from '../../pipeline.js';
import { loadSettings, type Settings } from '../../settings/load.js';
import { EXAMPLE_INTERFACES, EXAMPLE_STATE } from '../example-state.js';
import { UserError } from '../exit-codes.js';
import { serveDemo } from '../demo-serve.js';

/** How long the demo waits for a local Docker engine before using the built-in example. */
const DOCKER_PROBE_MS = 3000;

const say = (text = '') => process.stdout.write(`${text}\n`);
const indent = (text: string) => text.trimEnd().replace(/^(?=.)/gm, '   ');

export async function action(options: { repo?: string; serve?: boolean; port: string }): Promise<void> {
  const repoDir = options.repo ?? mkdtempSync(join(tmpdir(), 'translator-demo-'));
  // The lab's saved config is the demo's own business: it goes when the demo ends.
  const labDir = mkdtempSync(join(tmpdir(), 'translator-demo-lab-'));
  const lab = await startLab({ port: 0, configText: EXAMPLE_ROUTER_CONFIG, statePath: join(labDir, 'edge1-startup.cfg') });
  try {
    const done = await demo(lab, repoDir, !options.serve);
    if (options.serve) await serveDemo({ ...done, port: Number(options.port) }, say);
  } finally {
    await lab.close();
    rmSync(labDir, { recursive: true, force: true });
  }
}

async function demo(lab: LabRouter, repoDir: string, mentionServe: boolean) {
  // The lab's credentials reach translator the way a real router's do: through the environment.
  const env: NodeJS.ProcessEnv = {
    ...EXAMPLE_INTERFACES,
    ...process.env,
    IOS_MGMT_IP: lab.host,
    IOS_MGMT_PORT: String(lab.port),
    IOS_USER: LAB_DEFAULTS.username,
    IOS_PASS: LAB_DEFAULTS.password,
    IOS_ENABLE_PASS: LAB_DEFAULTS.enableSecret,
    IOS_HOST_KEY_FINGERPRINT: lab.hostKeyFingerprint,
    ROUTER_NAME: 'edge1',
  };
  const settings = loadSettings({ repo: repoDir, env });
  const routers = settings.routers.map((r) => r.name);
  say(`1. Lab router edge1 listening on ${lab.host}:${lab.port} (host key ${lab.hostKeyFingerprint})`);

  const { state, source } = await demoState(settings);
  say(`2. Docker state from ${source}: ${state.networks.length} macvlan network(s), ${state.containers.length} running container(s)`);
  const rendered = renderState(state, settings, repoDir, routers);
  for (const line of describeRejections(rendered.intent.rejections)) say(`   ${line}`);

  const repo = await GitOpsRepo.open(repoDir, { init: { branch: settings.git.mainline } });
  const { commit } = await commitRendered(repo, rendered, settings);
  if (!commit) throw new UserError('the demo rendered nothing to commit');
  say(`3. Committed ${commit.sha.slice(0, 12)} to ${repoDir}: ${commit.message.split('\n')[0]}`);
  for (const r of rendered.routers) {
    say(`\n   ${intendedCfgPath(r.router)}:`);
    say(indent(r.intendedCfg));
  }

  const refFor = () => resolveRef(repo, commit.sha);
  const [view] = await inspectRouters({ repo, settings, routers, refFor, env });
  if (!view?.plan) throw new UserError(`planning edge1 failed: ${view?.error ?? 'no answer'}`);
  say('\n4. Plan: the owned part of the running-config against the intent');
  say(indent(formatDiff(view.plan, view.scope)));
  say('\n   Commands to send:');
  say(indent(formatText(view.plan)));

  say('\n5. Deploy (lock → revert timer → push → verify → confirm → save → record):');
  const { outcomes } = await runDeploys({ repo, settings, routers, kind: 'deploy', refFor, overrides: {}, env, log: (line) => say(`   ${line}`) });
  say(indent(resultTable(outcomes)));
  if (!outcomes.every(succeeded)) throw new UserError('the demo deploy failed (see above)');

  say("\n6. The router's running-config now (the hand-made VRF, sub-interface, NAT and ACL are untouched):");
  say(indent(lab.runningConfig()));
  say('\nNext:');
  say(`  git -C ${repoDir} log --all --stat         # the intended-config commit and the deploy record (branch ${settings.deploy.recordsBranch})`);
  say('  npx translator lab --listen 127.0.0.1:2222   # a lab router of your own to point translator at');
  say('  docker network create -d macvlan --subnet=192.168.1.0/24 --gateway=192.168.1.254 -o parent=eth1.10 mytenant');
  say('  docker run --net=mytenant --ip=192.168.1.1 -l global_ip=10.0.1.1 IMAGE   # then: translator commit; translator deploy');
  say('  npx translator --help                        # every command; docs/configuration.md for settings');
  if (mentionServe) say('  npx translator demo --serve                  # all of this, then the status page and the lab router stay up until Ctrl-C');
  return { repo, settings, routers, env };
}

/** The local engine's state when it answers quickly and has something to show; else the example. */
async function demoState(settings: Settings): Promise<{ state: DockerState; source: string }> {
  const host = defaultDockerHost();
  try {
    const state = await openDocker(settings, { repo: null, host, timeoutMs: DOCKER_PROBE_MS }).read();
    if (state.networks.length > 0) return { state, source: `the Docker engine at ${host}` };
    return { state: EXAMPLE_STATE, source: `the built-in seed example (Docker at ${host} has no macvlan network)` };
  } catch {
    return { state: EXAMPLE_STATE, source: `the built-in seed example (no Docker engine at ${host})` };
  }
}
