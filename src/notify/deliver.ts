/**
 * Delivery: every notifier that wants an event gets it, notifiers in parallel, each one's events
 * in order (a GitHub deployment before the next). A notifier that fails, refuses or hangs never
 * fails anything else and never holds the caller longer than `timeoutMs`: it is counted in
 * translator_notification_failures_total{notifier} and reported in one line that names the
 * notifier and the HTTP status or error, never the URL (a chat webhook's URL is its credential).
 */
import { errorText } from '../errors.js';
import type { DeployMetrics } from '../ops/metrics.js';
import { redactUrls } from '../redact.js';
import type { NotifyEvent } from './events.js';
import type { Notifier, Post } from './notifier.js';

interface NotificationsOptions {
  notifiers: readonly Notifier[];
  timeoutMs: number;
  metrics: Pick<DeployMetrics, 'notificationFailures'>;
  /** Told about each failure, in words without secrets. */
  warn: (problem: string) => void;
}

class NotifyHttpError extends Error {
  override name = 'NotifyHttpError';
}

export class Notifications {
  constructor(private readonly options: NotificationsOptions) {}

  get enabled(): boolean {
    return this.options.notifiers.length > 0;
  }

  /** Resolves when every notifier has sent, failed or run out of time; never rejects. */
  async deliver(events: readonly NotifyEvent[]): Promise<void> {
    if (events.length === 0) return;
    await Promise.all(this.options.notifiers.map((notifier) => this.deliverTo(notifier, events.filter((event) => notifier.wants(event)))));
  }

  private async deliverTo(notifier: Notifier, events: readonly NotifyEvent[]): Promise<void> {
    if (events.length === 0) return;
    const { timeoutMs, metrics, warn } = this.options;
    const controller = new AbortController();
    const post = poster(controller.signal);
    let sent = 0;
    const work = (async () => {
      for (const event of events) {
        if (controller.signal.aborted) return;
        try {
          await notifier.send(event, post);
        } catch (error) {
          if (controller.signal.aborted) return;
          metrics.notificationFailures.inc({ notifier: notifier.name });
          warn(`notification to ${notifier.name} failed (${event.type}): ${redactUrls(errorText(error))}${causeOf(error)}`);
        }
        sent += 1;
      }
    })();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([work.then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      controller.abort();
      const left = events.length - sent;
      metrics.notificationFailures.inc({ notifier: notifier.name }, left);
      warn(`notification to ${notifier.name} gave up after ${timeoutMs} ms (${left} event(s) not delivered)`);
    }
  }
}

/** POST with fetch, bounded by `signal`; JSON answers parsed, others ignored; redirects refused (a secret URL stays where it was sent). */
function poster(signal: AbortSignal): Post {
  return async (url, headers, body) => {
    const response = await fetch(url, { method: 'POST', headers, body, signal, redirect: 'error' });
    const text = await response.text();
    if (!response.ok) throw new NotifyHttpError(`answered HTTP ${response.status}`);
    return /json/.test(response.headers.get('content-type') ?? '') && text !== '' ? (JSON.parse(text) as unknown) : null;
  };
}

/** fetch's own message is "fetch failed"; the reason (refused, reset, DNS) is its cause. */
function causeOf(error: unknown): string {
  return error instanceof Error && error.cause instanceof Error ? ` (${redactUrls(error.cause.message)})` : '';
}
