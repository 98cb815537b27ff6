/**
 * What a router holds outside translator's objects that an intent must not collide with. Read from
 * the router's running-config by the iosxe engine (pure), kept by deploy on the records branch next to
 * the backup, and read by the render pipeline so that intent can reject a colliding tenant or floating
 * IP with a reason instead of a deploy refusing the whole router.
 */
export interface RouterFacts {
  /** Addresses the router itself uses: interface addresses (primary and secondary), with their interface. */
  interfaceAddresses: { address: string; interface: string }[];
  /**
   * Global addresses that unowned NAT uses in any form (static, `static tcp|udp`, a `pool` range,
   * `ip nat outside source …`), as inclusive ranges with the line that uses them.
   */
  unownedNatGlobals: { first: string; last: string; line: string }[];
  /** Names of legacy `ip vrf NAME` definitions: a tenant of that name collides with them. */
  legacyVrfs: string[];
}
