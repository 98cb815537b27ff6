/**
 * Every IOS XE behaviour the lab router reproduces, in one table: what it does, the exact
 * text it prints, how sure we are (IOSXE.md: seen = public transcripts, Cisco docs or code
 * that drove real routers; inferred = consistent with them, exact text not confirmed) and
 * where it comes from. Engine code prints messages only through `say(id, vars)`.
 * test/unit/lab/behaviours.test.ts checks that every row has a test that names it.
 */
export type Confidence = 'seen' | 'inferred';

export interface Behaviour {
  behaviour: string;
  /** Printed text; `{name}` placeholders are filled by `say`. Absent for behaviours without a message. */
  message?: string;
  confidence: Confidence;
  source: string;
}

const IOSXE = 'IOSXE.md';

export const behaviours = {
  // --- sessions, modes, errors -------------------------------------------------------------
  invalidInput: {
    behaviour: 'an unknown or malformed word is marked with a caret under it, then the same prompt',
    message: "% Invalid input detected at '^' marker.",
    confidence: 'seen',
    source: `${IOSXE} Sessions and modes; Netmiko/Ansible error patterns`,
  },
  incompleteCommand: {
    behaviour: 'a command missing its arguments is refused',
    message: '% Incomplete command.',
    confidence: 'seen',
    source: `${IOSXE} Sessions and modes`,
  },
  ambiguousCommand: {
    behaviour: 'an abbreviation matching several keywords is refused',
    message: '% Ambiguous command:  "{input}"',
    confidence: 'seen',
    source: `${IOSXE} Sessions and modes`,
  },
  abbreviations: {
    behaviour: 'keywords may be abbreviated to any unique prefix (conf t, sh run, wr, int gi2.10)',
    confidence: 'seen',
    source: `${IOSXE} Sessions and modes; issue 4`,
  },
  interfaceNames: {
    behaviour: 'interface names are normalised from any unique prefix of the type (gi2.10 -> GigabitEthernet2.10)',
    confidence: 'seen',
    source: 'issue 4; Cisco docs (interface type abbreviations)',
  },
  contextHelp: {
    behaviour: '`?` lists what may come next (or completes a partial word) at once, then shows the prompt and the line again; keywords only, without IOS\'s descriptions',
    confidence: 'seen',
    source: 'Cisco docs (context-sensitive help)',
  },
  tabCompletion: {
    behaviour: 'Tab completes a partial keyword when exactly one fits (`conf<Tab>` → `configure `); otherwise nothing happens',
    confidence: 'seen',
    source: 'Cisco docs (command completion)',
  },
  enterConfig: {
    behaviour: '`configure terminal` enters config mode with this banner, prompt `edge1(config)#`',
    message: 'Enter configuration commands, one per line.  End with CNTL/Z.',
    confidence: 'seen',
    source: `${IOSXE} Sessions and modes`,
  },
  subModePrompts: {
    behaviour: 'sub-modes show (config-if), (config-subif), (config-vrf), (config-vrf-af), (config-std-nacl), (config-ext-nacl), (config-route-map)',
    confidence: 'seen',
    source: `${IOSXE} Sessions and modes`,
  },
  configPromptTruncation: {
    behaviour: 'in config modes the hostname in the prompt is cut to 20 characters',
    confidence: 'seen',
    source: 'Netmiko issues #210, #1786, #2755 (IOS and IOS XE 16.x)',
  },
  topLevelFromSubMode: {
    behaviour: 'a top-level command typed in a sub-mode leaves the sub-mode and runs at top level',
    confidence: 'seen',
    source: `${IOSXE} Sessions and modes`,
  },
  exitEndCtrlZ: {
    behaviour: '`exit` goes up one level (`exit-address-family` leaves the address family); `end` or Ctrl-Z returns to EXEC',
    confidence: 'seen',
    source: `${IOSXE} Sessions and modes`,
  },
  doInConfig: {
    behaviour: '`do <exec command>` runs an EXEC command from any config mode',
    confidence: 'seen',
    source: `${IOSXE} Sessions and modes`,
  },
  enablePassword: {
    behaviour: '`enable` asks `Password: `; a wrong secret prints this and asks again',
    message: '% Access denied',
    confidence: 'seen',
    source: `${IOSXE} Sessions and modes`,
  },
  enableBadSecrets: {
    behaviour: 'after three wrong enable secrets the attempt ends with this, still at `>`',
    message: '% Bad secrets',
    confidence: 'seen',
    source: `${IOSXE} Sessions and modes`,
  },
  privilegeShow: {
    behaviour: '`show privilege` tells the level (Ansible cisco.ios checks it after enable)',
    message: 'Current privilege level is {level}',
    confidence: 'seen',
    source: 'Ansible cisco.ios terminal plugin (privilege_level_re)',
  },
  loginBanner: {
    behaviour: 'a configured `banner motd` / `banner exec` is shown after login, before the first prompt',
    confidence: 'seen',
    source: 'Cisco docs (banner motd, banner exec); corpus configs with banners',
  },
  paging: {
    behaviour: 'output longer than the terminal length stops at ` --More-- ` (space: page, enter: line, other: stop); `terminal length 0` turns it off',
    message: ' --More-- ',
    confidence: 'seen',
    source: `${IOSXE} Sessions and modes`,
  },
  terminalWidth: {
    behaviour: '`terminal width 0..512` is accepted for the session (default 80)',
    confidence: 'seen',
    source: `${IOSXE} Sessions and modes; Netmiko sends 511, Ansible 512 then 0`,
  },
  longLineEcho: {
    behaviour: 'a typed line reaching the terminal width is echoed cut, `$` in the next-to-last column; width 0 echoes it whole',
    message: '$',
    confidence: 'inferred',
    source: 'Netmiko issues #105, #254 (transcripts of IOS/ASA echoes cut with `$` at width 80); exact bytes not confirmed',
  },
  // --- show running-config -----------------------------------------------------------------
  runningConfigHeader: {
    behaviour: '`show running-config` starts with this header and the byte count of what follows, ends with `end`',
    message: 'Building configuration...\n\nCurrent configuration : {bytes} bytes',
    confidence: 'seen',
    source: `${IOSXE} show running-config`,
  },
  canonicalOrder: {
    behaviour: 'top-level order: version/service, hostname, boot, vrf definition, aaa/users, interfaces (numeric), ip nat (static before list), ip route, ip access-list, route-map, control-plane, line',
    confidence: 'seen',
    source: `${IOSXE} show running-config`,
  },
  interfaceChildOrder: {
    behaviour: 'interface children print as description, encapsulation dot1Q, vrf forwarding, ip address, ip nat, ip policy, whatever order they were typed in',
    confidence: 'seen',
    source: `${IOSXE} show running-config`,
  },
  vrfDefinitionFormat: {
    behaviour: 'a vrf definition prints ` !` before ` address-family ipv4` / ` exit-address-family`',
    confidence: 'seen',
    source: `${IOSXE} show running-config; real CSR/C8000v configs`,
  },
  aclFormat: {
    behaviour: 'named ACL entries print with sequence numbers (next = last + 10), `deny` padded to `deny   `, a /32 standard entry in host form, a remark with the next entry\'s number',
    confidence: 'seen',
    source: `${IOSXE} show running-config; corpus ntc-acl.cfg`,
  },
  aclTypeConflict: {
    behaviour: '`ip access-list standard N` when N is an extended ACL (or the reverse) is refused',
    message: '% Access-list type conflicts with existing type',
    confidence: 'inferred',
    source: 'IOS named ACL behaviour (text not confirmed)',
  },
  aclDuplicateSequence: {
    behaviour: 'a new entry with a sequence number already used is refused',
    message: '% Duplicate sequence number',
    confidence: 'inferred',
    source: 'IOS named ACL editing (text not confirmed)',
  },
  outputFilters: {
    behaviour: '`| include`, `| exclude`, `| begin` filter lines; `| section` prints top-level blocks whose first line matches (interface children are not shown)',
    confidence: 'seen',
    source: `${IOSXE} show running-config`,
  },
  showInterfaceConfig: {
    behaviour: '`show running-config interface X` prints one interface block with the header',
    confidence: 'seen',
    source: 'issue 4; ntc-templates show_running-config_interface fixtures',
  },
  // --- side effects ------------------------------------------------------------------------
  vrfForwardingRemovesIp: {
    behaviour: '`vrf forwarding X` on an interface with an IP removes the IP (informational)',
    message: '% Interface {iface} IPv4 disabled and address(es) removed due to enabling VRF {vrf}',
    confidence: 'seen',
    source: `${IOSXE} Side effects (IOSXE.md abbreviates the interface; IOS prints its full name)`,
  },
  noVrfForwardingRemovesIp: {
    behaviour: '`no vrf forwarding` on an interface with an IP removes the IP too',
    message: '% Interface {iface} IPv4 disabled and address(es) removed due to disabling VRF {vrf}',
    confidence: 'inferred',
    source: `${IOSXE} Side effects (mirror of enabling)`,
  },
  vrfNotConfigured: {
    behaviour: '`vrf forwarding X` (or `no vrf definition X`) when X is not defined is refused',
    message: '% VRF {vrf} not configured',
    confidence: 'inferred',
    source: `${IOSXE} Side effects`,
  },
  subinterfaceNeedsEncapsulation: {
    behaviour: '`ip address` on a sub-interface without `encapsulation dot1Q` is refused',
    message:
      '% Configuring IP routing on a LAN subinterface is only allowed if that subinterface is already configured as part of an IEEE 802.10, IEEE 802.1Q, or ISL vLAN.',
    confidence: 'seen',
    source: `${IOSXE} Side effects`,
  },
  duplicateVlan: {
    behaviour: '`encapsulation dot1Q N` when a sibling sub-interface has N is refused',
    message:
      '% Configuration of multiple subinterfaces of the same main interface with the same VID ({vlan}) is not permitted. This VID is already configured on {other}.',
    confidence: 'inferred',
    source: `${IOSXE} Side effects`,
  },
  noVrfDefinition: {
    behaviour: '`no vrf definition X` while interfaces use it: they lose VRF and IP',
    message: '% IPv4 addresses from all interfaces in VRF {vrf} have been removed',
    confidence: 'seen',
    source: `${IOSXE} Side effects`,
  },
  noSubinterface: {
    behaviour: '`no interface Gi2.10` removes the sub-interface and everything under it',
    confidence: 'seen',
    source: `${IOSXE} Side effects`,
  },
  noPhysicalInterface: {
    behaviour: '`no interface` of a physical interface is refused',
    message: '% Removal of physical interfaces is not permitted',
    confidence: 'inferred',
    source: 'IOS XE behaviour (text not confirmed)',
  },
  badMask: {
    behaviour: '`ip address A M` with a non-contiguous mask is refused',
    message: 'Bad mask 0x{hex} for address {ip}',
    confidence: 'inferred',
    source: `${IOSXE} (Netmiko/Ansible treat "Bad mask" as an error); exact text not confirmed`,
  },
  addressOverlap: {
    behaviour: 'an `ip address` overlapping another interface of the same VRF is refused',
    message: '% {network} overlaps with {other}',
    confidence: 'inferred',
    source: `${IOSXE} ("overlaps with" is in the error patterns)`,
  },
  natDynamicInUse: {
    behaviour: 'removing a list/overload mapping with live translations asks; `yes` clears them and removes it',
    message: 'Dynamic mapping in use, do you want to delete all entries? [no]: ',
    confidence: 'seen',
    source: `${IOSXE} Side effects (Cisco tech note 13779)`,
  },
  natDynamicInUseKept: {
    behaviour: 'answering `no` to the dynamic question keeps the mapping',
    message: '%Dynamic mapping in use, cannot remove',
    confidence: 'seen',
    source: `${IOSXE} NAT table`,
  },
  natStaticInUse: {
    behaviour: 'removing a static mapping with live child translations asks; `yes` clears them and removes it',
    message: 'Static entry in use, do you want to delete child entries? [no]: ',
    confidence: 'seen',
    source: `${IOSXE} Side effects`,
  },
  natStaticInUseKept: {
    behaviour: 'answering `no` to the static question keeps the mapping',
    message: '%: Error: static entry in use, cannot remove',
    confidence: 'seen',
    source: `${IOSXE} Side effects`,
  },
  natGlobalTaken: {
    behaviour: 'a static mapping whose global IP is already mapped to another local is refused',
    message: '% similar static entry ({local} -> {global}) already exists',
    confidence: 'seen',
    source: `${IOSXE} Side effects (text as copied by IOS simulators)`,
  },
  natLocalTaken: {
    behaviour: 'a static mapping whose local IP (in the same VRF) is already mapped is refused',
    message: '% {local} already mapped ({local} -> {global})',
    confidence: 'seen',
    source: `${IOSXE} Side effects (text as copied by IOS simulators)`,
  },
  natUnknownVrf: {
    behaviour: 'a NAT line naming a VRF that does not exist is refused',
    message: '% VRF {vrf} does not exist',
    confidence: 'inferred',
    source: `${IOSXE} Side effects (rejected; text not confirmed)`,
  },
  natListAclMayNotExist: {
    behaviour: 'a NAT list line naming an ACL not defined yet is accepted (the device prints ACLs after the NAT lines, so it must accept that order when it boots)',
    confidence: 'inferred',
    source: `${IOSXE} show running-config order; overrides the "rejected (inferred)" row for ACLs`,
  },
  natUnknownInterface: {
    behaviour: 'a NAT list line naming an interface that does not exist is refused',
    message: '% Interface {iface} does not exist',
    confidence: 'inferred',
    source: `${IOSXE} Side effects (rejected; text not confirmed)`,
  },
  natTranslations: {
    behaviour: '`show ip nat translations` lists static mappings as `---` rows and live flows as protocol rows',
    message: 'Pro Inside global      Inside local       Outside local      Outside global',
    confidence: 'seen',
    source: `${IOSXE} NAT table`,
  },
  clearNatTranslations: {
    behaviour: '`clear ip nat translation *` / `forced` removes live translations, so removals no longer ask',
    confidence: 'seen',
    source: `${IOSXE} (OpenStack ASR1k driver ran \`do clear ip nat translation forced\`)`,
  },
  // --- archive, safe change, saving --------------------------------------------------------
  archiveRequired: {
    behaviour: 'revert timer / configure confirm / revert without the archive feature is refused',
    message: '%Turn config archive on before using Rollback Confirmed Change',
    confidence: 'seen',
    source: `${IOSXE} Safe change`,
  },
  showArchiveDisabled: {
    behaviour: '`show archive` without the archive feature',
    message: 'Archive feature not enabled',
    confidence: 'seen',
    source: `${IOSXE} Safe change`,
  },
  noRollbackPending: {
    behaviour: '`show archive config rollback timer` (and `configure confirm`/`revert`) with nothing pending',
    message: '%No Rollback Confirmed Change pending',
    confidence: 'seen',
    source: `${IOSXE} Safe change`,
  },
  rollbackTimerShown: {
    behaviour: 'while a revert timer is pending, `show archive config rollback timer` shows its value',
    message: 'Timer value: {minutes} min',
    confidence: 'seen',
    source: `${IOSXE} Safe change`,
  },
  revertTimerExpires: {
    behaviour: 'when the revert timer expires the saved config is restored (logged, not printed on vty sessions)',
    message: 'Rollback Confirmed Change: Rolling to:{file}',
    confidence: 'seen',
    source: `${IOSXE} Safe change`,
  },
  revertTimerBackup: {
    behaviour: '`configure terminal revert timer N` (1-120 min) backs up the running config, then enters config mode',
    message: 'Rollback Confirmed Change: Backing up current running config to {file}',
    confidence: 'inferred',
    source: `${IOSXE} Safe change (Cisco config-mgmt guide; exact text not confirmed)`,
  },
  configureConfirm: {
    behaviour: '`configure confirm` keeps the changes and stops the timer; `configure revert now` rolls back at once; `configure revert timer N` restarts it',
    confidence: 'seen',
    source: `${IOSXE} Safe change`,
  },
  writeMemory: {
    behaviour: '`write memory` (or `write`) saves the running config to the state file',
    message: 'Building configuration...\n[OK]',
    confidence: 'seen',
    source: `${IOSXE} Safe change`,
  },
  startupConfig: {
    behaviour: '`show startup-config` prints the saved config after its NVRAM usage line',
    message: 'Using {bytes} out of 33554432 bytes',
    confidence: 'inferred',
    source: 'IOS show startup-config (first line: NVRAM usage); text not confirmed for IOS XE 17',
  },
  startupConfigAbsent: {
    behaviour: '`show startup-config` before any save',
    message: 'startup-config is not present',
    confidence: 'inferred',
    source: 'IOS show startup-config; text not confirmed for IOS XE 17',
  },
  saveFailed: {
    behaviour: 'a save that cannot be written (the --state file) fails like a full or broken NVRAM',
    message: '%Error writing nvram:startup-config (I/O error)',
    confidence: 'inferred',
    source: 'IOS %Error messages for nvram writes (text not confirmed)',
  },
  copyRunStart: {
    behaviour: '`copy running-config startup-config` asks for the destination, then saves',
    message: 'Destination filename [startup-config]? ',
    confidence: 'seen',
    source: `${IOSXE} Safe change`,
  },
  copyToFlash: {
    behaviour: '`copy running-config bootflash:F` asks for the name, then stores the config as a file',
    message: 'Destination filename [{name}]? ',
    confidence: 'seen',
    source: 'IOS copy command dialogue (same form as copy to startup-config)',
  },
  copyToFlashDone: {
    behaviour: 'the copy reports the bytes written',
    message: '{bytes} bytes copied in 0.012 secs',
    confidence: 'inferred',
    source: 'IOS copy output (timing figures made up)',
  },
  configureReplace: {
    behaviour: '`configure replace F force` replaces the whole running config with file F; `time N` / `revert trigger … timer N` also start a revert timer (archive needed)',
    message: 'Total number of passes: 1\nRollback Done',
    confidence: 'seen',
    source: `${IOSXE} Safe change (NAPALM's path reports "Rollback Done")`,
  },
  configureReplaceQuestion: {
    behaviour: 'without `force`, configure replace asks first; anything but y/yes leaves the config alone',
    message:
      'This will apply all necessary additions and deletions\nto replace the current running configuration with the\ncontents of the specified configuration file, which is\nassumed to be a complete configuration, not a partial\nconfiguration. Enter Y if you are sure you want to proceed. ? [no]: ',
    confidence: 'seen',
    source: 'Cisco configuration replace and rollback guide; NAPALM passes `force` to avoid it',
  },
  replaceFileMissing: {
    behaviour: 'configure replace of a file that does not exist is refused',
    message: '%Error opening {url} (No such file or directory)',
    confidence: 'inferred',
    source: 'IOS %Error opening messages (text not confirmed for configure replace)',
  },
  showVersion: {
    behaviour: '`show version` answers as an IOS XE 17 C8000V (Ansible reads Version, model, hostname uptime, image)',
    confidence: 'inferred',
    source: 'Cisco C8000V show version layout; Ansible cisco.ios cliconf get_device_info',
  },
  showIpInterfaceBrief: {
    behaviour: '`show ip interface brief` lists interfaces with address, method and status',
    message: 'Interface              IP-Address      OK? Method Status                Protocol',
    confidence: 'seen',
    source: 'IOS show ip interface brief layout (ntc-templates fixtures)',
  },
  showVrf: {
    behaviour: '`show vrf` lists VRFs with default RD, protocols and interfaces',
    message: '  Name                             Default RD            Protocols   Interfaces',
    confidence: 'inferred',
    source: 'IOS XE show vrf layout',
  },
} as const satisfies Record<string, Behaviour>;

export type BehaviourId = keyof typeof behaviours;

/** The message of a behaviour with its `{placeholders}` filled in. */
export function say(id: BehaviourId, vars: Record<string, string | number> = {}): string {
  const row: Behaviour = behaviours[id];
  if (row.message === undefined) throw new Error(`behaviour ${id} has no message`);
  return row.message.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`behaviour ${id}: missing {${name}}`);
    return String(value);
  });
}
