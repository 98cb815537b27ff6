import type { Command } from 'commander';
import { resolve } from 'node:path';
import { writeRendersIn } from '../../gitops/publish.js';
import { describeRejections, renderState } from '../../pipeline.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { observe, selectRouters, settingsOf, withStateOptions, type StateOptions } from '../context.js';
import { UserError } from '../exit-codes.js';

interface RenderOptions extends StateOptions {
  router?: string;
  stdout?: boolean;
  json?: boolean;
}

export function register(program: Command): void {
  withStateOptions(
    program
      .command('render')
      .summary('render Docker state into each router\'s intended config')
      .description(
        'Reads every macvlan network and labelled container from Docker, builds and validates the intent, ' +
          'and writes routers/<router>/intended.cfg and routers/<router>/state.json in the repository ' +
          '(no commit; see `translator commit`). Rejected objects are listed on stderr with their reasons ' +
          'and the rest still renders.',
      )
      .option('--router <name>', 'only this router')
      .option('--stdout', 'print the intended config instead of writing files')
      .option('--json', 'print a JSON document with the intent, the rendered configs and the rejections'),
  ).action(async (options: RenderOptions) => {
    if (options.stdout && options.json) throw new UserError('--stdout and --json exclude each other');
    const settings = settingsOf(options);
    const routers = selectRouters(settings, options.router);
    const repoDir = resolve(options.repo);
    const repo = await GitOpsRepo.find(repoDir);
    const { docker, facts } = await observe(options, settings, repo, routers);
    const rendered = renderState(docker, settings, repoDir, routers, facts);
    for (const line of describeRejections(rendered.intent.rejections)) process.stderr.write(`translator: ${line}\n`);

    if (options.json) {
      const document = {
        routers: rendered.routers.map((r) => ({ router: r.router, intent: r.intent, config: r.intendedCfg })),
        rejections: rendered.intent.rejections,
      };
      process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    } else if (options.stdout) {
      if (rendered.routers.length > 1) throw new UserError(`--stdout prints one router: choose one with --router (${routers.join(', ')})`);
      process.stdout.write(rendered.routers[0]!.intendedCfg);
    } else {
      for (const path of await writeRendersIn(repoDir, rendered.routers)) process.stdout.write(`wrote ${path}\n`);
    }
  });
}
