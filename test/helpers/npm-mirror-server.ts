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

const TARBALL = /^\/-\/tarball\/(.+)\/([^/]+)\.tgz$/;

const server = createServer((req, res) => {
  const base = `http://${req.headers.host}`;
  const path = new URL(req.url ?? '/', base).pathname;
  const notFound = () => {
    process.stdout.write(`404 ${path}\n`);
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  };

  const tarball = TARBALL.exec(path);
  if (tarball) {
    const pkg = byName.get(decodeURIComponent(tarball[1]!))?.get(decodeURIComponent(tarball[2]!));
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
