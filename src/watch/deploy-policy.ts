/**
 * When the daemon's scheduled deploys start: a pure function of the cron and a time. Cron times
 * are read in the process's time zone (TZ), as cron does. Deny windows: src/deploy/deny-window.ts.
 */
import { Cron } from 'croner';

/** The schedule's next time strictly after `after`, or null when it never runs again. */
export function nextScheduled(schedule: string, after: Date): Date | null {
  const cron = new Cron(schedule, { paused: true });
  try {
    return cron.nextRun(after);
  } finally {
    cron.stop();
  }
}
