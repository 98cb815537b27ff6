/**
 * Issue 14: a deploy loads what deploying uses, and no more. `translator deploy` from a GitOps
 * repository to a router that refuses the connection goes through settings, Git, the plan and SSH
 * (ssh2 is required when the connection is opened), so the modules below are those of a real
 * deploy's start. Docker's client and sources, rendering, the daemon's logger and templates are never
 * among them, and the metrics library is loaded only when --metrics-file asks for the run's metrics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, initRepo, tempDir } from '../../helpers/git.js';
import { SEED_INTENDED } from '../../integration/deploy-helpers.js';
import { modulesLoadedBy } from './loaded-modules.js';

/** What no deploy uses: the Docker client, the watch daemon's logger, templates, unified diffs. */
const NEVER_FOR_DEPLOY = ['dockerode', 'pino', 'nunjucks', 'diff'];
/** Reading Docker and rendering from it: the pipeline, Docker's sources, the intent and the templates. */
const DOCKER_TO_CONFIG = /^(pipeline\.ts$|render\/|intent\/build\.ts$|observe\/(docker|engine-source|swarm-source|factory|schema)\.ts$)/;

function repoWithUnreachableRouter(dir: string): string {
  const repo = initRepo(join(dir, 'repo'));
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  writeFileSync(join(repo, 'translator.yaml'), ['routers:', '  - name: edge1', '    host: 127.0.0.1', '    port: 1', '    inside: GigabitEthernet2', '    outside: GigabitEthernet1', '    username: admin', '    password: {env: LAB_PASS}', `    hostKey: {fingerprint: "SHA256:${'A'.repeat(43)}"}`, ''].join('\n'));
  mkdirSync(join(repo, 'routers', 'edge1'), { recursive: true });
  writeFileSync(join(repo, 'routers', 'edge1', 'intended.cfg'), SEED_INTENDED);
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'edge1');
  return repo;
}

test('deploy loads settings, Git, the engine and SSH; no Docker client, logger, templates or metrics unless asked', async (t) => {
  const tmp = tempDir('deploy-loading');
  t.after(tmp.remove);
  const repo = repoWithUnreachableRouter(tmp.dir);
  const env = { LAB_PASS: 'secret' };

  const plain = await modulesLoadedBy(['deploy', '--all', '--yes', '--repo', repo], env);
  assert.notEqual(plain.code, 0, 'the router cannot be reached');
  assert.match(plain.stdout + plain.stderr, /ECONNREFUSED|refused/i, `the router refused the connection: ${plain.stdout}${plain.stderr}`);
  for (const name of ['ssh2', 'yaml', 'zod']) assert.ok(plain.packages.includes(name), `${name} is loaded: the deploy reached its connection`);
  for (const module of ['deploy/service.ts', 'settings/load.ts']) assert.ok(plain.own.includes(module), `${module} is loaded`);
  assert.deepEqual(plain.packages.filter((name) => NEVER_FOR_DEPLOY.includes(name)), [], 'a deploy loads none of them');
  assert.deepEqual(plain.own.filter((module) => DOCKER_TO_CONFIG.test(module)), [], 'a deploy reads no Docker and renders nothing');
  assert.ok(!plain.packages.includes('prom-client'), 'without --metrics-file the run builds no metrics');

  const metricsFile = join(tmp.dir, 'deploy.prom');
  const measured = await modulesLoadedBy(['deploy', '--all', '--yes', '--repo', repo, '--metrics-file', metricsFile], env);
  assert.notEqual(measured.code, 0);
  assert.ok(measured.packages.includes('prom-client'), '--metrics-file builds the run\'s metrics');
});
