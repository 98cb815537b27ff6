/**
 * The fleet check (issue 10, item 12): before any router is touched, a deploy, rollback or drift
 * fix whose intended config would give a VLAN or a global IP (iosxe/claims.ts) to a router while
 * another configured router holds it is refused, naming both routers and the object — unless
 * `--force`, which the deploy record keeps (`forced`).
 *
 * What another router holds: the intended config of the commit it runs, as its `live.json` on the
 * records branch names it; one never deployed, the deploy branch's tip (it is about to get that);
 * one deployed by this same run, the commit the run gives it. A claim that the deployed commit
 * itself gives to both routers is not a conflict of this deploy: one commit is rendered from one
 * Docker state, whose rules (intent) decided that; what this check catches is routers running
 * different commits — a `rollback --to`, a deploy of an old ref — bringing back what another
 * router has taken over since.
 *
 * A check, not a lock: a deploy of the other router running at the same moment is not seen
 * (its live.json is written when it ends).
 */
import { intendedCfgPath } from '../gitops/layout.js';
import type { GitOpsRepo } from '../gitops/repo.js';
import { claimsOf, describeClaim, parseConfig, type Claim } from '../iosxe/index.js';
import type { Settings } from '../settings/load.js';
import { finish } from './finish.js';
import { resolveDeployRef } from './intended.js';
import type { RecordsStore } from './records.js';
import type { RouterDeployOutcome, RouterDeployRequest } from './request.js';
import { errorText } from '../errors.js';
import { RouterRun } from './router-run.js';
import { routerSettings, scopeOf } from './routers.js';

/** Another router's config as the check sees it: which commit, and why that one. */
interface Held {
  commit: string;
  source: 'live' | 'deploy branch, never deployed' | 'this run';
}

export interface FleetConflict {
  /** What this router's intended config takes. */
  claim: Claim;
  other: string;
  /** The object of the other router's config that holds it. */
  otherBy: string;
  held: Held;
}

export interface FleetVerdict {
  conflicts: FleetConflict[];
  /** What could not be checked (a live commit missing from this clone): refused like a conflict. */
  problems: string[];
}

export interface FleetInput {
  repo: GitOpsRepo;
  settings: Settings;
  records: RecordsStore;
  requests: readonly RouterDeployRequest[];
  /** --force: deploy anyway; each request then carries what it overrode (`forced`, recorded). */
  force: boolean;
  log?: (message: string) => void;
}

/**
 * Checks every request of a batch; returns the refusal message of each router that may not be
 * deployed. With `force`, nothing is refused and `request.forced` lists what was overridden.
 */
export async function fleetCheck(input: FleetInput): Promise<Map<string, string>> {
  const refusals = new Map<string, string>();
  const world = new FleetView(input);
  for (const request of input.requests) {
    const verdict = await world.verdict(request);
    if (verdict.conflicts.length === 0 && verdict.problems.length === 0) continue;
    const name = request.router.name;
    const findings = [...verdict.conflicts.map(describeConflict), ...verdict.problems];
    if (input.force) {
      request.forced = findings;
      input.log?.(`${name}: fleet check overridden by --force: ${findings.join('; ')}`);
    } else {
      refusals.set(
        name,
        `fleet check refused ${name} at ${request.commit.slice(0, 12)}: ${findings.join('; ')}. Nothing was sent to the router. ` +
          'Deploy the other router first so that it gives that up, choose another ref, or pass --force to deploy anyway (recorded in the deploy record)',
      );
    }
  }
  return refusals;
}

/** The end of a run the fleet check refused: nothing sent, recorded like every run. */
export function refusedByFleet(request: RouterDeployRequest, message: string): Promise<RouterDeployOutcome> {
  const run = new RouterRun(request);
  run.live = request.records.live(run.name).then((info) => info?.commit ?? null);
  return finish(run, { result: 'refused', state: 'old', message });
}

function describeConflict({ claim, other, otherBy, held }: FleetConflict): string {
  return `${describeClaim(claim)} (${claim.by}) is held by ${other} (${otherBy}; ${held.source} ${held.commit.slice(0, 12)})`;
}

/** The other routers' configs, read once per router and commit for the whole batch. */
class FleetView {
  readonly #claims = new Map<string, Promise<Claim[] | 'missing'>>();
  #tip: Promise<string | null> | null = null;

  constructor(private readonly input: FleetInput) {}

  async verdict(request: RouterDeployRequest): Promise<FleetVerdict> {
    const name = request.router.name;
    const mine = claimsOf(parseConfig(request.intended), request.scope);
    const verdict: FleetVerdict = { conflicts: [], problems: [] };
    if (mine.length === 0) return verdict;
    for (const other of this.input.settings.routers.map((r) => r.name).filter((r) => r !== name)) {
      const held = await this.held(other);
      if (held === null || held.commit === request.commit) continue;
      const theirs = await this.claims(other, held.commit);
      if (theirs === 'missing') {
        verdict.problems.push(
          `cannot be checked against ${other}: its ${held.source} commit ${held.commit.slice(0, 12)} is not in this clone (fetch it, e.g. \`git fetch --all\`)`,
        );
        continue;
      }
      // What the deployed commit itself gives to both is the intent's decision, not this deploy's doing.
      const alsoAtThisCommit = await this.claims(other, request.commit);
      for (const claim of mine) {
        const holder = theirs.find((c) => c.kind === claim.kind && c.value === claim.value);
        if (!holder) continue;
        if (alsoAtThisCommit !== 'missing' && alsoAtThisCommit.some((c) => c.kind === claim.kind && c.value === claim.value)) continue;
        verdict.conflicts.push({ claim, other, otherBy: holder.by, held });
      }
    }
    return verdict;
  }

  /** The commit whose intended config `router` holds: this run's, its live one, else the deploy branch's tip. */
  private async held(router: string): Promise<Held | null> {
    const inRun = this.input.requests.find((r) => r.router.name === router);
    if (inRun) return { commit: inRun.commit, source: 'this run' };
    const live = await this.input.records.live(router);
    if (live) return { commit: live.commit, source: 'live' };
    const tip = await this.tip();
    return tip === null ? null : { commit: tip, source: 'deploy branch, never deployed' };
  }

  private tip(): Promise<string | null> {
    const { repo, settings } = this.input;
    this.#tip ??= resolveDeployRef(repo, settings)
      .then((resolved) => resolved.commit)
      .catch((error: unknown) => {
        this.input.log?.(`fleet check: the deploy branch's tip cannot be read (${errorText(error)}): routers never deployed are not checked`);
        return null;
      });
    return this.#tip;
  }

  /** The claims of `router`'s intended config at `commit` (none when it has none there); 'missing' when the commit is not here. */
  private claims(router: string, commit: string): Promise<Claim[] | 'missing'> {
    const key = `${router}@${commit}`;
    let found = this.#claims.get(key);
    if (!found) {
      found = (async () => {
        const { repo, settings } = this.input;
        const present = await repo.git.run(['cat-file', '-e', `${commit}^{commit}`]).then(() => true, () => false);
        if (!present) return 'missing';
        const text = await repo.readFile(intendedCfgPath(router), commit);
        return text === null ? [] : claimsOf(parseConfig(text), scopeOf(settings, routerSettings(settings, router)));
      })();
      this.#claims.set(key, found);
    }
    return found;
  }
}
