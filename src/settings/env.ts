/**
 * The seed's environment variables, mapped onto translator.yaml keys. They work on their own
 * for the one-router case and override the file when both are present.
 */

type Value = string | number | { env: string } | { file: string };

interface EnvRule {
  variable: string;
  key: string;
  /** Turns the variable's text into the value the schema validates. */
  value: (text: string, variable: string) => Value;
  /** The key holds a secret: translator.yaml may only name where it is, whatever the variable says. */
  secret?: true;
}

const text = (value: string): Value => value;
const port = (value: string): Value => (/^\d+$/.test(value) ? Number(value) : value);
const secretFromEnv = (_value: string, variable: string): Value => ({ env: variable });
const secretFromFile = (value: string): Value => ({ file: value });

/** Router keys, in the order they are applied (`*_FILE` after the plain variable: the file wins). */
export const ROUTER_ENV: EnvRule[] = [
  { variable: 'IOS_MGMT_IP', key: 'host', value: text },
  { variable: 'IOS_MGMT_PORT', key: 'port', value: port },
  { variable: 'IOS_USER', key: 'username', value: text },
  { variable: 'IOS_USER_FILE', key: 'username', value: secretFromFile },
  { variable: 'IOS_PASS', key: 'password', value: secretFromEnv, secret: true },
  { variable: 'IOS_PASS_FILE', key: 'password', value: secretFromFile, secret: true },
  { variable: 'IOS_ENABLE_PASS', key: 'enablePassword', value: secretFromEnv, secret: true },
  { variable: 'IOS_ENABLE_PASS_FILE', key: 'enablePassword', value: secretFromFile, secret: true },
  { variable: 'OUTSIDE_INTERFACE', key: 'outside', value: text },
  { variable: 'INSIDE_INTERFACE', key: 'inside', value: text },
  { variable: 'IOS_HOST_KEY_FINGERPRINT', key: 'hostKey.fingerprint', value: text },
  { variable: 'IOS_KNOWN_HOSTS', key: 'hostKey.knownHosts', value: text },
];

/** Names the router that the IOS_* variables describe when the file declares several. */
export const ROUTER_NAME_ENV = 'ROUTER_NAME';
/** The router's name when only environment variables describe it. */
export const DEFAULT_ROUTER_NAME = 'edge1';

export const GLOBAL_ENV: EnvRule[] = [{ variable: 'DOCKER_HOST', key: 'docker.host', value: text }];

export function isSet(env: NodeJS.ProcessEnv, variable: string): boolean {
  return env[variable] !== undefined && env[variable] !== '';
}
