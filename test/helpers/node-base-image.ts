/**
 * A Node.js base image made from this machine's own Debian packages, so the project's
 * Dockerfile can be built (its BASE_IMAGE build argument) where no image registry is reachable.
 *
 * Its root filesystem holds the running Node.js (process.execPath) with npm beside it
 * (<prefix>/lib/node_modules/npm), git with its helpers and templates, ssh, tini (Debian's static
 * build as /usr/bin/tini, where the Dockerfile's ENTRYPOINT expects it), the shared libraries
 * `ldd` lists for all of them, the CA bundle, busybox as /bin/sh and the small utilities a
 * Dockerfile's RUN lines use, and a root user: what the Dockerfile would otherwise install with
 * apt-get, which cannot run here. Paths keep the host's merged-/usr layout
 * (bin -> usr/bin, lib -> usr/lib, ...) so the libraries' own symlinks stay valid. tar streams
 * the host's files straight into `docker import`: nothing is copied on disk, and a build takes
 * a few seconds, so the image is made anew for each engine rather than cached.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { PrivateEngine } from './docker-engine.js';

const run = promisify(execFile);

export const NODE_BASE_IMAGE = 'local/node-base:test';

/** Top-level links of a merged-/usr system, recreated as they are on the host. */
const MERGED_USR_LINKS = ['bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32'];

/** What the image is made of on this host; null members when absent. */
function hostParts() {
  const prefix = dirname(dirname(process.execPath));
  return {
    node: process.execPath,
    npm: join(prefix, 'lib', 'node_modules', 'npm'),
    git: findExecutable('git'),
    ssh: findExecutable('ssh'),
    tini: ['/usr/bin/tini-static'].find((path) => existsSync(path)) ?? null,
    busybox: ['/bin/busybox', '/usr/bin/busybox'].find((path) => existsSync(path)) ?? null,
    ldd: findExecutable('ldd'),
    tar: findExecutable('tar'),
    caBundle: ['/etc/ssl/certs/ca-certificates.crt'].find((path) => existsSync(path)) ?? null,
  };
}

/** What is missing on this machine to make the base image, or null when nothing is. */
export function missingBaseImagePrerequisites(): string | null {
  const parts = hostParts();
  const missing = [
    ['npm beside node', existsSync(join(parts.npm, 'bin', 'npm-cli.js')) ? parts.npm : null, `npm in ${parts.npm}`],
    ['git', parts.git, 'apt-get install git'],
    ['ssh', parts.ssh, 'apt-get install openssh-client'],
    ['tini-static', parts.tini, 'apt-get install tini'],
    ['busybox', parts.busybox, 'apt-get install busybox-static'],
    ['ldd', parts.ldd, 'apt-get install libc-bin'],
    ['tar', parts.tar, 'apt-get install tar'],
    ['CA certificates', parts.caBundle, 'apt-get install ca-certificates'],
  ].filter(([, path]) => path === null);
  return missing.length === 0 ? null : `missing ${missing.map(([what, , how]) => `${what} (${how})`).join(', ')}`;
}

/** Makes NODE_BASE_IMAGE in `engine` and checks that node, npm and git run in it. */
export async function importNodeBaseImage(engine: PrivateEngine): Promise<string> {
  const missing = missingBaseImagePrerequisites();
  if (missing) throw new Error(`cannot make ${NODE_BASE_IMAGE}: ${missing}`);
  const parts = hostParts();
  const gitExecPath = (await run(parts.git!, ['--exec-path'])).stdout.trim();
  const staging = await mkdtemp(join(tmpdir(), 'translator-node-base-'));
  try {
    const members = await hostMembers(parts, gitExecPath);
    await writeStaging(staging, parts);
    await tarInto(engine, ['-C', staging, '.', '-C', '/', ...members]);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  // Fail here, with a clear message, rather than in the middle of a docker build.
  for (const check of [['node', '--version'], ['npm', '--version'], ['git', '--version'], ['ssh', '-V'], ['/usr/bin/tini', '--version'], ['sh', '-c', 'command -v chmod ln grep']]) {
    await engine.docker('run', '--rm', '--net=none', NODE_BASE_IMAGE, ...check).catch((error: Error) => {
      throw new Error(`${NODE_BASE_IMAGE} is broken: \`${check.join(' ')}\` failed: ${error.message}`);
    });
  }
  return NODE_BASE_IMAGE;
}

/** Host paths to copy (relative to /, directories recursively), with their libraries. */
async function hostMembers(parts: ReturnType<typeof hostParts>, gitExecPath: string): Promise<string[]> {
  const executables = [parts.node, parts.git!, parts.ssh!, parts.busybox!, ...elfCandidates(gitExecPath)];
  const libraries = (await Promise.all(executables.map(sharedLibraries))).flat();
  const paths = [
    parts.node,
    parts.npm,
    parts.git!,
    parts.ssh!,
    gitExecPath,
    ...['/usr/share/git-core'].filter((path) => existsSync(path)),
    parts.busybox!,
    parts.caBundle!,
    ...['/etc/os-release', '/etc/debian_version'].filter((path) => existsSync(path)),
    ...libraries,
  ];
  const members = new Set<string>();
  for (const path of paths) {
    members.add(asMember(path));
    // A symlink (libstdc++.so.6 -> libstdc++.so.6.0.30, os-release -> ../usr/lib/os-release) needs its target too.
    if (lstatSync(path).isSymbolicLink()) members.add(realpathSync(path).slice(1));
  }
  return [...members];
}

/** The path through its parent's real directory, relative to /: /lib/x/libc.so.6 -> usr/lib/x/libc.so.6. */
function asMember(path: string): string {
  return join(realpathSync(dirname(path)), basename(path)).slice(1);
}

/** Regular files of a directory that may be dynamically linked programs (git's helpers). */
function elfCandidates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(dir, entry.name));
}

/** Libraries `ldd` resolves for `file` (none for static binaries and scripts). */
async function sharedLibraries(file: string): Promise<string[]> {
  const output = await run('ldd', [file]).then((result) => result.stdout, () => '');
  return [...output.matchAll(/(\/\S+) \(0x[0-9a-f]+\)/g)].map((match) => match[1]!);
}

/** What the host does not provide as files: layout links, busybox applets, npm's links, users. */
async function writeStaging(staging: string, parts: ReturnType<typeof hostParts>): Promise<void> {
  for (const name of MERGED_USR_LINKS) {
    const path = join('/', name);
    if (existsSync(path) && lstatSync(path).isSymbolicLink()) await symlink(readlinkSync(path), join(staging, name));
  }
  const binDir = join(staging, realpathSync('/bin'));
  const nodeBin = join(staging, dirname(process.execPath));
  await mkdir(binDir, { recursive: true });
  await mkdir(nodeBin, { recursive: true });
  await mkdir(join(staging, 'usr', 'local', 'bin'), { recursive: true });

  const busybox = join('/', asMember(parts.busybox!));
  const applets = (await run(parts.busybox!, ['--list'])).stdout.split('\n').filter(Boolean);
  const taken = new Set([basename(parts.node), 'git', 'ssh', 'tini', 'npm', 'npx', basename(busybox)]);
  for (const applet of applets.filter((name) => !taken.has(name))) await symlink(busybox, join(binDir, applet));
  await mkdir(join(staging, 'usr', 'bin'), { recursive: true });
  await copyFile(parts.tini!, join(staging, 'usr', 'bin', 'tini'));
  const npmBin = join('..', 'lib', 'node_modules', 'npm', 'bin');
  await symlink(join(npmBin, 'npm-cli.js'), join(nodeBin, 'npm'));
  await symlink(join(npmBin, 'npx-cli.js'), join(nodeBin, 'npx'));

  await mkdir(join(staging, 'etc'), { recursive: true });
  await writeFile(join(staging, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
  await writeFile(join(staging, 'etc', 'group'), 'root:x:0:\n');
  await mkdir(join(staging, 'root'), { mode: 0o700 });
  await mkdir(join(staging, 'tmp'), { mode: 0o1777 });
  await run('chmod', ['1777', join(staging, 'tmp')]); // mkdir's mode is masked by the umask
}

/** `tar -c ARGS | docker import` as NODE_BASE_IMAGE, with a PATH that finds node. */
async function tarInto(engine: PrivateEngine, tarArgs: string[]): Promise<void> {
  const tar = spawn('tar', ['-c', '--numeric-owner', ...tarArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  const path = [...new Set(['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin', dirname(process.execPath)])];
  const importer = spawn(
    ['/usr/bin/docker', '/usr/local/bin/docker'].find((cli) => existsSync(cli)) ?? 'docker',
    ['import', '--change', `ENV PATH=${path.join(':')}`, '--change', 'CMD ["node"]', '-', NODE_BASE_IMAGE],
    { env: engine.env, stdio: ['pipe', 'ignore', 'pipe'] },
  );
  tar.stdout.pipe(importer.stdin);
  let tarErrors = '';
  let importErrors = '';
  tar.stderr.on('data', (chunk) => (tarErrors += chunk));
  importer.stderr.on('data', (chunk) => (importErrors += chunk));
  const [tarCode, importCode] = await Promise.all([
    new Promise<number | null>((resolve) => tar.once('close', resolve)),
    new Promise<number | null>((resolve) => importer.once('close', resolve)),
  ]);
  if (tarCode !== 0) throw new Error(`tar of the base image's files failed: ${tarErrors.trim()}`);
  if (importCode !== 0) throw new Error(`docker import of ${NODE_BASE_IMAGE} failed: ${importErrors.trim()}`);
}

function findExecutable(name: string): string | null {
  const dirs = (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin', '/usr/bin', '/bin']);
  return dirs.map((dir) => join(dir, name)).find((path) => existsSync(path)) ?? null;
}
