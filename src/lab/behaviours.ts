/**
 * Every IOS XE behaviour the lab router reproduces, in one table: what it does, the exact
 * text it prints, how sure we are, and where it comes from. `seen` only with a public source
 * nobody here wrote (repository + path, a document, a transcript); `inferred` otherwise, with
 * what the guess rests on. Engine code prints messages only through `say(id, vars)`.
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

/** Public sources cited by several rows (repository + path unless stated). */
const SRC = {
  genieReplace: 'CiscoTestAutomation/genielibs pkgs/clean-pkg/src/genie/libs/clean/stages/iosxe/tests/test_config_replace.py (IOS XE `configure replace` output)',
  catalystNoIpVrf: 'CiscoDevNet/clus2017_iosxe_demo_booth demo_ciscospark/README.md (Catalyst IOS XE transcript: `ip vrf Bob` / `rd 100:100` / `no ip vrf Bob`)',
  ned: 'public NSO cisco-ios NED, com/tailf/packages/ned/ios/IOSNedCli.java (staticWarning list, ENTER_CONFIG_PATTERN), found with find_string; the index does not name its repository',
  uniconMock: 'CiscoTestAutomation/unicon.plugins src/unicon/plugins/tests/mock/mock_device_iosxe.py (config lock refusal)',
  csrL3vpn: 'inband/spcor 4-services/3-configure-l3vpn/as64499-csr1-ebgp.md (CSR1000v transcript)',
  cubeDoc: 'Cisco CUBE configuration guide for IOS XE 17 ("Assign Interface to VRF": the notice of `ip vrf forwarding`), found with find_string',
  napalm: 'napalm-automation/napalm napalm/ios/ios.py (drives real IOS devices)',
  napalmVrfDetail: 'napalm-automation/napalm test/ios/mocked_data/test_get_network_instances/normal/show_vrf_detail.txt',
  ansibleTerminal: 'ansible-collections/cisco.ios plugins/terminal/ios.py (Debian ansible, cisco.ios 4.6.1)',
  ansibleFacts: 'ansible-collections/cisco.ios plugins/module_utils/network/ios/facts/legacy/base.py (Debian ansible, cisco.ios 4.6.1)',
  natLabNotes: 'public NAT lab notes with router transcripts, found with find_string: `R2(config)#no ip nat inside source list 1 pool nju` / `Dynamic mapping in use, do you want to delete all entires? [no]: yes` (three copies); Cafe-Rtr notes: `Static entry in use, do you want to delete child entries? [no]: no` / `%: Error: static entry in use, cannot remove`, `%Dynamic mapping in use, cannot remove`',
  genieNatStatic: 'CiscoTestAutomation/genielibs sdk apis iosxe nat (Dialog Statement for `Static entry in use, do you want to delete child entries? [no]`)',
  pyneng: 'pyneng course transcript of `send_config_commands` on an IOS router (`% Invalid input detected at \'^\' marker.`, `% Incomplete command.`, `% Ambiguous command:  "a"`), found with find_string',
  rollbackGist: 'gist.github.com/ryankearney/8920941 (Cisco 2901 rollback transcript: `sh archive`, `config replace … force time 1`)',
  ntc: (path: string) => `networktocode/ntc-templates tests/cisco_ios/${path}`,
  genie: (path: string) => `CiscoTestAutomation/genieparser src/genie/libs/parser/iosxe/tests/${path}`,
  ciscoKeys: 'netkiller/netkiller.github.io cisco/shortcuts.html (Cisco CLI keys: Ctrl-A/E/B/F, Esc-B/F, Ctrl-D, Backspace, Ctrl-R, Ctrl-U, Ctrl-W, Ctrl-P/N); O\'Reilly "Cisco IOS in a Nutshell", `terminal editing` (on by default)',
  corpus: '../shared/corpus configs (napalm-ios.cfg, ntc-interfaces.cfg, ntc-acl.cfg, asr1k-neutron-*.cfg; see its README)',
} as const;

export const behaviours = {
  // --- sessions, modes, errors -------------------------------------------------------------
  noNagle: {
    behaviour:
      "the vty's TCP connection sends each answer at once: without `service nagle` (off by default) IOS does not hold small segments " +
      'until the previous one is acknowledged, so an answer written in parts (echo, output, prompt) is not delayed by the client\'s delayed ACK (≈ 40 ms)',
    confidence: 'seen',
    source:
      'Cisco Press article "Turn On Nagle" (ciscopress.com/articles/article.asp?p=27137&seqNum=7: ' +
      'Nagle is turned on with `service nagle`; "without service nagle … each character in a Telnet session is a separate CPU interrupt"); ' +
      'it4idiot.blogspot.com 2011/02 ("Default disabled on Cisco routers")',
  },
  invalidInput: {
    behaviour: 'an unknown or malformed word is marked with a caret under it, then the same prompt',
    message: "% Invalid input detected at '^' marker.",
    confidence: 'seen',
    source: `${SRC.pyneng}; ${SRC.genie('AcmMerge/cli/equal/golden_output_2_output.txt')}; ${SRC.napalm}`,
  },
  incompleteCommand: {
    behaviour: 'a command missing its arguments is refused',
    message: '% Incomplete command.',
    confidence: 'seen',
    source: `${SRC.pyneng}; ${SRC.napalm} (checks "% Incomplete command")`,
  },
  ambiguousCommand: {
    behaviour: 'an abbreviation matching several keywords is refused',
    message: '% Ambiguous command:  "{input}"',
    confidence: 'seen',
    source: SRC.pyneng,
  },
  abbreviations: {
    behaviour: 'keywords may be abbreviated to any unique prefix (conf t, sh run, wr, int gi2.10)',
    confidence: 'seen',
    source: `${SRC.csrL3vpn} (\`do show run int Gi4.10\`, \`source lo1\`); ${SRC.ntc('*')} index (\`sh[[ow]] ip r[[oute]]\`)`,
  },
  interfaceNames: {
    behaviour: 'interface names are normalised from any unique prefix of the type (gi2.10 -> GigabitEthernet2.10)',
    confidence: 'seen',
    source: `${SRC.csrL3vpn} (\`Gi4.10\` typed, \`GigabitEthernet4.10\` printed)`,
  },
  contextHelp: {
    behaviour: '`?` lists what may come next (or completes a partial word) at once, then shows the prompt and the line again; keywords only, without IOS\'s descriptions',
    confidence: 'inferred',
    source: 'IOS context help as transcripts show it (`route-target ?` listing `export` / `import`); the lab omits the descriptions',
  },
  tabCompletion: {
    behaviour: 'Tab completes a partial keyword when exactly one fits (`conf<Tab>` → `configure `); otherwise nothing happens',
    confidence: 'inferred',
    source: 'IOS command completion (no public transcript of the bytes found)',
  },
  enterConfig: {
    behaviour: '`configure terminal` enters config mode with this banner, prompt `edge1(config)#`',
    message: 'Enter configuration commands, one per line.  End with CNTL/Z.',
    confidence: 'seen',
    source: `${SRC.catalystNoIpVrf}; ${SRC.pyneng}`,
  },
  subModePrompts: {
    behaviour: 'sub-modes show (config-if), (config-subif), (config-vrf) — also for a legacy `ip vrf` —, (config-vrf-af), (config-std-nacl), (config-ext-nacl), (config-route-map)',
    confidence: 'seen',
    source: `${SRC.csrL3vpn} ((config-subif)); ${SRC.catalystNoIpVrf} ((config-vrf) after \`ip vrf\`); the others inferred from the same naming`,
  },
  configPromptTruncation: {
    behaviour: 'in config modes the hostname in the prompt is cut to 20 characters',
    confidence: 'seen',
    source: 'ktbyers/netmiko issues #210, #1786, #2755 (transcripts of IOS and IOS XE 16.x prompts)',
  },
  topLevelFromSubMode: {
    behaviour: 'a top-level command typed in a sub-mode leaves the sub-mode and runs at top level',
    confidence: 'inferred',
    source: 'IOS parser behaviour Netmiko and Ansible rely on (config lines sent without `exit`); no transcript quoted',
  },
  exitEndCtrlZ: {
    behaviour: '`exit` goes up one level (`exit-address-family` leaves the address family); `end` or Ctrl-Z returns to EXEC',
    confidence: 'seen',
    source: `${SRC.catalystNoIpVrf} (\`Switch(config-vrf)#^Z\` → \`Switch#\`)`,
  },
  doInConfig: {
    behaviour: '`do <exec command>` runs an EXEC command from any config mode',
    confidence: 'seen',
    source: `${SRC.csrL3vpn} (\`CSR1(config)#do show run int Gi4.10\`)`,
  },
  enablePassword: {
    behaviour: '`enable` asks `Password: `; a wrong secret prints this and asks again',
    message: '% Access denied',
    confidence: 'inferred',
    source: 'IOS enable dialogue; the `% Access denied` text is not confirmed by a public transcript',
  },
  enableBadSecrets: {
    behaviour: 'after three wrong enable secrets the attempt ends with this, still at `>`',
    message: '% Bad secrets',
    confidence: 'seen',
    source: `${SRC.ansibleTerminal} (terminal_stderr_re \`% ?Bad secret\`)`,
  },
  privilegeShow: {
    behaviour: '`show privilege` tells the level (Ansible cisco.ios checks it after enable)',
    message: 'Current privilege level is {level}',
    confidence: 'seen',
    source: `${SRC.genie('ShowPrivilege/cli/equal/golden_output_1_output.txt')}; ${SRC.ansibleTerminal} (privilege_level_re)`,
  },
  loginBanner: {
    behaviour: 'a configured `banner motd` / `banner exec` is shown after login, before the first prompt',
    confidence: 'inferred',
    source: 'IOS banner motd/exec semantics; the corpus configs carry banners but no login transcript was found',
  },
  paging: {
    behaviour: 'output longer than the terminal length stops at ` --More-- ` (space: page, enter: line, other: stop); `terminal length 0` turns it off',
    message: ' --More-- ',
    confidence: 'inferred',
    source: 'IOS pager as Netmiko and Ansible avoid it (`terminal length 0` on login); the exact prompt bytes are not confirmed here',
  },
  terminalWidth: {
    behaviour: '`terminal width 0..512` is accepted for the session (default 80)',
    confidence: 'seen',
    source: `${SRC.ansibleTerminal} (sends \`terminal width 512\`); Netmiko sends \`terminal width 511\``,
  },
  longLineEcho: {
    behaviour: 'a typed line reaching the terminal width is echoed cut, `$` in the next-to-last column; width 0 echoes it whole',
    message: '$',
    confidence: 'inferred',
    source: 'ktbyers/netmiko issues #105, #254 (transcripts of IOS/ASA echoes cut with `$` at width 80); exact bytes not confirmed',
  },
  // --- the terminal's line editing ---------------------------------------------------------
  lineEditBackspace: {
    behaviour: 'Backspace (0x08) and DEL (0x7f) erase the character left of the cursor, so `ab\\bc` runs as `ac`',
    confidence: 'seen',
    source: SRC.ciscoKeys,
  },
  lineEditKill: {
    behaviour: 'Ctrl-U (and Ctrl-X) erase from the cursor to the start of the line; Ctrl-W erases the word left of the cursor; Ctrl-K erases to the end of the line; Ctrl-D erases the character at the cursor',
    confidence: 'seen',
    source: `${SRC.ciscoKeys} (Ctrl-U, Ctrl-W, Ctrl-D); Ctrl-X and Ctrl-K inferred from Cisco's editing-key table`,
  },
  lineEditCursor: {
    behaviour: 'Ctrl-A / Ctrl-E go to the start / end, Ctrl-B / Ctrl-F and the arrow keys move one character, Esc-B / Esc-F one word; typing inserts at the cursor; Ctrl-T swaps the two characters at the cursor',
    confidence: 'seen',
    source: `${SRC.ciscoKeys} (Ctrl-A/E/B/F, Esc-B/F); Ctrl-T and the arrow sequences inferred`,
  },
  lineEditHistory: {
    behaviour: 'Ctrl-P / Up recall the previous command of the session (10 kept), Ctrl-N / Down the next; Ctrl-R / Ctrl-L redisplay the line',
    confidence: 'seen',
    source: `${SRC.ciscoKeys} (Ctrl-P/N, Ctrl-R); history size 10 and Ctrl-L inferred`,
  },
  lineEditLiteral: {
    behaviour: 'Ctrl-V (or Esc-Q) makes the next key literal, so `?` can be typed into a description',
    confidence: 'inferred',
    source: "Cisco's editing-key table (Ctrl-V / Esc Q); not in a public transcript",
  },
  lineEditOtherControls: {
    behaviour: 'other control bytes (NUL, bell, Ctrl-O, Ctrl-Q, Ctrl-S, Ctrl-\\ …) are not inserted into the line',
    confidence: 'inferred',
    source: 'IOS reads them as editing keys or ignores them; none reaches the command text',
  },
  // --- show running-config -----------------------------------------------------------------
  runningConfigHeader: {
    behaviour: '`show running-config` starts with this header and the byte count of what follows, ends with `end`',
    message: 'Building configuration...\n\nCurrent configuration : {bytes} bytes',
    confidence: 'seen',
    source: `${SRC.corpus} (napalm-ios.cfg); ${SRC.csrL3vpn}`,
  },
  canonicalOrder: {
    behaviour: 'top-level order: version/service, hostname, boot, vrf definition / ip vrf, aaa/users, interfaces (numeric), ip nat (static before list), ip route, ip access-list, route-map, control-plane, line',
    confidence: 'seen',
    source: `${SRC.corpus} (napalm-ios.cfg, asr1k-neutron-*.cfg)`,
  },
  interfaceChildOrder: {
    behaviour: 'interface children print as description, encapsulation dot1Q, vrf forwarding (or ip vrf forwarding), ip address, ip nat, ip policy, whatever order they were typed in',
    confidence: 'seen',
    source: `${SRC.corpus} (ntc-interfaces.cfg, asr1k-neutron-1.cfg); ${SRC.csrL3vpn}`,
  },
  vrfDefinitionFormat: {
    behaviour: 'a vrf definition prints description and rd, then ` !` before ` address-family ipv4` / ` exit-address-family` with its route-targets inside',
    confidence: 'seen',
    source: `${SRC.csrL3vpn} (\`vrf definition AS64499\` / \` rd\` / \` !\` / \` address-family ipv4\` / \`  route-target export\`); ${SRC.corpus} (asr1k-neutron-*.cfg)`,
  },
  ipVrfLegacy: {
    behaviour: 'legacy `ip vrf NAME` enters (config-vrf) and takes `description`, `rd`, `route-target export|import|both`; it prints as `ip vrf NAME` with description, rd, exports, imports (no address family) in the VRF section',
    confidence: 'seen',
    source: `${SRC.catalystNoIpVrf}; ${SRC.corpus} (napalm-ios.cfg \`ip vrf MGMT\`); route-target order inferred`,
  },
  ipVrfForwarding: {
    behaviour: 'interface `ip vrf forwarding NAME` joins a legacy VRF and prints where `vrf forwarding` would; `vrf forwarding` only takes `vrf definition` VRFs and `ip vrf forwarding` only legacy ones',
    confidence: 'seen',
    source: `${SRC.corpus} (napalm-ios.cfg, ntc-interfaces.cfg: \` ip vrf forwarding\` before \` ip address\`); ${SRC.cubeDoc}; refusing the other form is inferred`,
  },
  vrfFormMismatch: {
    behaviour: 'a name is one form or the other: `ip vrf X` for a `vrf definition X` (or the reverse), and the other form\'s `forwarding`, are refused with the "not configured" text',
    confidence: 'inferred',
    source: 'IOS keeps the two CLI forms apart (show vrf detail "Old CLI format" / "New CLI format"); the refusal text is not confirmed',
  },
  vrfRouteTargets: {
    behaviour: '`rd X` sets (and replaces) the rd, `route-target both X` adds an export and an import line; `no rd [X]` and `no route-target export|import|both X` remove them',
    confidence: 'inferred',
    source: 'IOS VRF configuration as public configs print it (rd first, exports before imports); a changed rd may be refused on a real device',
  },
  aclFormat: {
    behaviour: 'named ACL entries print with sequence numbers (next = last + 10), `deny` padded to `deny   `, a /32 standard entry in host form, a remark with the next entry\'s number',
    confidence: 'seen',
    source: `${SRC.corpus} (ntc-acl.cfg, ciscoconfparse-sample01.cfg)`,
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
    behaviour: '`| include`, `| exclude`, `| begin` filter lines of a show command',
    confidence: 'seen',
    source: `${SRC.ansibleFacts} (\`show running-config | section ^interface\`); ${SRC.ntc('*')} index; IOSXE.md`,
  },
  sectionFilter: {
    behaviour: '`| section REGEX` prints every line that matches with the lines indented under it; a matching child line (` ip nat inside`) prints on its own, without its parent',
    confidence: 'inferred',
    source: 'IOSXE.md (corrected: public ISR transcripts of `show running-config | section ip nat` show the interfaces\' ` ip nat inside` lines); whether the parent line is printed too was not confirmed',
  },
  showInterfaceConfig: {
    behaviour: '`show running-config interface X` prints one interface block with the header',
    confidence: 'seen',
    source: `${SRC.csrL3vpn} (\`do show run int Gi4.10\`); ${SRC.ntc('show_running-config_interface')}`,
  },
  // --- side effects ------------------------------------------------------------------------
  vrfForwardingRemovesIp: {
    behaviour: '`vrf forwarding X` (or `ip vrf forwarding X`) on an interface with an IP removes the IP (informational)',
    message: '% Interface {iface} IPv4 disabled and address(es) removed due to enabling VRF {vrf}',
    confidence: 'seen',
    source: `${SRC.cubeDoc}; IOSv/ISR transcripts found with find_string; NOTE ${SRC.csrL3vpn} shows a CSR printing "…due to disabling VRF AS64499" for the same command (${SRC.ned} matches both: \`removed due to \\S+abling vrf\`)`,
  },
  noVrfForwardingRemovesIp: {
    behaviour: '`no vrf forwarding` on an interface with an IP removes the IP too',
    message: '% Interface {iface} IPv4 disabled and address(es) removed due to disabling VRF {vrf}',
    confidence: 'inferred',
    source: `the "disabling" wording is seen (${SRC.csrL3vpn}); that \`no vrf forwarding\` prints it is inferred`,
  },
  vrfNotConfigured: {
    behaviour: '`vrf forwarding X` (or `no vrf definition X`) when X is not defined is refused',
    message: '% VRF {vrf} not configured',
    confidence: 'inferred',
    source: `text not confirmed; ${SRC.ned} lists a related \`vrf \\S+ not configured, invalid vrf name\``,
  },
  subinterfaceNeedsEncapsulation: {
    behaviour: '`ip address` on a sub-interface without `encapsulation dot1Q` is refused',
    message:
      '% Configuring IP routing on a LAN subinterface is only allowed if that subinterface is already configured as part of an IEEE 802.10, IEEE 802.1Q, or ISL vLAN.',
    confidence: 'inferred',
    source: 'IOSXE.md side-effects table; no public transcript found in this pass',
  },
  duplicateVlan: {
    behaviour: '`encapsulation dot1Q N` when a sibling sub-interface has N is refused',
    message:
      '% Configuration of multiple subinterfaces of the same main interface with the same VID ({vlan}) is not permitted. This VID is already configured on {other}.',
    confidence: 'inferred',
    source: 'IOSXE.md side-effects table (text not confirmed)',
  },
  noVrfDefinition: {
    behaviour: '`no vrf definition X` strips VRF and IP from its interfaces and prints this pair, also when no interface used X',
    message: '% ipv6 addresses from all interfaces in VRF {vrf} have been removed\n% ipv4 addresses from all interfaces in VRF {vrf} have been removed',
    confidence: 'seen',
    source: `${SRC.genieReplace} (the lower-case pair, ipv6 first, for VRFs a replace removed); ${SRC.ned} (\`ip.* addresses from all interfaces in vrf .*have been removed\`)`,
  },
  noIpVrf: {
    behaviour: 'legacy `no ip vrf X` strips VRF and IP from its interfaces and prints this, also when no interface used X',
    message: '% IPv4 addresses from all interfaces in VRF {vrf} have been removed',
    confidence: 'seen',
    source: `${SRC.catalystNoIpVrf} (VRF Bob had an rd and no interfaces)`,
  },
  noSubinterface: {
    behaviour: '`no interface Gi2.10` removes the sub-interface and everything under it',
    confidence: 'inferred',
    source: 'IOS sub-interface removal (IOSXE.md); no transcript quoted',
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
    source: `${SRC.ansibleTerminal} treats "Bad mask" as an error; the exact text is not confirmed`,
  },
  addressOverlap: {
    behaviour: 'an `ip address` overlapping another interface of the same VRF is refused',
    message: '% {network} overlaps with {other}',
    confidence: 'inferred',
    source: `${SRC.ansibleTerminal} (\`% ?(\\S+) ?overlaps with ?(\\S+)\`); the exact text is not confirmed`,
  },
  keptChildEdit: {
    behaviour: 'a line under an object that the lab keeps as text is edited as on IOS: `no <line>` removes it, `default <words>` removes what they set, and `X` removes a ` no X` line (a default-on feature switched off); a few interface children (ip mtu, ip redirects, mop enabled …) may be typed',
    confidence: 'inferred',
    source: 'IOS `no` / `default` semantics; the ` no X` lines are seen in the corpus and in a C8000V default config (` no mop enabled`)',
  },
  keptBlockRemoval: {
    behaviour: '`no <line>` of a top-level line kept as text (an `ip route`, `ip nat inside source static tcp … extendable`, `router …`) removes it',
    confidence: 'inferred',
    source: 'IOS removes a global line by its `no` form; the lab accepts the exact text it printed',
  },
  natDynamicInUse: {
    behaviour: 'removing a list/overload mapping with live translations asks (IOS\'s own spelling `entires`); `yes` clears them and removes it',
    message: 'Dynamic mapping in use, do you want to delete all entires? [no]: ',
    confidence: 'seen',
    source: `${SRC.natLabNotes}; Cisco tech note 13779 writes "entries" — the lab prints the device spelling`,
  },
  natDynamicInUseKept: {
    behaviour: 'answering `no` to the dynamic question keeps the mapping',
    message: '%Dynamic mapping in use, cannot remove',
    confidence: 'seen',
    source: `${SRC.natLabNotes} (printed by a router that did not ask)`,
  },
  natStaticInUse: {
    behaviour: 'removing a static mapping with live child translations asks; `yes` clears them and removes it',
    message: 'Static entry in use, do you want to delete child entries? [no]: ',
    confidence: 'seen',
    source: `${SRC.natLabNotes}; ${SRC.genieNatStatic}`,
  },
  natStaticInUseKept: {
    behaviour: 'answering `no` to the static question keeps the mapping',
    message: '%: Error: static entry in use, cannot remove',
    confidence: 'seen',
    source: SRC.natLabNotes,
  },
  natPatNoNotice: {
    behaviour: '`ip nat inside source list … interface … overload` prints nothing: the NED\'s `global .* will be port address translated` and `outside interface address added` are PIX/ASA notices for `global (if) …` commands, not IOS',
    confidence: 'inferred',
    source: `${SRC.ned} lists them; Netspoc's device approval scripts comment them as "PIX: xxx interface address added to PAT pool" / "ASA: INFO: …" and "Global … will be Port Address Translated"; no IOS transcript shows them`,
  },
  natGlobalTaken: {
    behaviour: 'a static mapping whose global IP is already mapped to another local is refused',
    message: '% similar static entry ({local} -> {global}) already exists',
    confidence: 'inferred',
    source: 'IOSXE.md (text as copied by IOS simulators, not by a device transcript)',
  },
  natLocalTaken: {
    behaviour: 'a static mapping whose local IP (in the same VRF) is already mapped is refused',
    message: '% {local} already mapped ({local} -> {global})',
    confidence: 'inferred',
    source: 'IOSXE.md (text as copied by IOS simulators, not by a device transcript)',
  },
  natUnknownVrf: {
    behaviour: 'a NAT line naming a VRF that does not exist is refused',
    message: '% VRF {vrf} does not exist',
    confidence: 'inferred',
    source: 'IOSXE.md side effects (rejected; text not confirmed)',
  },
  natListAclMayNotExist: {
    behaviour: 'a NAT list line naming an ACL not defined yet is accepted (the device prints ACLs after the NAT lines, so it must accept that order when it boots)',
    confidence: 'inferred',
    source: 'show running-config order (canonicalOrder); overrides the "rejected (inferred)" row of IOSXE.md for ACLs',
  },
  natUnknownInterface: {
    behaviour: 'a NAT list line naming an interface that does not exist is refused',
    message: '% Interface {iface} does not exist',
    confidence: 'inferred',
    source: 'IOSXE.md side effects (rejected; text not confirmed)',
  },
  natTranslations: {
    behaviour: '`show ip nat translations` lists static mappings as `---` rows and live flows as protocol rows',
    message: 'Pro Inside global      Inside local       Outside local      Outside global',
    confidence: 'seen',
    source: `${SRC.ntc('show_ip_nat_translations')}; ${SRC.natLabNotes}`,
  },
  clearNatTranslations: {
    behaviour: '`clear ip nat translation *` / `forced` removes live translations, so removals no longer ask',
    confidence: 'seen',
    source: `${SRC.natLabNotes} (\`clear ip nat translation *\`, then the removal succeeds); openstack/networking-cisco ASR1k driver (\`do clear ip nat translation forced\`)`,
  },
  // --- config-mode refusals (lab faults) ---------------------------------------------------
  configLocked: {
    behaviour: 'while another session holds the configuration lock, `configure terminal` is refused and the session stays in EXEC',
    message: "Configuration mode is locked by process '{process}' user '{user}' from terminal '{terminal}'. Please try later.",
    confidence: 'seen',
    source: `${SRC.uniconMock}; ${SRC.ned} (ENTER_CONFIG_PATTERN \`Configuration mode is locked by process.+Please try later\`)`,
  },
  configKillSession: {
    behaviour: 'optionally IOS asks instead whether to kill the session holding the lock; `yes` takes it over, anything else stays in EXEC with nothing changed',
    message: "Configuration mode is locked by process '{process}' user '{user}' from terminal '{terminal}'. Do you want to kill that session and continue? [no]: ",
    confidence: 'inferred',
    source: `${SRC.ned} (ENTER_CONFIG_PATTERN \`Do you want to kill that session and continue\`); the rest of the question and its default are inferred`,
  },
  // --- archive, safe change, saving --------------------------------------------------------
  archiveRequired: {
    behaviour: 'revert timer / configure confirm / revert without the archive feature is refused',
    message: '%Turn config archive on before using Rollback Confirmed Change',
    confidence: 'seen',
    source: `${SRC.ned} (ENTER_CONFIG_PATTERN \`Turn config archive on before using Rollback Confirmed Change\`); the leading \`%\` is inferred`,
  },
  showArchiveDisabled: {
    behaviour: '`show archive` without the archive feature (with its leading space)',
    message: ' Archive feature not enabled',
    confidence: 'seen',
    source: `${SRC.ntc('show_archive/cisco_ios_show_archive.raw')}; ${SRC.napalm} (\`_check_archive_feature\`)`,
  },
  showArchive: {
    behaviour: '`show archive` with the feature on: the maximum, how many are saved, the next name, then `maximum` numbered slots with the files, the newest marked',
    message: 'The maximum archive configurations allowed is {max}.\nThere are currently {count} archive configurations saved.\nThe next archive file will be named {next}',
    confidence: 'seen',
    source: `${SRC.ntc('show_archive/cisco_ios_show_archive_filelist.raw')}; ${SRC.rollbackGist}; the wording for other counts than 10 is inferred`,
  },
  archiveFileNames: {
    behaviour: 'archive files are named `<path>-<n>`; `$h` in the path becomes the hostname and `$t` a timestamp (`Nov-29-15-34-07.379-UTC`); without `$t` no time appears',
    confidence: 'seen',
    source: `${SRC.ntc('show_archive/cisco_ios_show_archive_filelist.raw')} (\`flash:002-rtr-1-Mar-17-07-53-52.484-CDT-0\`); ${SRC.rollbackGist} (\`Feb--3-…\`: a one-digit day padded with a dash)`,
  },
  noRollbackPending: {
    behaviour: '`show archive config rollback timer` (and `configure confirm`/`revert`) with nothing pending',
    message: '%No Rollback Confirmed Change pending',
    confidence: 'seen',
    source: `${SRC.napalm} (\`_get_pending_commits\`); NAPALM's IOS commit-confirm integration test asserts it`,
  },
  rollbackTimerShown: {
    behaviour: 'while a revert timer is pending, `show archive config rollback timer` shows its value',
    message: 'Timer value: {minutes} min',
    confidence: 'seen',
    source: `${SRC.napalm} (parses \`Time configured\`, \`Timer type\`, \`Timer value\`, \`User\`); NAPALM's commit-confirm test asserts \`Timer value: 3 min\``,
  },
  revertTimerExpires: {
    behaviour: 'when the revert timer expires the saved config is restored (logged, not printed on vty sessions)',
    message: 'Rollback Confirmed Change: Rolling to:{file}',
    confidence: 'inferred',
    source: 'IOSXE.md Safe change (Cisco config-management guide); the log text was not confirmed in this pass',
  },
  revertTimerBackup: {
    behaviour: '`configure terminal revert timer N` (1-120 min) backs up the running config, then enters config mode',
    message: 'Rollback Confirmed Change: Backing up current running config to {file}',
    confidence: 'seen',
    source: `${SRC.rollbackGist} (printed by \`config replace … force time 1\`; that the revert timer of configure terminal prints it too is inferred)`,
  },
  configureConfirm: {
    behaviour: '`configure confirm` keeps the changes and stops the timer; `configure revert now` rolls back at once; `configure revert timer N` restarts it',
    confidence: 'seen',
    source: `${SRC.napalm} (\`configure terminal revert timer\`, \`configure confirm\`)`,
  },
  writeMemory: {
    behaviour: '`write memory` (or `write`) saves the running config to the state file',
    message: 'Building configuration...\n[OK]',
    confidence: 'inferred',
    source: 'IOS save output as NEDs expect it (`[OK]`); no transcript quoted',
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
    confidence: 'inferred',
    source: 'IOSXE.md Safe change; Ansible `save_when` answers it; no transcript quoted in this pass',
  },
  copyToFlash: {
    behaviour: '`copy running-config bootflash:F` asks for the name, then stores the config as a file',
    message: 'Destination filename [{name}]? ',
    confidence: 'inferred',
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
    source: `${SRC.genieReplace} (\`Total number of passes: 1\` / \`Rollback Done\`); ${SRC.rollbackGist}`,
  },
  configureReplaceQuestion: {
    behaviour: 'without `force`, configure replace asks first; anything but y/yes leaves the config alone',
    message:
      'This will apply all necessary additions and deletions\nto replace the current running configuration with the\ncontents of the specified configuration file, which is\nassumed to be a complete configuration, not a partial\nconfiguration. Enter Y if you are sure you want to proceed. ? [no]: ',
    confidence: 'inferred',
    source: 'Cisco configuration replace and rollback guide as IOSXE.md quotes it; NAPALM passes `force` to avoid it',
  },
  replaceFileMissing: {
    behaviour: 'configure replace of a file that does not exist is refused',
    message: '%Error opening {url} (No such file or directory)',
    confidence: 'inferred',
    source: 'IOS %Error opening messages (text not confirmed for configure replace)',
  },
  // --- show commands real tools parse ------------------------------------------------------
  showVersion: {
    behaviour: '`show version` answers as an IOS XE 17 C8000V (Ansible reads Version, model, hostname uptime, image)',
    confidence: 'seen',
    source: `${SRC.genie('ShowVersion/cli/equal/golden_output_c8000v_output.txt')} (line shapes; values are the lab's)`,
  },
  showIpInterfaceBrief: {
    behaviour: '`show ip interface brief` lists interfaces with address, method and status',
    message: 'Interface              IP-Address      OK? Method Status                Protocol',
    confidence: 'seen',
    source: SRC.ntc('show_ip_interface_brief'),
  },
  showInterfaces: {
    behaviour: '`show interfaces [X]`: a status line per interface (`is up, line protocol is up`), hardware and MAC, description, `Internet address is A/len`, MTU/BW, encapsulation (802.1Q Vlan ID for a sub-interface), zero counters',
    confidence: 'seen',
    source: `${SRC.genie('ShowInterfaces/cli/equal/golden_interface_output_3_output.txt')} (csr1000v); ${SRC.ntc('show_interfaces/cisco_ios_show_interfaces3.raw')} (sub-interfaces); ${SRC.ansibleFacts} parses it`,
  },
  showIpInterface: {
    behaviour: '`show ip interface [X]`: per interface its address (or "Internet protocol processing disabled"), VRF, policy routing and NAT domain (a subset of IOS\'s lines)',
    confidence: 'seen',
    source: `${SRC.ntc('show_ip_interface')} (line shapes); the NAT and policy-routing wording is inferred`,
  },
  showIpv6Interface: {
    behaviour: '`show ipv6 interface [brief]` prints nothing: no interface has IPv6',
    confidence: 'inferred',
    source: 'IOS lists only IPv6-enabled interfaces; napalm test/ios/mocked_data/test_get_interfaces_ip shows the format when some are',
  },
  showVrf: {
    behaviour: '`show vrf [NAME]` lists VRFs with default RD (`<not set>`), protocols (`ipv4`, also for a legacy `ip vrf`) and one interface per line, more interfaces on continuation lines under the first',
    message: '  Name                             Default RD            Protocols   Interfaces',
    confidence: 'seen',
    source: `${SRC.ntc('show_vrf/cisco_ios_show_vrf.raw')}, cisco_ios_show_vrf_no_interface.raw, cisco_ios_show_vrf02.raw (no protocols)`,
  },
  showVrfDetail: {
    behaviour: '`show vrf detail [NAME]` (not a VRF named "detail"): RD, "New CLI format" or, for `ip vrf`, "Old CLI format, supports IPv4 only", interfaces, route-targets per address family',
    confidence: 'seen',
    source: `${SRC.ntc('show_vrf_detail/cisco_ios_show_vrf_detail.raw')}; ${SRC.genie('ShowVrfDetail/cli/equal/golden_output_output.txt')}; ${SRC.napalmVrfDetail}`,
  },
  showAccessLists: {
    behaviour: '`show access-lists [N]` / `show ip access-lists [N]`: `Standard|Extended IP access list N`, entries indented four with their sequence numbers, `A, wildcard bits W`, remarks not shown',
    confidence: 'seen',
    source: `${SRC.ntc('show_access-list/cisco_ios_show_access-list.raw')}; ${SRC.ntc('show_ip_access-lists/cisco_ios_show_ip_access-lists.raw')}`,
  },
  dirFlash: {
    behaviour: '`dir [bootflash:|flash:]` lists the file system with ids, permissions, sizes, dates and a bytes total/free line (dates are the boot time)',
    confidence: 'seen',
    source: `${SRC.ntc('dir/cisco_ios_dir.raw')}; ${SRC.ansibleFacts} (\`^Directory of (\\S+)/\`, \`bytes total (… bytes free)\`)`,
  },
  showIpNatStatistics: {
    behaviour: '`show ip nat statistics`: translation counts, outside/inside interfaces (three to a line), one `[Id: n] access-list … interface … refcount N` line per dynamic mapping',
    confidence: 'seen',
    source: `${SRC.genie('ShowIpNatStatistics/cli/equal/golden_output_1_output.txt')}, golden_output_output.txt, golden_output_5_output.txt; the \` vrf NAME\` in the mapping line is inferred`,
  },
  showClock: {
    behaviour: '`show clock` prints the time, `*` marking it as not set by NTP',
    confidence: 'seen',
    source: SRC.ntc('show_clock/cisco_ios_show_clock.raw'),
  },
  showInventory: {
    behaviour: '`show inventory`: NAME/DESCR and PID/VID/SN pairs for the C8000V chassis, route processor and ESP',
    confidence: 'seen',
    source: `${SRC.ntc('show_inventory/cisco_ios_show_inventory.raw')} (layout); the C8000V names are inferred from a CSR1000V listing`,
  },
  showMemoryStatistics: {
    behaviour: '`show memory statistics` has the Processor line Ansible reads total and free memory from',
    confidence: 'seen',
    source: `${SRC.genie('ShowMemoryStatistics/cli/equal/golden_output_output.txt')}; ${SRC.ansibleFacts}`,
  },
  showIpRoute: {
    behaviour: '`show ip route [vrf X]`: the IOS XE 17 codes, the gateway of last resort, connected and local routes of interfaces that are up and the `ip route` lines, grouped under their classful network ("is variably subnetted"); a VRF table starts with `Routing Table: X`',
    message:
      'Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP\n       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area \n       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2\n       E1 - OSPF external type 1, E2 - OSPF external type 2, m - OMP\n       n - NAT, Ni - NAT inside, No - NAT outside, Nd - NAT DIA\n       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2\n       ia - IS-IS inter area, * - candidate default, U - per-user static route\n       H - NHRP, G - NHRP registered, g - NHRP registration summary\n       o - ODR, P - periodic downloaded static route, l - LISP\n       a - application route\n       + - replicated route, % - next hop override, p - overrides from PfR\n       & - replicated local route overrides by connected',
    confidence: 'seen',
    source: `${SRC.genie('ShowIpRoute/cli/equal/golden_output7_output.txt')}; ${SRC.ntc('show_ip_route/cisco_ios_show_ip_route_vrf.raw')}; ${SRC.csrL3vpn} (\`show ip route vrf AS64499\`)`,
  },
  showIpRouteVrfMissing: {
    behaviour: '`show ip route vrf X` for a VRF that does not exist',
    message: '% IP routing table {vrf} does not exist',
    confidence: 'inferred',
    source: 'IOS wording recalled, not confirmed by a public transcript',
  },
  cdpDisabled: {
    behaviour: '`show cdp [neighbors [detail]]` on a C8000V where CDP does not run',
    message: '% CDP is not enabled',
    confidence: 'seen',
    source: `${SRC.ansibleFacts} (\`CDP is not enabled\`); CiscoTestAutomation/genieparser src/genie/libs/parser/iosxr/tests/ShowCdp/cli/equal/golden_output2_output.txt (IOS XR prints the same)`,
  },
  lldpDisabled: {
    behaviour: '`show lldp [neighbors [detail]]` where LLDP does not run',
    message: '% LLDP is not enabled',
    confidence: 'seen',
    source: `${SRC.ansibleFacts} (\`LLDP is not enabled\`); networktocode/ntc-templates ntc_templates/templates/cisco_ios_show_lldp_neighbors_detail.textfsm`,
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
