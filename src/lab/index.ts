/**
 * The lab router: an SSH server that behaves like a Cisco IOS XE router for everything
 * this project touches (IOSXE.md). Tests, benchmarks and the quick start use it as "the router".
 *
 * Programmatic API (stable; the device driver's tests are written against it):
 *   const lab = await startLab({ configText, faults: { rttMs: 20 } });
 *   ssh admin@lab.host -p lab.port   (password "admin", enable secret "enable" unless set)
 *   lab.runningConfig(); lab.markInUse('static', '10.0.1.1'); await lab.close();
 */
export { LAB_DEFAULTS, type Faults, type LabOptions, type LabRouter } from './options.js';
export { startLab } from './server.js';
/** The pure CLI engine (no SSH): createDevice(text).execute(line, session). */
export { createDevice, type LabDevice, type DeviceOptions } from './engine/device.js';
