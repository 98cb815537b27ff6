/**
 * Signals while routers are being changed (deploy, rollback, drift --fix). The first SIGINT or
 * SIGTERM stops the run safely: no further line is sent, a change not yet confirmed is reverted
 * and every router's run is recorded (RouterDeployRequest.signal). Every later one only says to
 * wait: translator ends by itself once the routers are settled, and quitting half-way through a
 * revert is what the first signal set out to avoid (SIGKILL still ends it; docs/deploying.md "When
 * something fails" says what that leaves). SIGHUP, a terminal gone away, is ignored: a run does
 * not depend on its terminal.
 */
import { constants } from 'node:os';

export interface Interrupt {
  readonly signal: AbortSignal;
  /** The first SIGINT/SIGTERM received, or null. */
  readonly received: NodeJS.Signals | null;
  /** 128 + the signal's number once one was received (the shell's convention), else null. */
  exitCode(): number | null;
  /** Removes the handlers: signals act as usual again. */
  release(): void;
}

const STOPPING = ['SIGINT', 'SIGTERM'] as const;

export function interruptOnSignals(say: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Interrupt {
  const controller = new AbortController();
  let received: NodeJS.Signals | null = null;
  const onStop = (signal: NodeJS.Signals) => {
    if (received === null) {
      received = signal;
      say(`translator: ${signal}: stopping safely: no further line is sent, a change not yet confirmed is reverted, and the run is recorded; please wait`);
      controller.abort(signal);
      return;
    }
    say(`translator: ${signal} again: reverting, please wait (translator ends by itself once the router is back in its old state and the run is recorded)`);
  };
  const onHangUp = () => undefined;
  for (const signal of STOPPING) process.on(signal, onStop);
  process.on('SIGHUP', onHangUp);
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    exitCode: () => (received === null ? null : 128 + constants.signals[received]),
    release() {
      for (const signal of STOPPING) process.off(signal, onStop);
      process.off('SIGHUP', onHangUp);
    },
  };
}
