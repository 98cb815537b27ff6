/**
 * No option that does nothing (issue 12): every option of every command is documented in the
 * README's command table (or its common options) and read by the code that handles it; options
 * that would be ignored in a combination are refused as usage errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram } from '../../../src/cli/program.js';
import { REPO_ROOT, runCli } from '../../helpers/cli.js';

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
/** The options the README explains once for all commands ("Common options"). */
const COMMON = ['--repo', '--config', '--docker-host', '--state'];
/** Where options are read when a shared helper registers them (with the command's own file). */
const HELPERS = ['src/cli/context.ts', 'src/cli/deploy-run.ts', 'src/cli/format.ts', 'src/cli/command-run.ts', 'src/cli/web-options.ts'].map((file) => readFileSync(join(REPO_ROOT, file), 'utf8'));

function row(command: string): string {
  const line = README.split('\n').find((l) => l.startsWith(`| \`translator ${command} `) || l.startsWith(`| \`translator ${command}\``));
  assert.ok(line, `the README's command table has a row for ${command}`);
  return line;
}

test('every option of every command is in its README row (or the common options) and read by the code', async () => {
  const program = await buildProgram();
  const common = README.slice(README.indexOf('Common options:'), README.indexOf('**JSON output.**'));
  for (const command of program.commands) {
    const name = command.name();
    const documented = row(name);
    const source = readFileSync(join(REPO_ROOT, 'src/cli/commands', `${name}.ts`), 'utf8');
    for (const option of command.options) {
      const flag = option.long!;
      if (flag === '--help') continue;
      const inCommon = COMMON.includes(flag) && common.includes(`\`${flag}`);
      assert.ok(documented.includes(flag) || inCommon, `${name} ${flag} is in the README's row for ${name}`);
      const attribute = option.attributeName();
      const read = new RegExp(`\\.${attribute}\\b|'${attribute}'|\\b${attribute}[,:)]`);
      assert.ok([source, ...HELPERS].some((text) => read.test(text)), `${name} ${flag}: its value (${attribute}) is read`);
    }
  }
  assert.match(row('version'), /`translator --version`/);
});

test('options that would do nothing are not accepted: usage errors (exit 64) that say why', async () => {
  const cases: [string[], RegExp][] = [
    [['rollback', '--concurrency', '2'], /unknown option '--concurrency'/],
    [['decommission', '--router', 'x', '--concurrency', '2'], /unknown option '--concurrency'/],
    [['decommission', '--router', 'x', '--adopt', 'vrf1'], /unknown option '--adopt'/],
    [['decommission', '--router', 'x', '--force'], /unknown option '--force'/],
    [['decommission', '--router', 'x', '--allow-unreviewed'], /unknown option '--allow-unreviewed'/],
    [['decommission', '--router', 'x', '--remote', 'origin'], /--remote: only with --push/],
    [['drift', '--yes', '--revert-timer', '3'], /--revert-timer, --yes: only with --fix \(drift alone changes no router\)/],
    [['drift', '--ignore-deny-window'], /--ignore-deny-window: only with --fix/],
    [['plan', '--running', 'r.cfg', '--intended', 'i.cfg', '--ref', 'main'], /--ref: only online \(without --running\)/],
    [['plan', '--running', 'r.cfg', '--intended', 'i.cfg', '--all'], /--all: only online/],
    [['plan', '--running', 'r.cfg', '--intended', 'i.cfg', '--config', 'x.yaml'], /--config: only with --repo \(or online\)/],
    [['plan', '--marker', 'x:'], /--marker: only with --running/],
    [['commit', '--branch', 'main'], /--remote and --branch: only with --push/],
  ];
  // No settings, no repository, no router: each is refused before anything is read.
  const env = { INSIDE_INTERFACE: 'GigabitEthernet2', OUTSIDE_INTERFACE: 'GigabitEthernet1' };
  for (const [args, message] of cases) {
    const result = await runCli(args, { env });
    assert.equal(result.code, 64, `${args.join(' ')}: a usage error\n${result.stderr}`);
    assert.match(result.stderr, message, args.join(' '));
  }
});
