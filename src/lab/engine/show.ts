/** Texts of the show commands that are not the running-config. */
import { say } from '../behaviours.js';
import type { DeviceState } from './context.js';
import { compareInterfaceNames, shortInterfaceName } from '../../iosxe/interface-names.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const two = (n: number) => String(n).padStart(2, '0');

/** `15:34:07 UTC Sun Nov 29 2026`, the timestamp format of IOS config comments. */
export function iosTime(d: Date): string {
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${d.getUTCFullYear()}`;
}

/** Archive file name as IOS makes it: `<path>-Nov-29-15-34-07.379-<n>`. */
export function archiveFileName(path: string, d: Date, n: number): string {
  const stamp = `${MONTHS[d.getUTCMonth()]}-${d.getUTCDate()}-${two(d.getUTCHours())}-${two(d.getUTCMinutes())}-${two(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
  return `${path}-${stamp}-${n}`;
}

export function archivePath(device: DeviceState): string {
  const line = device.model.archive?.find((l) => l.startsWith('path '));
  return line ? line.slice(5).trim() : 'bootflash:archive';
}

function uptime(since: Date): string {
  const minutes = Math.floor((Date.now() - since.getTime()) / 60000);
  const hours = Math.floor(minutes / 60);
  return `${hours} hour${hours === 1 ? '' : 's'}, ${minutes % 60} minute${minutes % 60 === 1 ? '' : 's'}`;
}

export function showVersion(device: DeviceState): string {
  const host = device.model.hostname;
  const ports = [...device.hardware].length;
  return [
    'Cisco IOS XE Software, Version 17.09.04a',
    'Cisco IOS Software [Cupertino], Virtual XE Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 17.9.4a, RELEASE SOFTWARE (fc3)',
    'Technical Support: http://www.cisco.com/techsupport',
    'Copyright (c) 1986-2023 by Cisco Systems, Inc.',
    'Compiled Fri 20-Oct-23 10:44 by mcpre',
    '',
    '',
    'This software version supports only Smart Licensing as the software licensing mechanism.',
    '',
    '',
    'ROM: IOS-XE ROMMON',
    '',
    `${host} uptime is ${uptime(device.bootedAt)}`,
    `Uptime for this control processor is ${uptime(device.bootedAt)}`,
    'System returned to ROM by reload',
    'System image file is "bootflash:packages.conf"',
    'Last reload reason: reload',
    '',
    '',
    'This product contains cryptographic features and is subject to United',
    'States and local country laws governing import, export, transfer and',
    'use. Delivery of Cisco cryptographic products does not imply',
    'third-party authority to import, export, distribute or use encryption.',
    '',
    'Technology Package License Information:',
    '',
    'Technology    Type         Technology-package       Technology-package',
    '                           Current                  Next Reboot',
    '-----------------------------------------------------------------------',
    'Smart License Perpetual    network-advantage        network-advantage',
    '',
    'The current throughput level is 250000 kbps',
    '',
    '',
    'Smart Licensing Status: Registration Not Applicable/Not Applicable',
    '',
    'cisco C8000V (VXE) processor (revision VXE) with 1987156K/3075K bytes of memory.',
    'Processor board ID 9ZL0N5ZSBF1',
    'Router operating mode: Autonomous',
    `${ports} Gigabit Ethernet interfaces`,
    '32768K bytes of non-volatile configuration memory.',
    '3965308K bytes of physical memory.',
    '11526144K bytes of virtual hard disk at bootflash:.',
    '',
    'Configuration register is 0x2102',
    '',
  ]
    .map((l) => `${l}\n`)
    .join('');
}

export function showArchive(device: DeviceState): string {
  if (!device.archiveEnabled()) return `${say('showArchiveDisabled')}\n`;
  const max = Number(device.model.archive?.find((l) => l.startsWith('maximum '))?.split(' ')[1] ?? 10);
  const lines = [
    `The maximum archive configurations allowed is ${max}.`,
    `The next archive file will be named ${archiveFileName(archivePath(device), new Date(), device.archiveFiles.length)}`,
    ' Archive #  Name',
  ];
  for (let i = 0; i < max; i++) {
    const file = device.archiveFiles[i] ?? '';
    const recent = i === device.archiveFiles.length - 1 ? ' <- Most Recent' : '';
    lines.push(`   ${String(i + 1).padEnd(9)}${file}${recent}`.trimEnd());
  }
  return lines.map((l) => `${l}\n`).join('');
}

export function showRollbackTimer(device: DeviceState): string {
  const pending = device.rollback;
  if (!pending) return `${say('noRollbackPending')}\n`;
  return [
    `Time configured(or reset) : ${iosTime(pending.started)}`,
    'Timer type: Rollback Confirmed Change',
    say('rollbackTimerShown', { minutes: pending.minutes }),
    `User: ${pending.user}`,
  ]
    .map((l) => `${l}\n`)
    .join('');
}

export function showVrf(device: DeviceState, only?: string): string {
  const lines = [say('showVrf')];
  for (const v of device.model.vrfs) {
    if (only !== undefined && v.name !== only) continue;
    const rd = v.extra.find((e) => e.startsWith('rd '))?.slice(3) ?? '<not set>';
    const interfaces = device.model.interfaces.filter((i) => i.vrf === v.name).map((i) => shortInterfaceName(i.name));
    const protocols = v.ipv4 ? 'ipv4' : '<none>';
    lines.push(`  ${v.name.padEnd(32)} ${rd.padEnd(21)} ${protocols.padEnd(11)} ${interfaces.join(',')}`.trimEnd());
  }
  return lines.map((l) => `${l}\n`).join('');
}

/** Text of `banner motd` and `banner exec` (kept as unmodelled blocks), shown after login. */
export function loginBanners(device: DeviceState): string {
  let text = '';
  for (const block of device.model.others) {
    const head = /^banner (motd|exec) (\^C|\S)(.*)$/.exec(block.lines[0] ?? '');
    if (!head) continue;
    const delimiter = head[2]!;
    const body = [head[3]!, ...block.lines.slice(1)].join('\n');
    const end = body.indexOf(delimiter);
    text += `${(end >= 0 ? body.slice(0, end) : body).replace(/^\n/, '').replace(/\n$/, '')}\n`;
  }
  return text;
}

/** `show ip interface brief`. */
export function showIpInterfaceBrief(device: DeviceState): string {
  const row = (a: string, b: string, c: string, d: string, e: string, f: string) =>
    `${a.padEnd(22)} ${b.padEnd(15)} ${c.padEnd(3)} ${d.padEnd(6)} ${e.padEnd(21)} ${f}`;
  const lines = [say('showIpInterfaceBrief')];
  const interfaces = [...device.model.interfaces].sort((a, b) => compareInterfaceNames(a.name, b.name));
  for (const i of interfaces) {
    const address = i.address === undefined ? 'unassigned' : i.address.split(' ')[0]!;
    const method = i.address === undefined ? 'unset' : i.address === 'dhcp' ? 'DHCP' : 'manual';
    const status = i.shutdown ? 'administratively down' : 'up';
    lines.push(row(i.name, address, 'YES', method, status, i.shutdown ? 'down' : 'up'));
  }
  return lines.map((l) => `${l}\n`).join('');
}
