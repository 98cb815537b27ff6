/** Rollback Confirmed Change (IOSXE.md "Safe change"): snapshot, timer, confirm, revert. */
import { say } from '../behaviours.js';
import type { DeviceState } from './context.js';
import { pruneFlows } from './nat.js';
import { archiveFileName, archivePath } from './show.js';

function arm(device: DeviceState, minutes: number): ReturnType<typeof setTimeout> {
  const timer = setTimeout(() => revertNow(device), minutes * device.minuteMs);
  timer.unref();
  return timer;
}

/** `configure terminal revert timer N`: archive the running config, start the timer; returns the backup file. */
export function startRollback(device: DeviceState, user: string, minutes: number, snapshotText: string): string {
  if (device.rollback) {
    resetRollbackTimer(device, minutes);
    return device.rollback.file;
  }
  const file = archiveFileName(archivePath(device), device.model.hostname, new Date(), device.archiveFiles.length);
  device.archiveFiles.push(file);
  device.files.set(file, snapshotText);
  device.rollback = { snapshot: structuredClone(device.model), minutes, user, started: new Date(), file, timer: arm(device, minutes) };
  return file;
}

export function resetRollbackTimer(device: DeviceState, minutes: number): void {
  const pending = device.rollback;
  if (!pending) return;
  clearTimeout(pending.timer);
  pending.minutes = minutes;
  pending.started = new Date();
  pending.timer = arm(device, minutes);
}

/** `configure confirm`: keep the changes. */
export function confirmRollback(device: DeviceState): void {
  if (device.rollback) clearTimeout(device.rollback.timer);
  device.rollback = undefined;
}

/** Timer expiry or `configure revert now`: restore the archived config. */
export function revertNow(device: DeviceState): void {
  const pending = device.rollback;
  if (!pending) return;
  clearTimeout(pending.timer);
  device.log.push(say('revertTimerExpires', { file: pending.file }));
  device.model = pending.snapshot;
  pruneFlows(device);
  device.rollback = undefined;
}
