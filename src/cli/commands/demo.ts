import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { intendedCfgPath } from '../../gitops/layout.js';
import { publishRenders } from '../../gitops/publish.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { DockerEngineSource } from '../../observe/docker.js';
import { defaultDockerHost } from '../../observe/docker-host.js';
import type { DockerState } from '../../observe/types.js';
import { loadSettings } from '../../settings/load.js';
import { EXAMPLE_INTERFACES, EXAMPLE_STATE } from '../example-state.js';
import { describeRejections, renderState } from '../pipeline.js';

/** How long the demo waits for a local Docker engine before using the built-in example. */
const DOCKER_PROBE_MS = 3000;

export function register(program: Command): void {
  program
    .command('demo')
    .summary('the first five minutes: render and commit an example into a temporary repository')
    .description(
      'Runs the pipeline on built-in defaults with nothing configured: reads the local Docker engine ' +
        'when one is reachable and has macvlan networks (else the seed example: network mytenant on ' +
        'eth1.10, container web with global_ip=10.0.1.1), renders router edge1 (inside GigabitEthernet2, ' +
        'outside GigabitEthernet1, unless INSIDE_INTERFACE/OUTSIDE_INTERFACE say otherwise), commits into a ' +
        'new temporary GitOps repository and shows the result. Ends by itself and leaves nothing running.',
    )
    .option('--repo <dir>', 'GitOps repository to create (default: a new temporary directory)')
    .action(async (options: { repo?: string }) => {
      const say = (text = '') => process.stdout.write(`${text}\n`);
      const repoDir = options.repo ?? mkdtempSync(join(tmpdir(), 'translator-demo-'));
      const settings = loadSettings({ repo: repoDir, env: { ...EXAMPLE_INTERFACES, ...process.env } });
      const { state, source } = await demoState();
      say(`1. Docker state: ${source} (${state.networks.length} macvlan network(s), ${state.containers.length} running container(s))`);

      const rendered = renderState(state, settings, repoDir, settings.routers.map((r) => r.name));
      for (const line of describeRejections(rendered.intent.rejections)) say(`   ${line}`);
      const repo = await GitOpsRepo.open(repoDir, { init: true });
      const { commit } = await publishRenders(repo, rendered.routers, { author: settings.git.author });

      for (const r of rendered.routers) {
        say(`\n2. Intended config of ${r.router} (${intendedCfgPath(r.router)}):\n`);
        say(r.intendedCfg.trimEnd().replace(/^(?=.)/gm, '   '));
      }
      say(`\n3. Committed ${commit ? commit.sha.slice(0, 12) : '(nothing: no tenants)'} in ${repoDir}\n`);
      if (commit) say(commit.message.trimEnd().replace(/^(?=.)/gm, '   '));
      say('\nNext:');
      say(`  git -C ${repoDir} log --stat                 # the audit trail`);
      say('  docker network create -d macvlan --subnet=… --gateway=… -o parent=eth1.10 mytenant');
      say('  docker run --net=mytenant --ip=… -l global_ip=… IMAGE   # then `translator commit --repo DIR`');
      say('  translator --help                                       # every command');
    });
}

/** The local engine's state when it answers quickly and has something to show; else the example. */
async function demoState(): Promise<{ state: DockerState; source: string }> {
  const host = defaultDockerHost();
  try {
    const state = await new DockerEngineSource(host, { timeoutMs: DOCKER_PROBE_MS }).read();
    if (state.networks.length > 0) return { state, source: `the Docker engine at ${host}` };
    return { state: EXAMPLE_STATE, source: `the built-in seed example (Docker at ${host} has no macvlan network)` };
  } catch {
    return { state: EXAMPLE_STATE, source: `the built-in seed example (no Docker engine at ${host})` };
  }
}
