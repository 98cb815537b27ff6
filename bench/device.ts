// Benchmark: push 1,000 `ip nat inside source static` lines to the lab router with
// 20 ms of added round-trip latency and 1 ms of device time per line.
//   lower bound  = device time (1,000 × 1 ms) + a few round trips (configure, stream, end)
//   one-per-RTT  = each line waits for its prompt before the next is sent (Netmiko's default),
//                  measured on a sample and extrapolated (the output says so).
// Every measurement uses a fresh lab router, so none pays for a NAT table the previous one filled.
import { startLab, type Faults } from '../src/lab/index.js';
import { connectDevice, type ApplyOptions } from '../src/device/index.js';
import { DEFAULT_WINDOW } from '../src/device/config-push.js';
import { Secret } from '../src/settings/secret.js';

const LINES = 1000;
const RTT_MS = 20;
const PER_LINE_MS = 1;
const SERIAL_SAMPLE = 100;
/** configure terminal, the stream's own round trip, end. */
const ROUND_TRIPS = 3;

function natLines(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `ip nat inside source static 192.168.${i >> 8}.${i & 255} 10.0.${i >> 8}.${i & 255}`);
}

/** Milliseconds the driver's apply() took for these lines on a fresh lab with these faults. */
async function timePush(faults: Faults, lines: string[], options: ApplyOptions = {}): Promise<number> {
  const lab = await startLab({ port: 0, loginPrivilege: 15, faults });
  try {
    const device = await connectDevice({
      name: 'bench-lab',
      host: lab.host,
      port: lab.port,
      username: 'admin',
      password: new Secret('admin'),
      hostKey: { fingerprint: lab.hostKeyFingerprint },
      timeouts: { loginMs: 20_000, commandMs: 60_000, lineMs: 30_000 },
    });
    try {
      const result = await device.apply(lines, options);
      if (result.lines.some((l) => l.status !== 'ok')) throw new Error('bench push: a line was not accepted');
      return result.elapsedMs;
    } finally {
      await device.close();
    }
  } finally {
    await lab.close();
  }
}

export async function benchDevice(): Promise<void> {
  const faults = { rttMs: RTT_MS, perLineMs: PER_LINE_MS };
  await timePush(faults, natLines(50)); // warm-up (JIT, key generation paths)
  const pipelined = await timePush(faults, natLines(LINES));
  const noLatency = await timePush({ perLineMs: PER_LINE_MS }, natLines(LINES));
  const serial = await timePush(faults, natLines(SERIAL_SAMPLE), { window: { lines: 1 } });
  const serialPerLine = serial / SERIAL_SAMPLE;
  const serialEstimate = serialPerLine * LINES;
  const lowerBound = LINES * PER_LINE_MS + ROUND_TRIPS * RTT_MS;
  const ratio = pipelined / lowerBound;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const rows: [string, string][] = [
    ['lines pushed', `${LINES} (rtt +${RTT_MS} ms, ${PER_LINE_MS} ms/line, window ${DEFAULT_WINDOW.lines} lines / ${DEFAULT_WINDOW.bytes} bytes)`],
    ['driver, pipelined', seconds(pipelined)],
    ['lower bound', `${seconds(lowerBound)} (device time + ${ROUND_TRIPS} round trips)`],
    ['driver / lower bound', `${ratio.toFixed(2)}× (target ≤ 1.30×) ${ratio <= 1.3 ? 'OK' : 'OVER TARGET'}`],
    ['same push, no added rtt', `${seconds(noLatency)} (the lab's real device pace; its 1 ms timer is not exact)`],
    ['one line per round trip', `${(serialEstimate / 1000).toFixed(1)} s (extrapolated from ${SERIAL_SAMPLE} lines: ${serialPerLine.toFixed(1)} ms/line)`],
    ['speed-up vs one per RTT', `${(serialEstimate / pipelined).toFixed(1)}×`],
  ];
  console.log('device driver: 1,000 static NAT lines to the lab router');
  for (const [label, value] of rows) console.log(`  ${label.padEnd(26)} ${value}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchDevice();
