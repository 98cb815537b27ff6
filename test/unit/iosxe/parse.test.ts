import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseConfig, printConfig } from '../../../src/iosxe/parse.js';
import type { ConfigNode } from '../../../src/iosxe/types.js';
import { corpusConfigs, corpusTestOptions } from '../../helpers/corpus.js';
import { configFiles, fixture, fixturesDir } from './paths.js';

/**
 * The device text minus what the parser is allowed to drop, computed independently of the parser:
 * CR, trailing spaces, blank and `!` lines, the header, timestamp comments, `end`. Banner text is kept as is.
 */
function expectedPrint(text: string): string {
  const out: string[] = [];
  let bannerDelimiter: string | undefined;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    if (bannerDelimiter !== undefined) {
      out.push(line);
      if (line.includes(bannerDelimiter)) bannerDelimiter = undefined;
      continue;
    }
    const trimmedEnd = line.replace(/\s+$/, '');
    const t = trimmedEnd.trim();
    if (t === '' || t === '!' || trimmedEnd === 'end') continue;
    if (/^(Building configuration\.\.\.|Current configuration : \d+ bytes|! Last configuration change|! NVRAM config last updated)/.test(t)) continue;
    const banner = /^banner \S+ (\^C|\S)(.*)$/.exec(trimmedEnd);
    if (banner && !banner[2]!.includes(banner[1]!)) bannerDelimiter = banner[1];
    out.push(trimmedEnd);
  }
  return out.length ? out.join('\n') + '\n' : '';
}

function roundTrip(file: string): void {
  const text = readFileSync(file, 'utf8');
  const printed = printConfig(parseConfig(text));
  assert.equal(printed, expectedPrint(text), basename(file));
  assert.equal(printConfig(parseConfig(printed)), printed, `${basename(file)}: printing is a fixed point`);
}

test('the fixtures are there', () => {
  assert.ok(configFiles(fixturesDir).length >= 2);
});

for (const file of configFiles(fixturesDir)) test(`round-trip: ${basename(file)}`, () => roundTrip(file));

test('round-trip: every config of the public corpus', corpusTestOptions(), () => {
  const files = corpusConfigs();
  assert.ok(files.length >= 10, 'the corpus holds its configs');
  for (const file of files) roundTrip(file);
});

function find(nodes: ConfigNode[], text: string): ConfigNode {
  const node = nodes.find((n) => n.text === text);
  assert.ok(node, `no line "${text}"`);
  return node;
}

test('device header, noise comments, CRLF and trailing spaces are dropped', () => {
  const tree = parseConfig(fixture('c8000v-device.cfg'));
  const first = tree.children[0]!;
  assert.equal(first.text, 'version 17.9');
  assert.ok(!tree.children.some((n) => /^(Building|Current|end$|!)/.test(n.text)));
  assert.ok(!printConfig(tree).includes('\r'));
});

test('exit-address-family closes its address-family instead of becoming a line of the VRF', () => {
  const tree = parseConfig(fixture('c8000v-device.cfg'));
  const vrf = find(tree.children, 'vrf definition mytenant');
  assert.deepEqual(
    vrf.children.map((c) => c.text),
    ['description translator: mytenant', 'rd 65000:10', 'address-family ipv4'],
  );
  const af = vrf.children[2]!;
  assert.deepEqual(af.children.map((c) => c.text), ['route-target export 65000:10', 'route-target import 65000:10']);
  assert.equal(af.closer?.text, 'exit-address-family');
});

test('a certificate ends at its tab-indented quit', () => {
  const tree = parseConfig(fixture('c8000v-device.cfg'));
  const chain = find(tree.children, 'crypto pki certificate chain TP-self-signed-1234567890');
  const cert = chain.children[0]!;
  assert.equal(cert.text, 'certificate self-signed 01');
  assert.equal(cert.children.length, 3);
  assert.deepEqual(cert.closer, { text: 'quit', indent: '  \t' });
  assert.equal(tree.children[tree.children.indexOf(chain) + 1]!.text, 'license udi pid C8000V sn 9ABCDEFGHIJ');
});

test('banners keep their text, delimiters and blank lines; one-line banners stay one line', () => {
  const tree = parseConfig(fixture('c8000v-device.cfg'));
  const motd = find(tree.children, 'banner motd #');
  assert.deepEqual(motd.body, ['Authorised access only.   ', '', '  ! this line is banner text, not a comment', 'end of notice #']);
  const exec = find(tree.children, 'banner exec ^CWelcome to edge1^C');
  assert.equal(exec.body, undefined);
  assert.equal(tree.children[tree.children.indexOf(exec) + 1]!.text, 'line con 0');
});

test('the rendered intended file parses into the same shapes as the device print', () => {
  const tree = parseConfig(fixture('intended-mytenant.cfg'));
  assert.deepEqual(
    tree.children.map((n) => n.text),
    [
      'vrf definition mytenant',
      'interface GigabitEthernet1',
      'interface GigabitEthernet2.10',
      'ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant',
      'ip nat inside source list TRANSLATOR-NAT-mytenant interface GigabitEthernet1 vrf mytenant overload',
      'ip access-list standard TRANSLATOR-NAT-mytenant',
      'route-map TRANSLATOR-EGRESS permit 10',
    ],
  );
  assert.equal(find(tree.children, 'interface GigabitEthernet2.10').children.length, 6);
});

test('indentation by any width nests relative to the parent, and prints back as written', () => {
  const text = 'policy-map P\n class C\n  police cir percent 10\n    conform-action transmit\n    exceed-action drop\n class D\n  bandwidth 5\n';
  const tree = parseConfig(text);
  const police = tree.children[0]!.children[0]!.children[0]!;
  assert.deepEqual(police.children.map((c) => c.text), ['conform-action transmit', 'exceed-action drop']);
  assert.equal(police.children[0]!.indent, '    ');
  assert.equal(tree.children[0]!.children[1]!.text, 'class D');
  assert.equal(printConfig(tree), text);
});

test('very long lines survive intact', () => {
  const long = 'ip prefix-list LONG seq 5 permit ' + Array.from({ length: 3000 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`).join(' ');
  const description = ' description ' + 'x'.repeat(20000);
  const text = `hostname h\n${long}\ninterface Loopback0\n${description}\n`;
  const tree = parseConfig(text);
  assert.equal(tree.children[1]!.text, long);
  assert.equal(tree.children[2]!.children[0]!.text, description.trim());
  assert.equal(printConfig(tree), text);
});

test('comments with text are kept as comment lines; device print adds separators and end', () => {
  const tree = parseConfig('! For use below\ninterface Ethernet10\n ip address 1.1.1.1 255.255.255.0\nip nat pool p 1.1.1.1 1.1.1.9 prefix-length 24\n');
  assert.equal(tree.children[0]!.comment, true);
  assert.equal(
    printConfig(tree, { device: true }),
    '! For use below\n!\ninterface Ethernet10\n ip address 1.1.1.1 255.255.255.0\n!\nip nat pool p 1.1.1.1 1.1.1.9 prefix-length 24\nend\n',
  );
});

test('empty input gives an empty tree', () => {
  assert.deepEqual(parseConfig('').children, []);
  assert.equal(printConfig(parseConfig('Building configuration...\n\n!\nend\n')), '');
});

test('lines without children share one frozen empty array; a line with children has its own', () => {
  const tree = parseConfig('hostname h\ninterface Gi1\n ip nat outside\n shutdown\ninterface Gi2\n no ip address\nip nat inside source static 10.0.0.1 100.64.0.1 vrf t1\n');
  const [hostname, gi1, gi2, nat] = tree.children;
  assert.equal(hostname!.children.length, 0);
  assert.equal(hostname!.children, nat!.children);
  assert.equal(hostname!.children, gi1!.children[0]!.children);
  assert.ok(Object.isFrozen(hostname!.children));
  assert.notEqual(gi1!.children, gi2!.children);
  assert.deepEqual(gi1!.children.map((c) => c.text), ['ip nat outside', 'shutdown']);
  assert.deepEqual(gi2!.children.map((c) => c.text), ['no ip address']);
  // Adding in place to a leaf fails loudly instead of giving every leaf of every tree the line.
  assert.throws(() => hostname!.children.push({ text: 'x', children: [] }), TypeError);
  assert.equal(nat!.children.length, 0);
});
