/**
 * Issue 14: each command loads only what it uses. `--help` and `--version` load the command
 * definitions and commander, nothing of what the commands do; a command line that names a command
 * loads that command's definition alone; an offline plan adds the engine and its output, and no
 * settings, Git, Docker, SSH, logging, metrics or templates. A
 * static import added to a definition, or to the offline plan's path, fails here (the modules are
 * those a real process loads, loaded-modules.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/git.js';
import { modulesLoadedBy, type LoadedModules } from './loaded-modules.js';

/** The TypeScript loader the test runs the source entry with; not translator's. */
const TOOLING = ['esbuild', 'tsx'];

/** All that defining the commands may load: the program, the definitions and the small modules their texts name. */
const DEFINITIONS_ONLY = [
  /^cli\/(main|run|program|action|exit-codes|format|options|plan-options)\.ts$/,
  /^cli\/definitions\/[a-z-]+\.ts$/,
  // build-info: the version; ops/logger, redact, lazy: the log options' choices (pino itself is required on first use).
  /^(build-info|lazy|redact|ops\/logger)\.ts$/,
  // Constants the help texts show (defaults), each a module without imports.
  /^(documents\/document|iosxe\/options|lab\/options)\.ts$/,
];

/** The adapters and the stages an offline plan does not use (gitops/layout.ts: only repository paths, no Git). */
const NOT_FOR_OFFLINE_PLAN = /^(deploy|device|gitops\/(?!layout\.ts$)|observe|watch|web|settings|notify|render|intent\/(?!(ipv4|order)\.ts$)|lab\/(?!options\.ts$)|ops\/(?!logger\.ts$)|pipeline\.ts$|cli\/(context|command-run|deploy-run|web-options|user-facing-errors)\.ts$|cli\/commands\/(?!plan(-output)?\.ts$))/;
const HEAVY_PACKAGES = ['ajv', 'croner', 'diff', 'dockerode', 'nunjucks', 'pino', 'prom-client', 'simple-git', 'ssh2', 'yaml', 'zod'];

const definitionsIn = (loaded: LoadedModules) => loaded.own.filter((module) => module.startsWith('cli/definitions/'));

function assertDefinitionsOnly(args: string[], loaded: LoadedModules): void {
  const label = args.join(' ');
  assert.equal(loaded.code, 0, `${label}: ${loaded.stderr}`);
  // The hook saw the process: the program and commander are there.
  assert.ok(loaded.own.includes('cli/program.ts'), `${label}: the module log has the program (${loaded.own.join(', ')})`);
  const beyond = loaded.own.filter((module) => !DEFINITIONS_ONLY.some((allowed) => allowed.test(module)));
  assert.deepEqual(beyond, [], `${label} loads only the command definitions`);
  assert.deepEqual(loaded.packages.filter((name) => !TOOLING.includes(name)), ['commander'], `${label}: commander is the only dependency loaded`);
}

test('--help, --version and a command\'s --help load the command definitions and commander, none of the commands\' code', async () => {
  const help = await modulesLoadedBy(['--help']);
  assertDefinitionsOnly(['--help'], help);
  assert.ok(definitionsIn(help).length > 10, `--help defines every command (${definitionsIn(help).join(', ')})`);
  const version = await modulesLoadedBy(['--version']);
  assertDefinitionsOnly(['--version'], version);
  assert.deepEqual(definitionsIn(version), ['cli/definitions/index.ts'], '--version defines no command (the index only names them)');
  assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  for (const command of ['deploy', 'watch', 'plan']) {
    const loaded = await modulesLoadedBy([command, '--help']);
    assertDefinitionsOnly([command, '--help'], loaded);
    assert.deepEqual(definitionsIn(loaded), [`cli/definitions/${command}.ts`, 'cli/definitions/index.ts'].sort(), `${command} --help defines ${command} alone`);
    assert.match(loaded.stdout, new RegExp(`^Usage: translator ${command} \\[options\\]`), `${command} --help prints its help`);
  }
});

test('an offline plan loads the engine and its output, no settings, Git, Docker, SSH, logs, metrics or templates', async (t) => {
  const tmp = tempDir('cold-start');
  t.after(tmp.remove);
  const running = join(tmp.dir, 'running.cfg');
  const intended = join(tmp.dir, 'intended.cfg');
  writeFileSync(running, 'interface GigabitEthernet1\n ip nat outside\n!\nend\n');
  writeFileSync(intended, 'vrf definition tenant-a\n description translator: tenant-a\n!\ninterface GigabitEthernet2.10\n description translator: tenant-a\n encapsulation dot1Q 10\n vrf forwarding tenant-a\n ip address 192.168.1.254 255.255.255.0\n ip nat inside\n!\ninterface GigabitEthernet1\n ip nat outside\n!\nend\n');

  const loaded = await modulesLoadedBy(['plan', '--running', running, '--intended', intended]);
  assert.equal(loaded.code, 0, loaded.stderr);
  assert.match(loaded.stdout, /^vrf definition tenant-a$/m, 'the plan was made and printed');
  for (const module of ['cli/commands/plan.ts', 'iosxe/parse.ts', 'iosxe/scope.ts', 'iosxe/plan.ts']) assert.ok(loaded.own.includes(module), `${module} is loaded`);
  assert.deepEqual(loaded.own.filter((module) => NOT_FOR_OFFLINE_PLAN.test(module)), [], 'the offline plan loads no adapter and no other command');
  assert.deepEqual(definitionsIn(loaded), ['cli/definitions/index.ts', 'cli/definitions/plan.ts'], 'plan alone is defined');
  assert.deepEqual(loaded.packages.filter((name) => HEAVY_PACKAGES.includes(name)), [], 'the offline plan loads none of the heavy dependencies');
});
