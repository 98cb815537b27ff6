/**
 * Heavy dependencies are loaded where they are first used, never at start-up: `translator --help`
 * or an offline plan must not pay for dockerode's HTTP/gRPC stack, ssh2's crypto, zod, pino or
 * prom-client (together ≈ 0.4 s of a 0.5 s start, BENCHMARKS.md, issue 14). Each of them ships
 * a CommonJS build, so `require` loads it synchronously on first use, on every Node >= 20, and
 * the adapter keeps its synchronous API. Types come from `import type`, which costs nothing.
 */
import { createRequire } from 'node:module';

/** `require` for the packages named in package.json's dependencies. */
const requireDependency = createRequire(import.meta.url);

/** `make()` run once, on the first call; later calls get the same value. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

// The heavy dependencies, one loader each (load time on the 2-core machine, quiet).
/** ≈ 130 ms: docker-modem, ssh2 for ssh:// engines, the gRPC/protobuf stack for BuildKit. */
export const dockerode = once(() => requireDependency('dockerode') as typeof import('dockerode'));
/** ≈ 45 ms: the SSH transport and its crypto. */
export const ssh2 = once(() => requireDependency('ssh2') as typeof import('ssh2'));
/** ≈ 90 ms: every schema (settings, records, leases, Docker state) is built on first use too. */
export const zod = once(() => requireDependency('zod') as typeof import('zod'));
/** ≈ 20 ms each: logging and metrics belong to the daemon and to commands that log. */
export const pino = once(() => requireDependency('pino') as typeof import('pino'));
export const promClient = once(() => requireDependency('prom-client') as typeof import('prom-client'));
/** ≈ 25 ms: the Git process driver. */
export const simpleGit = once(() => requireDependency('simple-git') as typeof import('simple-git'));
/** ≈ 20 ms: templates, for the commands that render. */
export const nunjucks = once(() => requireDependency('nunjucks') as typeof import('nunjucks'));
/** ≈ 50 ms: the settings file's parser. */
export const yaml = once(() => requireDependency('yaml') as typeof import('yaml'));
/** ≈ 15 ms: unified diffs, for `plan --format diff` only. */
export const diff = once(() => requireDependency('diff') as typeof import('diff'));
