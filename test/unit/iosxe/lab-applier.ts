/**
 * The lab router's pure engine (src/lab) as a second, independent applier: the plan's lines are typed
 * into it as into a router, and any refused line or `%` message that is not informational fails.
 */
import { createDevice } from '../../../src/lab/engine/device.js';
import { parseConfig } from '../../../src/iosxe/parse.js';
import type { ConfigTree } from '../../../src/iosxe/types.js';
import { DeviceError } from './applier.js';

/** `%` lines the device prints on success (IOSXE.md, side effects; IOS XE 17 writes the VRF-removal pair in lower case). */
const INFORMATIONAL = [/IPv4 disabled and address\(es\) removed due to (en|dis)abling VRF/, /ipv[46] addresses from all interfaces in VRF \S+ have been removed/i];

export interface LabRun {
  /** The lab's own print of the config it loaded, before any line was typed. */
  before: ConfigTree;
  after: ConfigTree;
}

export function applyOnLab(runningText: string, lines: readonly string[][]): ConfigTree[] {
  const device = createDevice(runningText);
  const session = device.newSession({ privilege: 15 });
  const results: ConfigTree[] = [parseConfig(device.runningConfig())];
  for (const batch of lines) {
    type(device, session, 'configure terminal');
    for (const line of batch) type(device, session, line);
    type(device, session, 'end');
    results.push(parseConfig(device.runningConfig()));
  }
  device.close();
  return results;
}

function type(device: ReturnType<typeof createDevice>, session: ReturnType<ReturnType<typeof createDevice>['newSession']>, line: string): void {
  const reply = device.execute(line, session);
  if (reply.question) throw new DeviceError(`${line}\nunexpected question: ${reply.question.prompt}`);
  const errors = reply.output.split('\n').filter((l) => l.trim().startsWith('%') && !INFORMATIONAL.some((p) => p.test(l)));
  if (reply.rejected || errors.length > 0) throw new DeviceError(`${line}\n${reply.output}`);
}
