/**
 * Issue 3: parse + scope + plan of a large router. 2,000 tenants × 50 floating IPs plus unrelated
 * config (~140,000 running-config lines), intended differing by ~2% (floating IPs removed and added,
 * a tenant removed, a tenant added); the same at 1/10 and 1/100 size to show the scaling.
 * Each size runs in its own process (bench/iosxe-worker.mjs) so that its peak RSS (the kernel's
 * high-water mark) is its own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatMeasurement } from './measure.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKER = fileURLToPath(new URL('./iosxe-worker.mjs', import.meta.url));
const FIPS_PER_TENANT = 50;

interface Tenant {
  index: number;
  fips: number[];
}

const ip = (n: number) => `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
const name = (t: Tenant) => `tenant${t.index}`;
const net = (t: Tenant) => (10 << 24) | (100 << 16) | (t.index << 8); // 10.100+.x.0/24
const vlan = (t: Tenant) => 10 + t.index;

/** Our objects as the device prints them (device order: VRFs, interfaces, NAT, ACLs, route-maps). */
function ours(tenants: Tenant[]): { vrfs: string[]; interfaces: string[]; nat: string[]; acls: string[]; routeMaps: string[] } {
  const vrfs: string[] = [];
  const interfaces: string[] = [];
  const statics: string[] = [];
  const lists: string[] = [];
  const acls: string[] = [];
  for (const t of tenants) {
    vrfs.push(`vrf definition ${name(t)}`, ` description translator: ${name(t)}`, ' !', ' address-family ipv4', ' exit-address-family', '!');
    interfaces.push(
      `interface GigabitEthernet2.${vlan(t)}`,
      ` description translator: ${name(t)}`,
      ` encapsulation dot1Q ${vlan(t)}`,
      ` vrf forwarding ${name(t)}`,
      ` ip address ${ip(net(t) + 254)} 255.255.255.0`,
      ' ip nat inside',
      ' ip policy route-map TRANSLATOR-EGRESS',
      '!',
    );
    for (const f of t.fips) statics.push(`ip nat inside source static ${ip(net(t) + 1 + (f % 250))} ${ip((100 << 24) + f)} vrf ${name(t)}`);
    lists.push(`ip nat inside source list TRANSLATOR-NAT-${name(t)} interface GigabitEthernet1 vrf ${name(t)} overload`);
    acls.push(`ip access-list standard TRANSLATOR-NAT-${name(t)}`, ` 10 permit ${ip(net(t))} 0.0.0.255`);
  }
  return { vrfs, interfaces, nat: [...statics, ...lists], acls, routeMaps: ['route-map TRANSLATOR-EGRESS permit 10', ' set global', '!'] };
}

/** Unrelated config in proportion: management VRFs, physical ports, routes, ACLs, users, lines. */
function unrelated(scale: number) {
  const n = Math.max(1, Math.round(scale));
  const head = ['Building configuration...', '', 'Current configuration : 9999999 bytes', '!', '! Last configuration change at 10:00:00 UTC Mon Nov 2 2026', '!', 'version 17.9', 'hostname edge1', '!'];
  const vrfs = Array.from({ length: 5 * n }, (_, i) => [`vrf definition CUST-${i}`, ` rd 65000:${i}`, ' address-family ipv4', `  route-target export 65000:${i}`, `  route-target import 65000:${i}`, ' exit-address-family', '!']).flat();
  const interfaces = [
    'interface GigabitEthernet1', ' ip address 203.0.113.2 255.255.255.0', ' ip nat outside', ' negotiation auto', '!',
    'interface GigabitEthernet2', ' no ip address', ' negotiation auto', '!',
    ...Array.from({ length: 10 * n }, (_, i) => [`interface GigabitEthernet3.${i + 1}`, ` description customer ${i}`, ` encapsulation dot1Q ${i + 1}`, ` vrf forwarding CUST-${i % (5 * n)}`, ` ip address 172.${16 + (i >> 16)}.${(i >> 8) & 255}.${i & 255} 255.255.255.255`, ' no ip redirects', '!']).flat(),
  ];
  const routes = Array.from({ length: 100 * n }, (_, i) => `ip route vrf CUST-${i % (5 * n)} 10.${200 + (i >> 16)}.${(i >> 8) & 255}.${i & 255} 255.255.255.255 Null0`);
  const acls = Array.from({ length: 3 * n }, (_, i) => [`ip access-list extended EDGE-${i}`, ...Array.from({ length: 20 }, (_, j) => ` ${(j + 1) * 10} permit tcp any host 198.51.${i & 255}.${j} eq 443`), ' 999 deny   ip any any log']).flat();
  const tail = ['control-plane', '!', 'banner motd ^C', 'Authorised access only.', '^C', 'line vty 0 4', ' transport input ssh', '!', 'end'];
  return { head, vrfs, interfaces, routes, acls, tail };
}

function running(tenants: Tenant[], scale: number): string {
  const o = ours(tenants);
  const u = unrelated(scale);
  const interfaces = [...u.interfaces.slice(0, 9), ...o.interfaces, ...u.interfaces.slice(9)];
  return [...u.head, ...o.vrfs, ...u.vrfs, ...interfaces, ...o.nat, ...u.routes, ...o.acls, ...u.acls, ...o.routeMaps, ...u.tail].join('\n') + '\n';
}

function intended(tenants: Tenant[]): string {
  const o = ours(tenants);
  return [...o.vrfs, 'interface GigabitEthernet1', ' ip nat outside', '!', ...o.interfaces, ...o.nat, ...o.acls, ...o.routeMaps, 'end'].join('\n') + '\n';
}

/** ~2% of lines differ: one in 50 tenants swaps 50% of its floating IPs, a tenant goes, a tenant comes. */
export function inputs(tenantCount: number): { running: string; intended: string } {
  let next = 0;
  const tenants: Tenant[] = Array.from({ length: tenantCount }, (_, index) => ({ index, fips: Array.from({ length: FIPS_PER_TENANT }, () => next++) }));
  const changed = tenants.slice(1).map((t) => (t.index % 25 === 0 ? { ...t, fips: [...t.fips.slice(FIPS_PER_TENANT / 2), ...Array.from({ length: FIPS_PER_TENANT / 2 }, () => next++)] } : t));
  changed.push({ index: tenantCount, fips: Array.from({ length: FIPS_PER_TENANT }, () => next++) });
  return { running: running(tenants, tenantCount / 100), intended: intended(changed) };
}

/**
 * The engine to measure: the compiled one in dist/ (what users run; `npm run bench` builds it first),
 * unless it is missing or older than the sources, then the sources through tsx. Both give the same
 * times; the compiled one's process does not carry tsx's loader (~25 MB of RSS that is not the engine's).
 * BENCH_IOSXE_ENGINE=sources measures the sources anyway.
 */
function engine(): { args: string[]; dir: string; extension: string; label: string } {
  const compiled = join(ROOT, 'dist/iosxe');
  const sources = join(ROOT, 'src/iosxe');
  const newest = (dir: string, extension: string): number =>
    Math.max(...readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith(extension)).map((f) => statSync(join(dir, f)).mtimeMs));
  if (process.env.BENCH_IOSXE_ENGINE !== 'sources' && existsSync(join(compiled, 'plan.js')) && newest(compiled, '.js') >= newest(sources, '.ts')) {
    return { args: [], dir: compiled, extension: '.js', label: 'dist (compiled)' };
  }
  return { args: ['--import', 'tsx'], dir: sources, extension: '.ts', label: 'tsx (sources)' };
}

export async function benchIosxe(): Promise<void> {
  const measured = engine();
  console.log(`engine: ${measured.label}`);
  for (const tenants of [20, 200, 2000]) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-iosxe-'));
    try {
      const { running: r, intended: i } = inputs(tenants);
      writeFileSync(join(dir, 'running.cfg'), r);
      writeFileSync(join(dir, 'intended.cfg'), i);
      const child = spawnSync(process.execPath, ['--expose-gc', ...measured.args, WORKER, measured.dir, dir, measured.extension], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (child.status !== 0) throw new Error(`iosxe bench worker failed: ${child.stderr}`);
      const f = JSON.parse(child.stdout) as {
        ms: number;
        cpuMs: number;
        warm: number;
        warmCpu: number;
        commands: number;
        changes: number;
        peakRss: number;
        baseRss: number;
        heapUsed: number;
      };
      const lines = r.split('\n').length - 1;
      const mb = (bytes: number) => bytes / 2 ** 20;
      const label = `parse+scope+plan ${tenants}×${FIPS_PER_TENANT} (${lines} lines)`;
      console.log(formatMeasurement(label, { ms: f.ms, peakRssMb: mb(f.peakRss), heapUsedMb: mb(f.heapUsed) }));
      console.log(
        `${''.padEnd(44)} cold: ${f.cpuMs.toFixed(0)} ms CPU; warm: ${f.warm.toFixed(0)} ms, ${f.warmCpu.toFixed(0)} ms CPU; ` +
          `RSS over the loaded inputs ${mb(f.peakRss - f.baseRss).toFixed(0)} MB; ${f.commands} commands for ${f.changes} object changes`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
