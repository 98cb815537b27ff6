/** Owned lines are printable ASCII (issue 10): a control character refuses the plan, naming file and line. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/iosxe/parse.js';
import { plan, PlanRefused } from '../../../src/iosxe/plan.js';
import { OPTIONS, renderIntended, renderRunning } from './world.js';
import type { World } from './world.js';

const mytenant: World = { tenants: [{ vrf: 'mytenant', vlan: 10, net: 1, fips: [[1, '10.0.1.1']] }] };
const intendedText = renderIntended(mytenant);
const running = parseConfig(renderRunning({ tenants: [] }));
const LABEL = { intended: 'routers/edge1/intended.cfg' };

/** The intended text with `bad` put into the static NAT line (line 17 of the rendered file). */
const withBad = (bad: string) => intendedText.replace('ip nat inside source static 192.168.1.1', `ip nat inside source static 192.168.1.1${bad}`);
const staticLine = intendedText.split('\n').findIndex((l) => l.startsWith('ip nat inside source static')) + 1;
const column = 'ip nat inside source static 192.168.1.1'.length + 1;

for (const [name, bad, what] of [
  ['backspace', '\b\b\b\b', /U\+0008, a control character/],
  ['tab', '\t', /U\+0009, TAB/],
  ['escape sequence', '\x1b[2K', /U\+001B, ESC/],
  ['DEL', '\x7f', /U\+007F, DEL/],
  ['C1 control', '\u0085', /U\+0085, a C1 control character/],
  ['non-ASCII', '\u00e9', /U\+00E9, a character outside ASCII/],
  ['lone CR', '\r', /U\+000D, a control character/],
  ['question mark', '?', /U\+003F, `\?` \(the CLI shows help/],
] as const) {
  test(`intended line with a ${name}: refused, naming the file, line and column`, () => {
    assert.throws(
      () => plan(running, parseConfig(withBad(bad)), OPTIONS, LABEL),
      (error: unknown) =>
        error instanceof PlanRefused && error.problems[0]!.startsWith(`routers/edge1/intended.cfg line ${staticLine}, column ${column}: `) && what.test(error.problems[0]!),
    );
  });
}

test('a trailing control character, which the parser would trim, is refused too', () => {
  assert.throws(() => plan(running, parseConfig(intendedText.replace('overload\n', 'overload\b\n')), OPTIONS), /intended config line \d+, column \d+: U\+0008/);
});

test('CRLF line ends are line ends, not control characters', () => {
  assert.ok(plan(running, parseConfig(intendedText.replace(/\n/g, '\r\n')), OPTIONS).commands.length > 0);
});

test('running-config: a control character in an owned line is refused; in a banner (not ours) it is not', () => {
  const owned = renderRunning(mytenant).replace(' description translator: mytenant\n encapsulation', ' description translator: my\x08tenant\n encapsulation');
  assert.throws(() => plan(parseConfig(owned), parseConfig(intendedText), OPTIONS), /running-config line \d+: owned line "description translator: my\\btenant" holds U\+0008/);
  const banner = renderRunning(mytenant).replace('hostname edge1', 'hostname edge1\nbanner motd ^C\n\x1b[1mAuthorised use only\x07\n^C');
  assert.deepEqual(plan(parseConfig(banner), parseConfig(intendedText), OPTIONS).commands, []);
});
