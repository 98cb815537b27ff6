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
import { after, test } from 'node:test';
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
  if (ansibleMissing) {
    if (process.env.CI) assert.fail(`ansible missing in CI: ${ansibleMissing}`);
    return t.skip(`ansible not installed (${ansibleMissing})`);
  }
  const statePath = join(dir, 'ansible-state.cfg');
  const lab = await labForTest({ username: CREDS.LAB_USER, password: CREDS.LAB_PASS, enableSecret: CREDS.LAB_ENABLE_PASS, statePath });
  try {
    const inventory = join(dir, 'inventory.ini');
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
    const result = await run('ansible-playbook', ['-i', inventory, join(PEERS, 'ansible_peer.yml')], {
      env: { ANSIBLE_HOST_KEY_CHECKING: 'False', ANSIBLE_PERSISTENT_COMMAND_TIMEOUT: '60', ANSIBLE_LOCAL_TEMP: join(dir, 'tmp'), ANSIBLE_NOCOLOR: '1' },
    });
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
