import { Cron } from 'croner';
import type { z } from 'zod';
import { once, zod } from '../lazy.js';
import { INTERFACE_NAME, MARKER, OWNED_NAME_PREFIX, type NameRule } from '../intent/grammar.js';
import { parseCidr } from '../intent/ipv4.js';
import { branchNameProblem, remoteNameProblem } from '../gitops/ref-names.js';
import { branchProblems, type NamedBranch } from './branches.js';
import { INTERFACE_TYPE_NAMES, canonicalInterfaceName } from '../iosxe/interface-names.js';

/**
 * The schema of translator.yaml. Every key is known: an unknown one is an error, not a silent no-op.
 * Built on first use: zod and the schema cost ≈ 0.1 s, which `--help` and offline plans must not pay.
 */
function buildSchemas() {
  const { z } = zod();
  const byRule = (rule: NameRule) => z.string().regex(rule.pattern, { message: rule.reason });

  const secretRef = z.union(
    [z.strictObject({ env: z.string().min(1) }), z.strictObject({ file: z.string().min(1) })],
    { message: 'expected {env: VARIABLE} or {file: PATH}; secrets are never written in translator.yaml' },
  );

  /** A name git would refuse (or read as an option) is an error here, not a failed push later. */
  const gitName = (problemOf: (name: string) => string | null) =>
    z.string().superRefine((name, ctx) => {
      const problem = problemOf(name);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
  const branchName = gitName(branchNameProblem);
  const remoteName = gitName(remoteNameProblem);

  const routerName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, {
    message: 'a router name is lower-case letters, digits, "_" and "-" (it names a folder in the repository)',
  });

  /** Interface names may be abbreviated as on the CLI; they are stored as the device prints them. */
  const interfaceName = byRule(INTERFACE_NAME).transform((text, ctx) => {
    const full = canonicalInterfaceName(text);
    if (full === null) {
      ctx.addIssue({ code: 'custom', message: `unknown or ambiguous interface type in "${text}" (known: ${INTERFACE_TYPE_NAMES.join(', ')})` });
      return z.NEVER;
    }
    return full;
  });

  const routerSchema = z.strictObject({
    name: routerName,
    host: z.string().min(1).optional(),
    port: z.number().int().min(1).max(65535).default(22),
    inside: interfaceName,
    outside: interfaceName,
    username: z.union([z.string().min(1), secretRef]).optional(),
    password: secretRef.optional(),
    enablePassword: secretRef.optional(),
    hostKey: z
      .strictObject({
        fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}=?$/, { message: 'expected an OpenSSH SHA256 fingerprint' }).optional(),
        knownHosts: z.string().min(1).optional(),
      })
      .optional(),
    /** Leaving the fleet: not rendered, deployed or watched; kept so `translator decommission` can reach it. */
    decommission: z.boolean().optional(),
  });

  /** A cron expression croner accepts (5 or 6 fields, or a nickname like @daily). */
  const cronPattern = z.string().refine(
    (text) => {
      try {
        new Cron(text, { paused: true }).stop();
        return true;
      } catch {
        return false;
      }
    },
    { message: 'expected a cron expression like "0 2 * * *" (minute hour day month weekday)' },
  );

  /** When no deploy may start: from each time the cron matches, for `minutes`. */
  const denyWindow = z.strictObject({ cron: cronPattern, minutes: z.number().int().min(1).max(7 * 24 * 60) });

  const watchSchema = z.strictObject({
    /** A Docker event waits this long for quiet before the re-read… */
    quietMs: z.number().int().min(0).max(60_000).default(500),
    /** …but never longer than this after the first event of a burst. */
    maxDelayMs: z.number().int().min(0).max(600_000).default(5000),
    /** An event after a quiet spell is acted on at once (a lone `docker run` does not wait out quietMs). */
    leadingEdge: z.boolean().default(true),
    /** Full re-read as a safety net, whatever the events said; 0 turns it off. */
    resyncSeconds: z.number().int().min(0).max(86_400).default(300),
    /** Reconnecting to Docker's event stream: first wait, doubled each failure up to the cap. */
    retryInitialMs: z.number().int().min(10).max(60_000).default(500),
    retryMaxMs: z.number().int().min(10).max(600_000).default(30_000),
    deploy: z
      .strictObject({
        /** off: commit only (deploys happen elsewhere); auto: after each commit; schedule: at the cron times. */
        policy: z.enum(['off', 'auto', 'schedule']).default('off'),
        schedule: cronPattern.optional(),
        deny: z.array(denyWindow).default([]),
      })
      .refine((d) => d.policy !== 'schedule' || d.schedule !== undefined, { message: 'policy "schedule" needs a schedule (cron)' })
      .default({ policy: 'off', deny: [] }),
  });

  const httpSchema = z.strictObject({
    /** Address of /metrics, /healthz, /readyz and /webhook; loopback unless opened on purpose. */
    host: z.string().min(1).default('127.0.0.1'),
    /** 0 = no HTTP server. */
    port: z.number().int().min(0).max(65535).default(9180),
  });

  /** Where review mode commits when translator.yaml does not say (also with `watch --review` and no review: section). */
  const REVIEW_BRANCH = 'translator/review';

  /** The branch of deploy records and backups when deploy.recordsBranch does not name one. */
  const RECORDS_BRANCH = 'translator/records';

  /** The branch reviews target and webhooks deploy when neither git.branch nor their own setting names one. */
  const MAINLINE = 'main';

  /** The remote records, leases and review bases are shared through when git.remote names none. */
  const SHARED_REMOTE = 'origin';

  /** A GitHub repository through its REST API, and the token it takes (review requests, deployments). */
  const githubAccess = {
    api: z.url().default('https://api.github.com'),
    repository: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, { message: 'expected owner/name' }),
    token: secretRef,
  };

  /** A GitLab project through its REST API, and the token it takes. */
  const gitlabAccess = {
    api: z.url().default('https://gitlab.com/api/v4'),
    /** Numeric id or "group/name" path. */
    project: z.union([z.number().int().min(1), z.string().min(1)]),
    token: secretRef,
  };

  const reviewSchema = z.strictObject({
    /** Commits go to this branch (pushed), not to the deploy branch. */
    branch: branchName.default(REVIEW_BRANCH),
    /** The branch the pull/merge request targets (default: git.branch, else main). */
    base: branchName.optional(),
    github: z.strictObject(githubAccess).optional(),
    gitlab: z.strictObject(gitlabAccess).optional(),
  });

  const webhookSchema = z.strictObject({
    /** Pushes to this branch are deployed (default: git.branch, else main). */
    branch: branchName.optional(),
    /** GitHub: the webhook secret, checked as X-Hub-Signature-256. */
    githubSecret: secretRef.optional(),
    /** GitLab: the secret token, checked as X-Gitlab-Token. */
    gitlabToken: secretRef.optional(),
  });

  /** An incoming-webhook URL is its own credential: a secret, never written in translator.yaml. */
  const chatHook = z.strictObject({ url: secretRef });

  /** Who hears about deploys, drift and rejections (docs/notifications.md). */
  const notifySchema = z.strictObject({
    /** Also tell the chats and the webhook about deploys that succeeded (failures always; a deploy that found nothing to do never). */
    deploySuccess: z.boolean().default(false),
    /** One notifier's requests are given up after this: a deploy never waits longer for them. */
    timeoutMs: z.number().int().min(100).max(60_000).default(5000),
    slack: chatHook.optional(),
    teams: chatHook.optional(),
    webhook: z
      .strictObject({
        url: z.union([z.url(), secretRef]),
        /** Signs each body: X-Translator-Signature-256: sha256=<HMAC-SHA256 hex>. */
        secret: secretRef.optional(),
      })
      .optional(),
    github: z
      .strictObject({
        ...githubAccess,
        /** deployment: a Deployment and its status per router; status: a commit status `translator/<router>`. */
        mode: z.enum(['deployment', 'status']).default('deployment'),
        /** The environment of each router's deployments; {router} is replaced. */
        environment: z.string().min(1).default('{router}'),
      })
      .optional(),
    gitlab: z
      .strictObject({
        ...gitlabAccess,
        environment: z.string().min(1).default('{router}'),
      })
      .optional(),
  });

  /** How `translator deploy` changes a router (docs/deploying.md). */
  const deploySchema = z.strictObject({
    /** Branch whose tip is deployed when no --ref is given (default: git.branch, else the checked-out branch). */
    branch: branchName.optional(),
    /** Minutes of `configure terminal revert timer N` (IOS allows 1-120). */
    revertTimerMinutes: z.number().int().min(1).max(120).default(5),
    /** `write memory` after confirm: always, never, or only when something was changed. */
    save: z.enum(['always', 'never', 'on-change']).default('on-change'),
    /** Answer to IOS's NAT "in use" question (README: the traffic impact of each). */
    inUse: z.enum(['clear', 'yes', 'fail']).default('fail'),
    /** Deploy to a router without the archive feature (no revert timer; translator reverts by itself). */
    allowNoArchive: z.boolean().default(false),
    /** Routers deployed at the same time by --all. */
    concurrency: z.number().int().min(1).max(64).default(4),
    /** Directory of the per-router lock files (default: <os tmpdir>/translator-locks). */
    lockDir: z.string().min(1).optional(),
    /**
     * remote: a deploy also takes a lease on the GitOps remote (git.remote, else origin; when it
     * exists), so translators on other machines sharing it keep out; local: the lock directory only.
     */
    lease: z.enum(['remote', 'local']).default('remote'),
    /** A lease not renewed for this long is expired (renewed every third of it while a deploy runs). */
    leaseSeconds: z.number().int().min(10).max(3600).default(300),
    /** Branch that holds deploy records and running-config backups. */
    recordsBranch: branchName.default(RECORDS_BRANCH),
    /** Push the records branch to git.remote (else origin) when that remote exists. */
    pushRecords: z.boolean().default(true),
    /** Device timeouts in milliseconds (login = connect + SSH + enable); defaults in src/device/types.ts. */
    timeouts: z
      .strictObject({
        loginMs: z.number().int().min(100).max(600_000).optional(),
        commandMs: z.number().int().min(100).max(600_000).optional(),
        lineMs: z.number().int().min(100).max(600_000).optional(),
      })
      .default({}),
  });

  /**
   * Rendering. Template overrides in the repository's templates/iosxe/ are code from whoever can get
   * a change merged, and nunjucks is not a sandbox: they are refused unless enabled here, and when
   * enabled they render in a separate, locked-down process (docs/architecture.md "Templates").
   */
  const renderSchema = z.strictObject({
    templateOverrides: z.boolean().default(false),
  });

  const gitIdentity = z.strictObject({ name: z.string().min(1), email: z.string().min(1) });

  const gitSchema = z
    .strictObject({
      author: gitIdentity.default({ name: 'translator', email: 'translator@localhost' }),
      /** Who commits, when it should differ from the author (e.g. a bot account); default: the author. */
      committer: gitIdentity.optional(),
      /** Set: `commit --push` and `watch` push here. */
      remote: remoteName.optional(),
      branch: branchName.optional(),
      pushRetries: z.number().int().min(0).max(20).default(3),
    })
    .transform((git) => ({
      ...git,
      committer: git.committer ?? git.author,
      /** The remote translators share (records, leases, review bases, `commit --push`): git.remote, else origin. */
      sharedRemote: git.remote ?? SHARED_REMOTE,
      /** The main line of the repository: git.branch, else main (reviews target it, webhooks deploy it, a new repository starts on it). */
      mainline: git.branch ?? MAINLINE,
    }));

  /** A Docker host as the docker CLI writes it (checked in full when connecting: observe/docker-host.ts). */
  const dockerHost = z.string().regex(/^(unix|tcp|ssh):\/\/./, { message: 'expected unix:///path, tcp://host:port or ssh://[user@]host' });
  const distinct = (hosts: string[]) => new Set(hosts).size === hosts.length;

  /** Where Docker state is read (docs/several-hosts.md). */
  const dockerSchema = z
    .strictObject({
      /** One engine; a Swarm manager is read as its swarm. */
      host: z.string().min(1).optional(),
      /** Several standalone engines, merged into one state (a manager among them is read as one engine). */
      hosts: z.array(dockerHost).min(1).refine(distinct, { message: 'a host is listed twice' }).optional(),
      /** One Swarm: its managers (tried in order; default: docker.host) and its nodes' own engines. */
      swarm: z
        .strictObject({
          managers: z.array(dockerHost).refine(distinct, { message: 'a manager is listed twice' }).default([]),
          /** Node engines: only they know each node's config-only network and its tasks' addresses. */
          nodes: z.array(dockerHost).refine(distinct, { message: 'a node is listed twice' }).default([]),
        })
        .optional(),
      /** A swarm's tasks are listed this often while watching (a manager hears no event when a task starts on a worker); 0 = never. */
      taskPollSeconds: z.number().int().min(0).max(3600).default(10),
    })
    .refine((docker) => !(docker.hosts && docker.swarm), {
      message: 'choose docker.hosts (several standalone engines) or docker.swarm (one cluster), not both',
    });

  const cidr = z.string().refine((text) => parseCidr(text) !== null, { message: 'expected an IPv4 prefix like 10.0.1.0/24' });

  const fileSchema = z.strictObject({
    routers: z.array(routerSchema).default([]),
    ownership: z
      .strictObject({
        marker: byRule(MARKER).default('translator:'),
        prefix: byRule(OWNED_NAME_PREFIX).default('TRANSLATOR-'),
      })
      .default({ marker: 'translator:', prefix: 'TRANSLATOR-' }),
    labels: z
      .strictObject({
        globalIp: z.string().min(1).default('global_ip'),
        router: z.string().min(1).default('translator.router'),
        vlan: z.string().min(1).default('translator.vlan'),
      })
      .default({ globalIp: 'global_ip', router: 'translator.router', vlan: 'translator.vlan' }),
    /** Global addresses allowed for floating IPs; empty = any. */
    pools: z.array(cidr).default([]),
    /** How tenant traffic leaves its VRF: the seed's PBR route-map with `set global`, or none. */
    egress: z.enum(['set-global', 'none']).default('set-global'),
    render: renderSchema.default({ templateOverrides: false }),
    git: gitSchema.default(() => gitSchema.parse({})),
    docker: dockerSchema.default(() => dockerSchema.parse({})),
    watch: watchSchema.default(() => watchSchema.parse({})),
    http: httpSchema.default(() => httpSchema.parse({})),
    review: reviewSchema.optional(),
    webhook: webhookSchema.default({}),
    deploy: deploySchema.default(() => deploySchema.parse({})),
    notify: notifySchema.default(() => notifySchema.parse({})),
  })
    // A router marked `decommission: true` is no router of the fleet any more: every command but
    // `translator decommission` sees only `routers`.
    .transform(({ routers, ...rest }) => ({
      routers: routers.filter((router) => router.decommission !== true),
      decommissioned: routers.filter((router) => router.decommission === true),
      ...rest,
    }));

  /**
   * The settings with every default filled in, including those that follow from other settings
   * (a review's base and the webhook's branch follow git.branch), so no code states a default.
   */
  const settingsSchema = fileSchema
    .transform(({ review, ...settings }) => {
      const mainline = settings.git.mainline;
      return {
        ...settings,
        ...(review ? { review: { ...review, base: review.base ?? mainline } } : {}),
        webhook: { ...settings.webhook, branch: settings.webhook.branch ?? mainline },
        /** What review mode uses when asked for without a review: section (`watch --review`). */
        reviewDefaults: { branch: REVIEW_BRANCH, base: mainline },
      };
    })
    .superRefine((settings, ctx) => {
      const { git, deploy, review, webhook, reviewDefaults } = settings;
      const unreviewed = 'unreviewed commits would land where deploys and reviews are taken from';
      const named: NamedBranch[] = [
        { setting: 'git.branch', branch: git.mainline, defaulted: git.branch === undefined },
        ...(deploy.branch !== undefined ? [{ setting: 'deploy.branch', branch: deploy.branch }] : []),
        { setting: 'webhook.branch', branch: webhook.branch },
        ...(review ? [{ setting: 'review.base', branch: review.base }] : []),
        { setting: 'deploy.recordsBranch', branch: deploy.recordsBranch, ownBecause: 'deploy records would be committed onto it', defaulted: deploy.recordsBranch === RECORDS_BRANCH },
        // Without a review: section, `watch --review` still commits to the default review branch.
        review ? { setting: 'review.branch', branch: review.branch, ownBecause: unreviewed } : { setting: 'review.branch', branch: reviewDefaults.branch, ownBecause: unreviewed, defaulted: true },
      ];
      for (const { setting, message } of branchProblems(named)) ctx.addIssue({ code: 'custom', path: setting.split('.'), message });
    });

  return { secretRef, settingsSchema, routerSchema, deploySchema, notifySchema };
}

export const settingsSchemas = once(buildSchemas);
type Schemas = ReturnType<typeof buildSchemas>;

export type SettingsFile = z.output<Schemas['settingsSchema']>;
export type RouterSettings = z.output<Schemas['routerSchema']>;
export type DeploySettings = z.output<Schemas['deploySchema']>;
export type NotifySettings = z.output<Schemas['notifySchema']>;
