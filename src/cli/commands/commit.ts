import { ExitCode, UserError } from '../exit-codes.js';
import { checkGitNameFlags } from '../git-name-flags.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { commitRendered, describeRejections, renderState } from '../../pipeline.js';
import { observe, selectRouters, settingsOf } from '../context.js';
import type { StateOptions } from '../options.js';

interface CommitCommandOptions extends StateOptions {
  router?: string;
  push?: boolean;
  remote?: string;
  branch?: string;
}

export async function action(options: CommitCommandOptions): Promise<void> {
  if (!options.push && (options.remote !== undefined || options.branch !== undefined)) throw new UserError('--remote and --branch: only with --push', ExitCode.Usage);
  checkGitNameFlags(options);
  const settings = settingsOf(options);
  const routers = selectRouters(settings, options.router);
  const repo = await GitOpsRepo.open(options.repo);
  const { docker, facts } = await observe(options, settings, repo, routers);
  const rendered = renderState(docker, settings, repo.dir, routers, facts);
  for (const line of describeRejections(rendered.intent.rejections)) process.stderr.write(`translator: ${line}\n`);

  const { commit } = await commitRendered(repo, rendered, settings);
  process.stdout.write(commit ? `committed ${commit.sha.slice(0, 12)} ${commit.message.split('\n')[0]}\n` : 'nothing changed: no commit\n');
  if (!options.push) return;

  const branch = options.branch ?? settings.git.branch;
  const pushed = await repo.push({
    remote: options.remote ?? settings.git.sharedRemote,
    ...(branch ? { branch } : {}),
    retries: settings.git.pushRetries,
    committer: settings.git.committer,
  });
  const retried = pushed.attempts > 1 ? ` after ${pushed.attempts} attempts (replayed ${pushed.replayed} commit(s))` : '';
  process.stdout.write(`pushed ${pushed.sha.slice(0, 12)} to ${pushed.remote}/${pushed.branch}${retried}\n`);
}
