import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyOutput, echoMatches, execOutput, normaliseOutput, splitSegment } from '../../../src/device/transcript.js';

test('normalise removes CR, ANSI sequences and the pager with its erasure', () => {
  const raw = 'line one\r\n\x1b[7m --More-- \x1b[m\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08          \x08\x08\x08\x08\x08\x08\x08\x08\x08\x08line two\r\n';
  assert.equal(normaliseOutput(raw), 'line one\nline two\n');
});

test('echo matching tolerates spacing and IOS horizontal-scroll `$` markers', () => {
  assert.ok(echoMatches('ip nat inside source static 1.1.1.1 2.2.2.2', 'ip nat inside source static 1.1.1.1 2.2.2.2'));
  assert.ok(echoMatches(' description  x ', 'description x'));
  assert.ok(echoMatches('$ource static 1.1.1.1 2.2.2.2', 'ip nat inside source static 1.1.1.1 2.2.2.2'));
  assert.ok(!echoMatches('interface GigabitEthernet2.10', 'ip nat inside source static 1.1.1.1 2.2.2.2'));
  assert.ok(!echoMatches('$', 'anything'));
});

test('a segment splits into echo and non-empty output lines', () => {
  const segment = splitSegment("ip nat insde source static 1.1.1.1 2.2.2.2\n            ^\n% Invalid input detected at '^' marker.\n");
  assert.equal(segment.echo, 'ip nat insde source static 1.1.1.1 2.2.2.2');
  assert.deepEqual(segment.output, ['            ^', "% Invalid input detected at '^' marker."]);
});

test('classification: error wins over info; info alone is info; nothing is ok', () => {
  assert.deepEqual(classifyOutput([]), { status: 'ok', messages: [] });
  const info = '% Interface GigabitEthernet2.10 IPv4 disabled and address(es) removed due to enabling VRF t1';
  assert.deepEqual(classifyOutput([info]), { status: 'info', messages: [info] });
  assert.deepEqual(classifyOutput([info, '% VRF t2 not configured']), { status: 'error', messages: ['% VRF t2 not configured'] });
});

test('an answered question line is not itself classified, the result after it is', () => {
  const q = 'Static entry in use, do you want to delete child entries? [no]:';
  assert.deepEqual(classifyOutput([`${q} no`, '%: Error: static entry in use, cannot remove'], q), {
    status: 'error',
    messages: ['%: Error: static entry in use, cannot remove'],
  });
  assert.deepEqual(classifyOutput([`${q} yes`], q), { status: 'ok', messages: [] });
});

test('a question inside output that nobody answered is flagged', () => {
  const verdict = classifyOutput(['Dynamic mapping in use, do you want to delete all entries? [no]: interface Gi2']);
  assert.ok(verdict.strayQuestion);
});

test('exec output drops the echo line', () => {
  assert.deepEqual(execOutput('show archive\nArchive feature not enabled\n'), ['Archive feature not enabled', '']);
});
