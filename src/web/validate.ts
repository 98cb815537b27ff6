/**
 * The requests the pages accept. Anything else is a 4xx with a sentence, never a stack trace:
 * a URL longer than a page needs, a parameter that is not expected, a search text or router name
 * outside its grammar. Pure.
 */
export const MAX_URL_LENGTH = 2048;
const MAX_QUERY_LENGTH = 100;

/** Characters a search may hold: addresses, names of containers, services, tenants and hosts. */
const QUERY = /^[A-Za-z0-9_.:/@ -]*$/;
/** As gitops/layout.ts allows router names. */
const ROUTER = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

export class BadRequest extends Error {
  override name = 'BadRequest';
  constructor(
    readonly status: 400 | 404 | 405 | 413 | 414,
    message: string,
  ) {
    super(message);
  }
}

export interface ParsedRequest {
  path: string;
  params: URLSearchParams;
}

/** Splits and checks a request target: length, percent-encoding, only the parameters `allowed` names. */
export function parseTarget(target: string): ParsedRequest {
  if (target.length > MAX_URL_LENGTH) throw new BadRequest(414, `the address is longer than ${MAX_URL_LENGTH} characters`);
  if (!target.startsWith('/')) throw new BadRequest(400, 'not a path');
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    throw new BadRequest(400, 'the address is not valid percent-encoding');
  }
  if (/[\0-\x1f\x7f\\]/.test(path) || path.includes('..')) throw new BadRequest(400, 'the path holds characters no page has');
  let params: URLSearchParams;
  try {
    const query = q < 0 ? '' : target.slice(q + 1);
    decodeURIComponent(query.replace(/\+/g, ' '));
    params = new URLSearchParams(query);
  } catch {
    throw new BadRequest(400, 'the query is not valid percent-encoding');
  }
  return { path, params };
}

/** Only these parameters, each at most once. */
export function onlyParams(params: URLSearchParams, allowed: readonly string[]): void {
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (!allowed.includes(key)) throw new BadRequest(400, `unknown parameter ${JSON.stringify(key.slice(0, 40))}${allowed.length ? ` (expected: ${allowed.join(', ')})` : ''}`);
    if (seen.has(key)) throw new BadRequest(400, `parameter ${key} given twice`);
    seen.add(key);
  }
}

/** The search text: trimmed, at most MAX_QUERY_LENGTH characters of QUERY. */
export function searchQuery(params: URLSearchParams): string {
  onlyParams(params, ['q']);
  const q = (params.get('q') ?? '').trim();
  if (q.length > MAX_QUERY_LENGTH) throw new BadRequest(400, `the search is longer than ${MAX_QUERY_LENGTH} characters`);
  if (!QUERY.test(q)) throw new BadRequest(400, 'search for an address or a name: letters, digits and . _ - : / @ only');
  return q;
}

export function routerName(text: string): string {
  if (!ROUTER.test(text)) throw new BadRequest(404, 'no such router');
  return text;
}
