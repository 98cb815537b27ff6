/**
 * A synthetic status-page snapshot: `routers` routers, each with `floatingIps` floating IPs over
 * tenants of up to 250 hosts, 30 deploys with their commands, 100 history points and a few
 * rejections. Used by the status-page benchmark and the page handler's unit test.
 */
import { deploySummary, routerState, type RouterStatus } from '../src/documents/status.js';
import type { DeployRecord } from '../src/deploy/record.js';
import type { DeployRow, FloatingIpRow, HistoryPoint, RejectionRow, RouterDetail, Snapshot, TenantRow } from '../src/web/model.js';

const sha = (n: number) => n.toString(16).padStart(40, '0');
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1) + minutes * 60_000).toISOString();

function deployRecord(router: string, i: number): DeployRecord {
  const commands = Array.from({ length: 1 + (i % 12) }, (_, k) => `ip nat inside source static 192.168.${i % 250}.${k + 1} 10.${i % 250}.0.${k + 1} vrf t${i % 40}`);
  return {
    id: `20261101T${String(i).padStart(6, '0')}Z-${router}-abc123`, router, kind: 'deploy', ref: 'main', commit: sha(i + 1), previousLive: i ? sha(i) : null,
    started: at(i * 90), ended: at(i * 90 + 1), actor: { kind: 'ci', name: 'ci@runner' }, result: i % 9 === 4 ? 'reverted' : 'success', state: 'new',
    message: 'deployed', commands, rollback: [], failedLines: [], revertTimerMinutes: 5, saved: true, backupBlob: null, summary: { add: commands.length, change: 0, remove: 0 },
  };
}

export function syntheticSnapshot(routers: number, floatingIps: number): Snapshot {
  const details = new Map<string, RouterDetail>();
  for (let r = 0; r < routers; r++) {
    const router = `edge${r + 1}`;
    const tenantCount = Math.max(1, Math.ceil(floatingIps / 250));
    const tenants: TenantRow[] = Array.from({ length: tenantCount }, (_, t) => ({
      vrf: `tenant${t}`, vlan: 10 + t, subnet: `172.${16 + (t >> 8)}.${t & 255}.0/24`, gateway: `172.${16 + (t >> 8)}.${t & 255}.254`,
      subinterface: `GigabitEthernet2.${10 + t}`, pat: { acl: `TRANSLATOR-NAT-tenant${t}`, outside: 'GigabitEthernet1' },
    }));
    const fips: FloatingIpRow[] = Array.from({ length: floatingIps }, (_, i) => ({
      router, vrf: `tenant${Math.floor(i / 250)}`, global: `10.${r % 250}.${i >> 8}.${i & 255}`, local: `172.${16 + (Math.floor(i / 250) >> 8)}.${Math.floor(i / 250) & 255}.${(i % 250) + 1}`,
      container: `svc${i}-1`, service: i % 3 === 0 ? `svc${i}` : null, host: i % 2 ? `node${i % 7}` : null, since: at(i), live: i % 50 !== 0,
    }));
    const records = Array.from({ length: 30 }, (_, i) => deployRecord(router, i));
    const deploys: DeployRow[] = records.reverse().map((d) => ({ id: d.id, kind: d.kind, commit: d.commit, started: d.started, ended: d.ended, durationMs: 60_000, result: d.result, actor: d.actor.name, message: d.message, commands: d.commands, failedLines: d.failedLines }));
    const history: HistoryPoint[] = Array.from({ length: 100 }, (_, i) => ({ commit: sha(i + 1), at: at(i * 30), tenants: Math.ceil((tenantCount * (i + 1)) / 100), floatingIps: Math.ceil((floatingIps * (i + 1)) / 100) }));
    const rejections: RejectionRow[] = [{ router, kind: 'container', object: `bad${r}`, code: 'badGlobalIp', reason: `label global_ip="10.0.1.300" is not a plain dotted-quad IPv4 address`, since: at(5) }];
    const status: RouterStatus = {
      router, state: 'in-sync', live: { commit: sha(30), deploy: records[0]!.id, since: records[0]!.ended }, tip: sha(30 + (r % 3)), behind: r % 3,
      lastDeploy: deploySummary(records[0]!), drift: { checked: true, at: at(3000), error: null, objects: r % 10 === 3 ? [{ action: 'add', kind: 'static-nat', name: 'x', line: 'ip nat inside source static 192.168.1.1 10.0.1.1 vrf t0' }] : [] },
      tenants: tenantCount, floatingIps, rejections: rejections.length, unrecorded: [], lock: null, problems: [], stale: [],
    };
    status.state = routerState(status);
    details.set(router, { router, status, tenants, floatingIps: fips, rejections, deploys, history });
  }
  const all = [...details.values()];
  return {
    version: 'bench',
    status: { schemaVersion: 1, kind: 'status', generatedAt: at(3000), deployRef: 'main', records: { branch: 'translator/records', note: null, warning: null }, routers: all.map((d) => d.status) },
    routers: details,
    pools: [{ pool: '10.0.0.0/16', size: 65536, used: Math.min(65536, routers * floatingIps), rejected: routers, free: Math.max(0, 65536 - routers * floatingIps - routers) }],
    rejections: all.flatMap((d) => d.rejections),
  };
}
