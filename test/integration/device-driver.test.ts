// The device driver against the lab router over real SSH: login paths, host keys,
// pipelined pushes, every question, every injected fault, safe change.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLab, type LabOptions, type LabRouter } from '../../src/lab/index.js';
import { connectDevice, DeviceError, type DeviceTarget, type IosXeCliDevice } from '../../src/device/index.js';
import { Secret } from '../../src/settings/secret.js';

const CONFIG = `Building configuration...

Current configuration : 400 bytes
!
version 17.9
service timestamps debug datetime msec
!
hostname edge1
!
username admin privilege 15 secret 9 $9$abc
!
interface GigabitEthernet1
 ip address 203.0.113.2 255.255.255.0
 ip nat outside
!
interface GigabitEthernet2
 no ip address
!
ip route 0.0.0.0 0.0.0.0 203.0.113.1
!
line vty 0 4
 login local
 transport input ssh
!
end
`;

const ARCHIVE = CONFIG.replace('ip route 0.0.0.0', 'archive\n path flash:archive\n maximum 5\n!\nip route 0.0.0.0');

const tenant = [
  'vrf definition t1',
  ' description translator: t1',
  ' address-family ipv4',
  ' exit-address-family',
  'interface GigabitEthernet2.10',
  ' description translator: t1',
  ' encapsulation dot1Q 10',
  ' vrf forwarding t1',
  ' ip address 192.168.1.254 255.255.255.0',
  ' ip nat inside',
  'ip access-list standard TRANSLATOR-t1',
  ' permit 192.168.1.0 0.0.0.255',
  'ip nat inside source list TRANSLATOR-t1 interface GigabitEthernet1 vrf t1 overload',
  'ip nat inside source static 192.168.1.1 10.0.1.1 vrf t1',
];

const labs: LabRouter[] = [];
const devices: IosXeCliDevice[] = [];
after(async () => {
  await Promise.allSettled(devices.map((d) => d.close()));
  await Promise.allSettled(labs.map((l) => l.close()));
});

async function lab(options: LabOptions = {}): Promise<LabRouter> {
  const started = await startLab({ port: 0, configText: CONFIG, minuteMs: 200, ...options });
  labs.push(started);
  return started;
}

function target(router: LabRouter, overrides: Partial<DeviceTarget> = {}): DeviceTarget {
  return {
    name: 'edge1',
    host: router.host,
    port: router.port,
    username: 'admin',
    password: new Secret('admin'),
    enablePassword: new Secret('enable'),
    hostKey: { fingerprint: router.hostKeyFingerprint },
    timeouts: { loginMs: 5000, commandMs: 5000, lineMs: 5000 },
    ...overrides,
  };
}

async function connect(router: LabRouter, overrides: Partial<DeviceTarget> = {}): Promise<IosXeCliDevice> {
  const device = await connectDevice(target(router, overrides));
  devices.push(device);
  return device;
}

async function deviceError(promise: Promise<unknown>): Promise<DeviceError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DeviceError, `expected a DeviceError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

function assertNoSecrets(error: DeviceError): void {
  const text = `${error.message} ${JSON.stringify(error.result ?? {})}`;
  for (const secret of ['admin-pw', 'enable-pw', 'wrong-pw', 'wrong-enable']) assert.ok(!text.includes(secret), text);
}

describe('login', () => {
  test('from user EXEC with enable, then reads the whole running-config', async () => {
    const router = await lab();
    const device = await connect(router);
    const config = await device.getRunningConfig();
    assert.equal(config, router.runningConfig().replace(/\r/g, '').replace(/\n*$/, '\n'));
    assert.match(config, /^Building configuration\.\.\./);
    assert.match(config, /\nend\n$/);
  });

  test('straight into privileged EXEC needs no enable secret', async () => {
    const router = await lab({ loginPrivilege: 15 });
    const device = await connect(router, { enablePassword: undefined });
    assert.match(await device.getRunningConfig(), /hostname edge1/);
  });

  for (const method of ['password', 'keyboard-interactive'] as const) {
    test(`login by ${method} alone`, async () => {
      const router = await lab();
      const device = await connect(router, { authMethods: [method] });
      assert.match(await device.getRunningConfig(), /hostname edge1/);
    });
  }

  test('wrong password is an auth error that names the user, not the password', async () => {
    const router = await lab({ password: 'admin-pw' });
    const error = await deviceError(connectDevice(target(router, { password: new Secret('wrong-pw') })));
    assert.equal(error.kind, 'auth');
    assert.equal(error.step, 'login');
    assert.match(error.message, /^edge1: login: login refused for user admin \(tried password, then keyboard-interactive\)/);
    assertNoSecrets(error);
  });

  test('wrong enable secret is an auth error with the device words', async () => {
    const router = await lab({ password: 'admin-pw', enableSecret: 'enable-pw' });
    const error = await deviceError(
      connectDevice(target(router, { password: new Secret('admin-pw'), enablePassword: new Secret('wrong-enable') })),
    );
    assert.equal(error.kind, 'auth');
    assert.equal(error.step, 'enable');
    assert.equal(error.deviceMessage, '% Access denied');
    assertNoSecrets(error);
  });

  test('user EXEC without an enable secret configured is refused clearly', async () => {
    const router = await lab();
    const error = await deviceError(connectDevice(target(router, { enablePassword: undefined })));
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /no enable secret is configured/);
  });

  test('slow login beyond the login timeout is a timeout error', async () => {
    const router = await lab({ faults: { loginDelayMs: 1500 } });
    const error = await deviceError(connectDevice(target(router, { timeouts: { loginMs: 500 } })));
    assert.equal(error.kind, 'timeout');
    assert.equal(error.step, 'login');
  });

  test('slow login within the timeout succeeds', async () => {
    const router = await lab({ faults: { loginDelayMs: 300 } });
    const device = await connect(router);
    assert.match(await device.getRunningConfig(), /hostname edge1/);
  });

  test('a long hostname (truncated in config prompts) does not confuse prompt detection', async () => {
    const longName = 'edge-router-with-a-very-long-hostname-01';
    const router = await lab({ configText: CONFIG.replace('hostname edge1', `hostname ${longName}`) });
    const device = await connect(router);
    const result = await device.apply(['ip nat inside source static 192.168.7.7 10.0.7.7']);
    assert.equal(result.lines[0]!.status, 'ok');
    assert.match(await device.getRunningConfig(), new RegExp(`hostname ${longName}`));
  });
});

describe('host keys', () => {
  test('unknown key without acceptNew is refused and nothing is recorded', async () => {
    const router = await lab();
    const knownHostsPath = join(mkdtempSync(join(tmpdir(), 'kh-')), 'known_hosts');
    const error = await deviceError(connectDevice(target(router, { hostKey: { knownHostsPath } })));
    assert.equal(error.kind, 'host-key');
    assert.match(error.message, /unknown host key/);
    assert.ok(error.message.includes(router.hostKeyFingerprint));
    assert.equal(existsSync(knownHostsPath), false);
  });

  test('unknown key with acceptNew is recorded as [host]:port, then known without acceptNew', async () => {
    const router = await lab();
    const knownHostsPath = join(mkdtempSync(join(tmpdir(), 'kh-')), 'known_hosts');
    const first = await connect(router, { hostKey: { knownHostsPath, acceptNew: true } });
    assert.match(first.hostKeyNote, /recorded/);
    assert.match(readFileSync(knownHostsPath, 'utf8'), new RegExp(`^\\[${router.host.replace(/\./g, '\\.')}\\]:${router.port} `));
    const second = await connect(router, { hostKey: { knownHostsPath } });
    assert.match(second.hostKeyNote, /known/);
  });

  test('a changed key is refused loudly, even with acceptNew', async () => {
    const old = await lab();
    const knownHostsPath = join(mkdtempSync(join(tmpdir(), 'kh-')), 'known_hosts');
    await connect(old, { hostKey: { knownHostsPath, acceptNew: true } });
    // A different router answering on a recorded address: same token, another key.
    const impostor = await lab();
    const recorded = readFileSync(knownHostsPath, 'utf8').replace(`]:${old.port} `, `]:${impostor.port} `);
    writeFileSync(knownHostsPath, recorded);
    const error = await deviceError(connectDevice(target(impostor, { hostKey: { knownHostsPath, acceptNew: true } })));
    assert.equal(error.kind, 'host-key');
    assert.match(error.message, /HOST KEY CHANGED/);
    assert.ok(error.message.includes(impostor.hostKeyFingerprint) && error.message.includes(old.hostKeyFingerprint));
  });

  test('a pinned fingerprint that does not match is refused', async () => {
    const router = await lab();
    const other = await lab();
    const error = await deviceError(connectDevice(target(router, { hostKey: { fingerprint: other.hostKeyFingerprint } })));
    assert.equal(error.kind, 'host-key');
    assert.match(error.message, /HOST KEY MISMATCH/);
  });

  test('a persistent lab host key keeps its fingerprint across restarts', async () => {
    const hostKeyPath = join(mkdtempSync(join(tmpdir(), 'hk-')), 'host_key');
    const first = await lab({ hostKeyPath });
    const fingerprint = first.hostKeyFingerprint;
    await first.close();
    const second = await lab({ hostKeyPath });
    assert.equal(second.hostKeyFingerprint, fingerprint);
    await connect(second, { hostKey: { fingerprint } });
  });
});

describe('apply', () => {
  test('a tenant pushed pipelined lands in the running-config, with the informational notice classified', async () => {
    const router = await lab();
    const device = await connect(router);
    // An address before `vrf forwarding`: IOS removes it and says so (informational).
    const result = await device.apply([...tenant.slice(0, 7), ' ip address 192.168.1.253 255.255.255.0', ...tenant.slice(7)]);
    assert.equal(result.lines.length, tenant.length + 1);
    const info = result.lines.find((l) => l.status === 'info');
    assert.match(info?.messages[0] ?? '', /IPv4 disabled and address\(es\) removed due to enabling VRF t1/);
    assert.ok(result.lines.every((l) => l.status === 'ok' || l.status === 'info'), JSON.stringify(result.lines));
    const running = router.runningConfig();
    assert.match(running, /ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf t1/);
    assert.match(running, /interface GigabitEthernet2\.10\n description translator: t1\n encapsulation dot1Q 10\n vrf forwarding t1\n ip address 192\.168\.1\.254/);
    assert.equal(await device.getRunningConfig(), running.replace(/\r/g, '').replace(/\n*$/, '\n'));
  });

  test('a line the device rejects stops the push with its message and per-line results', async () => {
    const router = await lab();
    const device = await connect(router);
    const lines = Array.from({ length: 30 }, (_, i) => `ip nat inside source static 192.168.2.${i + 1} 10.0.2.${i + 1}`);
    lines[10] = 'ip nat insde source static 192.168.2.11 10.0.2.11';
    const error = await deviceError(device.apply(lines));
    assert.equal(error.kind, 'rejected');
    assert.equal(error.step, 'apply line 11/30');
    assert.equal(error.deviceMessage, "% Invalid input detected at '^' marker.");
    assert.match(error.message, /no revert timer/);
    const statuses = error.result!.lines.map((l) => l.status);
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill('ok'));
    assert.equal(statuses[10], 'error');
    assert.ok(statuses.slice(11).every((s) => s === 'ok' || s === 'not-sent'));
    // The session is still usable: back in EXEC after the failure.
    assert.match(await device.getRunningConfig(), /192\.168\.2\.10 10\.0\.2\.10/);
  });

  test('an injected reject pattern is reported with its message', async () => {
    const router = await lab({ faults: { reject: [{ pattern: '10\\.0\\.3\\.5', message: '% Command rejected: lab says no' }] } });
    const device = await connect(router);
    const lines = Array.from({ length: 8 }, (_, i) => `ip nat inside source static 192.168.3.${i + 1} 10.0.3.${i + 1}`);
    const error = await deviceError(device.apply(lines));
    assert.equal(error.kind, 'rejected');
    assert.equal(error.deviceMessage, '% Command rejected: lab says no');
    assert.equal(error.result!.lines[4]!.status, 'error');
  });

  test('added round-trip and per-line latency: the push still completes and attributes every line', async () => {
    const router = await lab({ faults: { rttMs: 20, perLineMs: 1 } });
    const device = await connect(router);
    const lines = Array.from({ length: 150 }, (_, i) => `ip nat inside source static 192.168.4.${i + 1} 10.0.4.${i + 1}`);
    const result = await device.apply(lines);
    assert.equal(result.lines.filter((l) => l.status === 'ok').length, 150);
    assert.equal((router.runningConfig().match(/ip nat inside source static 192\.168\.4\./g) ?? []).length, 150);
  });

  test('a line slower than the line timeout is a timeout error with the state', async () => {
    const router = await lab({ faults: { perLineMs: 800 } });
    const device = await connect(router, { timeouts: { loginMs: 20000, commandMs: 20000, lineMs: 300 } });
    const error = await deviceError(device.apply(['ip nat inside source static 192.168.5.1 10.0.5.1']));
    assert.equal(error.kind, 'timeout');
    assert.match(error.step, /^apply line 1\/1/);
    assert.match(error.message, /0 of 1 lines answered/);
    assert.match(error.message, /session closed by the driver after the timeout/);
    assert.equal((await deviceError(device.getRunningConfig())).kind, 'session-lost');
  });

  test('a dropped session says how far the push got and what the router will do', async () => {
    const router = await lab({ configText: ARCHIVE, faults: { dropAfterConfigLines: 37 } });
    const device = await connect(router);
    const lines = Array.from({ length: 120 }, (_, i) => `ip nat inside source static 192.168.6.${i + 1} 10.0.6.${i + 1}`);
    const error = await deviceError(device.apply(lines, { revertTimerMinutes: 5 }));
    assert.equal(error.kind, 'session-lost');
    assert.match(error.message, /37 of 120 lines answered by the device/);
    assert.match(error.message, /revert timer of 5 min pending/);
    const again = await deviceError(device.getRunningConfig());
    assert.equal(again.kind, 'session-lost');
  });

  test('an `exit` that leaves config mode after a rejected sub-mode line: the rejection is the cause, the session stays usable', async () => {
    const router = await lab({ faults: { reject: [{ pattern: '^interface GigabitEthernet2\\.77', message: '% lab: no such sub-interface' }] } });
    const device = await connect(router);
    const error = await deviceError(
      device.apply(['interface GigabitEthernet2.77', ' description translator: x', 'exit', 'ip nat inside source static 192.168.8.9 10.0.8.9']),
    );
    assert.equal(error.kind, 'rejected');
    assert.equal(error.deviceMessage, '% lab: no such sub-interface');
    assert.equal(error.result!.lines[0]!.status, 'error');
    assert.doesNotMatch(router.runningConfig(), /192\.168\.8\.9/, 'the line after the exit ran in EXEC mode, not config');
    assert.match(await device.getRunningConfig(), /hostname edge1/);
  });

  test('lines that leave config mode are refused before anything is sent', async () => {
    const router = await lab();
    const device = await connect(router);
    const error = await deviceError(device.apply(['ip nat inside source static 192.168.8.1 10.0.8.1', 'end']));
    assert.equal(error.kind, 'usage');
    const badTimer = await deviceError(device.apply(['ip nat inside source static 192.168.8.1 10.0.8.1'], { revertTimerMinutes: 0 }));
    assert.equal(badTimer.kind, 'usage');
    assert.doesNotMatch(router.runningConfig(), /192\.168\.8\.1/);
  });

  test('a line with a control character or non-ASCII is refused before anything is sent, naming the line', async () => {
    const router = await lab();
    const device = await connect(router);
    for (const bad of ['no vrf definition TRANSLATOR-x\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08handmade', 'description \x9b2J', 'description caf\u00e9']) {
      const error = await deviceError(device.apply(['ip nat inside source static 192.168.8.2 10.0.8.2', bad]));
      assert.equal(error.kind, 'usage');
      assert.match(error.message, /line 2 \(".*\\u00[0-9a-f]{2}.*"\) cannot be sent: .*nothing was sent/);
      assert.doesNotMatch(error.message, /[\x00-\x09\x0b-\x1f\x7f-\x9f]/, 'the message itself holds no control character');
    }
    assert.doesNotMatch(router.runningConfig(), /192\.168\.8\.2/);
  });

  test('a hostname change in the push is followed (config and EXEC prompts)', async () => {
    const router = await lab();
    const device = await connect(router);
    await device.apply(['hostname edge1-renamed-with-a-long-name', 'ip nat inside source static 192.168.9.1 10.0.9.1']);
    assert.match(await device.getRunningConfig(), /hostname edge1-renamed-with-a-long-name/);
  });
});

describe('questions', () => {
  const staticRemoval = 'no ip nat inside source static 192.168.1.1 10.0.1.1 vrf t1';
  const dynamicRemoval = 'no ip nat inside source list TRANSLATOR-t1 interface GigabitEthernet1 vrf t1 overload';

  async function tenantRouter(): Promise<{ router: LabRouter; device: IosXeCliDevice }> {
    const router = await lab();
    const device = await connect(router);
    await device.apply(tenant);
    return { router, device };
  }

  test('static entry in use: accepted by policy, the mapping is removed', async () => {
    const { router, device } = await tenantRouter();
    router.markInUse('static', '10.0.1.1');
    const asked: string[] = [];
    const result = await device.apply([{ line: staticRemoval, question: 'nat-static-in-use' }, 'ip nat inside source static 192.168.1.2 10.0.1.2 vrf t1'], {
      answer: (q) => (asked.push(q.text), 'accept'),
    });
    assert.deepEqual(asked, ['Static entry in use, do you want to delete child entries? [no]:']);
    assert.equal(result.lines[0]!.status, 'answered');
    assert.equal(result.lines[1]!.status, 'ok');
    assert.doesNotMatch(router.runningConfig(), /static 192\.168\.1\.1 10\.0\.1\.1/);
  });

  test('static entry in use: declined (the default), the line fails with the device message and the mapping stays', async () => {
    const { router, device } = await tenantRouter();
    router.markInUse('static', '192.168.1.1');
    const error = await deviceError(device.apply([staticRemoval]));
    assert.equal(error.kind, 'question');
    assert.equal(error.deviceMessage, '%: Error: static entry in use, cannot remove');
    assert.match(router.runningConfig(), /static 192\.168\.1\.1 10\.0\.1\.1 vrf t1/);
  });

  test('dynamic mapping in use: accepted and declined', async () => {
    const { router, device } = await tenantRouter();
    router.markInUse('dynamic', 'TRANSLATOR-t1');
    const declined = await deviceError(device.apply([dynamicRemoval]));
    assert.equal(declined.deviceMessage, '%Dynamic mapping in use, cannot remove');
    assert.match(router.runningConfig(), /source list TRANSLATOR-t1/);
    const result = await device.apply([dynamicRemoval], { answer: () => 'accept' });
    assert.equal(result.lines[0]!.status, 'answered');
    assert.doesNotMatch(router.runningConfig(), /source list TRANSLATOR-t1/);
  });

  test('a question from a caller-marked line inside a pipelined batch is answered before later lines', async () => {
    const { router, device } = await tenantRouter();
    router.markInUse('static', '10.0.1.1');
    const before = Array.from({ length: 20 }, (_, i) => `ip nat inside source static 192.168.1.${i + 10} 10.0.1.${i + 10} vrf t1`);
    const result = await device.apply([...before, { line: staticRemoval, question: 'nat-static-in-use' }, ...before.map((l) => `no ${l}`)], {
      answer: () => 'accept',
    });
    assert.equal(result.lines[20]!.status, 'answered');
    assert.equal(result.lines.filter((l) => l.status === 'ok').length, 40);
  });

  test('copy running-config startup-config asks for the file name, answered by policy', async () => {
    const router = await lab({ statePath: join(mkdtempSync(join(tmpdir(), 'st-')), 'state.cfg') });
    const device = await connect(router);
    const result = await device.apply(['do copy running-config startup-config'], { answer: () => 'accept' });
    assert.equal(result.lines[0]!.status, 'answered');
    assert.equal(result.lines[0]!.question?.text, 'Destination filename [startup-config]?');
  });
});

describe('safe change', () => {
  test('without archive: hasArchive is false and a revert timer is refused with the device words', async () => {
    const router = await lab();
    const device = await connect(router);
    assert.equal(await device.hasArchive(), false);
    const error = await deviceError(device.apply(['ip nat inside source static 192.168.1.5 10.0.1.5'], { revertTimerMinutes: 5 }));
    assert.equal(error.kind, 'rejected');
    assert.equal(error.deviceMessage, '%Turn config archive on before using Rollback Confirmed Change');
  });

  test('revert timer, pending rollback, confirm, save', async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), 'st-')), 'state.cfg');
    const router = await lab({ configText: ARCHIVE, statePath, minuteMs: 60_000 });
    const device = await connect(router);
    assert.equal(await device.hasArchive(), true);
    assert.deepEqual(await device.pendingRollback(), { pending: false });
    const result = await device.apply(['ip nat inside source static 192.168.1.5 10.0.1.5'], { revertTimerMinutes: 10 });
    assert.equal(result.revertTimerMinutes, 10);
    assert.deepEqual(await device.pendingRollback(), { pending: true, minutes: 10 });
    await device.confirm();
    assert.deepEqual(await device.pendingRollback(), { pending: false });
    await device.save();
    assert.match(readFileSync(statePath, 'utf8'), /static 192\.168\.1\.5 10\.0\.1\.5/);
  });

  test('revert now rolls the session back', async () => {
    const router = await lab({ configText: ARCHIVE, minuteMs: 60_000 });
    const device = await connect(router);
    await device.apply(['ip nat inside source static 192.168.1.6 10.0.1.6'], { revertTimerMinutes: 10 });
    assert.match(router.runningConfig(), /192\.168\.1\.6/);
    await device.revertNow();
    assert.doesNotMatch(router.runningConfig(), /192\.168\.1\.6/);
    assert.deepEqual(await device.pendingRollback(), { pending: false });
  });

  test('an expired revert timer rolls back by itself and confirm then fails loudly', async () => {
    const router = await lab({ configText: ARCHIVE, minuteMs: 100 });
    const device = await connect(router);
    await device.apply(['ip nat inside source static 192.168.1.7 10.0.1.7'], { revertTimerMinutes: 1 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.doesNotMatch(router.runningConfig(), /192\.168\.1\.7/);
    const error = await deviceError(device.confirm());
    assert.equal(error.kind, 'rejected');
    assert.equal(error.deviceMessage, '%No Rollback Confirmed Change pending');
  });
});
