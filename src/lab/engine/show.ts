/** Timestamps, archive file names, and the texts of `show archive`, its rollback timer and the login banners. */
import { say } from '../behaviours.js';
import type { DeviceState } from './context.js';

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const two = (n: number) => String(n).padStart(2, '0');

/** `15:34:07 UTC Sun Nov 29 2026`, the timestamp format of IOS config comments. */
export function iosTime(d: Date): string {
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${d.getUTCFullYear()}`;
}

/**
 * Archive file name as IOS makes it (behaviour archiveFileNames): the path with `$h` replaced by
 * the hostname and `$t` by a timestamp (`Nov-29-15-34-07.379-UTC`, a one-digit day padded with a
 * dash), then `-<n>`; without `$t` no time appears in the name.
 */
export function archiveFileName(path: string, hostname: string, d: Date, n: number): string {
  const day = String(d.getUTCDate()).padStart(2, '-');
  const stamp = `${MONTHS[d.getUTCMonth()]}-${day}-${two(d.getUTCHours())}-${two(d.getUTCMinutes())}-${two(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}-UTC`;
  return `${path.replaceAll('$h', hostname).replaceAll('$t', stamp)}-${n}`;
}

export function archivePath(device: DeviceState): string {
  const line = device.model.archive?.find((l) => l.startsWith('path '));
  return line ? line.slice(5).trim() : 'bootflash:archive';
}

export function showArchive(device: DeviceState): string {
  if (!device.archiveEnabled()) return `${say('showArchiveDisabled')}\n`;
  const max = Number(device.model.archive?.find((l) => l.startsWith('maximum '))?.split(' ')[1] ?? 10);
  const files = device.archiveFiles.slice(-max);
  const next = archiveFileName(archivePath(device), device.model.hostname, new Date(), device.archiveFiles.length);
  const lines = [...say('showArchive', { max, count: device.archiveFiles.length, next }).split('\n'), ' Archive #  Name'];
  for (let i = 0; i < max; i++) {
    const file = files[i] ?? '';
    const recent = i === files.length - 1 ? ' <- Most Recent' : '';
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
