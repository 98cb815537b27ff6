/**
 * Test worlds: tenants and floating IPs rendered the way templates/iosxe renders them, unrelated
 * device config around them, and a seeded generator of random pairs (running world → intended world).
 */
export interface TenantSpec {
  vrf: string;
  vlan: number;
  /** Third octet of 192.168.X.0/24 (gateway .254). */
  net: number;
  /** Floating IPs: local host number → global address. */
  fips: [number, string][];
}

export interface World {
  tenants: TenantSpec[];
}

export const OPTIONS = { marker: 'translator:', prefix: 'TRANSLATOR-', inside: 'GigabitEthernet2', outside: 'GigabitEthernet1', adopt: [] as string[] };

export function renderIntended(world: World, egress = true): string {
  const t = [...world.tenants].sort((a, b) => (a.vrf < b.vrf ? -1 : 1));
  const out: string[] = [];
  for (const x of t) out.push(`vrf definition ${x.vrf}`, ` description translator: ${x.vrf}`, ' !', ' address-family ipv4', ' exit-address-family', '!');
  if (t.length) out.push('interface GigabitEthernet1', ' ip nat outside', '!');
  for (const x of [...t].sort((a, b) => a.vlan - b.vlan)) {
    out.push(
      `interface GigabitEthernet2.${x.vlan}`,
      ` description translator: ${x.vrf}`,
      ` encapsulation dot1Q ${x.vlan}`,
      ` vrf forwarding ${x.vrf}`,
      ` ip address 192.168.${x.net}.254 255.255.255.0`,
      ' ip nat inside',
      ...(egress ? [' ip policy route-map TRANSLATOR-EGRESS'] : []),
      '!',
    );
  }
  for (const x of t) for (const [local, global] of [...x.fips].sort((a, b) => a[0] - b[0])) out.push(`ip nat inside source static 192.168.${x.net}.${local} ${global} vrf ${x.vrf}`);
  for (const x of t) out.push(`ip nat inside source list TRANSLATOR-NAT-${x.vrf} interface GigabitEthernet1 vrf ${x.vrf} overload`);
  if (t.length) out.push('!');
  for (const x of t) out.push(`ip access-list standard TRANSLATOR-NAT-${x.vrf}`, ` 10 permit 192.168.${x.net}.0 0.0.0.255`, '!');
  if (egress && t.length) out.push('route-map TRANSLATOR-EGRESS permit 10', ' set global', '!');
  out.push('end');
  return out.join('\n') + '\n';
}

/** Device config that is not ours, including look-alikes of every owned kind. */
function unrelatedConfig(n: number): { head: string; middle: string; tail: string } {
  const head = [
    'Building configuration...',
    '',
    'Current configuration : 9999 bytes',
    '!',
    '! Last configuration change at 10:00:00 UTC Mon Nov 2 2026 by admin',
    '!',
    'version 17.9',
    'hostname edge1',
    '!',
    'vrf definition Mgmt-intf',
    ' !',
    ' address-family ipv4',
    ' exit-address-family',
    '!',
    ...Array.from({ length: n }, (_, i) => [`vrf definition HAND-${i}`, ` description hand-made ${i}`, ` rd 65000:${i}`, ' !', ' address-family ipv4', ' exit-address-family', '!']).flat(),
    'interface GigabitEthernet1',
    ' description uplink',
    ' ip address 203.0.113.2 255.255.255.0',
    ' negotiation auto',
    '!',
    'interface GigabitEthernet2',
    ' no ip address',
    ' negotiation auto',
    '!',
    ...Array.from({ length: n }, (_, i) => [`interface GigabitEthernet2.${3000 + i}`, ` description not ours ${i}`, ` encapsulation dot1Q ${3000 + i}`, ` vrf forwarding HAND-${i}`, ` ip address 172.20.${i}.1 255.255.255.0`, '!']).flat(),
    'interface GigabitEthernet3',
    ' description translator: looks like ours but is not a sub-interface of INSIDE',
    ' ip address 198.51.100.1 255.255.255.0',
    '!',
  ].join('\n');
  const middle = [
    ...Array.from({ length: n }, (_, i) => `ip nat inside source static 172.16.${i >> 8}.${i & 255} 198.51.${100 + (i >> 8)}.${i & 255}`),
    ...Array.from({ length: n }, (_, i) => `ip nat inside source static 172.21.${i >> 8}.${i & 255} 198.18.${i >> 8}.${i & 255} vrf HAND-${i}`),
    'ip route 0.0.0.0 0.0.0.0 203.0.113.1',
  ].join('\n');
  const tail = [
    'ip access-list standard MGMT',
    ' 10 permit 10.0.0.0 0.255.255.255',
    ' 20 deny   any',
    ...Array.from({ length: n }, (_, i) => [`ip access-list extended OTHER-${i}`, ` 10 permit tcp any host 10.9.${i >> 8}.${i & 255} eq 443`, ` 20 deny   ip any any log`]).flat(),
    'route-map OTHER permit 10',
    ' set global',
    '!',
    'line vty 0 4',
    ' login local',
    ' transport input ssh',
    '!',
    'end',
  ].join('\n');
  return { head, middle, tail };
}

/** A running-config: unrelated config with our world in the places the device prints it. */
export function renderRunning(world: World, unrelated = 3, egress = true): string {
  const ours = renderIntended(world, egress).replace(/\nend\n$/, '\n').replace('interface GigabitEthernet1\n ip nat outside\n!\n', '');
  const { head, middle, tail } = unrelatedConfig(unrelated);
  // The outside interface is one block on the device: its other lines are not ours.
  const withOutside = world.tenants.length ? head.replace(' ip address 203.0.113.2 255.255.255.0', ' ip address 203.0.113.2 255.255.255.0\n ip nat outside') : head;
  return `${withOutside}\n${ours}${middle}\n${tail}\n`;
}

/**
 * Hand-made drift on our own objects, as an operator might leave it: an extra line, a changed
 * description that keeps the marker, a missing line, an extra ACL entry. The plan must undo each.
 */
export function drift(rand: () => number, running: string): string {
  const edits: [RegExp, string][] = [
    [/(\ninterface GigabitEthernet2\.\d+\n description translator: \S+)/, '$1\n shutdown'],
    [/(\ninterface GigabitEthernet2\.\d+\n description translator: \S+)/, '$1 (edited by hand)'],
    [/\n ip policy route-map TRANSLATOR-EGRESS/, ''],
    [/(\nip access-list standard TRANSLATOR-NAT-\S+\n 10 permit [^\n]+)/, '$1\n 20 deny   any'],
    [/(\nvrf definition t\d+\n description translator: \S+)/, '$1 (renamed by hand)'],
  ];
  let out = running;
  for (const [pattern, replacement] of edits) if (rand() < 0.15) out = out.replace(pattern, replacement);
  return out;
}

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomWorld(rand: () => number, size: number): World {
  const tenants: TenantSpec[] = [];
  const vlans = shuffle(rand, Array.from({ length: 40 }, (_, i) => 10 + i));
  const nets = shuffle(rand, Array.from({ length: 40 }, (_, i) => i + 1));
  let g = 0;
  for (let i = 0; i < size; i++) {
    const fips: [number, string][] = [];
    for (const local of shuffle(rand, [1, 2, 3, 4, 5, 6]).slice(0, Math.floor(rand() * 4))) fips.push([local, `10.0.${i}.${++g}`]);
    tenants.push({ vrf: `t${i}`, vlan: vlans[i]!, net: nets[i]!, fips });
  }
  return { tenants };
}

/** The intended world: the running one with random tenant and floating-IP changes. */
export function mutateWorld(rand: () => number, world: World): World {
  const tenants = world.tenants.map((t) => ({ ...t, fips: t.fips.map((f) => [...f] as [number, string]) }));
  const usedVlans = () => new Set(tenants.map((t) => t.vlan));
  const usedNets = () => new Set(tenants.map((t) => t.net));
  const free = (used: Set<number>, from: number) => {
    let x = from;
    while (used.has(x)) x++;
    return x;
  };
  let g = 200;
  const changes = 1 + Math.floor(rand() * 4);
  for (let c = 0; c < changes; c++) {
    const t = tenants[Math.floor(rand() * tenants.length)];
    const r = rand();
    if (!t || r < 0.12) {
      tenants.push({ vrf: `n${c}x${Math.floor(rand() * 1000)}`, vlan: free(usedVlans(), 100), net: free(usedNets(), 100), fips: [[1, `10.1.${c}.${++g}`]] });
    } else if (r < 0.22) tenants.splice(tenants.indexOf(t), 1);
    else if (r < 0.32) t.vlan = free(usedVlans(), 60 + Math.floor(rand() * 20));
    else if (r < 0.4) t.net = free(usedNets(), 60 + Math.floor(rand() * 20));
    else if (r < 0.5) t.vrf = `${t.vrf}m`; // VRF move: same sub-interface, new VRF
    else if (r < 0.6 && tenants.length > 1) {
      // Two tenants swap VLANs (sub-interfaces change VRF both ways).
      const u = tenants.find((x) => x !== t)!;
      [t.vlan, u.vlan] = [u.vlan, t.vlan];
    } else if (r < 0.75) t.fips.push([free(new Set(t.fips.map((f) => f[0])), 7), `10.2.${c}.${++g}`]);
    else if (r < 0.85) t.fips.splice(0, 1);
    else if (r < 0.92 && t.fips[0]) t.fips[0][0] = free(new Set(t.fips.map((f) => f[0])), 9); // same global, new local
    else if (t.fips[0]) t.fips[0][1] = `10.3.${c}.${++g}`; // same local, new global
  }
  return { tenants };
}

function shuffle<T>(rand: () => number, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
