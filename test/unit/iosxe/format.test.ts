import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cliLines } from '../../../src/iosxe/commands.js';
import { formatDiff } from '../../../src/iosxe/format/diff.js';
import { planJson } from '../../../src/iosxe/format/json.js';
import { formatMarkdown, MARKDOWN_PART_LIMIT } from '../../../src/iosxe/format/markdown.js';
import { formatSkipped, formatText } from '../../../src/iosxe/format/text.js';
import { parseConfig } from '../../../src/iosxe/parse.js';
import { plan } from '../../../src/iosxe/plan.js';
import { OPTIONS, renderIntended, renderRunning } from './world.js';
import type { World } from './world.js';

const one: World = { tenants: [{ vrf: 'mytenant', vlan: 10, net: 1, fips: [[1, '10.0.1.1']] }] };
const moved: World = { tenants: [{ vrf: 'mytenant', vlan: 10, net: 1, fips: [[2, '10.0.1.1']] }] };
const planOf = (a: World, b: World) => plan(parseConfig(renderRunning(a)), parseConfig(renderIntended(b)), OPTIONS);

test('text: the lines to type, one per line', () => {
  const result = planOf(one, moved);
  assert.equal(formatText(result), cliLines(result.commands).join('\n') + '\n');
  assert.equal(formatText(planOf(one, one)), '');
});

test('diff: unified diff of the owned running-config against the intent', () => {
  const diff = formatDiff(planOf(one, moved), OPTIONS);
  assert.match(diff, /^--- running \(owned part\)$/m);
  assert.match(diff, /^\+\+\+ intended$/m);
  assert.match(diff, /^-ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant$/m);
  assert.match(diff, /^\+ip nat inside source static 192\.168\.1\.2 10\.0\.1\.1 vrf mytenant$/m);
  assert.doesNotMatch(diff, /hostname|GigabitEthernet3/, 'nothing outside the scope');
  assert.equal(formatDiff(planOf(one, one), OPTIONS), '');
});

test('json: summary, commands with their context, exact lines, questions, rollback and prediction', () => {
  const result = planOf(one, moved);
  const json = JSON.parse(JSON.stringify(planJson(result, OPTIONS)));
  assert.deepEqual(json.summary, { add: 1, change: 0, remove: 1, commands: 2, byKind: { 'nat-static': { add: 1, change: 0, remove: 1 } } });
  assert.deepEqual(json.lines, cliLines(result.commands));
  assert.deepEqual(json.rollbackLines, cliLines(result.rollback));
  assert.equal(json.questions[0].id, 'nat-static-in-use');
  assert.equal(json.commands[0].question, 'nat-static-in-use');
  assert.match(json.predicted, /^ip nat inside source static 192\.168\.1\.2 10\.0\.1\.1 vrf mytenant$/m);
});

test('markdown: counts, then the diff and commands in collapsible blocks', () => {
  const [part, ...rest] = formatMarkdown(planOf(one, moved), OPTIONS);
  assert.deepEqual(rest, []);
  assert.match(part!, /\*\*1 to add, 0 to change, 1 to remove\*\* \(2 commands\)/);
  assert.match(part!, /\| nat-static \| 1 \| 0 \| 1 \|/);
  assert.match(part!, /<details>\n<summary>Diff<\/summary>\n\n```diff\n/);
  assert.match(part!, /<summary>Commands<\/summary>\n\n```\nno ip nat inside source static/);
  assert.match(part!, /1 NAT removal\(s\) may ask/);
  assert.match(formatMarkdown(planOf(one, one), OPTIONS)[0]!, /No changes/);
});

test('markdown: a large plan is split into parts under the comment limit, each with closed blocks', () => {
  const many: World = {
    tenants: Array.from({ length: 300 }, (_, i) => ({ vrf: `tenant${i}`, vlan: 10 + i, net: i % 250, fips: Array.from({ length: 10 }, (_, j): [number, string] => [j + 1, `10.${i >> 8}.${i & 255}.${j + 1}`]) })),
  };
  const result = planOf({ tenants: [] }, many);
  const parts = formatMarkdown(result, OPTIONS);
  assert.ok(parts.length > 2, `${parts.length} parts`);
  for (const [i, part] of parts.entries()) {
    assert.ok(part.length < MARKDOWN_PART_LIMIT, `part ${i + 1} is ${part.length} characters`);
    assert.equal((part.match(/^```/gm) ?? []).length % 2, 0, `part ${i + 1} closes its code blocks`);
    assert.equal((part.match(/<details>/g) ?? []).length, (part.match(/<\/details>/g) ?? []).length);
    assert.match(part, new RegExp(`^<sub>part ${i + 1} of ${parts.length}</sub>`));
  }
  const commandsShown = parts
    .join('\n')
    .split('<summary>Commands')
    .slice(1)
    .flatMap((block) => block.split('```')[1]!.split('\n').slice(1, -1));
  assert.deepEqual(commandsShown, cliLines(result.commands), 'every command, in order, across the parts');
});

test('what the plan leaves out: comment lines in text, listed in JSON and in the review comment', () => {
  const running = parseConfig(renderRunning({ tenants: [] }).replace('ip route 0.0.0.0', 'ip nat inside source static 172.16.9.9 10.0.1.1\nip route 0.0.0.0'));
  const result = plan(running, parseConfig(renderIntended(one)), OPTIONS);
  const text = formatSkipped(result);
  assert.match(text, /^! skipped \(global-ip-in-use, add\): ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant\n!   floating IP 10\.0\.1\.1 .* is left out: /);
  assert.ok(text.split('\n').every((line) => line === '' || line.startsWith('!')), 'safe to paste');
  assert.deepEqual(planJson(result, OPTIONS).skipped, result.skipped);
  assert.match(formatMarkdown(result, OPTIONS)[0]!, /\*\*Left out\*\*[^\n]*\n\n- `ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant`: floating IP/);
  const nothing = plan(parseConfig(renderRunning(one)), parseConfig(renderIntended({ tenants: [] })), OPTIONS);
  assert.ok(nothing.commands.length > 0 && formatMarkdown(nothing, OPTIONS)[0]!.includes('"ip nat outside" on GigabitEthernet1 is kept'));
});
