/**
 * translator decommission --router R: a router leaving the fleet. Its entry stays in
 * translator.yaml, marked `decommission: true` (its address, credentials and interfaces are how
 * translator reaches it and knows what it owns; no other command sees it any more). The
 * intended config "nothing" goes through the safe deploy path — lock, lease, revert timer,
 * verify, confirm, record — so translator's objects leave the router and nothing else does
 * (`ip nat outside` only when translator added it). Then its files move to
 * archive/routers/<r>/<stamp>/ in one commit (gitops/archive.ts); the records stay.
 */
import { resolve } from 'node:path';
import { succeeded } from '../../deploy/run-all.js';
import { prepareArchive, takeArchive, type RouterArchive } from '../../gitops/archive.js';
import { routerDir } from '../../gitops/layout.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import type { Settings } from '../../settings/load.js';
import { ExitCode, UserError } from '../exit-codes.js';
import { checkGitNameFlags } from '../git-name-flags.js';
import { observed } from '../command-run.js';
import { approver, deployAndReport, overridesOf } from '../deploy-run.js';
import { deployDocument, type ArchiveDone } from '../../documents/deploy.js';
import { formatOf, printDocument, type FormatFlags } from '../format.js';
import type { RepoOptions, SafetyFlags } from '../options.js';

interface DecommissionFlags extends RepoOptions, SafetyFlags, FormatFlags {
  router: string;
  push?: boolean;
  remote?: string;
}

export const action = observed('decommission', async (flags: DecommissionFlags, run) => {
  const json = formatOf(flags) === 'json';
  if (flags.remote !== undefined && !flags.push) throw new UserError('--remote: only with --push', ExitCode.Usage);
  checkGitNameFlags(flags);
  const { settings } = run;
  const name = flags.router;
  if (settings.routers.some((r) => r.name === name)) {
    throw new UserError(`${name} is still configured normally in translator.yaml: mark its entry \`decommission: true\` first (then no other command renders or deploys it)`);
  }
  if (!settings.decommissioned.some((r) => r.name === name)) {
    throw new UserError(
      `${name} is not in translator.yaml: to decommission a router translator no longer knows, give it back its entry ` +
        '(name, host, inside, outside, credentials as {env: …} or {file: …}) with `decommission: true`',
    );
  }
  const overrides = overridesOf(flags);
  const approve = approver(flags);
  const repo = await GitOpsRepo.open(resolve(flags.repo));
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const archive = await prepareArchive(repo, {
    router: name,
    stamp,
    reason:
      `${name} is marked \`decommission: true\` in translator.yaml: translator removed its objects from the router ` +
      `(\`translator decommission\`, recorded on ${settings.deploy.recordsBranch}) and keeps its files here for the history.`,
    author: settings.git.author,
    committer: settings.git.committer,
  });
  // The deploy names the commit where the router has no intended config: the archive, or HEAD when there is nothing to archive.
  const commit = archive?.commit ?? (await repo.head());
  if (commit === null) throw new UserError(`${repo.root} has no commit yet: nothing records what ${name} ran`);
  const result = await deployAndReport(
    { repo, settings, routers: [name], kind: 'decommission', refFor: async () => ({ ref: commit, commit }), intendedFor: async () => '', overrides, admission: { reviewed: false, denyWindow: true } },
    approve,
    { json },
    run,
  );
  if (!result.outcomes.every(succeeded)) {
    process.stderr.write(`translator: ${name}: not archived: the router may still hold translator's objects (above); run \`translator decommission --router ${name}\` again\n`);
    process.exitCode = process.exitCode || ExitCode.Error;
    if (json) printDocument(deployDocument('decommission', result, null));
    return;
  }
  const archived = archive ? await keepArchive(repo, archive, flags, settings.git) : null;
  if (json) return printDocument(deployDocument('decommission', result, archived));
  if (archived) {
    process.stdout.write(`committed ${archived.commit.slice(0, 12)}: ${archived.from}/ archived to ${archived.to}/\n`);
    if (archived.pushed) process.stdout.write(`pushed ${archived.pushed}\n`);
  } else process.stdout.write(`${name}: nothing to archive: ${routerDir(name)}/ is not in ${commit.slice(0, 12)}\n`);
  process.stdout.write(`${name}: decommissioned; remove its entry from translator.yaml\n`);
});

async function keepArchive(repo: GitOpsRepo, archive: RouterArchive, flags: DecommissionFlags, git: Settings['git']): Promise<ArchiveDone> {
  await takeArchive(repo, archive);
  const done: ArchiveDone = { commit: archive.commit, from: archive.from, to: archive.to, pushed: null };
  if (!flags.push) return done;
  const pushed = await repo.push({
    remote: flags.remote ?? git.sharedRemote,
    ...(git.branch ? { branch: git.branch } : {}),
    retries: git.pushRetries,
    committer: git.committer,
  });
  return { ...done, pushed: `${pushed.sha.slice(0, 12)} to ${pushed.remote}/${pushed.branch}` };
}
