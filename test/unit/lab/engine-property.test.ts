/**
 * Random command sequences over the modelled scope: the engine never throws, and the config it
 * prints boots back into the same config (what `write memory` + reload does on a router).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from './engine-helpers.js';

/** Small deterministic PRNG (mulberry32), so a failure names its seed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomLine(r: () => number): string[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const vrf = pick(['a', 'b', 'c']);
  const sub = pick(['10', '11', '12']);
  const host = 1 + Math.floor(r() * 4);
  const no = r() < 0.25 ? 'no ' : '';
  return pick([
    () => [`${no}vrf definition ${vrf}`, 'address-family ipv4', 'exit-address-family', `description translator: ${vrf}`],
    () => [`interface gi2.${sub}`, `${no}encapsulation dot1Q ${pick([10, 11, 12, 13])}`],
    () => [`interface gi2.${sub}`, `${no}vrf forwarding ${vrf}`],
    () => [`interface gi2.${sub}`, `${no}ip address 192.168.${pick([1, 2])}.254 255.255.255.0`],
    () => [`interface gi2.${sub}`, `${no}ip nat inside`, `${no}ip policy route-map TRANSLATOR-EGRESS`, `description t ${sub}`],
    () => [`${no}interface gi2.${sub}`],
    () => [`ip access-list standard TRANSLATOR-${vrf}`, `${no}permit 192.168.${host}.0 0.0.0.255`, pick(['deny any', 'no 10', 'remark r'])],
    () => [`${no}ip access-list standard TRANSLATOR-${vrf}`],
    () => [`route-map TRANSLATOR-EGRESS permit ${pick([10, 20])}`, `${no}set global`],
    () => [`${no}ip nat inside source static 192.168.1.${host} 10.0.1.${pick([1, 2, 3, 4])} vrf ${vrf}`],
    () => [`${no}ip nat inside source list TRANSLATOR-${vrf} interface GigabitEthernet1 vrf ${vrf} overload`],
    () => ['interface gi1', `${no}ip nat outside`],
  ])();
}

/** Config lines, each child prefixed with its top-level parent (order of blocks aside). */
function lines(text: string): Set<string> {
  const out = new Set<string>();
  let parent = '';
  for (const l of text.split('\n')) {
    if (/^(Building|Current configuration|! Last|! NVRAM)/.test(l)) continue;
    if (!l.startsWith(' ')) parent = l;
    out.add(l.startsWith(' ') ? `${parent} >> ${l}` : l);
  }
  return out;
}

let questionsAsked = 0;

for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
  test(`random config sessions (seed ${seed}) never throw and survive a reload`, () => {
    const r = prng(seed);
    const { run, answer, last, config, device } = cli();
    run('configure terminal');
    let asked = 0;
    for (let i = 0; i < 150; i++) {
      // Now and then a mapping carries traffic, so removing it asks IOS's question.
      const { natStatics, natLists } = device.state.model;
      if (r() < 0.2 && natStatics[0]) device.markInUse('static', natStatics[0].global);
      if (r() < 0.2 && natLists[0]) device.markInUse('dynamic', natLists[0].acl);
      for (const line of randomLine(r)) {
        run(line);
        while (last.reply?.question) {
          asked++;
          answer(r() < 0.5 ? 'yes' : 'no');
        }
      }
    }
    run('end');
    questionsAsked += asked;
    const printed = config();
    const rebooted = cli(printed).config();
    assert.deepEqual([...lines(rebooted)].sort(), [...lines(printed)].sort());
  });
}

test('the random sessions exercised the NAT in-use questions', () => {
  assert.ok(questionsAsked > 0);
});
