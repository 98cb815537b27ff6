import type { Command } from 'commander';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { canonicalInterfaceName } from '../../iosxe/interface-names.js';
import { inferInterfaces } from '../../iosxe/infer.js';
import { DEFAULT_MARKER, DEFAULT_PREFIX, formatDiff, formatMarkdown, formatText, parseConfig, plan } from '../../iosxe/index.js';
import type { Plan } from '../../iosxe/index.js';
import type { ConfigTree, ScopeOptions } from '../../iosxe/index.js';
import { loadSettings } from '../../settings/load.js';
import type { Settings } from '../../settings/load.js';
import { inspectRouters } from '../../deploy/inspect.js';
import { describeRecorded, planFromRecords, type RecordedView } from '../../deploy/recorded-plan.js';
import { defaultDeployRef, resolveRef } from '../../deploy/intended.js';
import { intendedCfgPath, ROUTERS_DIR } from '../../gitops/layout.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { flagOf, selectRouters, settingsOf } from '../context.js';
import { ExitCode, UserError } from '../exit-codes.js';
import { formatOf, printDocument, withFormatOption } from '../format.js';
import { planDocument } from '../../documents/plan.js';
import { errnoCode, errorText } from '../../errors.js';

const FORMATS = ['text', 'diff', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

/** Printed between Markdown parts, each small enough for one pull-request comment. */
export const MARKDOWN_PART_BREAK = '<!-- translator: part break -->';

interface PlanOptions {
  running?: string;
  config?: string;
  intended?: string;
  repo?: string;
  router?: string;
  format?: string;
  detailedExitcode?: boolean;
  adopt: string[];
  marker?: string;
  prefix?: string;
  inside?: string;
  outside?: string;
}

export function register(program: Command): void {
  const command = program
    .command('plan')
    .summary('the commands that would bring routers (or a saved running-config) to the intended config')
    .description(
      'Compares a saved running-config with an intended config and prints the IOS XE commands that would ' +
        'bring the owned part of the router to the intent, without touching a router. Only owned objects are ' +
        'considered: VRFs and INSIDE sub-interfaces whose description starts with the marker, ACLs and ' +
        'route-maps named with the prefix, NAT lines of owned VRFs, and `ip nat outside` on OUTSIDE.\n' +
        'Interfaces, marker and prefix come from the flags, else from <repo>/translator.yaml (with --repo), ' +
        'else from the intended file itself (the interface with `ip nat outside`, the parent of the sub-interfaces).\n' +
        'Online (no --running): the intended config is read from the repository at --ref (default: the tip of the ' +
        'deploy branch, never the work tree) and the running-config from each router over SSH (--router R, --all, ' +
        'or the only one configured). Never changes a router.\n' +
        'From the records (--from-records): no router is read and no credential is needed (pull-request plans); each router ' +
        'is taken to hold what the records branch last knew (the live intended config, or the last backup), and the output ' +
        'says which and how old it is.\n' +
        'Exit codes: 0 success (with --detailed-exitcode: no changes), 2 changes (--detailed-exitcode), 1 error.',
    )
    .option('--running <file>', 'saved `show running-config` output (offline); without it the router is read over SSH')
    .option('--intended <file>', 'intended config file')
    .option('--repo <dir>', 'GitOps repository: read routers/<router>/intended.cfg and translator.yaml')
    .option('--router <name>', 'router folder in the repository (default: the only one)')
    .option('--detailed-exitcode', 'exit 2 when there are changes, 0 when there are none')
    .option('--adopt <name...>', 'take over these unmarked objects (VRF or interface names); the plan marks them', [])
    .option('--marker <text>', `ownership marker at the start of descriptions (default ${DEFAULT_MARKER})`)
    .option('--prefix <text>', `owned ACL and route-map name prefix (default ${DEFAULT_PREFIX})`)
    .option('--inside <interface>', 'parent interface of the tenant sub-interfaces')
    .option('--outside <interface>', 'interface whose `ip nat outside` line is owned')
    .option('--all', 'online: every configured router')
    .option('--ref <ref>', 'online: commit, tag or branch holding the intended config (default: the tip of the deploy branch)')
    .option('--config <file>', 'settings file (default: <repo>/translator.yaml)')
    .option('--accept-new-host-key', "online: accept and record a router's SSH host key never seen before")
    .option('--from-records', 'no router access: plan against what the records branch last knew each router to hold, saying how old that is');
  withFormatOption(command, FORMATS).action(async (options: PlanOptions & OnlineOptions) => {
      const format = formatOf<Format>(options);
      if (options.fromRecords && (options.running !== undefined || options.acceptNewHostKey)) {
        throw new UserError('--from-records reads no router: it takes neither --running nor --accept-new-host-key', ExitCode.Usage);
      }
      // Each option belongs to one form; one given to the other would be silently ignored.
      const given = (names: readonly (keyof PlanOptions | keyof OnlineOptions)[]) => names.filter((name) => options[name] !== undefined).map(flagOf);
      if (options.running === undefined) {
        const offlineOnly = given(['marker', 'prefix', 'inside', 'outside']);
        if (offlineOnly.length) throw new UserError(`${offlineOnly.join(', ')}: only with --running (online, the scope comes from translator.yaml)`, ExitCode.Usage);
        return planOnline(options);
      }
      const onlineOnly = given(['all', 'ref', 'acceptNewHostKey']);
      if (onlineOnly.length) throw new UserError(`${onlineOnly.join(', ')}: only online (without --running)`, ExitCode.Usage);
      if (options.config !== undefined && options.repo === undefined) throw new UserError('--config: only with --repo (or online)', ExitCode.Usage);
      if ((options.intended === undefined) === (options.repo === undefined)) {
        throw new UserError('give exactly one of --intended FILE or --repo DIR', ExitCode.Usage);
      }
      const running = parseConfig(readText(options.running, 'running-config'));
      const { intended, settings, router } = loadIntended(options);
      const scope = scopeOptions(options, intended, settings, router);
      const result = plan(running, intended, scope);
      if (format === 'json') printDocument(planDocument([{ router: router ?? null, plan: result, scope }]));
      else process.stdout.write(render(format, result, scope, `${router ?? 'the router'}: nothing to change (the running-config matches the intended config)`));
      if (options.detailedExitcode && result.commands.length > 0) process.exitCode = ExitCode.Changes;
    });
}

/** A plan as text, diff or Markdown; an empty text or diff plan says so (`nothing`) instead of printing nothing. */
function render(format: Exclude<Format, 'json'>, result: Plan, scope: ScopeOptions, nothing: string): string {
  switch (format) {
    case 'text':
      return result.commands.length === 0 ? `${nothing}\n${formatText(result)}` : formatText(result);
    case 'diff':
      return formatDiff(result, scope) || `${nothing}\n`;
    case 'markdown':
      return formatMarkdown(result, scope).join(`\n${MARKDOWN_PART_BREAK}\n`);
  }
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read ${what} ${path}: ${errnoCode(error) ?? errorText(error)}`);
  }
}

function loadIntended(options: PlanOptions): { intended: ConfigTree; settings?: Settings; router?: string } {
  if (options.intended !== undefined) return { intended: parseConfig(readText(options.intended, 'intended config')) };
  const repo = resolve(options.repo!);
  const router = options.router ?? onlyRouter(repo);
  const intended = parseConfig(readText(join(repo, intendedCfgPath(router)), `intended config of router ${router}`));
  return { intended, settings: loadSettings({ repo, ...(options.config ? { file: options.config } : {}) }), router };
}

function onlyRouter(repo: string): string {
  const dir = join(repo, ROUTERS_DIR);
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

interface OnlineOptions {
  all?: boolean;
  ref?: string;
  acceptNewHostKey?: boolean;
  fromRecords?: boolean;
}

/** Online form: each router's running-config over SSH (or as recorded) against the intended config at --ref. */
async function planOnline(options: PlanOptions & OnlineOptions): Promise<void> {
  if (options.intended !== undefined) throw new UserError('--intended needs --running (offline); online plans read the repository at --ref', ExitCode.Usage);
  const repoDir = resolve(options.repo ?? '.');
  const settings = settingsOf({ repo: repoDir, ...(options.config ? { config: options.config } : {}) });
  const routers = selectRouters(settings, options.router, options.all === true);
  const repo = await GitOpsRepo.open(repoDir);
  const resolved = await resolveRef(repo, options.ref ?? (await defaultDeployRef(repo, settings)));
  const refFor = async () => resolved;
  const views = options.fromRecords
    ? await planFromRecords({ repo, settings, routers, refFor, adopt: options.adopt })
    : await inspectRouters({ repo, settings, routers, refFor, acceptNewHostKey: options.acceptNewHostKey === true, adopt: options.adopt });
  const failed = views.filter((v) => v.error);
  for (const view of failed) process.stderr.write(`translator: ${view.router}: ${view.error}\n`);
  const planned: RecordedView[] = views.filter((v) => v.plan);
  const now = new Date();
  const format = formatOf<Format>(options);
  if (format === 'json') printDocument(planDocument(views));
  else for (const view of planned) {
    if (routers.length > 1) process.stdout.write(`# ${view.router} (intended ${view.commit.slice(0, 12)})\n`);
    if (view.recorded) process.stdout.write(`${format === 'markdown' ? '> ' : '# '}${describeRecorded(view.router, view.recorded, now)}\n\n`);
    const matches = view.recorded ? 'what was recorded for the router matches' : 'the router matches';
    process.stdout.write(render(format, view.plan!, view.scope, `${view.router}: nothing to change (${matches} ${view.commit.slice(0, 12)})`));
  }
  if (failed.length > 0) process.exitCode = ExitCode.Error;
  else if (options.detailedExitcode && planned.some((v) => v.plan!.commands.length > 0)) process.exitCode = ExitCode.Changes;
}
