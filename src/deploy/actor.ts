/** Who or what started a deploy, for the record: a CI job, an event (watch/webhook), or a user. */
import os from 'node:os';

export interface Actor {
  kind: 'ci' | 'event' | 'user';
  /** One line a reviewer understands, e.g. "github acme/edge run 123 (alice)" or "alice@ops1". */
  name: string;
}

/** Set by translator's own event-driven runs (watch, webhook) to say what triggered the deploy. */
export const ACTOR_ENV = 'TRANSLATOR_ACTOR';

const opt = (value: string | undefined, wrap: (v: string) => string) => (value ? wrap(value) : '');

export function actorFromEnv(env: NodeJS.ProcessEnv = process.env): Actor {
  if (env.GITHUB_ACTIONS === 'true') {
    const name = `github ${env.GITHUB_REPOSITORY ?? '?'} run ${env.GITHUB_RUN_ID ?? '?'}${opt(env.GITHUB_ACTOR, (a) => ` (${a})`)}`;
    return { kind: 'ci', name };
  }
  if (env.GITLAB_CI === 'true') {
    const name = `gitlab ${env.CI_PROJECT_PATH ?? '?'} job ${env.CI_JOB_ID ?? '?'}${opt(env.GITLAB_USER_LOGIN, (a) => ` (${a})`)}`;
    return { kind: 'ci', name };
  }
  if (env[ACTOR_ENV]) return { kind: 'event', name: env[ACTOR_ENV]! };
  if (env.CI) return { kind: 'ci', name: `ci ${env.CI_JOB_ID ?? env.BUILD_ID ?? env.CI}` };
  let user = env.USER ?? env.LOGNAME;
  try {
    user ??= os.userInfo().username;
  } catch {
    user ??= 'unknown';
  }
  return { kind: 'user', name: `${user}@${os.hostname()}` };
}
