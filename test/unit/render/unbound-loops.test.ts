// The packaged templates are compiled without the `loop.*` bindings of loops that cannot read them
// (src/render/unbound-loops.ts, issue 14). What is proven here: the text is the same as plain
// nunjucks gives, for the packaged templates on many intents and for templates written to reach
// `loop` every way nunjucks allows (those keep their bindings), errors included.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticState } from '../../../bench/synthetic-state.js';
import { buildIntent } from '../../../src/intent/build.js';
import { nunjucks } from '../../../src/lazy.js';
import { PACKAGED_TEMPLATES, contextOf, createRenderer } from '../../../src/render/render.js';
import { ENTRY, NUNJUCKS_OPTIONS } from '../../../src/render/templates.js';
import { compileUnbound, mayReadLoop, unboundLoopsLoader } from '../../../src/render/unbound-loops.js';
import { settingsSchemas } from '../../../src/settings/schema.js';
import { container, network, seedSettings, state, twoRouterSettings } from '../intent/fixtures.js';

const made: string[] = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Plain nunjucks over `dir`, configured as the packaged renderer is: what the fast path must equal. */
const plain = (dir: string) => new (nunjucks().Environment)(new (nunjucks().FileSystemLoader)(dir), NUNJUCKS_OPTIONS);
const unbound = (dir: string) => new (nunjucks().Environment)(unboundLoopsLoader(dir, NUNJUCKS_OPTIONS), NUNJUCKS_OPTIONS);

test('the packaged templates render the same text as plain nunjucks, on intents of every shape', () => {
  const egressNone = settingsSchemas().settingsSchema.parse({ routers: [{ name: 'edge1', inside: 'Gi2', outside: 'Gi1' }], egress: 'none' });
  const mixed = syntheticState(12, 7);
  mixed.containers[3]!.labels['global_ip'] = mixed.containers[4]!.labels['global_ip']!;
  mixed.networks[2]!.parent = 'eth1.1';
  mixed.networks[5]!.labels['translator.router'] = 'edge2';
  const cases = [
    buildIntent(state(), seedSettings()),
    buildIntent(state([], []), seedSettings()),
    buildIntent(state([network()], []), seedSettings()),
    buildIntent(state(), egressNone),
    buildIntent(syntheticState(3, 2), egressNone),
    buildIntent(syntheticState(40, 25), seedSettings()),
    buildIntent(mixed, twoRouterSettings()),
    buildIntent(state([network(), network({ name: 'b', parent: 'eth1.20', subnet: '10.2.0.0/16', gateway: '10.2.0.1' })], [container(), container({ name: 'x', labels: { global_ip: '198.51.100.7' }, addresses: { b: '10.2.3.4' } })]), seedSettings()),
  ];
  const reference = plain(PACKAGED_TEMPLATES);
  const renderer = createRenderer();
  let routers = 0;
  for (const intent of cases) {
    for (const router of intent.routers) {
      routers++;
      assert.equal(renderer.render(router), reference.render(ENTRY, contextOf(router)));
    }
  }
  assert.equal(routers, 9);
});

test('the static NATs loop of the packaged templates sets no loop.* variable; a loop that reads one keeps them all', () => {
  const nat = compileUnbound(readFileSync(join(PACKAGED_TEMPLATES, 'nat.cfg.njk'), 'utf8'), 'nat.cfg.njk', NUNJUCKS_OPTIONS);
  assert.doesNotMatch(nat, /loop\./);
  assert.match(nat, /frame\.set\("f", /);
  const reads = compileUnbound('{% for x in xs %}{{ x }}{% endfor %}{% for x in xs %}{{ loop.length }}{% endfor %}', 't', NUNJUCKS_OPTIONS);
  assert.equal(reads.match(/frame\.set\("loop\.index", /g)?.length, 1);
});

/** Templates that reach `loop` every way nunjucks allows, and some that do not reach it. */
const TEMPLATES: Record<string, string> = {
  'plain.njk': '{% for x in xs %}<{{ x }}>{% endfor %}',
  'reads.njk': '{% for x in xs %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.revindex }}/{{ loop.revindex0 }}/{{ loop.length }}{% if loop.first %}F{% endif %}{% if loop.last %}L{% endif %} {% endfor %}',
  'whole.njk': '{% for x in xs %}{{ loop | dump }}{% endfor %}',
  'include.njk': '{% for x in xs %}{% include "included.njk" %}{% endfor %}',
  'included.njk': '[{{ loop.index }}{{ x }}]',
  'nested-inner.njk': '{% for x in xss %}{% for y in x %}{{ loop.index }}{{ y }} {% endfor %}|{% endfor %}',
  'nested-outer.njk': '{% for x in xss %}{% for y in x %}{{ y }}{% endfor %}{{ loop.index }}|{% endfor %}',
  'macro.njk': '{% macro m() %}{{ loop.index if loop else "none" }}{% endmacro %}{% for x in xs %}{{ m() }}{% endfor %}',
  'caller.njk': '{% macro c() %}{{ caller() }}{% endmacro %}{% for x in xs %}{% call c() %}{{ loop.index }}{% endcall %}{% endfor %}',
  'set.njk': '{% for x in xs %}{% set y = x %}{{ y }}{% endfor %}{{ y }}',
  'filter.njk': '{% for x in xs %}{{ x | upper }}{% endfor %}',
  'dict.njk': '{% for k, v in d %}{{ k }}={{ v }};{% endfor %}{% for k, v in d %}{{ loop.index }}{% endfor %}',
  'pairs.njk': '{% for a, b in ps %}{{ a }}{{ b }}{% endfor %}{% for a, b in ps %}{{ loop.last }}{% endfor %}',
  'else.njk': '{% for x in none %}{{ x }}{% else %}empty{% endfor %}{% for x in none %}{% else %}{{ loop }}{% endfor %}',
  'after.njk': '{% for x in xs %}{{ x }}{% endfor %}{{ loop }}',
  'named-loop.njk': '{% for loop in xs %}{{ loop }}{% endfor %}',
  'if.njk': '{% for x in xs %}{% if x == "b" and not (x != "b") %}{{ x }}{% else %}-{% endif %}{{ [x, {k: x}] | length }}{% endfor %}',
  'undefined.njk': '{% for x in os %}{{ x.missing }}{% endfor %}',
  'undefined-loop.njk': '{% for x in os %}{{ loop.nothing }}{% endfor %}',
};
const CONTEXT = { xs: ['a', 'b', 'c'], xss: [['a', 'b'], ['c']], d: { p: 1, q: 2 }, ps: [['a', 1], ['b', 2]], none: [], os: [{}], loop: 'outer' };

function outcome(env: ReturnType<typeof plain>, name: string): string {
  try {
    return `ok ${env.render(name, CONTEXT)}`;
  } catch (error) {
    return `error ${(error as Error).message}`;
  }
}

test('templates that reach `loop` (or not) render the same text, or fail the same way, as with plain nunjucks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'unbound-loops-'));
  made.push(dir);
  for (const [name, text] of Object.entries(TEMPLATES)) writeFileSync(join(dir, name), text);
  const [reference, fast] = [plain(dir), unbound(dir)];
  for (const name of Object.keys(TEMPLATES)) assert.equal(outcome(fast, name), outcome(reference, name), name);
  assert.match(outcome(reference, 'reads.njk'), /^ok 1\/0\/3\/2\/3F 2\/1\/2\/1\/3 3\/2\/1\/0\/3L $/);
  assert.match(outcome(reference, 'undefined.njk'), /^error /);
});

test('mayReadLoop: only nodes that compute values in place count as not reading `loop`', () => {
  const { parser } = nunjucks() as unknown as { parser: { parse(src: string, e: unknown[], o: unknown): Parameters<typeof mayReadLoop>[0] } };
  const loopOf = (src: string) => (parser.parse(src, [], NUNJUCKS_OPTIONS)['children'] as Parameters<typeof mayReadLoop>[0][])[0]!;
  const expected: Record<string, boolean> = {
    'plain.njk': false, 'reads.njk': true, 'whole.njk': true, 'include.njk': true, 'nested-outer.njk': true, 'set.njk': true,
    'filter.njk': true, 'named-loop.njk': true, 'if.njk': true,
  };
  for (const [name, reads] of Object.entries(expected)) assert.equal(mayReadLoop(loopOf(TEMPLATES[name]!)), reads, name);
  assert.equal(mayReadLoop(loopOf('{% for x in xs %}{% if x == "b" and not (x != "b") %}{{ x.y[0] }}{% else %}-{% endif %}{% endfor %}')), false);
});
