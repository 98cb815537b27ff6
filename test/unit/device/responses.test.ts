import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CONFIG_ENTRY_REFUSALS,
  KILL_SESSION_QUESTION,
  QUESTION_CAPABLE_LINES,
  QUESTION_SHAPES,
  RESPONSE_RULES,
  UNSENDABLE_LINES,
  classifyLine,
  containsQuestion,
  findQuestion,
  isQuestionCapable,
  unsendable,
  type LineClass,
} from '../../../src/device/responses.js';

test('every row names where its text was seen (a repository path or a document) or says inferred', () => {
  const rows = [...RESPONSE_RULES, ...QUESTION_SHAPES, ...QUESTION_CAPABLE_LINES, ...UNSENDABLE_LINES, ...CONFIG_ENTRY_REFUSALS, KILL_SESSION_QUESTION];
  for (const row of rows) {
    assert.ok(row.reason.length > 10, String(row.pattern));
    assert.match(row.source, /\/|\.md|\.java|tech note|inferred|Cisco|ECMA|contract/, `${row.pattern}: ${row.source}`);
  }
});

/** What each device line must be classified as, grouped by why. */
const EXPECTED: readonly { why: string; class: LineClass; lines: string[] }[] = [
  {
    why: 'VRF removal notices, in every capitalisation IOS uses, with the ipv6 twin',
    class: 'info',
    lines: [
      '% ipv4 addresses from all interfaces in VRF vrf-lite have been removed',
      '% ipv6 addresses from all interfaces in VRF vrf-lite have been removed',
      '% IPv4 addresses from all interfaces in VRF test have been removed',
      '% IPv4 and IPv6 addresses from all interfaces in VRF t1 have been removed',
    ],
  },
  {
    why: 'the vrf forwarding notice, enabling and disabling, with both spellings of address(es)',
    class: 'info',
    lines: [
      '% Interface GigabitEthernet4.10 IPv4 disabled and address(es) removed due to disabling VRF AS64499',
      '% Interface GigabitEthernet0/0/0 IPv4 disabled and address(es) removed due to enabling VRF CUST-A',
      '% Interface G0/0 IPv4 disabled and addresses removed due to enabling VRF CUSTOMER1',
    ],
  },
  {
    why: 'NAT notices, warnings, notes and syslog lines printed with an applied line',
    class: 'info',
    lines: [
      '% Warning: use /31 mask on non point-to-point interface cautiously',
      'Note: this is the Ethernet payload size, not the total',
      '% Global 10.0.0.1 will be Port Address Translated',
      'Outside interface address added',
      '% The active RG status is not known',
      '*Nov 29 15:00:01.123: %SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.0.0.1)',
    ],
  },
  {
    why: 'any other % line, and the texts Netmiko and Ansible treat as failures',
    class: 'error',
    lines: [
      "% Invalid input detected at '^' marker.",
      '% Incomplete command.',
      '% Ambiguous command:  "ip nat in"',
      '% VRF mytenant not configured',
      '% similar static entry (192.168.1.2 -> 10.0.1.1) already exists',
      '%: Error: static entry in use, cannot remove',
      '%Dynamic mapping in use, cannot remove',
      '%Turn config archive on before using Rollback Confirmed Change',
      '% Warning: This command is no longer supported',
      '% ipv4 addresses from some interfaces could not be removed',
      'Command authorization failed.',
      'Bad mask /33 for address 10.0.0.1',
      '10.0.0.0 overlaps with GigabitEthernet1',
    ],
  },
  { why: 'the caret under the offending word', class: 'marker', lines: ['                    ^'] },
  { why: 'plain output', class: 'output', lines: ['Building configuration...', '[OK]'] },
];

test('device lines are classified by the rules: informational notices, errors, markers, output', () => {
  for (const group of EXPECTED) for (const line of group.lines) assert.equal(classifyLine(line), group.class, `${group.why}: ${line}`);
});

test('questions are recognised by shape at the end of output, with their kind, whatever the spelling', () => {
  const cases: [string, string][] = [
    ['Proceed with reload? [confirm]', 'confirm'],
    ['Are you sure you want to continue? [yes/no]: ', 'yes-no'],
    ['Dynamic mapping in use, do you want to delete all entires? [no]: ', 'no-default'],
    ['Dynamic mapping in use, do you want to delete all entries? [no]: ', 'no-default'],
    ['Static entry in use, do you want to delete child entries? [no]: ', 'no-default'],
    ['Destination filename [startup-config]? ', 'filename'],
  ];
  for (const [text, kind] of cases) {
    const found = findQuestion(`edge1(config)#no ip nat inside source static 1.1.1.1 2.2.2.2\n${text}`);
    assert.equal(found?.shape.kind, kind, text);
    assert.equal(found?.text, text.trim());
  }
  assert.equal(findQuestion('edge1(config)#'), undefined);
  assert.equal(findQuestion('Static entry in use, do you want to delete child entries? [no]: yes\n'), undefined);
});

test('accept and decline map to the keystrokes each question kind reads', () => {
  const keys = (kind: string) => QUESTION_SHAPES.find((s) => s.kind === kind)!.keys;
  assert.deepEqual(keys('confirm'), { accept: '\n', decline: 'n' });
  assert.deepEqual(keys('no-default'), { accept: 'yes\n', decline: 'no\n' });
});

test('a question already answered by the next line is found inside finished output', () => {
  assert.equal(
    containsQuestion(['Static entry in use, do you want to delete child entries? [no]: ip nat inside source static 1.1.1.9 10.0.1.9']),
    'Static entry in use, do you want to delete child entries? [no]: ip nat inside source static 1.1.1.9 10.0.1.9',
  );
  assert.equal(containsQuestion(['% Invalid input detected at \'^\' marker.']), undefined);
});

test('the device-level safety net covers file and clear commands only; NAT removals are the caller’s to mark', () => {
  assert.ok(isQuestionCapable('do copy running-config startup-config'));
  assert.ok(isQuestionCapable('do clear ip nat translation *'));
  assert.ok(isQuestionCapable('do clear ip nat translation forced'));
  assert.ok(!isQuestionCapable('no ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant'), 'no IOS command table in the driver');
  assert.ok(!isQuestionCapable('no interface GigabitEthernet2.10'));
  assert.ok(!isQuestionCapable(' description translator: mytenant'));
});

test('only printable ASCII lines can be sent; every control character, DEL, C1 and non-ASCII is refused with a reason', () => {
  assert.equal(unsendable(' ip address 192.168.1.254 255.255.255.0'), undefined);
  assert.equal(unsendable('ip nat inside source static 192.168.1.1 10.0.1.1 vrf t1'), undefined);
  const refused: [string, RegExp][] = [
    ['end', /sends `end` itself/],
    [' end ', /sends `end` itself/],
    ['description a\nno vrf definition other', /line break/],
    ['description a\rb', /line break/],
    ['description \x1a', /Ctrl-Z/],
    ['no vrf definition X\x1b[D\x1b[Dkeep', /escape sequence/],
    ['description a\tb', /Tab/],
    ['no ip access-list standard TRANSLATOR-X\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08HANDMADE', /control character/],
    ['description \x00', /control character/],
    ['description \x15', /control character/],
    ['description abc\x7f', /DEL/],
    ['description \x9b2J', /C1/],
    ['description \u00e9t\u00e9', /printable ASCII/],
    ['description \u{1F600}', /printable ASCII/],
    ['description what?', /help/],
  ];
  for (const [line, reason] of refused) assert.match(unsendable(line) ?? '(sendable)', reason, JSON.stringify(line));
  for (let code = 0; code < 0x20; code++) assert.ok(unsendable(`description x${String.fromCharCode(code)}y`), `C0 ${code}`);
  for (let code = 0x7f; code <= 0x9f; code++) assert.ok(unsendable(`description x${String.fromCharCode(code)}y`), `DEL/C1 ${code}`);
  for (let code = 0x20; code < 0x7f; code++) {
    const c = String.fromCharCode(code);
    if (c !== '?') assert.equal(unsendable(`description x${c}y`), undefined, `printable ${code}`);
  }
});

test('config-mode refusals: the lock (with who holds it), other lock forms, and the archive', () => {
  const refusal = (line: string) => CONFIG_ENTRY_REFUSALS.find((r) => r.pattern.test(line));
  const lock = "Configuration mode is locked by process '484' user 'NETCONF' from terminal '64'. Please try later.";
  assert.equal(refusal(lock)?.refusal, 'busy');
  assert.deepEqual({ ...refusal(lock)!.pattern.exec(lock)!.groups }, { process: '484', user: 'NETCONF', terminal: '64' });
  assert.equal(refusal('Config mode cannot be entered during Standby initialization or when switch is in recovery mode')?.refusal, 'busy');
  assert.equal(refusal('%Turn config archive on before using Rollback Confirmed Change')?.refusal, 'no-archive');
  assert.equal(refusal('Enter configuration commands, one per line.  End with CNTL/Z.'), undefined);
  assert.ok(KILL_SESSION_QUESTION.pattern.test('Do you want to kill that session and continue? [yes/no]: '));
});
