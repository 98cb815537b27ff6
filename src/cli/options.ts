/**
 * The options several commands share, as commander definitions only: every command's definition
 * (definitions/) is loaded for any command line, so nothing here may import more than commander
 * (issue 14: `translator --help` loads no settings, Git, Docker or SSH code). What the values mean
 * is read where the command runs: context.ts, deploy-run.ts, web-options.ts.
 */
import type { Command } from 'commander';

/** Options every command that reads settings shares. */
export interface RepoOptions {
  repo: string;
  config?: string;
}

/** Options of the commands that read Docker state. */
export interface StateOptions extends RepoOptions {
  dockerHost?: string;
  state?: string;
}

export function withRepoOptions(command: Command): Command {
  return command
    .option('--repo <dir>', 'the GitOps repository', '.')
    .option('--config <file>', 'settings file (default: <repo>/translator.yaml; optional when the environment describes the router)');
}

export function withStateOptions(command: Command): Command {
  return withRepoOptions(command)
    .option('--docker-host <url>', 'Docker engine to read (default: docker.host or docker.hosts, else DOCKER_HOST, else unix:///var/run/docker.sock)')
    .option('--state <file>', 'read Docker state from a JSON file (as in routers/<r>/state.json "docker") instead of a Docker engine');
}

/** The flag of an option's attribute, for messages: `fromRecords` → `--from-records`. */
export function flagOf(attribute: string): string {
  return `--${attribute.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export interface SafetyFlags {
  revertTimer?: string;
  yes?: boolean;
  inUse?: string;
  allowNoArchive?: boolean;
  save?: string;
  acceptNewHostKey?: boolean;
  concurrency?: string;
  adopt?: string[];
  force?: boolean;
  allowUnreviewed?: boolean;
  ignoreDenyWindow?: boolean;
  metricsFile?: string;
}

/** The options of every command that changes routers: deploy, rollback, drift --fix, decommission. */
export function withSafetyOptions(command: Command): Command {
  return command
    .option('--revert-timer <minutes>', 'revert timer while the change is unconfirmed, 1-120 (default deploy.revertTimerMinutes, 5)')
    .option('--yes', 'do not ask before changing a router (needed when not on a terminal)')
    .option('--in-use <policy>', "answer to IOS's NAT \"in use\" question: clear | yes | fail (default deploy.inUse, fail); see README")
    .option('--allow-no-archive', 'deploy to a router without the archive feature (no revert timer; translator undoes a failure itself)')
    .option('--save <policy>', 'write memory after confirm: always | never | on-change (default deploy.save, on-change)')
    .option('--accept-new-host-key', "accept and record a router's SSH host key never seen before (never a changed one)")
    .option('--ignore-deny-window', 'deploy although a deny window (watch.deploy.deny) is open; recorded in the deploy record')
    .option('--metrics-file <path>', "after the run, write its metrics here for node_exporter's textfile collector (atomically; also when it fails)");
}

/**
 * The options of the commands that deploy a commit of the repository (deploy, rollback, drift
 * --fix), not decommission: it deploys an empty config (nothing to adopt, nothing another router
 * could hold) from a commit it makes itself.
 */
export function withCommitOptions(command: Command): Command {
  return command
    .option('--adopt <name...>', 'take over these unmarked objects (VRF or interface names) the plan refuses to touch; the deploy marks them')
    .option('--force', 'deploy although another router holds a VLAN or global IP this config takes (the fleet check); recorded in the deploy record')
    .option('--allow-unreviewed', 'deploy a commit the deploy branch does not reach (not merged, so not reviewed); recorded in the deploy record');
}

/** For the commands that deploy several routers at once (deploy --all, drift --fix). */
export function withConcurrencyOption(command: Command): Command {
  return command.option('--concurrency <n>', 'routers deployed at once with several routers (default deploy.concurrency, 4)');
}

/** The flags among SafetyFlags that only a deploy reads (drift without --fix reads none of them). */
export const DEPLOY_ONLY_FLAGS = ['revertTimer', 'yes', 'inUse', 'allowNoArchive', 'save', 'concurrency', 'force', 'allowUnreviewed', 'ignoreDenyWindow'] as const;

/** The variable --commit-url defaults to (web-options.ts reads it). */
export const COMMIT_URL_VARIABLE = 'TRANSLATOR_COMMIT_URL';

export interface WebFlags {
  commitUrl?: string;
  driftSeconds?: string;
}

/** The status page's options shared by `translator serve` and `translator watch`. */
export function withWebOptions(command: Command): Command {
  return command
    .option('--commit-url <template>', `link commits to the forge, e.g. https://github.com/org/gitops/commit/{sha} (default: ${COMMIT_URL_VARIABLE})`)
    .option('--drift-seconds <n>', 'read the routers over SSH this often and show drift (default 0: never)');
}
