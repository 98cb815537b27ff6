/** Where the iosxe tests find their own inputs (the shared public corpus: test/helpers/corpus.ts). */
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const fixturesDir = join(repoRoot, 'test', 'fixtures', 'iosxe');

export function configFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.cfg'))
    .sort()
    .map((name) => join(dir, name));
}

export function fixture(name: string): string {
  return readFileSync(join(fixturesDir, name), 'utf8');
}
