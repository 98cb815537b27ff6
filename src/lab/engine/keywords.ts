/**
 * Real IOS keywords this lab does not implement. They only make abbreviations as ambiguous as
 * on a router (`s` in EXEC: send, set, setup, show, slip, ssh …); typed in full they are
 * refused as outside the model.
 */
import type { ModeName } from './types.js';

/** EXEC (IOS XE 17 `?` at the `#` prompt). */
export const EXEC_KEYWORDS = [
  'access-enable', 'archive', 'cd', 'clear', 'clock', 'configure', 'connect', 'copy', 'debug', 'delete', 'dir',
  'disable', 'disconnect', 'enable', 'erase', 'event', 'exit', 'format', 'help', 'history', 'logout', 'mkdir',
  'more', 'ping', 'pwd', 'release', 'reload', 'rename', 'resume', 'rmdir', 'send', 'set', 'setup', 'show', 'slip',
  'ssh', 'systat', 'telnet', 'terminal', 'test', 'traceroute', 'tunnel', 'undebug', 'verify', 'where', 'write',
];

/** Config modes. */
export const CONFIG_KEYWORDS: Partial<Record<ModeName, string[]>> = {
  config: [
    'aaa', 'access-list', 'alias', 'arp', 'banner', 'boot', 'bridge', 'call-home', 'cdp', 'class-map', 'clock',
    'control-plane', 'crypto', 'default', 'enable', 'event', 'file', 'interface', 'ip', 'ipv6', 'key', 'license',
    'line', 'logging', 'login', 'mac', 'memory', 'mpls', 'netconf', 'ntp', 'object-group', 'parameter-map',
    'platform', 'policy-map', 'privilege', 'redundancy', 'restconf', 'route-map', 'router', 'service',
    'snmp-server', 'spanning-tree', 'username', 'vrf', 'zone',
  ],
  'config-if': [
    'arp', 'bandwidth', 'carrier-delay', 'cdp', 'channel-group', 'default', 'delay', 'description', 'encapsulation',
    'ip', 'ipv6', 'keepalive', 'load-interval', 'mac-address', 'mtu', 'negotiation', 'service-policy', 'shutdown',
    'speed', 'standby', 'vrf',
  ],
};
CONFIG_KEYWORDS['config-subif'] = CONFIG_KEYWORDS['config-if']!;

/** Output modifiers after `|`. */
export const FILTER_KEYWORDS = ['append', 'begin', 'count', 'exclude', 'format', 'include', 'redirect', 'section', 'tee'];
