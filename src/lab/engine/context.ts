/** What a command handler can see and do: the shared device state and the typing session. */
import type { ConfigModel } from './model.js';
import type { NatTable } from './nat.js';
import type { ModeFrame, ModeName, Reply } from './types.js';

export interface CliSession {
  readonly id: number;
  user: string;
  privilege: 1 | 15;
  /** Empty = EXEC; otherwise the config mode stack (bottom is 'config'). */
  frames: ModeFrame[];
  /** 0 = no paging. */
  length: number;
  width: number;
}

export interface LabPendingRollback {
  snapshot: ConfigModel;
  minutes: number;
  user: string;
  started: Date;
  file: string;
  timer: ReturnType<typeof setTimeout>;
}

/** Another session (or NETCONF) holds the exclusive configuration lock: a lab fault (index.ts Faults.configLock). */
export interface ConfigLock {
  process: number;
  user: string;
  terminal: number;
  /** Ask "… kill that session and continue" instead of refusing outright. */
  offerKill?: boolean;
  /** Refusals left before the lock is released by itself (a retry then succeeds); undefined = held until cleared. */
  remaining?: number;
}

export interface DeviceState {
  model: ConfigModel;
  nat: NatTable;
  /** Physical interfaces (hardware); they always exist. */
  hardware: Set<string>;
  lastChange: string;
  /** When `write memory` last saved (the `! NVRAM config last updated` comment). */
  lastSaved?: string | undefined;
  archiveEnabled(): boolean;
  archiveFiles: string[];
  rollback?: LabPendingRollback | undefined;
  /** Log lines the device would send to the console (rollback events); not printed on vty sessions. */
  log: string[];
  enableSecret: string;
  minuteMs: number;
  save(text: string): void;
  startupConfig(): string | undefined;
  /** bootflash:/flash: files (archive copies, `copy running-config flash:F`). */
  files: Map<string, string>;
  /** Set while another session holds the configuration lock. */
  configLock?: ConfigLock | undefined;
  /** Replaces the whole running config with config text, as `configure replace` does. */
  replace(text: string): void;
  bootedAt: Date;
}

export interface CommandContext {
  device: DeviceState;
  session: CliSession;
  /** The frame the command runs in (after leaving sub-modes for a top-level command). */
  frame: ModeFrame;
  /** Enter a sub-mode below the current frame. */
  enter(mode: ModeName, target?: string): void;
  changed(): void;
}

export const reply = (...lines: string[]): Reply => ({ output: lines.map((l) => `${l}\n`).join('') });
/** A refusal: the line was not applied (the loader keeps such lines as text). */
export const refuse = (...lines: string[]): Reply => ({ ...reply(...lines), rejected: true });
export const NOTHING: Reply = { output: '' };

export interface ExecContext {
  device: DeviceState;
  session: CliSession;
  /** `show running-config` text, header included. */
  runningConfig(): string;
  /** The saved body (what `write memory` stores). */
  configBody(): string;
}
