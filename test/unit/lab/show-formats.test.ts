/**
 * The show commands real tools parse, checked line by line against the shapes of public raw
 * outputs of real devices: each regex below is one line type, written from the fixture cited
 * beside it (ntc-templates tests/cisco_ios/…/*.raw, genieparser iosxe tests, NAPALM mocks).
 * Every line the lab prints must be one of the known types — an invented line fails — and the
 * lines that carry the data must be there. Titles name the behaviours.ts rows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli, TENANT } from './engine-helpers.js';

/** Fails unless every line of `output` matches one of `shapes`; returns the lines. */
function assertShapes(output: string, shapes: Record<string, RegExp>): string[] {
  const lines = output.replace(/\n$/, '').split('\n');
  for (const line of lines) {
    const known = Object.values(shapes).some((re) => re.test(line));
    assert.ok(known, `a line of a shape no public output has: ${JSON.stringify(line)}`);
  }
  return lines;
}

const IP = String.raw`\d+\.\d+\.\d+\.\d+`;
const IFACE = String.raw`[A-Z][A-Za-z-]+\d+(\/\d+)*(\.\d+)?`;

/** The seed's tenant plus a second interface in the same VRF, a legacy VRF and the archive feature. */
function router() {
  const c = cli('hostname edge1\n!\narchive\n path bootflash:archive\n maximum 3\n!\ninterface GigabitEthernet1\n ip address 203.0.113.2 255.255.255.0\n!\ninterface GigabitEthernet2\n no ip address\n!\ninterface GigabitEthernet3\n no ip address\n shutdown\n!\nip route 0.0.0.0 0.0.0.0 203.0.113.1\n!\nend\n');
  c.run(...TENANT);
  c.run('conf t', 'interface gi2.11', 'encapsulation dot1Q 11', 'vrf forwarding mytenant', 'ip address 192.168.2.254 255.255.255.0', 'ip nat inside');
  c.run('ip vrf legacy', 'rd 65000:7', 'interface gi2.12', 'encapsulation dot1Q 12', 'ip vrf forwarding legacy', 'end');
  return c;
}

test('showVrf: one interface per line, continuation lines under the interfaces column (ntc show_vrf fixtures)', () => {
  const out = router().run('show vrf');
  // tests/cisco_ios/show_vrf/cisco_ios_show_vrf.raw and cisco_ios_show_vrf_no_interface.raw
  const lines = assertShapes(out, {
    header: /^ {2}Name {29}Default RD {12}Protocols {3}Interfaces$/,
    row: new RegExp(String.raw`^ {2}\S+ +(\d+:\d+|<not set>)( +ipv4(,ipv6)?( +\S+)?)?$`),
    continuation: /^ {69}\S+$/,
  });
  assert.deepEqual(lines.slice(1), [
    `  ${'mytenant'.padEnd(32)} ${'<not set>'.padEnd(21)} ${'ipv4'.padEnd(11)} Gi2.10`,
    `${' '.repeat(69)}Gi2.11`,
    `  ${'legacy'.padEnd(32)} ${'65000:7'.padEnd(21)} ${'ipv4'.padEnd(11)} Gi2.12`,
  ]);
});

test('showVrfDetail: `show vrf detail` is the detail, not a VRF named detail (ntc show_vrf_detail, genieparser ShowVrfDetail)', () => {
  const { run } = router();
  const out = run('show vrf detail');
  assertShapes(out, {
    // tests/cisco_ios/show_vrf_detail/cisco_ios_show_vrf_detail.raw; genieparser ShowVrfDetail golden_output_output.txt
    vrf: new RegExp(String.raw`^VRF \S+ \(VRF Id = \d+\); default RD (\d+:\d+|<not set>); default VPNID <not set>$`),
    format: /^ {2}(New CLI format, supports multiple address-families|Old CLI format, supports IPv4 only)$/,
    description: /^ {2}Description: .+$/,
    flags: /^ {2}Flags: 0x[0-9A-F]+$/,
    interfaces: /^ {2}(Interfaces:|No interfaces)$/,
    iface: /^ {4}\S+ *$/,
    af: /^Address family (ipv4|ipv6) (unicast|multicast)( \(Table ID = 0x[0-9A-F]+\):| not active)$/,
    rt: /^ {2}(No )?(Export|Import) VPN route-target communities$/,
    rtValue: /^ {4}RT:\d+:\d+ *$/,
    maps: /^ {2}No (import|global export|export) route-map$/,
    label: /^ {2}VRF label (distribution protocol: not configured|allocation mode: per-prefix)$/,
    blank: /^$/,
  });
  assert.match(out, /^VRF legacy \(VRF Id = 2\); default RD 65000:7; default VPNID <not set>\n {2}Old CLI format, supports IPv4 only\n/m);
  assert.match(out, /^ {2}Interfaces:\n {4}Gi2\.10 +\n {4}Gi2\.11 +\n/m);
  assert.equal(run('show vrf detail legacy').split('\n')[0], 'VRF legacy (VRF Id = 2); default RD 65000:7; default VPNID <not set>');
});

test('showArchive / archiveFileNames: count line, names `<path>-<n>` without a time unless the path has $t (ntc show_archive_filelist)', () => {
  const { run, device } = router();
  run('configure terminal revert timer 5', 'end', 'configure confirm');
  const out = run('show archive');
  // tests/cisco_ios/show_archive/cisco_ios_show_archive_filelist.raw
  assertShapes(out, {
    max: /^The maximum archive configurations allowed is \d+\.$/,
    count: /^There are currently \d+ archive configurations saved\.$/,
    next: /^The next archive file will be named \S+$/,
    head: /^ Archive # {2}Name$/,
    slot: /^ {3}\d+( +\S+( <- Most Recent)?)?$/,
  });
  assert.match(out, /^There are currently 1 archive configurations saved\.\nThe next archive file will be named bootflash:archive-1\n Archive # {2}Name\n {3}1 {8}bootflash:archive-0 <- Most Recent\n {3}2\n {3}3\n$/m);
  run('conf t', 'archive', 'path bootflash:$h-$t', 'end', 'configure terminal revert timer 5', 'end', 'configure confirm');
  assert.match(device.state.archiveFiles.at(-1)!, /^bootflash:edge1-[A-Z][a-z]{2}-[-\d]\d-\d\d-\d\d-\d\d\.\d{3}-UTC-1$/);
  device.close();
});

test('showInterfaces: status, hardware, address, MTU and encapsulation lines of IOS XE (genieparser csr1000v, ntc sub-interfaces)', () => {
  const { run } = router();
  const out = run('show interfaces');
  const lines = assertShapes(out, {
    // genieparser ShowInterfaces golden_interface_output_3_output.txt (csr1000v)
    status: new RegExp(String.raw`^${IFACE} is (up|down|administratively down), line protocol is (up|down) $`),
    hardware: /^ {2}Hardware is CSR vNIC, address is [0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4} \(bia [0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}\)$/,
    description: /^ {2}Description: .+$/,
    address: new RegExp(String.raw`^ {2}Internet address is ${IP}/\d+$`),
    mtu: /^ {2}MTU 1500 bytes, BW \d+ Kbit\/sec, DLY \d+ usec, $/,
    reliability: /^ {5}reliability 255\/255, txload 1\/255, rxload 1\/255$/,
    // ntc tests/cisco_ios/show_interfaces/cisco_ios_show_interfaces3.raw (sub-interfaces)
    dot1q: /^ {2}Encapsulation 802\.1Q Virtual LAN, Vlan ID {2}\d+\.$/,
    arpa: /^ {2}Encapsulation ARPA, loopback not set$/,
    keepalive: /^ {2}Keepalive set \(10 sec\)$/,
    duplex: /^ {2}Full Duplex, 1000Mbps, link type is auto, media type is Virtual$/,
    flow: /^ {2}output flow-control is unsupported, input flow-control is unsupported$/,
    arp: /^ {2}ARP type: ARPA, ARP Timeout 04:00:00$/,
    last: /^ {2}(Last input never, output never, output hang never|Last clearing of "show interface" counters never)$/,
    queues: /^ {2}(Input queue: .*|Queueing strategy: fifo|Output queue: 0\/40 \(size\/max\)|5 minute (input|output) rate 0 bits\/sec, 0 packets\/sec)$/,
    counters: /^ {5}(\d+ .*|Received 0 broadcasts \(0 IP multicasts\))$/,
  });
  assert.ok(lines.includes('GigabitEthernet3 is administratively down, line protocol is down '));
  assert.match(out, /^GigabitEthernet2\.11 is up, line protocol is up \n {2}Hardware is CSR vNIC.*\n {2}Internet address is 192\.168\.2\.254\/24\n/m);
  assert.match(out, /^ {2}Encapsulation 802\.1Q Virtual LAN, Vlan ID {2}10\.$/m);
  assert.match(run('show interfaces gi2.99'), /\^\n% Invalid input/);
});

test('showIpInterface: addresses, VRF, policy routing and NAT per interface (ntc show_ip_interface)', () => {
  const { run } = router();
  const out = run('show ip interface');
  assertShapes(out, {
    // tests/cisco_ios/show_ip_interface/*.raw
    status: new RegExp(String.raw`^${IFACE} is (up|down|administratively down), line protocol is (up|down)$`),
    disabled: /^ {2}Internet protocol processing disabled$/,
    address: new RegExp(String.raw`^ {2}Internet address is ${IP}/\d+$`),
    fixed: /^ {2}(Broadcast address is 255\.255\.255\.255|Address determined by non-volatile memory|MTU is 1500 bytes|Helper address is not set|Directed broadcast forwarding is disabled|Outgoing Common access list is not set|Outgoing access list is not set|Inbound Common access list is not set|Inbound {2}access list is not set|Proxy ARP is enabled)$/,
    vrf: /^ {2}VPN Routing\/Forwarding "\S+"$/,
    policy: /^ {2}Policy routing is (disabled|enabled, using route map \S+)$/,
    nat: /^ {2}Network address translation is (disabled|enabled, interface in domain (inside|outside))$/,
  });
  assert.match(run('show ip interface gi2.10'), /VPN Routing\/Forwarding "mytenant"\n {2}Policy routing is enabled, using route map TRANSLATOR-EGRESS\n {2}Network address translation is enabled, interface in domain inside\n$/);
});

test('showIpv6Interface: nothing when no interface has IPv6', () => {
  const { run } = router();
  assert.equal(run('show ipv6 interface'), '');
  assert.equal(run('show ipv6 interface brief'), '');
});

test('showAccessLists: headers, four-space entries, wildcard bits, padded standard deny, no remarks (ntc show_access-list, show_ip_access-lists)', () => {
  const { run } = router();
  run('conf t', 'ip access-list standard S', 'remark not shown', 'permit 10.0.0.0 0.255.255.255', 'permit host 10.1.1.1', 'deny any');
  run('ip access-list extended E', 'permit ip 192.168.1.0 0.0.0.255 any', 'deny tcp host 10.1.1.1 any eq 80', 'end');
  const out = run('show access-lists');
  // tests/cisco_ios/show_access-list/cisco_ios_show_access-list.raw; show_ip_access-lists/cisco_ios_show_ip_access-lists.raw
  assertShapes(out, {
    header: /^(Standard|Extended) IP access list \S+$/,
    standard: new RegExp(String.raw`^ {4}\d+ (permit|deny  ) (${IP}(, wildcard bits ${IP})?|any)$`),
    extended: new RegExp(String.raw`^ {4}\d+ (permit|deny) (ip|tcp|udp|icmp) .+$`),
  });
  assert.match(out, /^Standard IP access list S\n {4}10 permit 10\.0\.0\.0, wildcard bits 0\.255\.255\.255\n {4}20 permit 10\.1\.1\.1\n {4}30 deny {3}any\n/m);
  assert.match(out, /^Extended IP access list E\n {4}10 permit ip 192\.168\.1\.0 0\.0\.0\.255 any\n {4}20 deny tcp host 10\.1\.1\.1 any eq 80\n/m);
  assert.equal(run('show ip access-lists S'), run('show access-list S'), 'Ansible abbreviates it to `show access-list`');
  assert.equal(run('show ip access-lists NOPE'), '');
});

test('dirFlash: the listing Ansible reads file systems from (ntc dir fixture)', () => {
  const { run, answer } = router();
  run('copy running-config bootflash:base.cfg');
  answer('');
  const out = run('dir');
  // tests/cisco_ios/dir/cisco_ios_dir.raw
  assertShapes(out, {
    head: /^Directory of bootflash:\/$/,
    blank: /^$/,
    file: /^ {0,5}\d+ {2}(drwx|-rw-) +\d+ {2}( [A-Z][a-z]{2} \d|[A-Z][a-z]{2} \d\d) \d{4} \d\d:\d\d:\d\d \+00:00 {2}\S+$/,
    total: /^\d+ bytes total \(\d+ bytes free\)$/,
  });
  assert.match(out, /-rw- +\d+ .* base\.cfg$/m);
  assert.equal(run('dir flash:'), out);
  assert.match(run('dir nvram:'), /\^\n% Invalid input/);
});

test('showIpNatStatistics: counts, interfaces, one line per dynamic mapping (genieparser ShowIpNatStatistics)', () => {
  const { run, device } = router();
  device.markInUse('dynamic', 'TRANSLATOR-mytenant');
  const out = run('show ip nat statistics');
  // genieparser ShowIpNatStatistics golden_output_1_output.txt, golden_output_5_output.txt
  assertShapes(out, {
    total: /^Total active translations: \d+ \(\d+ static, \d+ dynamic; \d+ extended\)$/,
    sides: /^(Outside interfaces:|Inside interfaces: )$/,
    ifaces: new RegExp(String.raw`^${IFACE}(, ${IFACE}){0,2}$`),
    hits: /^Hits: \d+ {2}Misses: \d+$/,
    expired: /^Expired translations: \d+$/,
    dynamic: /^(Dynamic mappings:|-- Inside Source)$/,
    mapping: /^\[Id: \d+\] access-list \S+ interface \S+( vrf \S+)? refcount \d+$/,
    tail: /^(nat-limit statistics:|max entry: max allowed 0, used 0, missed 0|In-to-out drops: 0 {2}Out-to-in drops: 0|Pool stats drop: 0 {2}Mapping stats drop: 0|Port block alloc fail: 0|IP alias add fail: 0|Limit entry add fail: 0)$/,
  });
  assert.match(out, /^Total active translations: 2 \(1 static, 1 dynamic; 1 extended\)\nOutside interfaces:\nGigabitEthernet1\nInside interfaces: \nGigabitEthernet2\.10, GigabitEthernet2\.11\n/);
  assert.match(out, /^\[Id: 1\] access-list TRANSLATOR-mytenant interface GigabitEthernet1 vrf mytenant refcount 1$/m);
});

test('showClock / showInventory / showMemoryStatistics: what Ansible ios_facts and ntc-templates read', () => {
  const { run } = router();
  // tests/cisco_ios/show_clock/cisco_ios_show_clock.raw
  assert.match(run('show clock'), /^\*\d\d:\d\d:\d\d\.\d{3} UTC (Sun|Mon|Tue|Wed|Thu|Fri|Sat) [A-Z][a-z]{2} \d{1,2} \d{4}\n$/);
  // tests/cisco_ios/show_inventory/cisco_ios_show_inventory.raw
  assertShapes(run('show inventory'), {
    name: /^NAME: "[^"]+", DESCR: "[^"]+"$/,
    pid: /^PID: \S* *, VID: \S* *, SN:( \S+)?$/,
    blank: /^$/,
  });
  assert.match(run('show inventory'), /^NAME: "Chassis", DESCR: "Cisco C8000V Chassis"\nPID: C8000V +, VID: V00 +, SN: \S+$/m);
  // genieparser ShowMemoryStatistics golden_output_output.txt; Ansible reads the Processor line
  assert.match(run('show memory statistics'), /^Processor +[0-9A-F]+ +\d+ +\d+ +\d+ +\d+ +\d+$/m);
});

test('showIpRoute / showIpRouteVrfMissing: codes, gateway, grouped connected/local/static routes; a VRF table (genieparser ShowIpRoute, ntc show_ip_route_vrf)', () => {
  const { run } = router();
  const route = {
    // genieparser ShowIpRoute golden_output7_output.txt (IOS XE 17 codes)
    codes: /^(Codes: L - local, .*| {7}\S.*)$/,
    blank: /^$/,
    table: /^Routing Table: \S+$/,
    gateway: new RegExp(String.raw`^Gateway of last resort is (not set|${IP} to network 0\.0\.0\.0)$`),
    top: new RegExp(String.raw`^S\* {4}0\.0\.0\.0/0 \[1/0\] via ${IP}$`),
    group: new RegExp(String.raw`^ {6}${IP}/\d+ is (variably subnetted, \d+ subnets, \d+ masks|subnetted, \d+ subnets)$`),
    entry: new RegExp(String.raw`^[CLS] {8}${IP}(/\d+)? (is directly connected, ${IFACE}|\[\d+/0\] via ${IP})$`),
  };
  const global = run('show ip route');
  assertShapes(global, route);
  assert.match(global, /\nGateway of last resort is 203\.0\.113\.1 to network 0\.0\.0\.0\n\nS\* {4}0\.0\.0\.0\/0 \[1\/0\] via 203\.0\.113\.1\n {6}203\.0\.113\.0\/24 is variably subnetted, 2 subnets, 2 masks\nC {8}203\.0\.113\.0\/24 is directly connected, GigabitEthernet1\nL {8}203\.0\.113\.2\/32 is directly connected, GigabitEthernet1\n$/);
  const vrf = run('show ip route vrf mytenant');
  assertShapes(vrf, route);
  assert.match(vrf, /^\nRouting Table: mytenant\nCodes:/);
  assert.match(vrf, / {6}192\.168\.1\.0\/24 is variably subnetted, 2 subnets, 2 masks\nC {8}192\.168\.1\.0\/24 is directly connected, GigabitEthernet2\.10\nL {8}192\.168\.1\.254\/32 is directly connected, GigabitEthernet2\.10\n/);
  assert.doesNotMatch(vrf, /203\.0\.113/);
  assert.equal(run('show ip route vrf nope'), '% IP routing table nope does not exist\n');
});

test('cdpDisabled / lldpDisabled: the answers Ansible checks before asking for neighbours', () => {
  const { run } = router();
  assert.equal(run('show cdp'), '% CDP is not enabled\n');
  assert.equal(run('show cdp neighbors detail'), '% CDP is not enabled\n');
  assert.equal(run('show lldp'), '% LLDP is not enabled\n');
});
