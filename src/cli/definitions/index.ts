import type { Command } from 'commander';
import { register as commit } from './commit.js';
import { register as decommission } from './decommission.js';
import { register as demo } from './demo.js';
import { register as deploy } from './deploy.js';
import { register as drift } from './drift.js';
import { register as forgetHost } from './forget-host.js';
import { register as lab } from './lab.js';
import { register as plan } from './plan.js';
import { register as render } from './render.js';
import { register as rollback } from './rollback.js';
import { register as serve } from './serve.js';
import { register as status } from './status.js';
import { register as unlock } from './unlock.js';
import { register as version } from './version.js';
import { register as watch } from './watch.js';

/**
 * Each definition adds its command to the program, with its options; the action is in commands/
 * and loaded when the command runs (action.ts). One line per command, in `--help` order.
 */
export type Register = (program: Command) => void;

export const commands: Register[] = [render, commit, forgetHost, plan, deploy, rollback, drift, status, unlock, decommission, demo, lab, watch, serve, version];
