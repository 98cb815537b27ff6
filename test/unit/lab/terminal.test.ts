/**
 * The vty's line editing (behaviours lineEdit*) and the config-lock faults (configLocked,
 * configKillSession), through the real Terminal with an in-memory line: bytes in, what the
 * router ran and printed out. A control byte in a line changes what IOS runs — which is why the
 * driver refuses such lines (issue 10 item 1).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDevice } from '../../../src/lab/engine/device.js';
import type { ConfigLock } from '../../../src/lab/engine/context.js';
import { LineEditor } from '../../../src/lab/line-editor.js';
import { Terminal } from '../../../src/lab/terminal.js';

/** A terminal on a fresh device at `edge1#`: type bytes, wait for text, read the hostname it configured. */
function vty(lock?: ConfigLock) {
  const device = createDevice();
  if (lock) device.state.configLock = lock;
  const session = device.newSession({ privilege: 15 });
  let screen = '';
  const terminal = new Terminal(device, session, { write: (t) => (screen += t), end: () => undefined, drop: () => undefined }, () => ({}));
  void terminal.run();
  return {
    device,
    session,
    screen: () => screen.replace(/\r\n/g, '\n'),
    async type(bytes: string, until: RegExp): Promise<string> {
      const start = screen.length;
      terminal.feed(bytes);
      for (let i = 0; i < 200 && !until.test(screen.slice(start).replace(/\r\n/g, '\n')); i++) await new Promise((r) => setTimeout(r, 5));
      const out = screen.slice(start).replace(/\r\n/g, '\n');
      assert.match(out, until);
      return out;
    },
    close: () => terminal.close(),
  };
}

const hostnameAfter = async (keys: string): Promise<string> => {
  const t = vty();
  await t.type('configure terminal\r', /\(config\)#$/);
  await t.type(`${keys}\r`, /#$/);
  t.close();
  return t.device.state.model.hostname;
};

test('lineEditBackspace: Backspace and DEL erase left of the cursor; the edited text is what runs', async () => {
  assert.equal(await hostnameAfter('hostname abX\bc'), 'abc');
  assert.equal(await hostnameAfter('hostname abXY\x7f\x7fc'), 'abc');
  const e = new LineEditor({ echo: true, column: 6, width: 80, prompt: 'edge1#' });
  e.insert('abc');
  assert.equal(e.key('backspace'), '\b \b', 'the echo erases the character on screen');
});

test('lineEditKill: Ctrl-U / Ctrl-X drop the text before the cursor, Ctrl-W a word, Ctrl-K the rest, Ctrl-D one character', async () => {
  assert.equal(await hostnameAfter('hostname evil\x15hostname good'), 'good');
  assert.equal(await hostnameAfter('hostname evil\x18hostname good'), 'good');
  assert.equal(await hostnameAfter('hostname bad\x17better'), 'better');
  assert.equal(await hostnameAfter('hostname goodXYZ\x02\x02\x02\x0b'), 'good');
  assert.equal(await hostnameAfter('hostname gXood\x01\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x04'), 'good');
});

test('lineEditCursor: Ctrl-A/E/B/F, arrows and Esc-B/F move the cursor; typing inserts there; Ctrl-T swaps', async () => {
  assert.equal(await hostnameAfter('ostname r1\x01h'), 'r1', 'Ctrl-A then typing inserts at the start');
  assert.equal(await hostnameAfter('hostname r\x1b[D0\x1b[C\x05X'), '0rX', 'left arrow, insert, right arrow, Ctrl-E');
  assert.equal(await hostnameAfter('hostname b\x02a\x05c'), 'abc', 'Ctrl-B, insert, Ctrl-E');
  assert.equal(await hostnameAfter('hostname xy\x1bbA'), 'Axy', 'Esc-B goes back a word');
  assert.equal(await hostnameAfter('hostname ab\x01\x1bf\x1bfZ'), 'abZ', 'Esc-F goes forward a word');
  assert.equal(await hostnameAfter('hostname ab\x14'), 'ba', 'Ctrl-T swaps the last two characters');
  const e = new LineEditor({ echo: true, column: 6, width: 80, prompt: 'edge1#' });
  e.insert('ac');
  e.key('left');
  assert.equal(e.insert('b'), 'bc\b', 'an insert mid-line redraws the tail and steps back');
  assert.equal(e.text, 'abc');
});

test('lineEditHistory: Ctrl-P / Up recall earlier commands, Ctrl-N / Down go back; Ctrl-R redisplays', async () => {
  const t = vty();
  await t.type('configure terminal\r', /\(config\)#$/);
  await t.type('hostname first\r', /first\(config\)#$/);
  await t.type('hostname second\r', /second\(config\)#$/);
  await t.type('\x10\x10\r', /first\(config\)#$/);
  assert.equal(t.device.state.model.hostname, 'first', 'two steps back: `hostname first` again');
  await t.type('\x1b[A\x1b[A\r', /second\(config\)#$/);
  assert.equal(t.device.state.model.hostname, 'second', 'Up twice: `hostname second`');
  await t.type('\x10\x10\x0e\r', /second\(config\)#$/);
  assert.equal(t.device.state.model.hostname, 'second', 'Ctrl-P twice, Ctrl-N once: `hostname second` again');
  assert.match(await t.type('hostname x\x12', /hostname x$/), /\nsecond\(config\)#hostname x$/, 'Ctrl-R shows the prompt and line again');
  t.close();
  const e = new LineEditor({ echo: true, column: 0, width: 80, prompt: '' }, Array.from({ length: 12 }, (_, i) => `line ${i}`));
  for (let i = 0; i < 20; i++) e.key('previous');
  assert.equal(e.text, 'line 0', 'recall stops at the oldest kept line');
});

test('lineEditLiteral: Ctrl-V and Esc-Q make the next key literal (a `?` in a description)', async () => {
  const t = vty();
  await t.type('configure terminal\r', /\(config\)#$/);
  await t.type('interface gi2.10\r', /\(config-subif\)#$/);
  await t.type('description why\x16? not\r', /\(config-subif\)#$/);
  await t.type('end\r', /edge1#$/);
  t.close();
  assert.equal(t.device.state.model.interfaces.find((i) => i.name === 'GigabitEthernet2.10')?.description, 'why? not');
  assert.doesNotMatch(t.screen(), /% Unrecognized|Invalid/);
});

test('lineEditOtherControls: NUL, bell, Ctrl-O/Q/S and friends never reach the command', async () => {
  assert.equal(await hostnameAfter('hostname a\x00\x07\x0f\x11\x13\x1c\x1db'), 'ab');
});

test('configLocked: configure terminal is refused while another session holds the lock; a retry after it is released works', async () => {
  const t = vty({ process: 484, user: 'NETCONF', terminal: 64, remaining: 1 });
  const refused = await t.type('configure terminal\r', /edge1#$/);
  assert.match(refused, /^(edge1#)?configure terminal\nConfiguration mode is locked by process '484' user 'NETCONF' from terminal '64'\. Please try later\.\nedge1#$/);
  assert.equal(t.session.frames.length, 0, 'still in EXEC');
  assert.match(await t.type('configure terminal\r', /\(config\)#$/), /Enter configuration commands/, 'the lock was released: the retry enters');
  t.close();
  const held = createDevice();
  held.state.configLock = { process: 1, user: 'netops', terminal: 2 };
  const s = held.newSession({ privilege: 15 });
  for (let i = 0; i < 3; i++) assert.equal(held.execute('configure terminal', s).rejected, true);
  assert.equal(held.execute('configure terminal revert timer 5', s).output.includes('locked'), false, 'without the archive the timer is refused first');
});

test('configKillSession: asked whether to kill the holder; no stays in EXEC, yes takes the lock', async () => {
  const t = vty({ process: 7, user: 'alice', terminal: 3, offerKill: true });
  const asked = await t.type('configure terminal\r', /\[no\]: $/);
  assert.match(asked, /Configuration mode is locked by process '7' user 'alice' from terminal '3'\. Do you want to kill that session and continue\? \[no\]: $/);
  await t.type('no\r', /edge1#$/);
  assert.equal(t.session.frames.length, 0);
  await t.type('configure terminal\r', /\[no\]: $/);
  await t.type('yes\r', /\(config\)#$/);
  assert.equal(t.device.state.configLock, undefined);
  t.close();
});
