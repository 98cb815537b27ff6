/**
 * The shared public corpus (`shared/corpus`: running-configs from public repositories, kept outside the
 * repository on purpose, see its README). Optional evidence: outside CI a missing corpus skips the tests
 * that read it, with the reason; in CI (CI=true) it is a failure, like every missing prerequisite.
 * Found at TRANSLATOR_CORPUS when set, else as `shared/corpus` beside the repository or beside any
 * folder above it (a worktree sits one level deeper than the main checkout).
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function findCorpus(): string | undefined {
  const given = process.env.TRANSLATOR_CORPUS;
  if (given) return existsSync(given) ? given : undefined;
  for (let dir = dirname(repoRoot.replace(/\/$/, '')); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'corpus');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

const found = findCorpus();
const MISSING = `the public corpus (TRANSLATOR_CORPUS, else shared/corpus beside the repository or a folder above it) is not there`;

/** Options for node:test: skip with the reason when the corpus is missing outside CI; never skip in CI. */
export function corpusTestOptions(): { skip?: string } {
  return found || process.env.CI ? {} : { skip: MISSING };
}

/** The corpus folder; throws (a test failure) when it is missing. */
export function corpusDir(): string {
  if (!found) throw new Error(`${MISSING}; in CI it must be`);
  return found;
}

/** The corpus's `.cfg` files, sorted, as full paths. */
export function corpusConfigs(): string[] {
  const dir = corpusDir();
  return readdirSync(dir)
    .filter((name) => name.endsWith('.cfg'))
    .sort()
    .map((name) => join(dir, name));
}
