/** `translator lab` as a user runs it: prints where it listens and its host key, serves SSH, stops on SIGTERM. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fingerprintOf } from '../../src/lab/hostkey.js';
import { openShell } from '../helpers/lab.js';

const ENTRY = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lab-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('translator lab: listens, prints the fingerprint, uses env credentials and --config, stops on SIGTERM', async () => {
  const configPath = join(dir, 'router.cfg');
  const hostKeyPath = join(dir, 'host_key');
  writeFileSync(configPath, 'hostname core-rtr\n!\nbanner motd ^CLab router^C\n!\ninterface GigabitEthernet1\n ip address 203.0.113.2 255.255.255.0\n!\nend\n');
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'lab', '--listen', '127.0.0.1:0', '--config', configPath, '--host-key', hostKeyPath], {
    env: { PATH: process.env.PATH, HOME: dir, LAB_USER: 'ops', LAB_PASS: 'pw-1', LAB_ENABLE_PASS: 'en-1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 30_000;
    while (!/host key SHA256:\S+\n/.test(stdout)) {
      assert.ok(Date.now() < deadline, `no start-up lines: ${stdout}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(stdout)?.[1]);
    const fingerprint = /host key (SHA256:\S+)/.exec(stdout)?.[1];
    assert.equal(fingerprint, fingerprintOf(readFileSync(hostKeyPath, 'utf8')), 'the persisted key is the one announced');
    const shell = await openShell({ host: '127.0.0.1', port }, { username: 'ops', password: 'pw-1' });
    assert.match(shell.transcript(), /Lab router\n\s*core-rtr>$/);
    await shell.send('enable', /Password: $/);
    assert.match(await shell.send('en-1'), /core-rtr#$/);
    await shell.send('exit', /$/).catch(() => undefined);
    await shell.closed;
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0);
  assert.match(stdout, /lab router stopped/);
});

test('translator lab: --example and --config exclude each other (usage error, nothing started)', async () => {
  const { runCli } = await import('../helpers/cli.js');
  const result = await runCli(['lab', '--example', '--config', join(dir, 'router.cfg'), '--listen', '127.0.0.1:0']);
  assert.equal(result.code, 64);
  assert.match(result.stderr, /--config and --example exclude each other/);
});
