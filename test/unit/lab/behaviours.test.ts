/**
 * One test per row of src/lab/behaviours.ts, on the pure engine (no SSH). Titles start with
 * the row id; the last test checks every row has one here or in the lab's SSH tests.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { behaviours, say } from '../../../src/lab/behaviours.js';
import { corpusDir, corpusTestOptions } from '../../helpers/corpus.js';
import { cli, TENANT } from './engine-helpers.js';


test('invalidInput: caret under the bad word, message, blank line; nothing applied', () => {
  const { run, config, device, session } = cli();
  run('configure terminal');
  const prompt = device.prompt(session);
  const out = run('ip nat insde source static 1.1.1.1 2.2.2.2');
  assert.equal(out, `${' '.repeat(prompt.length + 'ip nat '.length)}^\n% Invalid input detected at '^' marker.\n\n`);
  assert.doesNotMatch(config(), /1\.1\.1\.1/);
  assert.match(run('ip nat inside source static 1.1.1.300 2.2.2.2'), /^ {42}\^/);
});

test('incompleteCommand: a command without its arguments', () => {
  const { run } = cli();
  assert.equal(run('show'), '% Incomplete command.\n\n');
  run('conf t');
  assert.equal(run('ip nat inside source static 1.1.1.1'), '% Incomplete command.\n\n');
});

test('ambiguousCommand: an abbreviation shared by several keywords', () => {
  const { run } = cli();
  assert.equal(run('s run'), '% Ambiguous command:  "s run"\n');
  assert.equal(run('co t'), '% Ambiguous command:  "co t"\n'); // configure, connect, copy
  run('conf t');
  assert.equal(run('ro X'), '% Ambiguous command:  "ro X"\n'); // route-map, router
});

test('abbreviations: conf t, sh run, int gi2.10, wr, sh ip nat tr', () => {
  const { run, device, session } = cli();
  assert.match(run('conf t'), /Enter configuration commands/);
  run('int gi2.10');
  assert.equal(device.prompt(session), 'edge1(config-subif)#');
  run('enc dot1q 10', 'end');
  assert.match(run('sh run'), /interface GigabitEthernet2\.10\n encapsulation dot1Q 10\n/);
  assert.equal(run('wr'), 'Building configuration...\n[OK]\n');
  assert.match(run('sh ip nat tr'), /^Pro Inside global/);
});

test('interfaceNames: any unique prefix of the type, with or without a space', () => {
  const { run, config } = cli();
  run('conf t', 'interface gi 2.20', 'encapsulation dot1Q 20', 'interface GIGABITETHERNET2.30', 'encapsulation dot1Q 30', 'interface Lo0', 'end');
  assert.match(config(), /interface GigabitEthernet2\.20\n/);
  assert.match(config(), /interface GigabitEthernet2\.30\n/);
  assert.match(config(), /interface Loopback0\n/);
  run('conf t');
  assert.match(run('interface GigabitEthernet9'), /\^\n% Invalid input/, 'no such port on the hardware');
  assert.match(run('interface gi7.5'), /\^\n% Invalid input/, 'no parent for the sub-interface');
});

test('contextHelp: ? lists next words, completes partial words, marks <cr>', () => {
  const { device, session, run } = cli();
  assert.equal(device.help('configure ', session), '  confirm\n  replace\n  revert\n  terminal\n\n');
  assert.equal(device.help('show r', session), 'running-config\n\n');
  assert.match(device.help('show running-config ', session), /  interface\n  <cr>\n\n$/);
  assert.equal(device.help('frobnicate ', session), '% Unrecognized command\n');
  run('conf t', 'interface gi2.10');
  assert.equal(device.help('encapsulation dot1q ', session), '  <1-4094>\n\n');
  assert.match(device.help('do show ', session), /  running-config\n/);
});

test('tabCompletion: a unique prefix completes, an ambiguous one does not', () => {
  const { device, session } = cli();
  assert.equal(device.complete('conf', session), 'configure ');
  assert.equal(device.complete('configure t', session), 'configure terminal ');
  assert.equal(device.complete('configure re', session), undefined, 'replace or revert');
  assert.equal(device.complete('configure ', session), undefined);
});

test('enterConfig: banner and prompt', () => {
  const { run, device, session } = cli();
  assert.equal(run('configure terminal'), 'Enter configuration commands, one per line.  End with CNTL/Z.\n');
  assert.equal(device.prompt(session), 'edge1(config)#');
});

test('subModePrompts: each sub-mode has its IOS prompt', () => {
  const { run, device, session } = cli();
  const prompts: string[] = [];
  for (const line of ['conf t', 'interface gi1', 'interface gi2.10', 'vrf definition a', 'address-family ipv4', 'ip access-list standard S', 'ip access-list extended E', 'route-map R permit 10']) {
    run(line);
    prompts.push(device.prompt(session));
  }
  assert.deepEqual(prompts, [
    'edge1(config)#',
    'edge1(config-if)#',
    'edge1(config-subif)#',
    'edge1(config-vrf)#',
    'edge1(config-vrf-af)#',
    'edge1(config-std-nacl)#',
    'edge1(config-ext-nacl)#',
    'edge1(config-route-map)#',
  ]);
});

test('configPromptTruncation: config prompts cut the hostname to 20 characters; EXEC keeps it', () => {
  const { run, device, session } = cli();
  run('conf t', 'hostname a-very-long-router-name-here');
  assert.equal(device.prompt(session), 'a-very-long-router-n(config)#');
  run('end');
  assert.equal(device.prompt(session), 'a-very-long-router-name-here#');
});

test('topLevelFromSubMode: a top-level command in a sub-mode leaves it', () => {
  const { run, device, session, config } = cli();
  run('conf t', 'interface gi2.10', 'ip nat inside source static 192.168.9.1 10.9.9.9');
  assert.equal(device.prompt(session), 'edge1(config)#');
  assert.match(config(), /ip nat inside source static 192\.168\.9\.1 10\.9\.9\.9\n/);
});

test('exitEndCtrlZ: exit goes up one level, exit-address-family leaves the AF, end returns to EXEC', () => {
  const { run, device, session } = cli();
  run('conf t', 'vrf definition a', 'address-family ipv4', 'exit-address-family');
  assert.equal(device.prompt(session), 'edge1(config-vrf)#');
  run('address-family ipv4', 'exit');
  assert.equal(device.prompt(session), 'edge1(config-vrf)#');
  run('exit');
  assert.equal(device.prompt(session), 'edge1(config)#');
  run('interface gi1', 'end');
  assert.equal(device.prompt(session), 'edge1#');
  run('conf t', 'exit');
  assert.equal(device.prompt(session), 'edge1#');
});

test('doInConfig: do runs EXEC commands; its caret lines up under the typed line', () => {
  const { run, device, session } = cli();
  run('conf t', 'interface gi1');
  assert.match(run('do show running-config | include hostname'), /^hostname edge1\n$/);
  assert.equal(device.prompt(session), 'edge1(config-if)#');
  const out = run('do show foo');
  assert.equal(out.split('\n')[0], `${' '.repeat(device.prompt(session).length + 'do show '.length)}^`);
});

test('enablePassword: enable asks Password:, a wrong secret is denied and asked again', () => {
  const { device } = cli();
  const s = device.newSession({ privilege: 1 });
  assert.equal(device.prompt(s), 'edge1>');
  const first = device.execute('enable', s);
  assert.equal(first.question?.prompt, 'Password: ');
  assert.equal(first.question?.secret, true);
  const wrong = first.question!.answer('nope');
  assert.equal(wrong.output, '% Access denied\n');
  const right = wrong.question!.answer('enable');
  assert.equal(right.output, '');
  assert.equal(device.prompt(s), 'edge1#');
});

test('enableBadSecrets: three wrong secrets end the attempt at user EXEC', () => {
  const { device } = cli();
  const s = device.newSession({ privilege: 1 });
  let reply = device.execute('enable', s);
  reply = reply.question!.answer('x');
  reply = reply.question!.answer('y');
  reply = reply.question!.answer('z');
  assert.equal(reply.question, undefined);
  assert.match(reply.output, /^% Bad secrets\n/);
  assert.equal(device.prompt(s), 'edge1>');
  assert.match(device.execute('show running-config', s).output, /\^\n% Invalid input/, 'level 1 has no show running-config');
});

test('privilegeShow: show privilege tells the level', () => {
  const { device } = cli();
  const s = device.newSession({ privilege: 1 });
  assert.equal(device.execute('show privilege', s).output, 'Current privilege level is 1\n');
  s.privilege = 15;
  assert.equal(device.execute('show privilege', s).output, 'Current privilege level is 15\n');
});

test('terminalWidth: terminal width 0..512 accepted, 513 refused', () => {
  const { run, session } = cli();
  assert.equal(run('terminal width 511'), '');
  assert.equal(session.width, 511);
  assert.equal(run('terminal width 0'), '');
  assert.match(run('terminal width 513'), /% Invalid input/);
  assert.equal(run('terminal length 0'), '');
  assert.equal(session.length, 0);
});

test('runningConfigHeader: header, byte count of the body, end', () => {
  const { run } = cli();
  const out = run('show running-config');
  const [head, blank, current, ...rest] = out.split('\n');
  assert.equal(head, 'Building configuration...');
  assert.equal(blank, '');
  const bytes = Number(/^Current configuration : (\d+) bytes$/.exec(current!)?.[1]);
  assert.equal(bytes, Buffer.byteLength(rest.join('\n')));
  assert.match(out, /\n! Last configuration change at \d\d:\d\d:\d\d UTC /);
  assert.match(out, /\nend\n$/);
});

test('canonicalOrder: top-level sections in IOS XE order whatever the typing order', () => {
  const { run, config } = cli();
  const reversed = [...TENANT.slice(1, -1)].reverse();
  run('conf t');
  // Objects typed in reverse dependency order still print in device order (failures aside).
  for (const line of reversed) run(line.trim());
  run(...TENANT);
  const text = config();
  const at = (re: RegExp) => text.search(re);
  const order = [/^hostname /m, /^vrf definition /m, /^username /m, /^interface GigabitEthernet1$/m, /^interface GigabitEthernet2$/m, /^interface GigabitEthernet2\.10$/m, /^interface GigabitEthernet3$/m, /^ip forward-protocol/m, /^ip nat inside source static/m, /^ip nat inside source list/m, /^ip route /m, /^ip ssh/m, /^ip access-list /m, /^route-map /m, /^control-plane/m, /^line vty/m];
  const positions = order.map(at);
  assert.ok(positions.every((p) => p >= 0), `all present: ${positions}`);
  assert.deepEqual([...positions].sort((a, b) => a - b), positions);
});

test('interfaceChildOrder: children print in canonical order, not typing order', () => {
  const { run, config } = cli();
  run('conf t', 'vrf definition v', 'interface gi2.10', 'ip policy route-map R', 'ip nat inside', 'encapsulation dot1Q 10', 'vrf forwarding v', 'ip address 10.0.0.1 255.255.255.0', 'description translator: x', 'end');
  assert.match(
    config(),
    /interface GigabitEthernet2\.10\n description translator: x\n encapsulation dot1Q 10\n vrf forwarding v\n ip address 10\.0\.0\.1 255\.255\.255\.0\n ip nat inside\n ip policy route-map R\n!/,
  );
});

test('vrfDefinitionFormat: ` !` before the address family', () => {
  const { run, config } = cli();
  run('conf t', 'vrf definition v', 'address-family ipv4', 'exit-address-family', 'description d', 'end');
  assert.match(config(), /vrf definition v\n description d\n !\n address-family ipv4\n exit-address-family\n!/);
  run('conf t', 'vrf definition bare', 'end');
  assert.match(config(), /vrf definition bare\n!/);
});

test('aclFormat: sequence numbers, padded deny, host form, remark numbering, no N', () => {
  const { run, config } = cli();
  run('conf t', 'ip access-list standard S', 'remark the tenant', 'permit 192.168.1.0 0.0.0.255', 'deny any', 'permit 192.168.1.5 0.0.0.0', 'permit host 192.168.1.6', '15 permit 10.0.0.0 0.255.255.255');
  run('ip access-list extended E', 'permit ip 192.168.1.0 0.0.0.255 any', 'deny tcp 10.1.1.1 0.0.0.0 0.0.0.0 255.255.255.255 eq 80', 'end');
  const text = config();
  assert.match(
    text,
    /ip access-list standard S\n 10 remark the tenant\n 10 permit 192\.168\.1\.0 0\.0\.0\.255\n 15 permit 10\.0\.0\.0 0\.255\.255\.255\n 20 deny   any\n 30 permit 192\.168\.1\.5\n 40 permit 192\.168\.1\.6\n/,
  );
  assert.match(text, /ip access-list extended E\n 10 permit ip 192\.168\.1\.0 0\.0\.0\.255 any\n 20 deny   tcp host 10\.1\.1\.1 any eq 80\n/);
  run('conf t', 'ip access-list standard S', 'no 20', 'no permit 192.168.1.5', 'end');
  assert.match(config(), /ip access-list standard S\n 10 remark the tenant\n 10 permit 192\.168\.1\.0 0\.0\.0\.255\n 15 permit 10\.0\.0\.0 0\.255\.255\.255\n 40 permit 192\.168\.1\.6\n!/);
});

test('aclTypeConflict: one name cannot be both standard and extended', () => {
  const { run, device, session } = cli();
  run('conf t', 'ip access-list standard S', 'exit');
  assert.equal(run('ip access-list extended S'), '% Access-list type conflicts with existing type\n');
  assert.equal(device.prompt(session), 'edge1(config)#');
});

test('loginBanner: MOTD and exec banners from the config are shown after login', () => {
  const { device } = cli('hostname r1\n!\nbanner exec ^C\nAuthorised use only\n^C\nbanner motd ^CMaintenance tonight^C\n!\nend\n');
  assert.equal(device.banner(), 'Authorised use only\nMaintenance tonight\n');
  assert.equal(cli().device.banner(), '', 'no banner configured: nothing');
});

test('aclDuplicateSequence: a used number with another rule is refused', () => {
  const { run, config } = cli();
  run('conf t', 'ip access-list standard S', '10 permit 10.0.0.0 0.255.255.255');
  assert.equal(run('10 permit 11.0.0.0 0.255.255.255'), '% Duplicate sequence number\n');
  run('end');
  assert.doesNotMatch(config(), /11\.0\.0\.0/);
});

test('outputFilters: include, exclude, begin', () => {
  const { run } = cli();
  run(...TENANT);
  assert.equal(run('show running-config | include ^hostname'), 'hostname edge1\n');
  assert.doesNotMatch(run('show running-config | exclude ip nat'), /ip nat/);
  assert.match(run('show running-config | begin ^line'), /^line con 0\n/);
  assert.match(run('show running-config | frobnicate x'), /\^\n% Invalid input/);
});

test('sectionFilter: matching top-level sections whole, matching child lines on their own', () => {
  const { run } = cli();
  run(...TENANT);
  assert.equal(
    run('show running-config | section ip nat'),
    [
      ' ip nat outside',
      ' ip nat inside',
      'ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant',
      'ip nat inside source list TRANSLATOR-mytenant interface GigabitEthernet1 vrf mytenant overload',
      '',
    ].join('\n'),
  );
  assert.match(run('sh run | sec vrf definition'), /^vrf definition mytenant\n description translator: tenant mytenant\n !\n address-family ipv4\n exit-address-family\n$/);
  assert.match(run('show running-config | section ^interface'), /^interface GigabitEthernet1\n ip address 203\.0\.113\.2 255\.255\.255\.0\n ip nat outside\n negotiation auto\n/);
});

test('showInterfaceConfig: one interface with the header', () => {
  const { run } = cli();
  run(...TENANT);
  const out = run('show running-config interface gi2.10');
  assert.match(out, /^Building configuration\.\.\.\n\nCurrent configuration : \d+ bytes\n!\ninterface GigabitEthernet2\.10\n description translator: tenant mytenant\n/);
  assert.match(out, / ip policy route-map TRANSLATOR-EGRESS\nend\n$/);
  assert.match(run('show running-config interface gi2.99'), /\^\n% Invalid input/);
});

test('vrfForwardingRemovesIp: moving an addressed interface into a VRF drops its IP (informational)', () => {
  const { run, config } = cli();
  run('conf t', 'vrf definition v', 'interface gi2.10', 'encapsulation dot1Q 10', 'ip address 10.0.0.1 255.255.255.0');
  assert.equal(run('vrf forwarding v'), '% Interface GigabitEthernet2.10 IPv4 disabled and address(es) removed due to enabling VRF v\n');
  assert.equal(run('vrf forwarding v'), '', 'same VRF again: nothing happens');
  run('end');
  assert.match(config(), /vrf forwarding v\n no ip address\n/);
});

test('noVrfForwardingRemovesIp: leaving the VRF drops the IP too', () => {
  const { run, config } = cli();
  run('conf t', 'vrf definition v', 'interface gi2.10', 'encapsulation dot1Q 10', 'vrf forwarding v', 'ip address 10.0.0.1 255.255.255.0');
  assert.equal(run('no vrf forwarding'), '% Interface GigabitEthernet2.10 IPv4 disabled and address(es) removed due to disabling VRF v\n');
  run('end');
  assert.match(config(), /encapsulation dot1Q 10\n no ip address\n/);
});

test('vrfNotConfigured: vrf forwarding to an undefined VRF', () => {
  const { run, config } = cli();
  run('conf t', 'interface gi2.10', 'encapsulation dot1Q 10');
  assert.equal(run('vrf forwarding nope'), '% VRF nope not configured\n');
  assert.equal(run('no vrf definition nope'), '% VRF nope not configured\n');
  run('end');
  assert.doesNotMatch(config(), /vrf forwarding nope/);
});

test('subinterfaceNeedsEncapsulation: ip address before encapsulation dot1Q', () => {
  const { run, config } = cli();
  run('conf t', 'interface gi2.10');
  assert.equal(run('ip address 10.0.0.1 255.255.255.0'), `${say('subinterfaceNeedsEncapsulation')}\n`);
  run('end');
  assert.doesNotMatch(config(), /10\.0\.0\.1/);
});

test('duplicateVlan: two sub-interfaces of one parent cannot share a VLAN', () => {
  const { run, config } = cli();
  run('conf t', 'interface gi2.10', 'encapsulation dot1Q 10', 'interface gi2.11');
  assert.match(run('encapsulation dot1Q 10'), /^% Configuration of multiple subinterfaces .* VID \(10\) .* GigabitEthernet2\.10\.\n$/);
  run('interface gi3.11', 'encapsulation dot1Q 10', 'end');
  assert.match(config(), /interface GigabitEthernet3\.11\n encapsulation dot1Q 10\n/, 'another parent may');
});

test('noVrfDefinition: removing a VRF strips VRF and IP from its interfaces and prints the lower-case pair, used or not', () => {
  const { run, config } = cli();
  run(...TENANT);
  run('conf t', 'vrf definition unused', 'exit');
  assert.equal(run('no vrf definition unused'), '% ipv6 addresses from all interfaces in VRF unused have been removed\n% ipv4 addresses from all interfaces in VRF unused have been removed\n');
  assert.equal(run('no vrf definition mytenant'), '% ipv6 addresses from all interfaces in VRF mytenant have been removed\n% ipv4 addresses from all interfaces in VRF mytenant have been removed\n');
  run('end');
  const text = config();
  assert.doesNotMatch(text, /vrf definition mytenant|vrf forwarding mytenant|192\.168\.1\.254/);
  assert.match(text, /interface GigabitEthernet2\.10\n description translator: tenant mytenant\n encapsulation dot1Q 10\n no ip address\n/);
});

test('noSubinterface: no interface removes the sub-interface and all under it', () => {
  const { run, config } = cli();
  run(...TENANT);
  assert.equal(run('conf t', 'no int gi2.10', 'end').includes('%'), false);
  assert.doesNotMatch(config(), /GigabitEthernet2\.10|192\.168\.1\.254/);
});

test('noPhysicalInterface: a port cannot be removed', () => {
  const { run, config } = cli();
  run('conf t');
  assert.equal(run('no interface GigabitEthernet2'), '% Removal of physical interfaces is not permitted\n');
  run('end');
  assert.match(config(), /interface GigabitEthernet2\n/);
});

test('badMask: a non-contiguous mask', () => {
  const { run } = cli();
  run('conf t', 'interface gi2.10', 'encapsulation dot1Q 10');
  assert.equal(run('ip address 10.1.1.1 255.0.255.0'), 'Bad mask 0xFF00FF00 for address 10.1.1.1\n');
});

test('addressOverlap: overlapping subnets in one VRF are refused, in two VRFs allowed', () => {
  const { run } = cli();
  run('conf t', 'vrf definition a', 'vrf definition b');
  run('interface gi2.10', 'encapsulation dot1Q 10', 'vrf forwarding a', 'ip address 192.168.1.254 255.255.255.0');
  run('interface gi2.11', 'encapsulation dot1Q 11', 'vrf forwarding a');
  assert.equal(run('ip address 192.168.1.1 255.255.255.0'), '% 192.168.1.0 overlaps with GigabitEthernet2.10\n');
  run('interface gi2.12', 'encapsulation dot1Q 12', 'vrf forwarding b');
  assert.equal(run('ip address 192.168.1.1 255.255.255.0'), '');
});

test('natDynamicInUse: removing a busy list mapping asks; yes removes it and its flows', () => {
  const { run, answer, device, config, last } = cli();
  run(...TENANT);
  device.markInUse('dynamic', 'TRANSLATOR-mytenant');
  run('conf t', 'no ip nat inside source list TRANSLATOR-mytenant interface GigabitEthernet1 vrf mytenant overload');
  assert.equal(last.reply?.question?.prompt, 'Dynamic mapping in use, do you want to delete all entires? [no]: ');
  assert.equal(answer('yes').output, '');
  assert.doesNotMatch(config(), /source list/);
  assert.doesNotMatch(run('do show ip nat translations'), /^icmp/m);
});

test('natDynamicInUseKept: answering no (or Enter) keeps the mapping', () => {
  const { run, answer, device, config } = cli();
  run(...TENANT);
  device.markInUse('dynamic', 'mytenant');
  run('conf t', 'no ip nat inside source list TRANSLATOR-mytenant interface GigabitEthernet1 vrf mytenant overload');
  assert.equal(answer('').output, '%Dynamic mapping in use, cannot remove\n');
  assert.match(config(), /source list TRANSLATOR-mytenant/);
});

test('natStaticInUse: removing a static mapping with child flows asks; yes removes it', () => {
  const { run, answer, device, config, last } = cli();
  run(...TENANT);
  device.markInUse('static', '10.0.1.1');
  assert.match(run('show ip nat translations'), /^icmp 10\.0\.1\.1:\d+ +192\.168\.1\.1:\d+ +198\.51\.100\.53/m);
  run('conf t', 'no ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant');
  assert.equal(last.reply?.question?.prompt, 'Static entry in use, do you want to delete child entries? [no]: ');
  answer('yes');
  assert.doesNotMatch(config(), /source static/);
});

test('natStaticInUseKept: answering no keeps the mapping', () => {
  const { run, answer, device, config } = cli();
  run(...TENANT);
  device.markInUse('static', '192.168.1.1');
  run('conf t', 'no ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant');
  assert.equal(answer('no').output, '%: Error: static entry in use, cannot remove\n');
  assert.match(config(), /source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant/);
});

test('natGlobalTaken: a global IP mapped to another local', () => {
  const { run } = cli();
  run(...TENANT);
  run('conf t');
  assert.equal(run('ip nat inside source static 192.168.1.2 10.0.1.1 vrf mytenant'), '% similar static entry (192.168.1.1 -> 10.0.1.1) already exists\n');
  assert.equal(run('ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant'), '', 'the same line again is accepted');
});

test('natLocalTaken: a local IP already mapped in the same VRF', () => {
  const { run, config } = cli();
  run(...TENANT);
  run('conf t');
  assert.equal(run('ip nat inside source static 192.168.1.1 10.0.1.2 vrf mytenant'), '% 192.168.1.1 already mapped (192.168.1.1 -> 10.0.1.1)\n');
  run('end');
  assert.doesNotMatch(config(), /10\.0\.1\.2/);
});

test('natUnknownVrf / natUnknownInterface: NAT lines need their VRF and interface', () => {
  const { run, config } = cli();
  run('conf t', 'vrf definition v', 'ip access-list standard A', 'exit');
  assert.equal(run('ip nat inside source static 1.1.1.1 2.2.2.2 vrf nope'), '% VRF nope does not exist\n');
  assert.equal(run('ip nat inside source list A interface Loopback9 vrf v overload'), '% Interface Loopback9 does not exist\n');
  run('end');
  assert.doesNotMatch(config(), /^ip nat inside/m);
});

test('natListAclMayNotExist: a list line may name an ACL defined later (boot order)', () => {
  const { run, config } = cli();
  run('conf t', 'vrf definition v');
  assert.equal(run('ip nat inside source list LATER interface gi1 vrf v overload'), '');
  run('end');
  assert.match(config(), /^ip nat inside source list LATER interface GigabitEthernet1 vrf v overload$/m);
});

test('natTranslations: static rows as ---, flows as protocol rows', () => {
  const { run, device } = cli();
  run(...TENANT);
  device.markInUse('dynamic', 'TRANSLATOR-mytenant');
  const out = run('show ip nat translations');
  assert.match(out, /^Pro Inside global      Inside local       Outside local      Outside global\n/);
  assert.match(out, /^--- 10\.0\.1\.1 +192\.168\.1\.1 +--- +---$/m);
  assert.match(out, /^icmp 203\.0\.113\.2:\d+ +192\.168\.1\.7:\d+ /m);
  assert.match(out, /Total number of translations: 2\n$/);
});

test('clearNatTranslations: after clearing, removals no longer ask', () => {
  const { run, device, last, config } = cli();
  run(...TENANT);
  device.markInUse('static', '10.0.1.1');
  run('conf t', 'do clear ip nat translation forced', 'no ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant');
  assert.equal(last.reply?.question, undefined);
  assert.doesNotMatch(config(), /source static/);
});

test('archiveRequired: revert timer and confirm without archive', () => {
  const { run, device, session } = cli();
  assert.equal(run('configure terminal revert timer 5'), '%Turn config archive on before using Rollback Confirmed Change\n');
  assert.equal(device.prompt(session), 'edge1#');
  assert.equal(run('configure confirm'), '%Turn config archive on before using Rollback Confirmed Change\n');
  assert.equal(run('configure revert now'), '%Turn config archive on before using Rollback Confirmed Change\n');
});

test('showArchiveDisabled: show archive without the feature, with its leading space', () => {
  const { run } = cli();
  assert.equal(run('show archive'), ' Archive feature not enabled\n');
});

const ARCHIVE = 'hostname edge1\n!\narchive\n path flash:archive\n maximum 5\n!\ninterface GigabitEthernet1\n ip address 203.0.113.2 255.255.255.0\n!\nend\n';

test('noRollbackPending: nothing pending', () => {
  const { run } = cli(ARCHIVE);
  assert.equal(run('show archive config rollback timer'), '%No Rollback Confirmed Change pending\n');
  assert.equal(run('configure confirm'), '%No Rollback Confirmed Change pending\n');
});

test('rollbackTimerShown / revertTimerBackup / configureConfirm: timer shown, confirm keeps the change', () => {
  const { run, device, config } = cli(ARCHIVE);
  const out = run('configure terminal revert timer 5');
  assert.match(out, /^Rollback Confirmed Change: Backing up current running config to flash:archive-0\nEnter configuration/);
  run('vrf definition kept', 'end');
  assert.match(run('show archive config rollback timer'), /Timer type: Rollback Confirmed Change\nTimer value: 5 min\nUser: admin\n/);
  assert.match(run('show archive'), /^   1        flash:archive-0 <- Most Recent$/m);
  run('configure revert timer 10');
  assert.match(run('show archive config rollback timer'), /Timer value: 10 min/);
  assert.equal(run('configure confirm'), '');
  assert.equal(run('show archive config rollback timer'), '%No Rollback Confirmed Change pending\n');
  assert.match(config(), /vrf definition kept/);
  device.close();
});

test('revertTimerExpires: the timer restores the archived config; revert now does it at once', async () => {
  const { run, device, config } = cli(ARCHIVE, { minuteMs: 20 });
  run('configure terminal revert timer 1', 'vrf definition gone', 'end');
  assert.match(config(), /vrf definition gone/);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.doesNotMatch(config(), /vrf definition gone/);
  assert.match(device.log().join('\n'), /^Rollback Confirmed Change: Rolling to:flash:archive-/);
  run('configure terminal revert timer 100', 'vrf definition also-gone', 'end', 'configure revert now');
  assert.doesNotMatch(config(), /also-gone/);
  device.close();
});

test('writeMemory / copyRunStart / startupConfig / startupConfigAbsent: save to the state, show startup-config reads it back', () => {
  const { run, answer, last } = cli();
  assert.equal(run('show startup-config'), 'startup-config is not present\n');
  run(...TENANT);
  assert.doesNotMatch(run('show running-config'), /NVRAM config last updated/);
  assert.equal(run('write memory'), 'Building configuration...\n[OK]\n');
  assert.match(run('show running-config'), /\n! Last configuration change at .*\n! NVRAM config last updated at \d\d:\d\d:\d\d UTC .* by admin\n!\n/);
  run('copy running-config startup-config');
  assert.equal(last.reply?.question?.prompt, 'Destination filename [startup-config]? ');
  assert.equal(answer('').output, 'Building configuration...\n[OK]\n');
  const startup = run('show startup-config');
  assert.match(startup, /^Using (\d+) out of 33554432 bytes\n!\n! Last configuration change/);
  assert.match(startup, /ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant/);
});

test('saveFailed: an unwritable state file fails the save, nothing claims [OK]', () => {
  const { run } = cli(undefined, { statePath: '/nonexistent-dir/state.cfg' });
  assert.equal(run('write memory'), 'Building configuration...\n%Error writing nvram:startup-config (I/O error)\n');
  assert.doesNotMatch(run('show running-config'), /NVRAM config last updated/);
});

test('copyToFlash / copyToFlashDone / configureReplace: a saved file replaces the whole config', () => {
  const { run, answer, last, config } = cli();
  run('conf t', 'vrf definition base', 'end', 'copy running-config bootflash:base.cfg');
  assert.equal(last.reply?.question?.prompt, 'Destination filename [base.cfg]? ');
  assert.match(answer('').output, /^\d+ bytes copied in /);
  const strip = (t: string) => t.replace(/^(! Last configuration change|Current configuration).*$/gm, '');
  const base = strip(config());
  run(...TENANT, 'conf t', 'no vrf definition base', 'hostname other', 'end');
  assert.equal(run('configure replace bootflash:base.cfg force'), 'Total number of passes: 1\nRollback Done\n');
  assert.equal(strip(config()), base);
  assert.match(run('copy running-config nvram-ish'), /\^\n% Invalid input/);
});

test('configureReplaceQuestion: without force it asks; no keeps the config, y replaces it', () => {
  const { run, answer, last, config } = cli();
  run('copy running-config flash:empty.cfg');
  answer('');
  run(...TENANT);
  run('configure replace flash:empty.cfg');
  assert.match(last.reply?.question?.prompt ?? '', /Enter Y if you are sure you want to proceed\. \? \[no\]: $/);
  assert.equal(answer('').output, '');
  assert.match(config(), /vrf definition mytenant/);
  run('configure replace flash:empty.cfg');
  assert.match(answer('y').output, /Rollback Done/);
  assert.doesNotMatch(config(), /vrf definition mytenant/);
});

test('replaceFileMissing: no such file', () => {
  const { run } = cli();
  assert.equal(run('configure replace bootflash:nope.cfg force'), '%Error opening bootflash:nope.cfg (No such file or directory)\n');
});

test('configureReplace with a timer: needs archive; the timer reverts the replace unless confirmed', () => {
  const plain = cli();
  plain.run('copy running-config flash:x.cfg');
  plain.answer('');
  assert.equal(plain.run('configure replace flash:x.cfg force time 5'), '%Turn config archive on before using Rollback Confirmed Change\n');
  const { run, answer, config, device } = cli(ARCHIVE);
  run('copy running-config bootflash:plain.cfg');
  answer('');
  run(...TENANT);
  run('configure replace bootflash:plain.cfg force revert trigger error timer 5');
  assert.doesNotMatch(config(), /mytenant/);
  assert.match(run('show archive config rollback timer'), /Timer value: 5 min/);
  run('configure revert now');
  assert.match(config(), /vrf definition mytenant/, 'reverted to before the replace');
  // The revert timer's own archive copy is a file configure replace can use.
  run('configure terminal revert timer 5', 'end', 'configure confirm');
  const archived = device.state.archiveFiles.at(-1)!;
  run('conf t', 'no vrf definition mytenant', 'end');
  assert.match(run(`configure replace ${archived} force`), /Rollback Done/);
  assert.match(config(), /vrf definition mytenant/);
  device.close();
});

test('showVersion: an IOS XE 17 C8000V answer with what Ansible reads', () => {
  const { run } = cli();
  const out = run('show version');
  assert.match(out, /^Cisco IOS XE Software, Version 17\./);
  assert.match(out, /^edge1 uptime is /m);
  assert.match(out, /^cisco C8000V \(VXE\) processor \(revision/m);
  assert.match(out, /System image file is "bootflash:packages.conf"/);
});

test('showIpInterfaceBrief: interfaces with address, method, status', () => {
  const { run } = cli();
  run(...TENANT);
  const out = run('sh ip int br');
  assert.match(out, /^Interface {14}IP-Address {6}OK\? Method Status {16}Protocol\n/);
  assert.match(out, /^GigabitEthernet1 +203\.0\.113\.2 +YES manual up +up$/m);
  assert.match(out, /^GigabitEthernet2\.10 +192\.168\.1\.254 +YES manual up +up$/m);
  assert.match(out, /^GigabitEthernet3 +unassigned +YES unset +administratively down down$/m);
});

test('showVrf (basic): VRFs with RD, protocols and short interface names', () => {
  const { run } = cli();
  run(...TENANT);
  const out = run('show vrf');
  assert.match(out, /^ {2}Name {29}Default RD {12}Protocols {3}Interfaces\n/);
  assert.match(out, /^ {2}mytenant +<not set> +ipv4 +Gi2\.10$/m);
});

test('unrelated config from a real device is kept and printed back in place', corpusTestOptions(), () => {
  const text = readFileSync(join(corpusDir(), 'napalm-ios.cfg'), 'utf8');
  const { run, config } = cli(text);
  const before = config();
  for (const line of ['hostname CSR1', 'aaa authentication login default local', 'username cisco privilege 15 password 0 cisco', 'ip vrf MGMT', 'line vty 0 4']) {
    assert.ok(before.includes(`\n${line}\n`), `kept: ${line}`);
  }
  run(...TENANT.filter((l) => !/GigabitEthernet2\.10|dot1Q|vrf forwarding|192\.168\.1\.254|ip nat inside$|ip policy/.test(l)));
  assert.ok(config().includes('\nline vty 0 4\n'));
  assert.ok(config().indexOf('vrf definition mytenant') < config().indexOf('\ninterface '));
});

test('the model round-trips: loading its own print gives the same print', () => {
  const first = cli();
  first.run(...TENANT);
  const printed = first.config();
  const second = cli(printed);
  const strip = (t: string) => t.replace(/^! Last configuration change.*$/m, '').replace(/^Current configuration : \d+ bytes$/m, '');
  assert.equal(strip(second.config()), strip(printed));
});

test('every behaviour row has a test titled with its id', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const sources = [
    ...readdirSync(join(root, 'test/unit/lab')).filter((f) => f.endsWith('.test.ts')).map((f) => join(root, 'test/unit/lab', f)),
    ...readdirSync(join(root, 'test/integration')).filter((f) => /^lab-.*\.test\.ts$/.test(f)).map((f) => join(root, 'test/integration', f)),
  ].map((f) => readFileSync(f, 'utf8'));
  const titled = (id: string) => sources.some((s) => new RegExp(`test\\('[^']*\\b${id}\\b[^']*:`).test(s));
  const missing = Object.keys(behaviours).filter((id) => !titled(id));
  assert.deepEqual(missing, []);
});
