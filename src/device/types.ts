// The contract between the deploy step and a router driver. The IOS XE CLI driver
// (ssh2) implements it today; a RESTCONF driver could sit behind the same interface.
import type { Secret } from '../settings/secret.js';

/** How the router's SSH host key is checked before any credential is sent. */
export interface HostKeyPolicy {
  /** OpenSSH known_hosts file (entries `host` or `[host]:port`, plain or hashed). */
  knownHostsPath?: string;
  /** Pinned key fingerprint, `SHA256:<base64>` as printed by `ssh-keygen -lf`. */
  fingerprint?: string;
  /** Accept a key this file has never seen, once, and record it. Changed keys are always refused. */
  acceptNew?: boolean;
}

export interface DeviceTimeouts {
  /** TCP connect + SSH handshake + authentication. */
  loginMs: number;
  /** One EXEC command (show, configure confirm, write memory …) until its prompt returns. */
  commandMs: number;
  /** While pushing config: longest wait for the device to finish the oldest outstanding line. */
  lineMs: number;
}

export const DEFAULT_TIMEOUTS: DeviceTimeouts = { loginMs: 20_000, commandMs: 60_000, lineMs: 30_000 };

export interface DeviceTarget {
  /** Router name from settings; every error message starts with it. */
  name: string;
  host: string;
  port: number;
  username: string;
  password: Secret;
  /** Enable secret, needed only when login lands in user EXEC (`>`). */
  enablePassword?: Secret | undefined;
  hostKey: HostKeyPolicy;
  /** SSH login methods to try, in order; default password, then keyboard-interactive (AAA setups often offer only that). */
  authMethods?: LoginMethod[];
  timeouts?: Partial<DeviceTimeouts>;
}

export type LoginMethod = 'password' | 'keyboard-interactive';

/** A config line plus what the caller knows about it. */
export interface ConfigCommand {
  line: string;
  /**
   * The line may stop and ask a question: the id of the caller's question rule (for IOS XE,
   * iosxe/rules/questions.ts). Such lines are sent alone, never pipelined, so the question is
   * answered before the device reads anything else; the id is passed to the answer policy with
   * the question. Lines without an id are pipelined, except the few EXEC commands that
   * responses.ts lists as question-capable whatever the caller says; should an unmarked line ask
   * after all, the push stops with a `question` error instead of misreading the output.
   */
  question?: string;
}

export type QuestionKind = 'confirm' | 'yes-no' | 'no-default' | 'filename';

export interface Question {
  /** Index of the config line that asked (or -1 for an EXEC command). */
  index: number;
  line: string;
  /** The device's question text, e.g. `Static entry in use, do you want to delete child entries? [no]:`. */
  text: string;
  kind: QuestionKind;
  /** The question rule id the caller gave the line (ConfigCommand.question), if any. */
  rule?: string;
}

/** accept / decline are mapped to the right keystrokes for the question kind by responses.ts. */
export type QuestionAnswer = 'accept' | 'decline';
export type QuestionPolicy = (question: Question) => QuestionAnswer;

export interface ApplyOptions {
  /** Start `configure terminal revert timer N` (needs the archive feature). */
  revertTimerMinutes?: number;
  /** How to answer questions; default declines every question (the safe answer). */
  answer?: QuestionPolicy;
  /** Flow control: most lines / bytes sent but not yet answered by a prompt. */
  window?: { lines?: number; bytes?: number };
  /** Called as the device answers lines (for a progress display); must not throw. */
  onAnswered?: (answered: number, total: number) => void;
}

export type LineStatus =
  /** Accepted with no output. */
  | 'ok'
  /** Accepted with a known informational `%` notice (IOSXE.md side effects). */
  | 'info'
  /** The device asked a question and it was answered by policy. */
  | 'answered'
  /** The device rejected it (or asked a question no policy allowed). */
  | 'error'
  /** Never sent because an earlier line failed. */
  | 'not-sent';

export interface LineResult {
  index: number;
  line: string;
  status: LineStatus;
  /** Device output for this line, echo and prompt removed. */
  output: string[];
  /** The `%` message(s) that made it an error or informational. */
  messages: string[];
  question?: { text: string; answer: QuestionAnswer };
  /** The question rule id the caller gave the line (ConfigCommand.question), if any. */
  rule?: string;
  /** Sent before an earlier line's error was seen; the device still executed it (pipelining). */
  afterError?: boolean;
}

export interface ApplyResult {
  router: string;
  lines: LineResult[];
  /** The revert timer started for this session, if any. */
  revertTimerMinutes?: number;
  elapsedMs: number;
}

export interface PendingRollback {
  pending: boolean;
  minutes?: number;
}

export interface Device {
  readonly name: string;
  /** Full `show running-config`, without paging, echo or prompt artefacts. */
  getRunningConfig(): Promise<string>;
  /** Enter config mode, push the lines (pipelined), leave config mode. Throws DeviceError with `.result` on any failure. */
  apply(commands: ReadonlyArray<ConfigCommand | string>, options?: ApplyOptions): Promise<ApplyResult>;
  /** `configure confirm`: keep the changes of a pending revert timer. */
  confirm(): Promise<void>;
  /** `configure revert now`: roll back the pending change at once. */
  revertNow(): Promise<void>;
  /** `write memory`. */
  save(): Promise<void>;
  /** Whether the archive feature (needed by revert timers) is configured. */
  hasArchive(): Promise<boolean>;
  pendingRollback(): Promise<PendingRollback>;
  /** Whether a kept session still answers as a fresh one would (session-pool.ts); a driver without it is never kept. */
  alive?(): Promise<boolean>;
  close(): Promise<void>;
}
