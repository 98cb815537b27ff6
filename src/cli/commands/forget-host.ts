import type { Command } from 'commander';
import { resolve } from 'node:path';
import { GitOpsRepo } from '../../gitops/repo.js';
import { describeRejections, forgetHost } from '../../pipeline.js';
import { forgetHostDocument } from '../../documents/forget-host.js';
import { selectRouters, settingsOf, withRepoOptions, type RepoOptions } from '../context.js';
import { formatOf, printDocument, withFormatOption, type FormatFlags } from '../format.js';

export function register(program: Command): void {
  withFormatOption(withRepoOptions(
    program
      .command('forget-host')
      .argument('<host>', 'the Docker host, as docker.hosts names it (or a Swarm node, as `translator status` names it)')
      .summary("remove a silent Docker host's last known objects, in a commit")
      .description(
        'A Docker host that does not answer keeps its last known networks and containers (stale) in each router\'s ' +
          'state.json, so a blip never withdraws a tenant or a floating IP. When the host is gone for good, this ' +
          'renders without its objects and commits the result, saying so. Refused, changing nothing, while the host ' +
          'answers or when translator does not read it.',
      ),
  )).action(async (host: string, options: RepoOptions & FormatFlags) => {
    const settings = settingsOf(options);
    const routers = selectRouters(settings, undefined);
    const repo = await GitOpsRepo.open(resolve(options.repo));
    const { rendered, commit } = await forgetHost(repo, settings, routers, host);
    for (const line of describeRejections(rendered.intent.rejections)) process.stderr.write(`translator: ${line}\n`);
    if (formatOf(options) === 'json') return printDocument(forgetHostDocument(host, commit, rendered.intent.rejections));
    process.stdout.write(commit ? `committed ${commit.sha.slice(0, 12)} ${commit.message.split('\n')[0]}\n` : `nothing kept of ${host}: no commit\n`);
  });
}
