/**
 * Deny windows (settings `watch.deploy.deny`): times when no deploy starts, whichever path asks —
 * `translator deploy`, `rollback`, `drift --fix`, `decommission` (refused: window.ts) and the
 * daemon (deferred to the window's end: watch/deploy-gate.ts). Pure functions of the windows and a
 * time, so the rules are tested with any clock. Cron times are read in the process's time zone
 * (TZ), as cron does.
 */
import { Cron } from 'croner';

export interface DenyWindow {
  cron: string;
  minutes: number;
}

/** Bounds the walk over chained windows (a window that re-opens before it closes). */
const MAX_CHAINED = 10_000;

/** The deny window in force at `now` and when it ends (the latest end if several overlap), or null. */
export function denyWindowAt(now: Date, windows: readonly DenyWindow[]): { window: DenyWindow; until: Date } | null {
  let found: { window: DenyWindow; until: Date } | null = null;
  for (const window of windows) {
    const until = windowEnd(now, window);
    if (until !== null && (found === null || until > found.until)) found = { window, until };
  }
  return found;
}

/**
 * A window is open at `now` when the cron matched in (now - minutes, now]. It closes `minutes`
 * after the last match, and a match before it closes keeps it open (e.g. every 30 min for 60 min).
 */
function windowEnd(now: Date, window: DenyWindow): Date | null {
  const length = window.minutes * 60_000;
  const cron = new Cron(window.cron, { paused: true });
  try {
    let match = cron.nextRun(new Date(now.getTime() - length));
    if (match === null || match.getTime() > now.getTime()) return null;
    let until = match.getTime() + length;
    for (let i = 0; i < MAX_CHAINED; i++) {
      match = cron.nextRun(match);
      if (match === null || match.getTime() > until) break;
      until = match.getTime() + length;
    }
    return new Date(until);
  } finally {
    cron.stop();
  }
}

