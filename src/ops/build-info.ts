/**
 * What build this process is: the package's version (package.json, found from this file in the
 * checkout, in dist/ and in the installed package alike) and the Node.js that runs it. Read once;
 * logs carry the version on every line and /metrics exports it as translator_build_info.
 */
import { readFileSync } from 'node:fs';

interface BuildInfo {
  version: string;
  nodeVersion: string;
}

let cached: BuildInfo | null = null;

export function buildInfo(): BuildInfo {
  cached ??= {
    version: (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version,
    nodeVersion: process.versions.node,
  };
  return cached;
}
