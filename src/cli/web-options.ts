/**
 * What the status page's options shared by `translator serve` and `translator watch` mean (defined
 * in options.ts): the token (from TRANSLATOR_WEB_TOKEN or TRANSLATOR_WEB_TOKEN_FILE, never a
 * command-line argument: argv is visible to every user of the machine), the commit URL template
 * and the drift interval.
 */
import { resolveSecret } from '../settings/secret.js';
import { checkCommitUrl } from '../web/index.js';
import { ExitCode, UserError } from './exit-codes.js';
import { COMMIT_URL_VARIABLE, type WebFlags } from './options.js';

export const TOKEN_VARIABLE = 'TRANSLATOR_WEB_TOKEN';

export interface WebSettings {
  token: string | null;
  commitUrl: string | null;
  driftSeconds: number;
}

export function webSettings(flags: WebFlags, env: NodeJS.ProcessEnv = process.env): WebSettings {
  const commitUrl = flags.commitUrl ?? env[COMMIT_URL_VARIABLE] ?? null;
  if (commitUrl !== null) {
    const problem = checkCommitUrl(commitUrl);
    if (problem) throw new UserError(`--commit-url: ${problem}`, ExitCode.Usage);
  }
  const driftSeconds = flags.driftSeconds === undefined ? 0 : Number(flags.driftSeconds);
  if (!Number.isInteger(driftSeconds) || driftSeconds < 0 || driftSeconds > 86_400) throw new UserError(`--drift-seconds ${flags.driftSeconds}: expected 0-86400`, ExitCode.Usage);
  const set = Boolean(env[TOKEN_VARIABLE] || env[`${TOKEN_VARIABLE}_FILE`]);
  const token = set ? resolveSecret({ env: TOKEN_VARIABLE }, env).reveal() : null;
  return { token, commitUrl, driftSeconds };
}
