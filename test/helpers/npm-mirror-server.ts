/**
 * The npm mirror's server process (see npm-mirror.ts): `node --import tsx npm-mirror-server.ts
 * LOCKFILE CACHEDIR`. Listens on 127.0.0.1 (random port) of the namespace it was started in,
 * prints `listening URL`, then one `404 PATH` line per request it cannot answer.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cachedContentPath, lockedPackages, type LockedPackage } from './npm-mirror.js';

const [lockfile, cacheDir] = process.argv.slice(2);
if (!lockfile || !cacheDir) {
  process.stderr.write('usage: npm-mirror-server.ts LOCKFILE CACHEDIR\n');
  process.exit(2);
}

const byName = new Map<string, Map<string, LockedPackage>>();
for (const pkg of lockedPackages(lockfile)) {
  const versions = byName.get(pkg.name) ?? new Map<string, LockedPackage>();
  versions.set(pkg.version, pkg);
  byName.set(pkg.name, versions);
}

/** Our packuments' tarball URLs: /-/tarball/<name>/<version>.tgz */
const TARBALL = /^\/-\/tarball\/(.+)\/([^/]+)\.tgz$/;
/** The registry's own layout, which npm asks for when a lockfile has `resolved` URLs: /<name>/-/<base>-<version>.tgz */
const REGISTRY_TARBALL = /^\/((?:@[^/]+\/)?[^/@][^/]*)\/-\/([^/]+)\.tgz$/;

/** The package and version a tarball path names, in either layout. */
function tarballOf(path: string): LockedPackage | undefined {
  const ours = TARBALL.exec(path);
  if (ours) return byName.get(decodeURIComponent(ours[1]!))?.get(decodeURIComponent(ours[2]!));
  const registry = REGISTRY_TARBALL.exec(path);
  if (!registry) return undefined;
  const name = decodeURIComponent(registry[1]!);
  const base = name.slice(name.lastIndexOf('/') + 1);
  const file = decodeURIComponent(registry[2]!);
  return file.startsWith(`${base}-`) ? byName.get(name)?.get(file.slice(base.length + 1)) : undefined;
}

const server = createServer((req, res) => {
  const base = `http://${req.headers.host}`;
  const path = new URL(req.url ?? '/', base).pathname;
  const notFound = () => {
    process.stdout.write(`404 ${path}\n`);
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  };

  if (path.endsWith('.tgz')) {
    const pkg = tarballOf(path);
    const content = pkg && cachedContentPath(cacheDir, pkg.integrity);
    if (!content || !existsSync(content)) return notFound();
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    createReadStream(content).pipe(res);
    return;
  }

  // A packument: GET /<name> or /@scope%2fname, answered with the locked versions only.
  const versions = byName.get(decodeURIComponent(path.slice(1)));
  if (!versions) return notFound();
  const name = decodeURIComponent(path.slice(1));
  const document = {
    name,
    'dist-tags': { latest: [...versions.keys()].at(-1) },
    versions: Object.fromEntries(
      [...versions.values()].map((pkg) => [
        pkg.version,
        {
          ...pkg.manifest,
          name,
          version: pkg.version,
          dist: {
            tarball: `${base}/-/tarball/${encodeURIComponent(name)}/${encodeURIComponent(pkg.version)}.tgz`,
            integrity: pkg.integrity,
          },
        },
      ]),
    ),
  };
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document));
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}/\n`);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
