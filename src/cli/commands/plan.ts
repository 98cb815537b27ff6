import type { Command } from 'commander';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { canonicalInterfaceName } from '../../iosxe/interface-names.js';
import { inferInterfaces } from '../../iosxe/infer.js';
import { DEFAULT_MARKER, DEFAULT_PREFIX, formatDiff, formatJson, formatMarkdown, formatText, parseConfig, plan, PlanRefused } from '../../iosxe/index.js';
import type { ConfigTree, ScopeOptions } from '../../iosxe/index.js';
import { loadSettings, SettingsError } from '../../settings/load.js';
import type { Settings } from '../../settings/load.js';
import { ExitCode, UserError } from '../exit-codes.js';

const FORMATS = ['text', 'diff', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

/** Printed between Markdown parts, each small enough for one pull-request comment. */
export const MARKDOWN_PART_BREAK = '<!-- translator: part break -->';

interface PlanOptions {
  running: string;
  intended?: string;
  repo?: string;
  router?: string;
  format: string;
  detailedExitcode?: boolean;
  adopt: string[];
  marker?: string;
  prefix?: string;
  inside?: string;
  outside?: string;
}

export function register(program: Command): void {
  program
    .command('plan')
    .summary('offline: the commands that bring a saved running-config to the intended config')
    .description(
      'Compares a saved running-config with an intended config and prints the IOS XE commands that would ' +
        'bring the owned part of the router to the intent, without touching a router. Only owned objects are ' +
        'considered: VRFs and INSIDE sub-interfaces whose description starts with the marker, ACLs and ' +
        'route-maps named with the prefix, NAT lines of owned VRFs, and `ip nat outside` on OUTSIDE.\n' +
        'Interfaces, marker and prefix come from the flags, else from <repo>/translator.yaml (with --repo), ' +
        'else from the intended file itself (the interface with `ip nat outside`, the parent of the sub-interfaces).\n' +
        'Exit codes: 0 success (with --detailed-exitcode: no changes), 2 changes (--detailed-exitcode), 1 error.',
    )
    .requiredOption('--running <file>', 'saved `show running-config` output')
    .option('--intended <file>', 'intended config file')
    .option('--repo <dir>', 'GitOps repository: read routers/<router>/intended.cfg and translator.yaml')
    .option('--router <name>', 'router folder in the repository (default: the only one)')
    .option('--format <format>', `output: ${FORMATS.join(', ')}`, 'text')
    .option('--detailed-exitcode', 'exit 2 when there are changes, 0 when there are none')
    .option('--adopt <name...>', 'take over these unmarked objects (VRF or interface names); the plan marks them', [])
    .option('--marker <text>', `ownership marker at the start of descriptions (default ${DEFAULT_MARKER})`)
    .option('--prefix <text>', `owned ACL and route-map name prefix (default ${DEFAULT_PREFIX})`)
    .option('--inside <interface>', 'parent interface of the tenant sub-interfaces')
    .option('--outside <interface>', 'interface whose `ip nat outside` line is owned')
    .action((options: PlanOptions) => {
      if (!FORMATS.includes(options.format as Format)) throw new UserError(`--format must be one of ${FORMATS.join(', ')}`, ExitCode.Usage);
      if ((options.intended === undefined) === (options.repo === undefined)) {
        throw new UserError('give exactly one of --intended FILE or --repo DIR', ExitCode.Usage);
      }
      const running = parseConfig(readText(options.running, 'running-config'));
      const { intended, settings, router } = loadIntended(options);
      const scope = scopeOptions(options, intended, settings, router);
      let result;
      try {
        result = plan(running, intended, scope);
      } catch (error) {
        if (error instanceof PlanRefused) throw new UserError(error.message);
        throw error;
      }
      process.stdout.write(render(options.format as Format, result, scope));
      if (options.detailedExitcode && result.commands.length > 0) process.exitCode = ExitCode.Changes;
    });
}

function render(format: Format, result: ReturnType<typeof plan>, scope: ScopeOptions): string {
  switch (format) {
    case 'text':
      return formatText(result);
    case 'diff':
      return formatDiff(result, scope);
    case 'json':
      return formatJson(result, scope);
    case 'markdown':
      return formatMarkdown(result, scope).join(`\n${MARKDOWN_PART_BREAK}\n`);
  }
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function loadIntended(options: PlanOptions): { intended: ConfigTree; settings?: Settings; router?: string } {
  if (options.intended !== undefined) return { intended: parseConfig(readText(options.intended, 'intended config')) };
  const repo = resolve(options.repo!);
  const router = options.router ?? onlyRouter(repo);
  const intended = parseConfig(readText(join(repo, 'routers', router, 'intended.cfg'), `intended config of router ${router}`));
  let settings: Settings | undefined;
  try {
    settings = loadSettings({ repo });
  } catch (error) {
    if (error instanceof SettingsError) throw new UserError(error.message);
    throw error;
  }
  return { intended, settings, router };
}

function onlyRouter(repo: string): string {
  const dir = join(repo, 'routers');
  const names = existsSync(dir) ? readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory()) : [];
  if (names.length === 1) return names[0]!;
  if (names.length === 0) throw new UserError(`no router folder under ${dir}`);
  throw new UserError(`${dir} holds ${names.length} routers (${names.sort().join(', ')}): choose one with --router`);
}

/** Flags first, then the repository's settings, then what the intended file shows. */
function scopeOptions(options: PlanOptions, intended: ConfigTree, settings: Settings | undefined, router: string | undefined): ScopeOptions {
  const configured = settings?.routers.find((r) => r.name === router);
  const inferred = inferInterfaces(intended);
  const inside = interfaceFlag(options.inside, '--inside') ?? configured?.inside ?? inferred.inside;
  const outside = interfaceFlag(options.outside, '--outside') ?? configured?.outside ?? inferred.outside;
  if (!inside || !outside) {
    const missing = [!inside && '--inside', !outside && '--outside'].filter(Boolean).join(' and ');
    throw new UserError(`cannot tell the ${missing} interface from the intended config: pass ${missing}`);
  }
  return {
    inside,
    outside,
    marker: options.marker ?? settings?.ownership.marker ?? DEFAULT_MARKER,
    prefix: options.prefix ?? settings?.ownership.prefix ?? DEFAULT_PREFIX,
    adopt: options.adopt,
  };
}

function interfaceFlag(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const full = canonicalInterfaceName(value);
  if (full === null) throw new UserError(`${flag} ${value}: unknown interface type`, ExitCode.Usage);
  return full;
}
