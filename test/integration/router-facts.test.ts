// Router facts reach the render through the records branch, fetched from the GitOps remote (issue 9
// item 3, issue 11 item 1): a clone that never deployed renders with the facts another machine's
// deploy saved, so a floating IP the router uses itself, or a tenant named like its legacy VRF, is
// rejected at render time with its reason in state.json and the commit message. No facts yet:
// nothing more is rejected than Docker and the settings alone show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_STATE } from '../../src/cli/example-state.js';
import { RecordsStore } from '../../src/deploy/records.js';
import { Git } from '../../src/gitops/git.js';
import type { RouterFacts } from '../../src/iosxe/facts-types.js';
import type { DockerState } from '../../src/observe/types.js';
import { runCli } from '../helpers/cli.js';
import { git, sharedRemote } from '../helpers/git.js';

const SEED_ENV = { INSIDE_INTERFACE: 'GigabitEthernet2', OUTSIDE_INTERFACE: 'GigabitEthernet1' };

/** The seed, plus a container asking for the router's own outside address and a network named like its legacy VRF. */
const STATE: DockerState = {
  networks: [
    ...EXAMPLE_STATE.networks,
    { ...EXAMPLE_STATE.networks[0]!, id: 'n-legacy', name: 'CUST-OLD', subnet: '192.168.7.0/24', gateway: '192.168.7.254', parent: 'eth1.70' },
  ],
  containers: [
    ...EXAMPLE_STATE.containers,
    { ...EXAMPLE_STATE.containers[0]!, id: 'c-gw', name: 'gw', labels: { global_ip: '203.0.113.2' }, addresses: { mytenant: '192.168.1.2' } },
  ],
};

const FACTS: RouterFacts = {
  interfaceAddresses: [{ address: '203.0.113.2', interface: 'GigabitEthernet1' }],
  unownedNatGlobals: [],
  legacyVrfs: ['CUST-OLD'],
};

test('facts saved by one machine’s deploy reject colliding objects in another clone’s commit', async (t) => {
  const shared = sharedRemote(t, 'router-facts', 2);
  const [deployer, ci] = shared.clones as [string, string];
  const stateFile = join(shared.dir, 'docker.json');
  writeFileSync(stateFile, JSON.stringify(STATE));
  const commit = () => runCli(['commit', '--repo', ci, '--state', stateFile], { env: SEED_ENV });
  const head = (file: string) => git(ci, 'show', `HEAD:${file}`);

  const before = await commit();
  assert.equal(before.code, 0, before.stderr);
  assert.doesNotMatch(before.stderr, /rejected/, 'no facts yet: nothing rejected');
  assert.match(head('routers/edge1/intended.cfg'), /static 192\.168\.1\.2 203\.0\.113\.2 vrf mytenant/);
  assert.match(head('routers/edge1/intended.cfg'), /^vrf definition CUST-OLD$/m);

  // Another machine deploys: its backup carries the router's facts, pushed with the records.
  const records = new RecordsStore(new Git(deployer), 'translator/records', { name: 'translator', email: 'translator@localhost' });
  await records.saveBackup('edge1', 'interface GigabitEthernet1\n ip address 203.0.113.2 255.255.255.0\n', '20260101T000000Z-edge1-aaaaaa', FACTS);
  await records.push('origin');

  const after = await commit();
  assert.equal(after.code, 0, after.stderr);
  const gwReason = 'global IP 203.0.113.2 is the address of GigabitEthernet1 on edge1';
  const vrfReason = 'edge1 has a legacy "ip vrf CUST-OLD" of the same name, not made by translator';
  assert.match(after.stderr, new RegExp(`rejected container "gw" \\(router edge1\\): ${gwReason}`));
  assert.match(after.stderr, new RegExp(`rejected network "CUST-OLD" \\(router edge1\\): ${vrfReason.replace(/[".]/g, '\\$&')}`));
  const rejections = (JSON.parse(head('routers/edge1/state.json')) as { rejections: { object: string; code: string; reason: string }[] }).rejections;
  assert.deepEqual(rejections.map((r) => [r.object, r.code]), [['gw', 'globalRouterAddress'], ['CUST-OLD', 'legacyVrf']]);
  const message = git(ci, 'log', '-1', '--format=%B');
  assert.ok(message.includes(`reject container gw: ${gwReason}`), message);
  assert.ok(message.includes(`reject network CUST-OLD: ${vrfReason}`), message);
  assert.doesNotMatch(head('routers/edge1/intended.cfg'), /203\.0\.113\.2|CUST-OLD/);
  assert.match(head('routers/edge1/intended.cfg'), /static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant/, 'the rest still renders');
});
