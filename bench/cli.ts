/**
 * Issue 14: what a user waits for — the compiled CLI as a whole process, from exec to exit
 * (bench/whole-process.ts): bare `node -e ''` start-up (the floor every figure includes),
 * `translator --help`, an offline plan of a 1,641-line router and of the 139,450-line router
 * (bench/iosxe.ts's inputs), and a render of 100,000 floating IPs from a saved Docker state.
 * Each is the best of RUNS runs (the machine is shared: the median follows in the note), and the
 * figures are also given as multiples of bare Node start-up measured in the same run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inputs } from './iosxe.js';
import { syntheticState } from './synthetic-state.js';
import { report } from './targets.js';
import { CLI, runNode, type ProcessRun } from './whole-process.js';

const RUNS = 7;

async function best(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ seconds: number; median: number; peakMb: number; cpuSeconds: number }> {
  const runs: ProcessRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await runNode(args, env);
    if (run.code !== 0 && run.code !== 2) throw new Error(`node ${args.join(' ')} failed (${run.code}): ${run.stderr.slice(-2000)}`);
    runs.push(run);
  }
  const seconds = runs.map((r) => r.seconds).sort((a, b) => a - b);
  return { seconds: seconds[0]!, median: seconds[Math.floor(RUNS / 2)]!, peakMb: Math.max(...runs.map((r) => r.peakMb)), cpuSeconds: Math.min(...runs.map((r) => r.cpuSeconds)) };
}

export async function benchCli(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  try {
    for (const tenants of [20, 2000]) {
      const { running, intended } = inputs(tenants);
      writeFileSync(join(dir, `running-${tenants}.cfg`), running);
      writeFileSync(join(dir, `intended-${tenants}.cfg`), intended);
    }
    writeFileSync(join(dir, 'state.json'), JSON.stringify(syntheticState(2000, 50)));
    const plan = (tenants: number) => [CLI, 'plan', '--running', join(dir, `running-${tenants}.cfg`), '--intended', join(dir, `intended-${tenants}.cfg`)];
    const renderEnv = { INSIDE_INTERFACE: 'GigabitEthernet2', OUTSIDE_INTERFACE: 'GigabitEthernet1' };

    const bare = await best(['-e', '']);
    const note = (m: { median: number; peakMb: number; cpuSeconds: number }) => `median ${m.median.toFixed(3)} s, CPU ${m.cpuSeconds.toFixed(2)} s, peak ${m.peakMb.toFixed(0)} MB`;
    report('bare `node -e \'\'` start-up', bare.seconds, 's', null, note(bare));
    const cases: Array<[string, string[], NodeJS.ProcessEnv, number, number | null]> = [
      ['`translator --help`', [CLI, '--help'], {}, 0.12, null],
      ['offline plan, 1,641-line router', plan(20), {}, 0.12, null],
      ['offline plan, 139,450-line router', plan(2000), {}, 0.3, 150],
      ['render of 100,000 floating IPs (--state, --stdout)', [CLI, 'render', '--state', join(dir, 'state.json'), '--stdout', '--repo', dir], renderEnv, 0.5, null],
    ];
    for (const [label, args, env, target, memoryTarget] of cases) {
      const m = await best(args, env);
      report(label, m.seconds, 's', target, `${note(m)}; ${(m.seconds / bare.seconds).toFixed(1)}× bare node`);
      if (memoryTarget !== null) report(`${label}: peak RSS`, m.peakMb, 'MB', memoryTarget);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
