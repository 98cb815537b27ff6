import type { Command } from 'commander';

/** What each definition module exports: it adds its command, with its options, to the program. */
export type Register = (program: Command) => void;

/**
 * Every command by name, in `--help` order, and where its definition is. The action is in
 * commands/ and loaded when the command runs (action.ts); a command line that names a command
 * loads that command's definition alone (program.ts).
 */
export const COMMANDS: Readonly<Record<string, () => Promise<{ register: Register }>>> = {
  render: () => import('./render.js'),
  commit: () => import('./commit.js'),
  'forget-host': () => import('./forget-host.js'),
  plan: () => import('./plan.js'),
  deploy: () => import('./deploy.js'),
  rollback: () => import('./rollback.js'),
  drift: () => import('./drift.js'),
  status: () => import('./status.js'),
  unlock: () => import('./unlock.js'),
  decommission: () => import('./decommission.js'),
  demo: () => import('./demo.js'),
  lab: () => import('./lab.js'),
  watch: () => import('./watch.js'),
  serve: () => import('./serve.js'),
  version: () => import('./version.js'),
};
