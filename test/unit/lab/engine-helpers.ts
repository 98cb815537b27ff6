import { createDevice, type DeviceOptions } from '../../../src/lab/engine/device.js';
import type { Reply } from '../../../src/lab/engine/types.js';

/** A device and a privileged session; `run` types lines and returns what was printed. */
export function cli(configText?: string, options: DeviceOptions = {}) {
  const device = createDevice(configText, options);
  const session = device.newSession({ privilege: 15 });
  const last: { reply?: Reply } = {};
  const run = (...lines: string[]): string =>
    lines
      .map((line) => {
        const reply = device.execute(line, session);
        last.reply = reply;
        return reply.output;
      })
      .join('');
  /** Answers the question the last line asked. */
  const answer = (text: string): Reply => {
    const question = last.reply?.question;
    if (!question) throw new Error('no question pending');
    last.reply = question.answer(text);
    return last.reply;
  };
  const config = () => device.runningConfig();
  return { device, session, run, answer, last, config };
}

/** The lines that build the seed's tenant (DESIGN.md), in the creation order of IOSXE.md. */
export const TENANT = [
  'configure terminal',
  'vrf definition mytenant',
  ' description translator: tenant mytenant',
  ' address-family ipv4',
  ' exit-address-family',
  'interface GigabitEthernet2.10',
  ' description translator: tenant mytenant',
  ' encapsulation dot1Q 10',
  ' vrf forwarding mytenant',
  ' ip address 192.168.1.254 255.255.255.0',
  ' ip nat inside',
  ' ip policy route-map TRANSLATOR-EGRESS',
  'interface GigabitEthernet1',
  ' ip nat outside',
  'ip access-list standard TRANSLATOR-mytenant',
  ' 10 permit 192.168.1.0 0.0.0.255',
  'route-map TRANSLATOR-EGRESS permit 10',
  ' set global',
  'ip nat inside source list TRANSLATOR-mytenant interface GigabitEthernet1 vrf mytenant overload',
  'ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant',
  'end',
];
