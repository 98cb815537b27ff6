import type { ApplyResult } from './types.js';

export type DeviceErrorKind =
  /** Host key unknown, changed or not matching the pinned fingerprint. */
  | 'host-key'
  /** Cannot reach the router, or the SSH handshake failed. */
  | 'connect'
  /** Login or enable refused. */
  | 'auth'
  /** The device did not answer in time. */
  | 'timeout'
  /** The device rejected a command (its `%` message is in deviceMessage). */
  | 'rejected'
  /** The device asked a question that was not answered (or was answered by a pipelined line). */
  | 'question'
  /** The SSH session closed under us. */
  | 'session-lost'
  /** The output did not match what was sent (echo mismatch, unexpected mode). */
  | 'protocol'
  /** Misuse of the driver (e.g. `end` or a control character inside the lines). */
  | 'usage'
  /** Config mode is locked by another session: nothing was changed; the same call may succeed later. */
  | 'busy';

/** Kinds after which the same operation may simply be tried again later: nothing was changed. */
const RETRYABLE: ReadonlySet<DeviceErrorKind> = new Set(['busy']);

export interface DeviceErrorDetails {
  router: string;
  /** What the driver was doing, e.g. `login`, `enable`, `apply line 38/120`, `configure confirm`. */
  step: string;
  kind: DeviceErrorKind;
  /** The device's own words, verbatim. */
  deviceMessage?: string;
  /** What is known about the router's state after the failure (revert timer, lines applied). */
  state?: string;
  /** Per-line results so far, for apply. */
  result?: ApplyResult;
  cause?: unknown;
}

/**
 * Every failure of the driver. The message names the router, the step and the device's
 * words; it is built only from those fields, so a credential can never end up in it.
 */
export class DeviceError extends Error {
  readonly router: string;
  readonly step: string;
  /** What went wrong, without the router and the step (the message has both). */
  readonly summary: string;
  readonly kind: DeviceErrorKind;
  readonly deviceMessage: string | undefined;
  readonly state: string | undefined;
  readonly result: ApplyResult | undefined;
  /** Nothing was changed and the same call may succeed later (e.g. the config lock was held). */
  readonly retryable: boolean;

  constructor(summary: string, details: DeviceErrorDetails) {
    const parts = [`${details.router}: ${details.step}: ${summary}`];
    if (details.deviceMessage) parts.push(`device said: ${details.deviceMessage}`);
    if (details.state) parts.push(`router state: ${details.state}`);
    super(parts.join('\n  '), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'DeviceError';
    this.router = details.router;
    this.step = details.step;
    this.summary = summary;
    this.kind = details.kind;
    this.deviceMessage = details.deviceMessage;
    this.state = details.state;
    this.result = details.result;
    this.retryable = RETRYABLE.has(details.kind);
  }
}
