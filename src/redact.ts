/**
 * `https://user:token@host/…` → `https://***@host/…`. Git quotes remote URLs in its messages, and
 * a remote's URL may carry a token: every text that leaves translator from git (errors, log lines)
 * passes here. The user part ends at the first `@` before any `/` or white space.
 */
export function redactUrls(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1***@');
}
