/**
 * The description of review mode's pull/merge request: for each router, the plan from the base
 * branch's intended config (what is approved, and what deploys run) to the review branch's, in
 * the Markdown the `plan` command prints; from an empty router when the base has none yet.
 * Offline: no router is asked, so the description says what merging changes, not what drifted.
 */
import { intendedCfgPath } from '../gitops/layout.js';
import type { GitOpsRepo } from '../gitops/repo.js';
import { formatMarkdown, parseConfig, plan, PlanRefused } from '../iosxe/index.js';
import type { Settings } from '../settings/load.js';

export async function reviewMarkdown(
  repo: GitOpsRepo,
  settings: Settings,
  routers: readonly string[],
  baseRef: string | null,
  head: { sha: string; subject: string },
): Promise<string> {
  const sections: string[] = [
    `Rendered by translator from Docker state. Latest commit: \`${head.sha.slice(0, 12)}\` ${head.subject}`,
    '',
    'Merging this applies the plan below on the next deploy.',
    '',
  ];
  for (const router of routers) {
    const configured = settings.routers.find((r) => r.name === router);
    const intended = await repo.readFile(intendedCfgPath(router));
    if (!configured || intended === null) continue;
    const before = baseRef === null ? null : await repo.readFile(intendedCfgPath(router), baseRef);
    const scope = {
      inside: configured.inside,
      outside: configured.outside,
      marker: settings.ownership.marker,
      prefix: settings.ownership.prefix,
      adopt: [],
    };
    try {
      const result = plan(parseConfig(before ?? ''), parseConfig(intended), scope);
      const base = baseRef?.replace(/^refs\/(remotes|heads)\//, '') ?? null;
      const against = base === null ? 'an empty router' : before === null ? `${base} (no config of ${router} there yet: an empty router)` : base;
      sections.push(...formatMarkdown(result, scope, { title: `${router}: plan against ${against}` }));
    } catch (error) {
      if (!(error instanceof PlanRefused)) throw error;
      sections.push(`### ${router}: plan refused`, '', ...error.problems.map((p) => `- ${p.replaceAll('\n', ' ')}`), '');
    }
  }
  return sections.join('\n');
}
