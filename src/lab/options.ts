/** What a lab router is started with (faults, options) and what it hands back: the types the server and the terminal share. */

/** Lab-only credentials when none are given (documented in `translator lab --help`, which reads them from here without loading the server). */
export const LAB_DEFAULTS = { username: 'admin', password: 'admin', enableSecret: 'enable' } as const;

export interface Faults {
  /** Added latency per round trip (half on the way in, half on the way out). */
  rttMs?: number;
  /** Device time spent on every processed line, before its answer. */
  perLineMs?: number;
  /** Drop the SSH session when a config-mode line arrives after this many were processed. */
  dropAfterConfigLines?: number;
  /** A config line matching `pattern` (a RegExp source) is answered with `message` and not applied. */
  reject?: { pattern: string; message: string }[];
  /** Config lines matching these RegExp sources are accepted without output but not applied (verify tests). */
  ignore?: string[];
  /** Delay before the authentication answer. */
  loginDelayMs?: number;
  /**
   * Another session holds the configuration lock: `configure terminal` (with or without a revert
   * timer) answers IOS's refusal (behaviour configLocked), or with `offerKill` asks whether to
   * kill that session (configKillSession). `remaining` refusals, then the lock is gone (a retry
   * succeeds); without it the lock stays until setFaults changes it.
   */
  configLock?: { process: number; user: string; terminal: number; offerKill?: boolean; remaining?: number };
}

export interface LabOptions {
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** 0 = a random free port (default). */
  port?: number;
  /** Default: the config text's hostname, else 'edge1'. */
  hostname?: string;
  /** Lab-only defaults: admin / admin / enable. */
  username?: string;
  password?: string;
  enableSecret?: string;
  /**
   * Privilege level right after login: 1 (`edge1>`, enable needed; default) or 15 (`edge1#`).
   * Not derived from `username … privilege 15` in the config, so enable tests do not depend on it.
   */
  loginPrivilege?: 1 | 15;
  /** Persistent host key (OpenSSH private key), generated on first start if missing. Default: a new key per start. */
  hostKeyPath?: string;
  /** Initial config (unrelated surroundings + any starting NAT/VRF config), as `show running-config` prints it. */
  configText?: string;
  /** `write memory` target; loaded at start instead of configText when the file exists. */
  statePath?: string;
  /** Force the archive feature on/off; default: on iff the config text has an `archive` block with a `path`. */
  archive?: boolean;
  /** Milliseconds per "minute" of `revert timer N` (tests shorten it); default 60000. */
  minuteMs?: number;
  faults?: Faults;
}

export interface LabRouter {
  host: string;
  port: number;
  /** 'SHA256:…' as OpenSSH prints it. */
  hostKeyFingerprint: string;
  /** What `show running-config` prints now (with its header). */
  runningConfig(): string;
  setFaults(faults: Faults): void;
  /**
   * Makes a NAT mapping "in use" (live translations), so removing it asks IOS's question.
   * static: `match` is the mapping's inside local or inside global IP;
   * dynamic: `match` is the mapping's ACL name or VRF name.
   */
  markInUse(kind: 'static' | 'dynamic', match: string): void;
  /** SSH connections open now. */
  sessions(): number;
  /** Ends every SSH connection, as a router reload or a network cut would; the config stays. */
  dropSessions(): void;
  close(): Promise<void>;
}
