import { z } from 'zod';
import { INTERFACE_NAME, MARKER, OWNED_NAME_PREFIX, type NameRule } from '../intent/grammar.js';
import { parseCidr } from '../intent/ipv4.js';
import { INTERFACE_TYPES, canonicalInterfaceName } from '../iosxe/interface-names.js';

/** The schema of translator.yaml. Every key is known: an unknown one is an error, not a silent no-op. */

const byRule = (rule: NameRule) => z.string().regex(rule.pattern, { message: rule.reason });

const secretRef = z.union(
  [z.strictObject({ env: z.string().min(1) }), z.strictObject({ file: z.string().min(1) })],
  { message: 'expected {env: VARIABLE} or {file: PATH}; secrets are never written in translator.yaml' },
);

const routerName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, {
  message: 'a router name is lower-case letters, digits, "_" and "-" (it names a folder in the repository)',
});

/** Interface names may be abbreviated as on the CLI; they are stored as the device prints them. */
const interfaceName = byRule(INTERFACE_NAME).transform((text, ctx) => {
  const full = canonicalInterfaceName(text);
  if (full === null) {
    ctx.addIssue({ code: 'custom', message: `unknown or ambiguous interface type in "${text}" (known: ${INTERFACE_TYPES.join(', ')})` });
    return z.NEVER;
  }
  return full;
});

const routerSchema = z.strictObject({
  name: routerName,
  host: z.string().min(1).optional(),
  port: z.number().int().min(1).max(65535).default(22),
  inside: interfaceName,
  outside: interfaceName,
  username: z.union([z.string().min(1), secretRef]).optional(),
  password: secretRef.optional(),
  enablePassword: secretRef.optional(),
  hostKey: z
    .strictObject({
      fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}=?$/, { message: 'expected an OpenSSH SHA256 fingerprint' }).optional(),
      knownHosts: z.string().min(1).optional(),
    })
    .optional(),
});

const cidr = z.string().refine((text) => parseCidr(text) !== null, { message: 'expected an IPv4 prefix like 10.0.1.0/24' });

export const settingsSchema = z.strictObject({
  routers: z.array(routerSchema).default([]),
  ownership: z
    .strictObject({
      marker: byRule(MARKER).default('translator:'),
      prefix: byRule(OWNED_NAME_PREFIX).default('TRANSLATOR-'),
    })
    .default({ marker: 'translator:', prefix: 'TRANSLATOR-' }),
  labels: z
    .strictObject({
      globalIp: z.string().min(1).default('global_ip'),
      router: z.string().min(1).default('translator.router'),
      vlan: z.string().min(1).default('translator.vlan'),
    })
    .default({ globalIp: 'global_ip', router: 'translator.router', vlan: 'translator.vlan' }),
  /** Global addresses allowed for floating IPs; empty = any. */
  pools: z.array(cidr).default([]),
  /** How tenant traffic leaves its VRF: the seed's PBR route-map with `set global`, or none. */
  egress: z.enum(['set-global', 'none']).default('set-global'),
  git: z
    .strictObject({
      author: z
        .strictObject({ name: z.string().min(1), email: z.string().min(1) })
        .default({ name: 'translator', email: 'translator@localhost' }),
      remote: z.string().min(1).optional(),
      branch: z.string().min(1).optional(),
      pushRetries: z.number().int().min(0).max(20).default(3),
    })
    .default({ author: { name: 'translator', email: 'translator@localhost' }, pushRetries: 3 }),
  docker: z.strictObject({ host: z.string().min(1).optional() }).default({}),
});

export type SettingsFile = z.output<typeof settingsSchema>;
export type RouterSettings = z.output<typeof routerSchema>;
