/** EXEC-mode commands (user `>` and privileged `#`), IOSXE.md "Sessions and modes" and "Safe change". */
import { say } from '../behaviours.js';
import { confirmRollback, resetRollbackTimer, revertNow, startRollback } from './archive.js';
import { type ExecContext, NOTHING, refuse, reply } from './context.js';
import type { Args } from './grammar.js';
import { interfaceConfigText } from './print.js';
import { iosTime, showArchive, showRollbackTimer } from './show.js';
import { showAccessLists } from './show-acl.js';
import { showInterfaces, showIpInterface, showIpInterfaceBrief } from './show-interfaces.js';
import { showNatStatistics } from './show-nat.js';
import { showIpRoute } from './show-route.js';
import { cdpDisabled, dir, FILE_SYSTEMS, lldpDisabled, showClock, showInventory, showMemoryStatistics, showVersion } from './show-system.js';
import { showVrf, showVrfDetail } from './show-vrf.js';
import type { Reply } from './types.js';

export interface ExecCommand {
  syntax: string;
  /** Lowest privilege level that has the command. */
  privilege: 1 | 15;
  /** Output may be filtered with `| include` etc. */
  filterable?: boolean;
  run(ctx: ExecContext, args: Args): Reply;
}

/** Files live on these file systems. */
const FLASH = /^(bootflash|flash|harddisk):\S+$/;

function enterConfig(ctx: ExecContext): Reply {
  ctx.session.frames = [{ mode: 'config' }];
  return { output: `${say('enterConfig')}\n` };
}

/**
 * Another session holds the configuration lock (a lab fault, DeviceState.configLock): IOS refuses
 * config mode, or asks whether to kill that session. `yes` takes the lock over; anything else
 * leaves the session in EXEC with nothing changed.
 */
function withConfigLock(ctx: ExecContext, action: () => Reply): Reply {
  const lock = ctx.device.configLock;
  if (!lock) return action();
  const holder = { process: lock.process, user: lock.user, terminal: lock.terminal };
  if (!lock.offerKill) {
    if (lock.remaining !== undefined && --lock.remaining <= 0) ctx.device.configLock = undefined;
    return refuse(say('configLocked', holder));
  }
  return {
    output: '',
    question: {
      prompt: say('configKillSession', holder),
      answer: (text) => {
        if (!/^y(es?)?$/i.test(text.trim())) return refuse();
        ctx.device.configLock = undefined;
        return action();
      },
    },
  };
}

/** Read-only show commands that real tools parse (Ansible ios_facts, NAPALM, ntc-templates). */
function showCommands(): ExecCommand[] {
  const show = (syntax: string, run: (ctx: ExecContext, a: Args) => Reply): ExecCommand => ({ syntax, privilege: 1, filterable: true, run });
  const text = (output: string): Reply => ({ output });
  /** An interface that does not exist is marked like an invalid word (IOS: the name is not valid input). */
  const named = (output: string | undefined, word: number): Reply => (output === undefined ? { output: '', rejected: true, invalidWord: word } : text(output));
  return [
    show('show interfaces [<name:iface>]', (ctx, a) => named(showInterfaces(ctx.device, a.name), 2)),
    show('show ip interface [<name:iface>]', (ctx, a) => named(showIpInterface(ctx.device, a.name), 3)),
    show('show ip interface brief', (ctx) => text(showIpInterfaceBrief(ctx.device))),
    show('show ipv6 interface [brief]', () => text('')),
    show('show access-lists [<name:word>]', (ctx, a) => text(showAccessLists(ctx.device, a.name))),
    show('show ip access-lists [<name:word>]', (ctx, a) => text(showAccessLists(ctx.device, a.name))),
    show('show ip nat statistics', (ctx) => text(showNatStatistics(ctx.device.model, ctx.device.nat))),
    show('show ip route', (ctx) => text(showIpRoute(ctx.device))),
    show('show ip route vrf <vrf:word>', (ctx, a) => text(showIpRoute(ctx.device, a.vrf))),
    show('show clock', () => text(showClock())),
    show('show inventory', () => text(showInventory())),
    show('show memory statistics', () => text(showMemoryStatistics())),
    show('show cdp [neighbors] [detail]', () => text(cdpDisabled())),
    show('show lldp [neighbors] [detail]', () => text(lldpDisabled())),
    {
      syntax: 'dir [<fs:word>]',
      privilege: 15,
      filterable: true,
      run: (ctx, a) => (a.fs === undefined || FILE_SYSTEMS.includes(a.fs) ? text(dir(ctx.device)) : { output: '', rejected: true, invalidWord: 1 }),
    },
  ];
}

function enable(ctx: ExecContext, attempt: number): Reply {
  return {
    output: '',
    question: {
      prompt: 'Password: ',
      secret: true,
      answer: (text) => {
        if (text === ctx.device.enableSecret) {
          ctx.session.privilege = 15;
          return NOTHING;
        }
        if (attempt >= 3) return refuse(say('enableBadSecrets'), '');
        return { ...enable(ctx, attempt + 1), output: `${say('enablePassword')}\n` };
      },
    },
  };
}

/** Guards the safe-change commands: archive on, and (unless starting one) a rollback pending. */
function withRollback(ctx: ExecContext, needPending: boolean, action: () => Reply): Reply {
  if (!ctx.device.archiveEnabled()) return refuse(say('archiveRequired'));
  if (needPending && !ctx.device.rollback) return refuse(say('noRollbackPending'));
  return action();
}

function save(ctx: ExecContext): Reply {
  const previous = ctx.device.lastSaved;
  ctx.device.lastSaved = `${iosTime(new Date())} by ${ctx.session.user}`;
  try {
    ctx.device.save(ctx.configBody());
  } catch {
    ctx.device.lastSaved = previous;
    return refuse('Building configuration...', say('saveFailed'));
  }
  return reply(...say('writeMemory').split('\n'));
}

export const execCommands: ExecCommand[] = [
  {
    syntax: 'enable [<level:num:0-15>]',
    privilege: 1,
    run: (ctx) => (ctx.session.privilege === 15 ? NOTHING : enable(ctx, 1)),
  },
  {
    syntax: 'disable',
    privilege: 1,
    run: (ctx) => {
      ctx.session.privilege = 1;
      return NOTHING;
    },
  },
  { syntax: '{exit|logout|quit}', privilege: 1, run: () => ({ output: '', close: true }) },
  {
    syntax: 'terminal length <n:num:0-512>',
    privilege: 1,
    run: (ctx, a) => {
      ctx.session.length = Number(a.n);
      return NOTHING;
    },
  },
  {
    syntax: 'terminal width <n:num:0-512>',
    privilege: 1,
    run: (ctx, a) => {
      ctx.session.width = Number(a.n);
      return NOTHING;
    },
  },
  { syntax: 'terminal [no] monitor', privilege: 1, run: () => NOTHING },
  { syntax: 'show version', privilege: 1, filterable: true, run: (ctx) => ({ output: showVersion(ctx.device) }) },
  {
    syntax: 'show privilege',
    privilege: 1,
    run: (ctx) => reply(say('privilegeShow', { level: ctx.session.privilege })),
  },
  { syntax: 'show running-config', privilege: 15, filterable: true, run: (ctx) => ({ output: ctx.runningConfig() }) },
  {
    syntax: 'show running-config interface <name:iface>',
    privilege: 15,
    filterable: true,
    run: (ctx, a) => {
      const iface = ctx.device.model.interfaces.find((i) => i.name === a.name);
      return iface ? { output: interfaceConfigText(iface, ctx.device.model) } : { output: '', rejected: true, invalidWord: 2 };
    },
  },
  {
    syntax: 'show startup-config',
    privilege: 15,
    filterable: true,
    run: (ctx) => {
      const saved = ctx.device.startupConfig();
      if (saved === undefined) return reply(say('startupConfigAbsent'));
      return { output: `${say('startupConfig', { bytes: Buffer.byteLength(saved) })}\n${saved}` };
    },
  },
  {
    syntax: 'show ip nat translations [verbose]',
    privilege: 1,
    filterable: true,
    run: (ctx) => ({ output: ctx.device.nat.show(ctx.device.model) }),
  },
  { syntax: 'show archive', privilege: 15, filterable: true, run: (ctx) => ({ output: showArchive(ctx.device) }) },
  {
    syntax: 'show archive config rollback timer',
    privilege: 15,
    run: (ctx) => ({ output: showRollbackTimer(ctx.device) }),
  },
  { syntax: 'show vrf [<name:word>]', privilege: 1, filterable: true, run: (ctx, a) => ({ output: showVrf(ctx.device, a.name) }) },
  { syntax: 'show vrf detail [<name:word>]', privilege: 1, filterable: true, run: (ctx, a) => ({ output: showVrfDetail(ctx.device, a.name) }) },
  ...showCommands(),
  { syntax: 'configure terminal', privilege: 15, run: (ctx) => withConfigLock(ctx, () => enterConfig(ctx)) },
  {
    syntax: 'configure terminal revert timer <minutes:num:1-120>',
    privilege: 15,
    run: (ctx, a) =>
      withRollback(ctx, false, () =>
        withConfigLock(ctx, () => {
          const file = startRollback(ctx.device, ctx.session.user, Number(a.minutes), ctx.configBody());
          ctx.session.frames = [{ mode: 'config' }];
          return reply(say('revertTimerBackup', { file }), say('enterConfig'));
        }),
      ),
  },
  {
    syntax: 'configure confirm',
    privilege: 15,
    run: (ctx) => withRollback(ctx, true, () => (confirmRollback(ctx.device), NOTHING)),
  },
  {
    syntax: 'configure revert now',
    privilege: 15,
    run: (ctx) => withRollback(ctx, true, () => (revertNow(ctx.device), NOTHING)),
  },
  {
    syntax: 'configure revert timer <minutes:num:1-120>',
    privilege: 15,
    run: (ctx, a) => withRollback(ctx, true, () => (resetRollbackTimer(ctx.device, Number(a.minutes)), NOTHING)),
  },
  { syntax: 'write [memory]', privilege: 15, run: (ctx) => save(ctx) },
  {
    syntax: 'copy running-config startup-config',
    privilege: 15,
    run: (ctx) => ({
      output: '',
      question: {
        prompt: say('copyRunStart'),
        answer: (text) => (text.trim() === '' || text.trim() === 'startup-config' ? save(ctx) : refuse('%Error opening ' + text.trim() + ' (Permission denied)')),
      },
    }),
  },
  {
    syntax: 'copy running-config <url:word>',
    privilege: 15,
    run: (ctx, a) => {
      const url = a.url!;
      if (!FLASH.test(url)) return { output: '', rejected: true, invalidWord: 2 };
      const name = url.replace(/^[^:]+:/, '');
      return {
        output: '',
        question: {
          prompt: say('copyToFlash', { name }),
          answer: (text) => {
            const target = `${url.slice(0, url.indexOf(':') + 1)}${text.trim() || name}`;
            const body = ctx.configBody();
            ctx.device.files.set(target, body);
            return reply(say('copyToFlashDone', { bytes: Buffer.byteLength(body) }));
          },
        },
      };
    },
  },
  ...[
    'configure replace <url:word> [force=force]',
    'configure replace <url:word> [force=force] revert trigger error',
    'configure replace <url:word> [force=force] revert trigger [error] timer <minutes:num:1-120>',
    'configure replace <url:word> [force=force] time <minutes:num:1-120>',
  ].map(
    (syntax): ExecCommand => ({
      syntax,
      privilege: 15,
      run: (ctx, a) => {
        const text = ctx.device.files.get(a.url!);
        if (text === undefined) return refuse(say('replaceFileMissing', { url: a.url! }));
        const replace = (): Reply => {
          if (a.minutes !== undefined) {
            if (!ctx.device.archiveEnabled()) return refuse(say('archiveRequired'));
            startRollback(ctx.device, ctx.session.user, Number(a.minutes), ctx.configBody());
          }
          ctx.device.replace(text);
          return reply(...say('configureReplace').split('\n'));
        };
        if (a.force !== undefined) return replace();
        return {
          output: '',
          question: {
            prompt: say('configureReplaceQuestion'),
            answer: (answer) => (/^y(es)?$/i.test(answer.trim()) ? replace() : NOTHING),
          },
        };
      },
    }),
  ),
  {
    syntax: 'clear ip nat translation {*|forced}',
    privilege: 15,
    run: (ctx) => {
      ctx.device.nat.clear();
      return NOTHING;
    },
  },
];
