/**
 * Clients nobody here wrote drive the lab router, unmodified: Debian's python3-netmiko and
 * Ansible's cisco.ios (network_cli over paramiko). If one trips over the lab, the lab is wrong.
 * They live in Debian's Python: /usr/bin/python3 and ansible-playbook. In CI a missing peer fails.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { labForTest } from '../helpers/lab.js';

const PEERS = fileURLToPath(new URL('../fixtures/peers/', import.meta.url));
const PYTHON = '/usr/bin/python3';
const dir = mkdtempSync(join(tmpdir(), 'lab-peers-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function available(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}

const netmikoMissing = available(() => execFileSync(PYTHON, ['-c', 'import netmiko'], { stdio: 'pipe' }));
const ansibleMissing = available(() => execFileSync('ansible-playbook', ['--version'], { stdio: 'pipe' }));

function run(cmd: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { env: { PATH: process.env.PATH, HOME: dir, ...options.env }, timeout: 180_000, maxBuffer: 32 * 2 ** 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

const CREDS = { LAB_USER: 'netops', LAB_PASS: 'lab-pass-1', LAB_ENABLE_PASS: 'lab-enable-1' };

/** An Ansible inventory for one lab router: network_cli over paramiko, enable as become. */
function writeInventory(lab: { host: string; port: number }, name: string): string {
  const inventory = join(dir, name);
  writeFileSync(
    inventory,
    [
      '[lab]',
      `edge1 ansible_host=${lab.host} ansible_port=${lab.port}`,
      '[lab:vars]',
      'ansible_connection=ansible.netcommon.network_cli',
      'ansible_network_os=cisco.ios.ios',
      'ansible_network_cli_ssh_type=paramiko',
      `ansible_user=${CREDS.LAB_USER}`,
      `ansible_password=${CREDS.LAB_PASS}`,
      'ansible_become=yes',
      'ansible_become_method=enable',
      `ansible_become_password=${CREDS.LAB_ENABLE_PASS}`,
      'ansible_python_interpreter=/usr/bin/python3',
    ].join('\n') + '\n',
  );
  return inventory;
}

function playbook(inventory: string, file: string, extraVars: Record<string, string> = {}) {
  const vars = Object.entries(extraVars).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  return run('ansible-playbook', ['-i', inventory, join(PEERS, file), ...vars], {
    env: { ANSIBLE_HOST_KEY_CHECKING: 'False', ANSIBLE_PERSISTENT_COMMAND_TIMEOUT: '60', ANSIBLE_LOCAL_TEMP: join(dir, 'tmp'), ANSIBLE_NOCOLOR: '1' },
  });
}

function needAnsible(t: TestContext): boolean {
  if (!ansibleMissing) return true;
  if (process.env.CI) assert.fail(`ansible missing in CI: ${ansibleMissing}`);
  t.skip(`ansible not installed (${ansibleMissing})`);
  return false;
}

test('netmiko (cisco_xe): send_command and send_config_set work against the lab', async (t) => {
  if (netmikoMissing) {
    if (process.env.CI) assert.fail(`python3-netmiko missing in CI: ${netmikoMissing}`);
    return t.skip(`python3-netmiko not installed (${netmikoMissing})`);
  }
  const statePath = join(dir, 'netmiko-state.cfg');
  const lab = await labForTest({ username: CREDS.LAB_USER, password: CREDS.LAB_PASS, enableSecret: CREDS.LAB_ENABLE_PASS, statePath });
  try {
    const lines = [
      'vrf definition nm-tenant',
      ' description translator: netmiko',
      ' address-family ipv4',
      ' exit-address-family',
      'interface gi2.77',
      ' encapsulation dot1Q 77',
      ' vrf forwarding nm-tenant',
      ' ip address 192.168.77.254 255.255.255.0',
      'ip access-list standard TRANSLATOR-nm-tenant',
      ' permit 192.168.77.0 0.0.0.255',
      'ip nat inside source list TRANSLATOR-nm-tenant interface GigabitEthernet1 vrf nm-tenant overload',
      'ip nat inside source static 192.168.77.1 10.0.77.1 vrf nm-tenant',
    ];
    const result = await run(PYTHON, [join(PEERS, 'netmiko_peer.py'), lab.host, String(lab.port)], { input: JSON.stringify(lines), env: CREDS });
    assert.equal(result.code, 0, result.stderr);
    const out = JSON.parse(result.stdout) as { before: string; pushed: string; after: string; saved: string; prompt: string };
    assert.equal(out.prompt, 'edge1#');
    assert.match(out.before, /^Building configuration/);
    assert.match(out.before, /\nend$/);
    assert.doesNotMatch(out.before, /--More--/);
    assert.doesNotMatch(out.pushed, /% Invalid|% Incomplete|% Ambiguous/);
    assert.match(out.after, /interface GigabitEthernet2\.77\n description|interface GigabitEthernet2\.77\n encapsulation dot1Q 77\n vrf forwarding nm-tenant\n ip address 192\.168\.77\.254 255\.255\.255\.0\n/);
    assert.match(out.saved, /\[OK\]/);
    assert.match(readFileSync(statePath, 'utf8'), /^ip nat inside source static 192\.168\.77\.1 10\.0\.77\.1 vrf nm-tenant$/m, 'save_config wrote the state');
    const config = lab.runningConfig();
    assert.match(config, /^vrf definition nm-tenant\n description translator: netmiko\n !\n address-family ipv4\n exit-address-family$/m);
    assert.match(config, /^ip nat inside source static 192\.168\.77\.1 10\.0\.77\.1 vrf nm-tenant$/m);
    assert.match(config, /^ip access-list standard TRANSLATOR-nm-tenant\n 10 permit 192\.168\.77\.0 0\.0\.0\.255$/m);
  } finally {
    await lab.close();
  }
});

test('ansible cisco.ios (network_cli, paramiko): ios_command and ios_config, idempotent', async (t) => {
  if (!needAnsible(t)) return;
  const statePath = join(dir, 'ansible-state.cfg');
  const lab = await labForTest({ username: CREDS.LAB_USER, password: CREDS.LAB_PASS, enableSecret: CREDS.LAB_ENABLE_PASS, statePath });
  try {
    const inventory = writeInventory(lab, 'inventory.ini');
    const result = await playbook(inventory, 'ansible_peer.yml');
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stdout, /failed=0/);
    const config = lab.runningConfig();
    assert.match(config, /^vrf definition ansible-tenant\n description translator: made by ansible$/m);
    assert.match(config, /^interface GigabitEthernet2\.42\n encapsulation dot1Q 42\n vrf forwarding ansible-tenant\n ip address 192\.168\.42\.254 255\.255\.255\.0\n ip nat inside$/m);
    assert.match(config, /^ip nat inside source static 192\.168\.42\.1 10\.0\.42\.1 vrf ansible-tenant$/m);
    assert.match(readFileSync(statePath, 'utf8'), /^ip nat inside source static 192\.168\.42\.1 10\.0\.42\.1 vrf ansible-tenant$/m, 'saved');
  } finally {
    await lab.close();
  }
});

/** A router with the seed's tenant and a hand-made ACL, as ios_facts finds it. */
const TENANT_ROUTER = `hostname edge1
!
vrf definition mytenant
 description translator: tenant mytenant
 !
 address-family ipv4
 exit-address-family
!
interface GigabitEthernet1
 ip address 203.0.113.2 255.255.255.0
 ip nat outside
!
interface GigabitEthernet2
 no ip address
!
interface GigabitEthernet2.10
 description translator: tenant mytenant
 encapsulation dot1Q 10
 vrf forwarding mytenant
 ip address 192.168.1.254 255.255.255.0
 ip nat inside
!
interface GigabitEthernet3
 no ip address
 shutdown
!
ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant
ip nat inside source list TRANSLATOR-mytenant interface GigabitEthernet1 vrf mytenant overload
ip route 0.0.0.0 0.0.0.0 203.0.113.1
!
ip access-list standard TRANSLATOR-mytenant
 10 permit 192.168.1.0 0.0.0.255
ip access-list extended MGMT-IN
 10 remark management only
 10 permit tcp 10.255.0.0 0.0.0.255 any eq 22
 20 deny   ip any any
!
end
`;

test('ansible ios_facts: gather_subset all and the acls / interfaces / l3_interfaces resources return sane facts', async (t) => {
  if (!needAnsible(t)) return;
  const lab = await labForTest({ username: CREDS.LAB_USER, password: CREDS.LAB_PASS, enableSecret: CREDS.LAB_ENABLE_PASS, configText: TENANT_ROUTER });
  try {
    const out = join(dir, 'facts.json');
    const result = await playbook(writeInventory(lab, 'facts.ini'), 'ansible_facts.yml', { facts_out: out });
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    const facts = JSON.parse(readFileSync(out, 'utf8')) as Record<string, any>;
    assert.deepEqual(Object.keys(facts.ansible_net_interfaces), ['GigabitEthernet1', 'GigabitEthernet2', 'GigabitEthernet2.10', 'GigabitEthernet3'], 'interface names as keys');
    const sub = facts.ansible_net_interfaces['GigabitEthernet2.10'];
    assert.deepEqual(sub.ipv4, [{ address: '192.168.1.254', subnet: '24' }]);
    assert.equal(sub.description, 'translator: tenant mytenant');
    assert.equal(sub.lineprotocol, 'up');
    assert.equal(facts.ansible_net_interfaces.GigabitEthernet3.operstatus, 'administratively down');
    assert.deepEqual(facts.ansible_net_all_ipv4_addresses.sort(), ['192.168.1.254', '203.0.113.2']);
    assert.deepEqual(facts.ansible_net_filesystems, ['bootflash:']);
    assert.ok(facts.ansible_net_filesystems_info['bootflash:'].spacetotal_kb > facts.ansible_net_filesystems_info['bootflash:'].spacefree_kb);
    assert.equal(facts.ansible_net_hostname, 'edge1');
    assert.equal(facts.ansible_net_model, 'C8000V');
    assert.match(facts.ansible_net_version, /^17\./);
    assert.equal(facts.ansible_net_iostype, 'IOS-XE');
    assert.ok(facts.ansible_net_memtotal_mb > facts.ansible_net_memfree_mb && facts.ansible_net_memfree_mb > 0);
    assert.match(facts.ansible_net_config, /^ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant$/m);
    const resources = facts.ansible_network_resources;
    assert.deepEqual(
      resources.interfaces.map((i: { name: string; enabled: boolean }) => [i.name, i.enabled]),
      [['GigabitEthernet1', true], ['GigabitEthernet2', true], ['GigabitEthernet2.10', true], ['GigabitEthernet3', false]],
    );
    const l3 = Object.fromEntries(resources.l3_interfaces.map((i: { name: string; ipv4?: unknown }) => [i.name, i.ipv4]));
    assert.deepEqual(l3['GigabitEthernet2.10'], [{ address: '192.168.1.254/24' }]);
    const acls = resources.acls.flatMap((afi: { acls: { name: string; acl_type: string; aces: unknown[] }[] }) => afi.acls);
    const byName = Object.fromEntries(acls.map((a: { name: string }) => [a.name, a]));
    assert.equal(byName['TRANSLATOR-mytenant'].acl_type, 'standard');
    assert.deepEqual(byName['TRANSLATOR-mytenant'].aces, [{ grant: 'permit', sequence: 10, source: { address: '192.168.1.0', wildcard_bits: '0.0.0.255' } }]);
    assert.equal(byName['MGMT-IN'].acl_type, 'extended');
    assert.equal(byName['MGMT-IN'].aces.length, 2);
  } finally {
    await lab.close();
  }
});

const LEGACY = {
  tenant: 'legacy10',
  rd: '65000:10',
  vlan: '10',
  gateway: '192.168.10.254',
  netmask: '255.255.255.0',
  network: '192.168.10.0',
  wildcard: '0.0.0.255',
  outside: 'GigabitEthernet1',
  inside: 'GigabitEthernet2',
  container_ip: '192.168.10.5',
  floating_ip: '10.0.10.5',
};

test("the 2016 tool's tenant and floating-IP playbooks (legacy ip vrf syntax, network_cli) run against the lab", async (t) => {
  if (!needAnsible(t)) return;
  const statePath = join(dir, 'legacy-state.cfg');
  const lab = await labForTest({ username: CREDS.LAB_USER, password: CREDS.LAB_PASS, enableSecret: CREDS.LAB_ENABLE_PASS, statePath });
  try {
    const inventory = writeInventory(lab, 'legacy.ini');
    const added = await playbook(inventory, 'legacy_tenant.yml', LEGACY);
    assert.equal(added.code, 0, `${added.stdout}\n${added.stderr}`);
    assert.match(added.stdout, /failed=0/);
    const config = lab.runningConfig();
    assert.match(config, /\nip vrf legacy10\n rd 65000:10\n!/);
    assert.match(config, /\ninterface GigabitEthernet2\.10\n encapsulation dot1Q 10\n ip vrf forwarding legacy10\n ip address 192\.168\.10\.254 255\.255\.255\.0\n ip nat inside\n!/);
    assert.match(config, /\ninterface GigabitEthernet1\n ip address 203\.0\.113\.2 255\.255\.255\.0\n ip nat outside\n/);
    assert.match(config, /^ip nat inside source list NAT-legacy10 interface GigabitEthernet1 vrf legacy10 overload$/m);
    assert.match(config, /^ip nat inside source static 192\.168\.10\.5 10\.0\.10\.5 vrf legacy10$/m);
    assert.match(config, /^ip access-list standard NAT-legacy10\n 10 permit 192\.168\.10\.0 0\.0\.0\.255$/m);
    assert.match(readFileSync(statePath, 'utf8'), /^ip vrf legacy10$/m, 'save_when wrote the state');

    const removed = await playbook(inventory, 'legacy_tenant_remove.yml', LEGACY);
    assert.equal(removed.code, 0, `${removed.stdout}\n${removed.stderr}`);
    const after = lab.runningConfig();
    assert.doesNotMatch(after, /legacy10|192\.168\.10\.|10\.0\.10\.5/);
    assert.match(after, /\ninterface GigabitEthernet1\n ip address 203\.0\.113\.2 255\.255\.255\.0\n ip nat outside\n/, 'the outside interface keeps its role');
  } finally {
    await lab.close();
  }
});
