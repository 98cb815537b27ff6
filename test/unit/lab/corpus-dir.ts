/**
 * Where the public configs of ../shared/corpus are. They are optional evidence outside the
 * repository: a run without them skips with the reason, a CI run fails. TRANSLATOR_CORPUS
 * points elsewhere (a worktree has no ../shared next to it).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CORPUS = process.env.TRANSLATOR_CORPUS ?? fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));

/** Why the corpus cannot be used here, or undefined when it can. Throws in CI, where it must be there. */
export function corpusAbsent(): string | undefined {
  if (existsSync(CORPUS)) return undefined;
  const reason = `public config corpus not found at ${CORPUS} (set TRANSLATOR_CORPUS)`;
  if (process.env.CI) throw new Error(reason);
  return reason;
}
