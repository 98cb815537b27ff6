// The question rules: IOS facts about which commands ask what, and how their ids ride on the lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyLine, findQuestion } from '../../../src/device/responses.js';
import { cliCommands, cliLines, type Command } from '../../../src/iosxe/commands.js';
import { asksAsExpected, QUESTION_RULES, questionRuleFor, refusedAsExpected } from '../../../src/iosxe/rules/questions.js';

test('every rule has a reason, a source, at least one prompt and one refusal', () => {
  for (const rule of QUESTION_RULES) {
    assert.ok(rule.reason.length > 10 && rule.source.length > 10, rule.id);
    assert.ok(rule.prompts.length > 0 && rule.refusals.length > 0, rule.id);
  }
});

test('the dynamic mapping question is known in the device spelling (entires) and the documented one (entries)', () => {
  assert.ok(asksAsExpected('nat-dynamic-in-use', 'Dynamic mapping in use, do you want to delete all entires? [no]:'));
  assert.ok(asksAsExpected('nat-dynamic-in-use', 'Dynamic mapping in use, do you want to delete all entries? [no]:'));
  assert.ok(!asksAsExpected('nat-dynamic-in-use', 'Static entry in use, do you want to delete child entries? [no]:'));
  assert.ok(refusedAsExpected('nat-static-in-use', ['%: Error: static entry in use, cannot remove']));
  assert.ok(!refusedAsExpected('nat-static-in-use', ['%Dynamic mapping in use, cannot remove']));
});

test('which lines may ask: NAT removals, static and dynamic (list and route-map); nothing else', () => {
  assert.equal(questionRuleFor('no ip nat inside source static 192.168.1.1 10.0.1.1 vrf t1')?.id, 'nat-static-in-use');
  assert.equal(questionRuleFor('no ip nat inside source list TRANSLATOR-NAT-t1 interface GigabitEthernet1 vrf t1 overload')?.id, 'nat-dynamic-in-use');
  assert.equal(questionRuleFor('no ip nat inside source route-map NAT interface Serial2/0 overload')?.id, 'nat-dynamic-in-use');
  assert.equal(questionRuleFor('ip nat inside source static 192.168.1.1 10.0.1.1 vrf t1'), undefined);
  assert.equal(questionRuleFor('no vrf definition t1'), undefined);
});

test('the driver recognises every prompt of the rules as a waiting question, and every refusal as an error', () => {
  for (const rule of QUESTION_RULES) {
    for (const prompt of rule.prompts) assert.equal(findQuestion(`edge1(config)#no ip nat …\n${prompt} `)?.text, prompt, prompt);
    for (const refusal of rule.refusals) assert.equal(classifyLine(refusal), 'error', refusal);
  }
});

test('cliCommands keeps a command’s question id on its own line only; cliLines is the same text', () => {
  const commands: Command[] = [
    { context: ['interface GigabitEthernet2.10'], line: 'no ip nat inside', action: 'remove', kind: 'subinterface', object: 'GigabitEthernet2.10' },
    { context: [], line: 'no ip nat inside source static 192.168.1.1 10.0.1.1 vrf t1', action: 'remove', kind: 'nat-static', object: 't1', question: 'nat-static-in-use' },
  ];
  assert.deepEqual(cliCommands(commands), [
    { line: 'interface GigabitEthernet2.10' },
    { line: ' no ip nat inside' },
    { line: 'exit' },
    { line: 'no ip nat inside source static 192.168.1.1 10.0.1.1 vrf t1', question: 'nat-static-in-use' },
  ]);
  assert.deepEqual(cliLines(commands), cliCommands(commands).map((c) => c.line));
});
