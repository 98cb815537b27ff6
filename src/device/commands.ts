// The EXEC commands the driver itself sends (config lines come from the caller).

/** Terminal setup sent after login, in order. */
export const TERMINAL_SETUP = ['terminal length 0', 'terminal width 0'] as const;

export const COMMANDS = {
  enable: 'enable',
  showRun: 'show running-config',
  configure: 'configure terminal',
  configureWithRevert: (minutes: number) => `configure terminal revert timer ${minutes}`,
  end: 'end',
  confirm: 'configure confirm',
  revertNow: 'configure revert now',
  save: 'write memory',
  showArchive: 'show archive',
  rollbackTimer: 'show archive config rollback timer',
} as const;
