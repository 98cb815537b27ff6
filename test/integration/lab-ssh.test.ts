/** The lab router over real SSH: login, paging, questions, sessions, faults, persistence. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { after, test } from 'node:test';
import ssh2 from 'ssh2';
import { labForTest, openShell, privilegedShell } from '../helpers/lab.js';

const dir = mkdtempSync(join(tmpdir(), 'lab-ssh-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('login with password and keyboard-interactive; a wrong password is refused', async () => {
  const lab = await labForTest();
  try {
    const a = await openShell(lab);
    assert.match(a.transcript(), /edge1>$/);
    a.end();
    const b = await openShell(lab, { keyboardInteractive: true });
    assert.match(b.transcript(), /edge1>$/);
    b.end();
    await assert.rejects(openShell(lab, { password: 'wrong' }), /authentication/i);
  } finally {
    await lab.close();
  }
});

test('enablePassword over SSH: Password: is not echoed, wrong secret denied, Ctrl-Z leaves config mode', async () => {
  const lab = await labForTest({ enableSecret: 's3cret' });
  try {
    const shell = await openShell(lab);
    assert.match(await shell.send('enable', /Password: $/), /enable\nPassword: $/);
    assert.equal(await shell.send('nope', /Password: $/), '\n% Access denied\nPassword: ');
    const done = await shell.send('s3cret');
    assert.doesNotMatch(done, /s3cret/);
    assert.match(done, /edge1#$/);
    assert.match(await shell.send('conf t'), /edge1\(config\)#$/);
    assert.match(await shell.write('\x1a', /edge1#$/), /\^Z\nedge1#$/);
    shell.end();
  } finally {
    await lab.close();
  }
});

test('paging: output stops at --More--; space pages, enter one line, q stops; terminal length 0 turns it off', async () => {
  const lab = await labForTest();
  try {
    const shell = await openShell(lab);
    await shell.send('enable', /Password: $/);
    await shell.send('enable');
    const first = await shell.send('show running-config', / --More-- $/);
    assert.equal(first.split('\n').length - 1, 24, '23 lines of output after the echo line');
    const second = await shell.write(' ', / --More-- $/);
    assert.match(second, /^\x08+ +\x08+/, 'the prompt is erased');
    const line = await shell.write('\r', / --More-- $/);
    assert.equal(line.replace(/^[\x08 ]+/, '').split('\n').length, 2, 'enter shows one more line');
    const stopped = await shell.write('q', /edge1#$/);
    assert.doesNotMatch(stopped, /^end$/m);
    await shell.send('terminal length 0');
    const all = await shell.send('show running-config');
    assert.doesNotMatch(all, /--More--/);
    assert.match(all, /\nend\nedge1#$/);
    shell.end();
  } finally {
    await lab.close();
  }
});

test('longLineEcho: at width 80 a long line echoes cut with $; terminal width 0 echoes it whole', async () => {
  const lab = await labForTest({ loginPrivilege: 15 });
  try {
    const shell = await openShell(lab);
    await shell.send('conf t');
    const line = 'ip nat inside source list TRANSLATOR-a-rather-long-tenant-name interface GigabitEthernet1 overload';
    const cut = await shell.send(line);
    const echo = cut.split('\n')[0]!;
    assert.equal(`edge1(config)#${echo}`.length, 79);
    assert.ok(echo.endsWith('$'));
    assert.ok(line.startsWith(echo.slice(0, -1)));
    assert.match(lab.runningConfig(), /list TRANSLATOR-a-rather-long-tenant-name interface GigabitEthernet1 overload/, 'the whole line was applied');
    await shell.send('do terminal width 0');
    assert.equal((await shell.send(line)).split('\n')[0], line);
    shell.end();
  } finally {
    await lab.close();
  }
});

test('contextHelp / tabCompletion over SSH: ? answers at once and the typed line comes back; Tab completes', async () => {
  const lab = await labForTest({ loginPrivilege: 15 });
  try {
    const shell = await openShell(lab);
    const out = await shell.write('configure ?', /edge1#configure $/);
    assert.equal(out, 'configure ?\n  confirm\n  replace\n  revert\n  terminal\n\nedge1#configure ');
    assert.equal(await shell.write('t\t', /terminal $/), 'terminal ');
    assert.match(await shell.send(''), /Enter configuration commands/);
    shell.end();
  } finally {
    await lab.close();
  }
});

test('noNagle: the lab turns Nagle off on the vty connection, as IOS without `service nagle`', async () => {
  // The lab runs in this process: its side of the connection is the socket whose local port is the lab's.
  const calls: boolean[] = [];
  const original = Socket.prototype.setNoDelay;
  const lab = await labForTest();
  Socket.prototype.setNoDelay = function (this: Socket, noDelay?: boolean) {
    if (this.localPort === lab.port) calls.push(noDelay !== false);
    return original.call(this, noDelay);
  };
  try {
    const shell = await openShell(lab);
    assert.match(shell.transcript(), /edge1>$/);
    shell.end();
    assert.deepEqual(calls, [true], 'set once, to no delay, on the accepted connection');
  } finally {
    Socket.prototype.setNoDelay = original;
    await lab.close();
  }
});

test('pipelined lines are processed in order, each echoed after its prompt', async () => {
  const lab = await labForTest();
  try {
    const shell = await privilegedShell(lab);
    const lines = ['conf t', ...Array.from({ length: 50 }, (_, i) => `ip nat inside source static 192.168.1.${i + 1} 10.0.1.${i + 1}`), 'end'];
    const out = await shell.write(lines.join('\r') + '\r', /\nedge1#$/);
    assert.equal((out.match(/edge1\(config\)#ip nat inside source static/g) ?? []).length, 50);
    assert.equal((lab.runningConfig().match(/^ip nat inside source static/gm) ?? []).length, 50);
    shell.end();
  } finally {
    await lab.close();
  }
});

test('several sessions at once share one running-config', async () => {
  const lab = await labForTest();
  try {
    const [a, b] = await Promise.all([privilegedShell(lab), privilegedShell(lab)]);
    await a.send('conf t');
    await b.send('conf t');
    await a.send('vrf definition from-a');
    await b.send('vrf definition from-b');
    await a.send('end');
    await b.send('end');
    const seen = await a.send('show running-config | include ^vrf');
    assert.match(seen, /vrf definition from-a\nvrf definition from-b\n/);
    a.end();
    b.end();
  } finally {
    await lab.close();
  }
});

test('NAT in-use question over SSH: asked, answered, applied', async () => {
  const lab = await labForTest({ loginPrivilege: 15 });
  try {
    const shell = await openShell(lab);
    await shell.send('conf t');
    await shell.send('ip nat inside source static 192.168.1.1 10.0.1.1');
    lab.markInUse('static', '10.0.1.1');
    const q = await shell.send('no ip nat inside source static 192.168.1.1 10.0.1.1', /\[no\]: $/);
    assert.match(q, /Static entry in use, do you want to delete child entries\? \[no\]: $/);
    assert.match(await shell.send('yes'), /edge1\(config\)#$/);
    assert.doesNotMatch(lab.runningConfig(), /10\.0\.1\.1/);
    shell.end();
  } finally {
    await lab.close();
  }
});

test('faults: reject, ignore, per-line and round-trip latency, slow login', async () => {
  const lab = await labForTest({
    loginPrivilege: 15,
    faults: { reject: [{ pattern: '10\\.0\\.1\\.66', message: '% Command rejected: lab fault' }], ignore: ['10\\.0\\.1\\.77'], loginDelayMs: 50 },
  });
  try {
    const shell = await openShell(lab);
    await shell.send('conf t');
    assert.match(await shell.send('ip nat inside source static 192.168.1.66 10.0.1.66'), /\n% Command rejected: lab fault\nedge1\(config\)#$/);
    assert.match(await shell.send('ip nat inside source static 192.168.1.77 10.0.1.77'), /^ip nat inside source static 192\.168\.1\.77 10\.0\.1\.77\nedge1\(config\)#$/);
    lab.setFaults({ rttMs: 20, perLineMs: 2 });
    assert.match(await shell.send('ip nat inside source static 192.168.1.88 10.0.1.88'), /edge1\(config\)#$/);
    const config = lab.runningConfig();
    assert.doesNotMatch(config, /10\.0\.1\.66|10\.0\.1\.77/);
    assert.match(config, /10\.0\.1\.88/);
    shell.end();
  } finally {
    await lab.close();
  }
});

test('faults: drop the session after N config lines; exactly N were applied', async () => {
  const lab = await labForTest({ loginPrivilege: 15, faults: { dropAfterConfigLines: 3 } });
  try {
    const shell = await openShell(lab);
    const lines = ['conf t', ...[1, 2, 3, 4, 5].map((i) => `ip nat inside source static 192.168.1.${i} 10.0.1.${i}`)];
    shell.write(lines.join('\r') + '\r', /$^/).catch(() => undefined);
    await shell.closed;
    assert.equal((lab.runningConfig().match(/^ip nat inside source static/gm) ?? []).length, 3);
  } finally {
    await lab.close();
  }
});

test('write memory persists to the state file, which a restart loads; the host key persists too', async () => {
  const statePath = join(dir, 'state.cfg');
  const hostKeyPath = join(dir, 'host_key');
  const first = await labForTest({ statePath, hostKeyPath, loginPrivilege: 15 });
  let fingerprint = first.hostKeyFingerprint;
  try {
    const shell = await openShell(first);
    await shell.send('conf t');
    await shell.send('vrf definition saved');
    await shell.send('end');
    assert.match(await shell.send('write memory'), /Building configuration\.\.\.\n\[OK\]\n/);
    await shell.send('conf t');
    await shell.send('vrf definition not-saved');
    shell.end();
  } finally {
    await first.close();
  }
  const second = await labForTest({ statePath, hostKeyPath });
  try {
    assert.match(second.runningConfig(), /vrf definition saved/);
    assert.doesNotMatch(second.runningConfig(), /not-saved/);
    assert.equal(second.hostKeyFingerprint, fingerprint);
    // The fingerprint is the one an SSH client computes from the key it is shown.
    fingerprint = await new Promise<string>((resolve, reject) => {
      const client = new ssh2.Client();
      client.on('error', reject);
      client.connect({
        host: second.host,
        port: second.port,
        username: 'admin',
        password: 'admin',
        hostVerifier: (key: Buffer) => {
          resolve(`SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`);
          client.end();
          return false;
        },
      });
    });
    assert.equal(fingerprint, second.hostKeyFingerprint);
  } finally {
    await second.close();
  }
});

test('exec channel: `ssh router "show version"` answers and closes', async () => {
  const lab = await labForTest();
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const client = new ssh2.Client();
      client.on('error', reject);
      client.on('ready', () =>
        client.exec('show version', (err, stream) => {
          if (err) return reject(err);
          let out = '';
          stream.on('data', (d: Buffer) => (out += d.toString()));
          stream.on('close', () => {
            client.end();
            resolve(out);
          });
        }),
      );
      client.connect({ host: lab.host, port: lab.port, username: 'admin', password: 'admin' });
    });
    assert.match(output, /Cisco IOS XE Software, Version 17/);
  } finally {
    await lab.close();
  }
});
