/**
 * Show commands about the box rather than its config: version, inventory, clock, the flash file
 * system, memory, and the CDP/LLDP state Ansible probes (behaviours showVersion, showInventory,
 * showClock, dirFlash, showMemoryStatistics, cdpLldpDisabled). A C8000V on IOS XE 17.9.
 */
import { say } from '../behaviours.js';
import type { DeviceState } from './context.js';
import { DAYS, MONTHS } from './show.js';

const lines = (rows: string[]) => rows.map((l) => `${l}\n`).join('');
const two = (n: number) => String(n).padStart(2, '0');

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


/** `show clock`: `*` because no NTP source has set the time (ntc-templates show_clock fixture). */
export function showClock(now: Date = new Date()): string {
  const time = `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}.${String(now.getUTCMilliseconds()).padStart(3, '0')}`;
  return `*${time} UTC ${DAYS[now.getUTCDay()]} ${MONTHS[now.getUTCMonth()]} ${now.getUTCDate()} ${now.getUTCFullYear()}\n`;
}

const SERIAL = '9ZL0N5ZSBF1';

export function showInventory(): string {
  const item = (name: string, descr: string, pid: string, vid: string, sn: string) => [
    `NAME: "${name}", DESCR: "${descr}"`,
    `PID: ${pid.padEnd(18)}, VID: ${vid.padEnd(4)} , SN: ${sn}`.trimEnd(),
    '',
  ];
  return lines([
    ...item('Chassis', 'Cisco C8000V Chassis', 'C8000V', 'V00', SERIAL),
    ...item('module R0', 'Cisco C8000V Route Processor', 'C8000V', 'V00', 'JAB1616161C'),
    ...item('module F0', 'Cisco C8000V Embedded Services Processor', 'C8000V', '', ''),
  ]);
}

/** Files every C8000V bootflash holds, listed before the lab's own (archives, copies). */
const SYSTEM_FILES: { name: string; dir: boolean; size: number }[] = [
  { name: 'lost+found', dir: true, size: 16384 },
  { name: '.installer', dir: true, size: 4096 },
  { name: 'tracelogs', dir: true, size: 4096 },
  { name: 'c8000v-universalk9.17.09.04a.SPA.pkg', dir: false, size: 651843584 },
  { name: 'packages.conf', dir: false, size: 6139 },
];

const TOTAL = 11526144000;

/** The flash file systems: `flash:` is an alias of `bootflash:` on a C8000V. */
export const FILE_SYSTEMS = ['bootflash:', 'flash:'];
const sameFileSystem = (key: string) => FILE_SYSTEMS.some((fs) => key.startsWith(fs));

/** `dir [bootflash:|flash:]`, in the layout of IOS XE's listing; dates are the boot time. */
export function dir(device: DeviceState): string {
  const d = device.bootedAt;
  const stamp = `${`${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`.padStart(6)} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +00:00`;
  const row = (id: number, dirFlag: boolean, size: number, name: string) =>
    `${String(id).padStart(5)}  ${dirFlag ? 'drwx' : '-rw-'} ${String(size).padStart(16)}  ${stamp}  ${name}`;
  const files = [...device.files].filter(([key]) => sameFileSystem(key)).map(([key, text]) => ({ name: key.replace(/^[^:]+:\/?/, ''), dir: false, size: Buffer.byteLength(text) }));
  const all = [...SYSTEM_FILES, ...files];
  const used = all.reduce((n, f) => n + f.size, 0);
  return lines(['Directory of bootflash:/', '', ...all.map((f, i) => row(11 + i, f.dir, f.size, f.name)), '', `${TOTAL} bytes total (${TOTAL - used} bytes free)`]);
}

export function showMemoryStatistics(): string {
  return lines([
    '                Head    Total(b)     Used(b)     Free(b)   Lowest(b)  Largest(b)',
    'Processor  7F5D2E6010  2005453776   301218128  1704235648  1702133232  1704219068',
    ' lsmpi_io  7F5CD1D1A8     6295128     6294304         824         824         412',
  ]);
}

/** `show cdp …` / `show lldp …` on a C8000V where neither runs. */
export const cdpDisabled = () => `${say('cdpDisabled')}\n`;
export const lldpDisabled = () => `${say('lldpDisabled')}\n`;
