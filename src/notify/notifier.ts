/**
 * A notifier: which events it takes and how it sends one, over a `post` the delivery gives it
 * (bounded by a timeout, its failures counted). Notifiers build requests; they never see the
 * clock, the metrics or the log.
 */
import type { NotifierName } from '../ops/metrics.js';
import type { NotifyEvent } from './events.js';

/** POSTs JSON and resolves with the parsed answer (null when empty); rejects on a non-2xx answer. */
export type Post = (url: string, headers: Record<string, string>, body: string) => Promise<unknown>;

export interface Notifier {
  readonly name: NotifierName;
  wants(event: NotifyEvent): boolean;
  send(event: NotifyEvent, post: Post): Promise<void>;
}

/** Which deploy results the chat notifiers and the generic webhook tell (failures always). */
export interface ChatPolicy {
  /** Successful deploys that changed something too; a deploy that found nothing to do never. */
  deploySuccess: boolean;
}

export function chatWants(policy: ChatPolicy, event: NotifyEvent): boolean {
  if (event.type !== 'deploy') return true;
  if (event.result === 'unchanged') return false;
  return event.result !== 'success' || policy.deploySuccess;
}
