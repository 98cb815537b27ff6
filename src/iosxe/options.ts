/** What the engine owns on a router (DESIGN.md, "Ownership"), as given by settings or flags. */
export interface ScopeOptions {
  /** A `description` starting with this marks a VRF or sub-interface as ours. */
  marker: string;
  /** ACL and route-map names starting with this are ours. */
  prefix: string;
  /** Parent of the tenant sub-interfaces, e.g. GigabitEthernet2. */
  inside: string;
  /** The interface whose `ip nat outside` line is ours, e.g. GigabitEthernet1. */
  outside: string;
  /** Names (VRF, interface, ACL, route-map) of unmarked objects the user lets the plan take over. */
  adopt: readonly string[];
  /**
   * Whether translator itself added the outside interface's `ip nat outside` (read by deploy from the
   * records branch: the backup before translator's first change did not have it). Default false: the
   * line is the human's and is never removed; when true it is removed once no tenant and no NAT that
   * is not ours needs it (rules/skips.ts, `outside-nat-kept`).
   */
  outsideNatAddedByTranslator?: boolean;
}

export const DEFAULT_MARKER = 'translator:';
export const DEFAULT_PREFIX = 'TRANSLATOR-';
