/**
 * translator plan. Offline (--running) it loads only the engine's parse, scope and plan and the
 * chosen output (the engine's modules, not its index, which holds every format), plus the
 * settings when --repo names them; the online form is plan-online.ts, loaded when it runs
 * (issue 14: an offline plan starts nearly as fast as `--help`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { canonicalInterfaceName } from '../../iosxe/interface-names.js';
import { inferInterfaces } from '../../iosxe/infer.js';
import { DEFAULT_MARKER, DEFAULT_PREFIX } from '../../iosxe/options.js';
import { parseConfig } from '../../iosxe/parse.js';
import { plan } from '../../iosxe/plan.js';
import type { ConfigTree, ScopeOptions } from '../../iosxe/index.js';
import type { Settings } from '../../settings/load.js';
import { intendedCfgPath, ROUTERS_DIR } from '../../gitops/layout.js';
import { ExitCode, UserError } from '../exit-codes.js';
import { formatOf } from '../format.js';
import { flagOf } from '../options.js';
import type { OnlineOptions, PlanFormat, PlanOptions } from '../plan-options.js';
import { planText, printPlanDocument } from './plan-output.js';
import { errnoCode, errorText } from '../../errors.js';

export async function action(options: PlanOptions & OnlineOptions): Promise<void> {
  const format = formatOf<PlanFormat>(options);
  if (options.fromRecords && (options.running !== undefined || options.acceptNewHostKey)) {
    throw new UserError('--from-records reads no router: it takes neither --running nor --accept-new-host-key', ExitCode.Usage);
  }
  // Each option belongs to one form; one given to the other would be silently ignored.
  const given = (names: readonly (keyof PlanOptions | keyof OnlineOptions)[]) => names.filter((name) => options[name] !== undefined).map(flagOf);
  if (options.running === undefined) {
    const offlineOnly = given(['marker', 'prefix', 'inside', 'outside']);
    if (offlineOnly.length) throw new UserError(`${offlineOnly.join(', ')}: only with --running (online, the scope comes from translator.yaml)`, ExitCode.Usage);
    const { planOnline } = await import('./plan-online.js');
    return planOnline(options);
  }
  const onlineOnly = given(['all', 'ref', 'acceptNewHostKey']);
  if (onlineOnly.length) throw new UserError(`${onlineOnly.join(', ')}: only online (without --running)`, ExitCode.Usage);
  if (options.config !== undefined && options.repo === undefined) throw new UserError('--config: only with --repo (or online)', ExitCode.Usage);
  if ((options.intended === undefined) === (options.repo === undefined)) {
    throw new UserError('give exactly one of --intended FILE or --repo DIR', ExitCode.Usage);
  }
  const running = parseConfig(readText(options.running, 'running-config'));
  const { intended, settings, router } = await loadIntended(options);
  const scope = scopeOptions(options, intended, settings, router);
  const result = plan(running, intended, scope);
  if (format === 'json') await printPlanDocument([{ router: router ?? null, plan: result, scope }]);
  else process.stdout.write(await planText(format, result, scope, `${router ?? 'the router'}: nothing to change (the running-config matches the intended config)`));
  if (options.detailedExitcode && result.commands.length > 0) process.exitCode = ExitCode.Changes;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read ${what} ${path}: ${errnoCode(error) ?? errorText(error)}`);
  }
}

async function loadIntended(options: PlanOptions): Promise<{ intended: ConfigTree; settings?: Settings; router?: string }> {
  if (options.intended !== undefined) return { intended: parseConfig(readText(options.intended, 'intended config')) };
  const repo = resolve(options.repo!);
  const router = options.router ?? onlyRouter(repo);
  const intended = parseConfig(readText(join(repo, intendedCfgPath(router)), `intended config of router ${router}`));
  // Loaded here: an offline plan of two files reads no settings (and loads neither yaml nor zod).
  const { loadSettings } = await import('../../settings/load.js');
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
