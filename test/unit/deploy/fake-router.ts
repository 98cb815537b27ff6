/**
 * A fake Device for testing deploy phases one at a time: a running-config that the lines change
 * (old ↔ new), a rollback-confirmed change with a snapshot, and hooks to make any call fail or
 * hang. It knows nothing of IOS beyond that; the lab router is for the integration tests.
 */
import assert from 'node:assert/strict';
import { DeviceError, type ApplyOptions, type ApplyResult, type ConfigCommand, type Device, type PendingRollback } from '../../../src/device/index.js';
import type { RecordsStore } from '../../../src/deploy/records.js';
import type { DeployRecord } from '../../../src/deploy/record.js';
import type { RouterDeployRequest } from '../../../src/deploy/request.js';
import type { Step } from '../../../src/deploy/phase.js';
import { RouterRun } from '../../../src/deploy/router-run.js';
import type { RouterSettings } from '../../../src/settings/load.js';

/** The router before: no owned config. */
export const OLD = `hostname edge1
!
interface GigabitEthernet1
 ip address 203.0.113.2 255.255.255.0
!
interface GigabitEthernet2
 no ip address
!
end
`;

export const INTENDED = `vrf definition t1
 description translator: t1
 !
 address-family ipv4
 exit-address-family
!
end
`;

/** The router after the push: the owned VRF added. */
export const NEW = OLD.replace('!\ninterface GigabitEthernet1', `!\n${INTENDED.replace(/end\n$/, '')}interface GigabitEthernet1`);

/** A third state: the owned VRF with a description someone else wrote. */
export const OTHER = NEW.replace(' description translator: t1', ' description translator: t1 changed by hand');

type Method = Exclude<keyof Device, 'name'>;

export class FakeRouter implements Device {
  readonly name = 'edge1';
  running: string;
  archive = true;
  pending: PendingRollback = { pending: false };
  /** The config a rollback goes back to. */
  snapshot: string | null = null;
  closed = false;
  readonly calls: string[] = [];
  /** Replaces a method once it is called (the fake's own behaviour is `this.own.<method>`). */
  readonly hooks: Partial<Record<Method, (...args: any[]) => Promise<any>>> = {};
  /** The config after applying `lines`: by default removals lead to OLD, anything else to NEW. */
  applyTo: (lines: string[]) => string = (lines) => (lines.some((l) => l.trim().startsWith('no ')) ? OLD : NEW);

  constructor(running = OLD) {
    this.running = running;
  }

  #call<T>(method: Method, args: unknown[], own: () => Promise<T>): Promise<T> {
    this.calls.push(method);
    if (this.closed) return Promise.reject(sessionLost(method));
    const hook = this.hooks[method];
    return hook ? hook(...args) : own();
  }

  getRunningConfig(): Promise<string> {
    return this.#call('getRunningConfig', [], async () => this.running);
  }

  apply(commands: ReadonlyArray<ConfigCommand | string>, options: ApplyOptions = {}): Promise<ApplyResult> {
    return this.#call('apply', [commands, options], async () => {
      const lines = commands.map((c) => (typeof c === 'string' ? c : c.line));
      if (options.revertTimerMinutes) {
        this.snapshot = this.running;
        this.pending = { pending: true, minutes: options.revertTimerMinutes };
      }
      this.running = this.applyTo(lines);
      return { router: this.name, lines: [], elapsedMs: 0 };
    });
  }

  confirm(): Promise<void> {
    return this.#call('confirm', [], async () => {
      if (!this.pending.pending) throw new DeviceError('the device refused `configure confirm`', { router: this.name, step: 'configure confirm', kind: 'rejected', deviceMessage: '%No Rollback Confirmed Change pending' });
      this.pending = { pending: false };
      this.snapshot = null;
    });
  }

  revertNow(): Promise<void> {
    return this.#call('revertNow', [], async () => {
      this.running = this.snapshot ?? this.running;
      this.pending = { pending: false };
      this.snapshot = null;
    });
  }

  save(): Promise<void> {
    return this.#call('save', [], async () => undefined);
  }

  hasArchive(): Promise<boolean> {
    return this.#call('hasArchive', [], async () => this.archive);
  }

  pendingRollback(): Promise<PendingRollback> {
    return this.#call('pendingRollback', [], async () => ({ ...this.pending }));
  }

  async close(): Promise<void> {
    this.calls.push('close');
    this.closed = true;
  }

  /** A fresh session to the same router (what a reconnect gets). */
  reopen(): this {
    this.closed = false;
    return this;
  }
}

export function sessionLost(step: string): DeviceError {
  return new DeviceError('session lost: the SSH connection closed', { router: 'edge1', step, kind: 'session-lost' });
}

/** The records branch as the phases see it: backups and records kept in memory. */
export function fakeRecords(overrides: Partial<RecordsStore> = {}): RecordsStore & { saved: DeployRecord[]; backups: string[] } {
  const saved: DeployRecord[] = [];
  const backups: string[] = [];
  const store = {
    branch: 'translator/records',
    saved,
    backups,
    /** No lease settings: the guard takes the local lock only. */
    options: {},
    live: async () => null,
    outsideNatBeforeTranslator: async () => null,
    prepare: async () => ({ tip: null, scratch: '', dispose: async () => undefined }),
    saveBackup: async (_router: string, text: string) => {
      backups.push(text);
      return { commit: 'c'.repeat(40), blob: 'b'.repeat(40) };
    },
    saveRecord: async (record: DeployRecord) => {
      saved.push(record);
      return 'd'.repeat(40);
    },
    ...overrides,
  };
  return store as unknown as RecordsStore & { saved: DeployRecord[]; backups: string[] };
}

const ROUTER = { name: 'edge1', host: '127.0.0.1', port: 22, inside: 'GigabitEthernet2', outside: 'GigabitEthernet1' } as RouterSettings;

/** A run of edge1 towards INTENDED on `device`, with the request's parts replaceable. */
export function fakeRun(device: FakeRouter, request: Partial<RouterDeployRequest> = {}): RouterRun {
  const req: RouterDeployRequest = {
    router: ROUTER,
    scope: { inside: 'GigabitEthernet2', outside: 'GigabitEthernet1', marker: 'translator:', prefix: 'TRANSLATOR-', adopt: [] },
    kind: 'deploy',
    ref: 'main',
    commit: 'a'.repeat(40),
    intended: INTENDED,
    options: { revertTimerMinutes: 5, save: 'on-change', inUse: 'fail', allowNoArchive: false, lockDir: '/nonexistent' },
    actor: { kind: 'user', name: 'test@host' },
    records: fakeRecords(),
    target: () => ({ name: 'edge1', host: '127.0.0.1', port: 22, username: 'admin', password: undefined as never, hostKey: {} }),
    connect: async () => device.reopen(),
    ...request,
  };
  return new RouterRun(req);
}

/** A run that has connected, read OLD and planned (what the phases after `backup` expect). */
export async function plannedRun(device: FakeRouter, request: Partial<RouterDeployRequest> = {}): Promise<RouterRun> {
  const { readAndPlan } = await import('../../../src/deploy/phases-prepare.js');
  const run = fakeRun(device, request);
  run.device = device;
  run.archive = device.archive;
  const step = await readAndPlan.run(run);
  if (!('next' in step)) throw new Error(`planning failed: ${JSON.stringify(step)}`);
  return run;
}

/** A run that has pushed (the fake now runs NEW under our timer when it has the archive). */
export async function pushedRun(device: FakeRouter, request: Partial<RouterDeployRequest> = {}): Promise<RouterRun> {
  const run = await plannedRun(device, request);
  run.timer = device.archive ? run.req.options.revertTimerMinutes : null;
  run.sent = ['vrf definition t1'];
  await device.apply(['vrf definition t1'], run.timer ? { revertTimerMinutes: run.timer } : {});
  device.calls.length = 0;
  return run;
}

/** The name of the phase a step hands on to (fails the test if it ended). */
export function nextName<S, E>(step: Step<S, E>): string {
  assert.ok('next' in step, `expected a next phase, got ${JSON.stringify(step)}`);
  return step.next.name;
}

/** How a step ended (fails the test if it handed on). */
export function ended<S, E>(step: Step<S, E>): E {
  assert.ok('end' in step, `expected the end, got the phase ${'next' in step ? step.next.name : ''}`);
  return step.end;
}
