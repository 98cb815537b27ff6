import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  QUESTION_RULES,
  RESPONSE_RULES,
  classifyLine,
  containsQuestion,
  findQuestion,
  isQuestionCapable,
} from '../../../src/device/responses.js';

test('every response and question rule carries a reason and a source', () => {
  for (const rule of [...RESPONSE_RULES, ...QUESTION_RULES]) {
    assert.ok(rule.reason.length > 10, String(rule.pattern));
    assert.ok(rule.source.length > 3, String(rule.pattern));
  }
});

test('known informational notices of IOSXE.md are info, not errors', () => {
  assert.equal(classifyLine('% Interface GigabitEthernet2.10 IPv4 disabled and address(es) removed due to enabling VRF mytenant'), 'info');
  assert.equal(classifyLine('% IPv4 addresses from all interfaces in VRF mytenant have been removed'), 'info');
  assert.equal(classifyLine('*Nov 29 15:00:01.123: %SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.0.0.1)'), 'info');
});

test('any other % line is an error, and so are the texts Netmiko and Ansible treat as failures', () => {
  for (const line of [
    "% Invalid input detected at '^' marker.",
    '% Incomplete command.',
    '% Ambiguous command:  "ip nat in"',
    '% VRF mytenant not configured',
    '% similar static entry (192.168.1.2 -> 10.0.1.1) already exists',
    '%: Error: static entry in use, cannot remove',
    '%Dynamic mapping in use, cannot remove',
    '%Turn config archive on before using Rollback Confirmed Change',
    'Command authorization failed.',
    'Bad mask /33 for address 10.0.0.1',
    '10.0.0.0 overlaps with GigabitEthernet1',
  ]) {
    assert.equal(classifyLine(line), 'error', line);
  }
});

test('the caret marker and plain output are neither error nor info', () => {
  assert.equal(classifyLine('                    ^'), 'marker');
  assert.equal(classifyLine('Building configuration...'), 'output');
  assert.equal(classifyLine('[OK]'), 'output');
});

test('questions are recognised at the end of output, with their kind', () => {
  const cases: [string, string][] = [
    ['Proceed with reload? [confirm]', 'confirm'],
    ['Are you sure you want to continue? [yes/no]: ', 'yes-no'],
    ['Dynamic mapping in use, do you want to delete all entries? [no]: ', 'no-default'],
    ['Static entry in use, do you want to delete child entries? [no]: ', 'no-default'],
    ['Destination filename [startup-config]? ', 'filename'],
  ];
  for (const [text, kind] of cases) {
    const found = findQuestion(`edge1(config)#no ip nat inside source static 1.1.1.1 2.2.2.2\n${text}`);
    assert.equal(found?.rule.kind, kind, text);
    assert.equal(found?.text, text.trim());
  }
  assert.equal(findQuestion('edge1(config)#'), undefined);
  assert.equal(findQuestion('Static entry in use, do you want to delete child entries? [no]: yes\n'), undefined);
});

test('accept and decline map to the keystrokes each question kind reads', () => {
  const confirm = QUESTION_RULES.find((r) => r.kind === 'confirm')!;
  assert.deepEqual(confirm.keys, { accept: '\n', decline: 'n' });
  const inUse = QUESTION_RULES.find((r) => r.kind === 'no-default')!;
  assert.deepEqual(inUse.keys, { accept: 'yes\n', decline: 'no\n' });
});

test('a question already answered by the next line is found inside finished output', () => {
  assert.equal(
    containsQuestion(['Static entry in use, do you want to delete child entries? [no]: ip nat inside source static 1.1.1.9 10.0.1.9']),
    'Static entry in use, do you want to delete child entries? [no]: ip nat inside source static 1.1.1.9 10.0.1.9',
  );
  assert.equal(containsQuestion(['% Invalid input detected at \'^\' marker.']), undefined);
});

test('NAT removals and file/clear commands are question-capable; ordinary lines are not', () => {
  assert.ok(isQuestionCapable('no ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant'));
  assert.ok(isQuestionCapable('no ip nat inside source list TRANSLATOR-mytenant interface GigabitEthernet1 vrf mytenant overload'));
  assert.ok(isQuestionCapable('do copy running-config startup-config'));
  assert.ok(isQuestionCapable('do clear ip nat translation *'));
  assert.ok(!isQuestionCapable('ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant'));
  assert.ok(!isQuestionCapable('no interface GigabitEthernet2.10'));
  assert.ok(!isQuestionCapable(' description translator: mytenant'));
});
