/**
 * `show interfaces`, `show ip interface [brief]`, `show ipv6 interface`: the line shapes of real
 * IOS XE outputs (behaviours showInterfaces, showIpInterface, showIpInterfaceBrief,
 * showIpv6Interface); counters are zero, MAC addresses made up but stable.
 */
import { say } from '../behaviours.js';
import { compareInterfaceNames, parseInterfaceName } from '../../iosxe/interface-names.js';
import { maskLength } from './config-helpers.js';
import type { DeviceState } from './context.js';
import type { ConfigModel, Interface } from './model.js';

const lines = (rows: string[]) => rows.map((l) => `${l}\n`).join('');

function sorted(m: ConfigModel): Interface[] {
  return [...m.interfaces].sort((a, b) => compareInterfaceNames(a.name, b.name));
}

/** Administrative and line state: a sub-interface of a shut port is down, not administratively down. */
function status(i: Interface, m: ConfigModel): { admin: string; line: 'up' | 'down' } {
  if (i.shutdown) return { admin: 'administratively down', line: 'down' };
  const parent = parseInterfaceName(i.name)?.parent;
  if (parent && m.interfaces.find((p) => p.name === parent)?.shutdown) return { admin: 'down', line: 'down' };
  return { admin: 'up', line: 'up' };
}

const statusLine = (i: Interface, m: ConfigModel) => {
  const s = status(i, m);
  return `${i.name} is ${s.admin}, line protocol is ${s.line} `;
};

/** `A/len` of a static address; DHCP addresses are not known to the lab. */
function prefix(address: string | undefined): string | undefined {
  if (address === undefined || address === 'dhcp') return undefined;
  const [ip, mask] = address.split(' ');
  return `${ip}/${maskLength(mask!)}`;
}

/** A stable MAC per port (sub-interfaces share their parent's, as on IOS). */
function macOf(i: Interface, m: ConfigModel): string {
  const parent = parseInterfaceName(i.name)?.parent ?? i.name;
  const index = sorted(m).findIndex((x) => x.name === parent) + 1;
  return `0050.56bf.${index.toString(16).padStart(4, '0')}`;
}

function hardware(i: Interface, m: ConfigModel): string[] {
  const parsed = parseInterfaceName(i.name);
  if (parsed?.type === 'Loopback') {
    return ['  Hardware is Loopback', '  MTU 1514 bytes, BW 8000000 Kbit/sec, DLY 5000 usec, ', '     reliability 255/255, txload 1/255, rxload 1/255', '  Encapsulation LOOPBACK, loopback not set'];
  }
  const mac = macOf(i, m);
  const head = [`  Hardware is CSR vNIC, address is ${mac} (bia ${mac})`];
  const mtu = ['  MTU 1500 bytes, BW 1000000 Kbit/sec, DLY 10 usec, ', '     reliability 255/255, txload 1/255, rxload 1/255'];
  if (parsed?.parent) return [...head, ...mtu, `  Encapsulation 802.1Q Virtual LAN, Vlan ID  ${i.vlan ?? 1}.`];
  return [
    ...head,
    ...mtu,
    '  Encapsulation ARPA, loopback not set',
    '  Keepalive set (10 sec)',
    '  Full Duplex, 1000Mbps, link type is auto, media type is Virtual',
    '  output flow-control is unsupported, input flow-control is unsupported',
  ];
}

const COUNTERS = [
  '  Input queue: 0/375/0/0 (size/max/drops/flushes); Total output drops: 0',
  '  Queueing strategy: fifo',
  '  Output queue: 0/40 (size/max)',
  '  5 minute input rate 0 bits/sec, 0 packets/sec',
  '  5 minute output rate 0 bits/sec, 0 packets/sec',
  '     0 packets input, 0 bytes, 0 no buffer',
  '     Received 0 broadcasts (0 IP multicasts)',
  '     0 runts, 0 giants, 0 throttles ',
  '     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored',
  '     0 watchdog, 0 multicast, 0 pause input',
  '     0 packets output, 0 bytes, 0 underruns',
  '     0 output errors, 0 collisions, 0 interface resets',
  '     0 unknown protocol drops',
  '     0 babbles, 0 late collision, 0 deferred',
  '     0 lost carrier, 0 no carrier, 0 pause output',
  '     0 output buffer failures, 0 output buffers swapped out',
];

function interfaceBlock(i: Interface, m: ConfigModel): string[] {
  const rows = [statusLine(i, m)];
  const hw = hardware(i, m);
  rows.push(hw[0]!);
  if (i.description !== undefined) rows.push(`  Description: ${i.description}`);
  const p = prefix(i.address);
  if (p) rows.push(`  Internet address is ${p}`);
  rows.push(...hw.slice(1), '  ARP type: ARPA, ARP Timeout 04:00:00');
  if (parseInterfaceName(i.name)?.parent) return [...rows, '  Keepalive set (10 sec)', '  Last clearing of "show interface" counters never'];
  return [...rows, '  Last input never, output never, output hang never', '  Last clearing of "show interface" counters never', ...COUNTERS];
}

/** `show interfaces [NAME]`; undefined when the named interface does not exist. */
export function showInterfaces(device: DeviceState, only?: string): string | undefined {
  const m = device.model;
  const chosen = sorted(m).filter((i) => only === undefined || i.name === only);
  if (only !== undefined && chosen.length === 0) return undefined;
  return lines(chosen.flatMap((i) => interfaceBlock(i, m)));
}

/** `show ip interface [NAME]`: the addressing, VRF, policy-routing and NAT lines of each interface. */
export function showIpInterface(device: DeviceState, only?: string): string | undefined {
  const m = device.model;
  const chosen = sorted(m).filter((i) => only === undefined || i.name === only);
  if (only !== undefined && chosen.length === 0) return undefined;
  return lines(
    chosen.flatMap((i) => {
      const p = prefix(i.address);
      const head = [statusLine(i, m).trimEnd()];
      if (!p && i.address !== 'dhcp') return [...head, '  Internet protocol processing disabled'];
      return [
        ...head,
        p ? `  Internet address is ${p}` : '  Internet address will be negotiated using DHCP',
        '  Broadcast address is 255.255.255.255',
        `  Address determined by ${i.address === 'dhcp' ? 'DHCP' : 'non-volatile memory'}`,
        '  MTU is 1500 bytes',
        '  Helper address is not set',
        '  Directed broadcast forwarding is disabled',
        '  Outgoing Common access list is not set',
        '  Outgoing access list is not set',
        '  Inbound Common access list is not set',
        '  Inbound  access list is not set',
        '  Proxy ARP is enabled',
        ...(i.vrf !== undefined ? [`  VPN Routing/Forwarding "${i.vrf}"`] : []),
        i.policy !== undefined ? `  Policy routing is enabled, using route map ${i.policy}` : '  Policy routing is disabled',
        i.nat ? `  Network address translation is enabled, interface in domain ${i.nat}` : '  Network address translation is disabled',
      ];
    }),
  );
}

/** `show ip interface brief`. */
export function showIpInterfaceBrief(device: DeviceState): string {
  const m = device.model;
  const row = (a: string, b: string, c: string, d: string, e: string, f: string) => `${a.padEnd(22)} ${b.padEnd(15)} ${c.padEnd(3)} ${d.padEnd(6)} ${e.padEnd(21)} ${f}`;
  const rows = [say('showIpInterfaceBrief')];
  for (const i of sorted(m)) {
    const address = i.address === undefined ? 'unassigned' : i.address.split(' ')[0]!;
    const method = i.address === undefined ? 'unset' : i.address === 'dhcp' ? 'DHCP' : 'manual';
    const s = status(i, m);
    rows.push(row(i.name, address, 'YES', method, s.admin, s.line));
  }
  return lines(rows);
}
