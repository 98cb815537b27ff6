// The "in use" policy switches on the question rule id the plan gave the line; the device's words
// only have to be one of that rule's own prompt variants.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLEAR_TRANSLATIONS, failedInUse, inUseAnswer, needsClear } from '../../../src/deploy/in-use.js';
import type { Question } from '../../../src/device/index.js';
import { cliCommands, parseConfig, plan } from '../../../src/iosxe/index.js';
import { CLEAR_NAT_TRANSLATIONS } from '../../../src/iosxe/rules/questions.js';

const STATIC = 'Static entry in use, do you want to delete child entries? [no]:';
const DYNAMIC_DEVICE = 'Dynamic mapping in use, do you want to delete all entires? [no]:';
const DYNAMIC_DOC = 'Dynamic mapping in use, do you want to delete all entries? [no]:';

const ask = (text: string, rule?: string): Question => ({ index: 0, line: 'no ip nat …', text, kind: 'no-default', ...(rule ? { rule } : {}) });

test('fail declines, yes and clear accept the in-use questions, in both spellings IOS uses', () => {
  for (const [text, rule] of [[STATIC, 'nat-static-in-use'], [DYNAMIC_DEVICE, 'nat-dynamic-in-use'], [DYNAMIC_DOC, 'nat-dynamic-in-use']] as const) {
    assert.equal(inUseAnswer('fail')(ask(text, rule)), 'decline', text);
    assert.equal(inUseAnswer('yes')(ask(text, rule)), 'accept', text);
    assert.equal(inUseAnswer('clear')(ask(`  ${text} `, rule)), 'accept', text);
  }
});

test('the answer depends on the id: the same words on a line without an in-use id are declined', () => {
  for (const policy of ['fail', 'yes', 'clear'] as const) {
    assert.equal(inUseAnswer(policy)(ask(STATIC)), 'decline', 'no id');
    assert.equal(inUseAnswer(policy)(ask(STATIC, 'something-else')), 'decline', 'unknown id');
  }
});

test('a line with an in-use id that asks something else is declined (the device did not ask what the rule expects)', () => {
  for (const policy of ['yes', 'clear'] as const) {
    assert.equal(inUseAnswer(policy)(ask('Proceed with reload? [confirm]', 'nat-static-in-use')), 'decline');
    assert.equal(inUseAnswer(policy)(ask(DYNAMIC_DEVICE, 'nat-static-in-use')), 'decline', 'the dynamic question on a static line');
  }
});

test('a failed line is an in-use failure when its id is an in-use rule and it asked that question or was refused as in use', () => {
  const status = 'error' as const;
  assert.ok(failedInUse({ status, rule: 'nat-static-in-use', question: { text: STATIC, answer: 'decline' }, messages: ['%: Error: static entry in use, cannot remove'] }));
  assert.ok(failedInUse({ status, rule: 'nat-dynamic-in-use', messages: ['%Dynamic mapping in use, cannot remove'] }), 'refused without asking (older images)');
  assert.ok(!failedInUse({ status, rule: 'nat-static-in-use', messages: ["% Invalid input detected at '^' marker."] }), 'failed for another reason');
  assert.ok(!failedInUse({ status, messages: ['%Dynamic mapping in use, cannot remove'] }), 'no id: not a line the policy is about');
  assert.ok(!failedInUse({ status: 'answered', rule: 'nat-static-in-use', question: { text: STATIC, answer: 'accept' }, messages: [] }), 'asked and removed: no failure');
});

test('the plan tags NAT removals; the ids survive to the lines sent, and the clear line comes from the rules table', () => {
  const running = parseConfig(
    [
      'vrf definition t1',
      ' description translator: t1',
      'ip access-list standard TRANSLATOR-NAT-t1',
      ' 10 permit 192.168.1.0 0.0.0.255',
      'ip nat inside source list TRANSLATOR-NAT-t1 interface GigabitEthernet1 vrf t1 overload',
      'ip nat inside source static 192.168.1.2 10.0.1.2 vrf t1',
    ].join('\n'),
  );
  const result = plan(running, parseConfig(''), { prefix: 'TRANSLATOR-', marker: 'translator:', inside: 'GigabitEthernet2', outside: 'GigabitEthernet1', adopt: [] });
  const lines = cliCommands(result.commands);
  const idOf = (line: string) => lines.find((l) => l.line === line)?.question;
  assert.equal(idOf('no ip nat inside source static 192.168.1.2 10.0.1.2 vrf t1'), 'nat-static-in-use');
  assert.equal(idOf('no ip nat inside source list TRANSLATOR-NAT-t1 interface GigabitEthernet1 vrf t1 overload'), 'nat-dynamic-in-use');
  assert.equal(lines.filter((l) => l.question).length, 2, `only the NAT removals carry an id: ${JSON.stringify(lines)}`);
  assert.ok(lines.some((l) => l.line === 'no vrf definition t1' && !l.question));
  assert.ok(needsClear(lines));
  assert.ok(!needsClear(lines.filter((l) => !l.question)));
  assert.equal(CLEAR_TRANSLATIONS.line, CLEAR_NAT_TRANSLATIONS.line);
  assert.equal(CLEAR_TRANSLATIONS.line, 'do clear ip nat translation forced');
});
