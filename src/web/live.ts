/**
 * Server-sent events: every open page hears when the snapshot changed (a commit, a deploy, a drift
 * check) and fetches itself again. One short JSON per event, a comment line now and then so
 * proxies keep the connection, and a bound on how many pages may listen at once.
 */
import type { ServerResponse } from 'node:http';

const MAX_LISTENERS = 200;
const HEARTBEAT_MS = 20_000;

export class LiveUpdates {
  private readonly listeners = new Set<ServerResponse>();
  private heartbeat: NodeJS.Timeout | null = null;

  get count(): number {
    return this.listeners.size;
  }

  /** Takes over the response as an event stream; false (nothing written) when too many listen already. */
  add(res: ServerResponse, version: string, headers: Record<string, string>): boolean {
    if (this.listeners.size >= MAX_LISTENERS) return false;
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(`retry: 3000\n\n${frame(version)}`);
    this.listeners.add(res);
    res.on('close', () => this.listeners.delete(res));
    this.heartbeat ??= setInterval(() => {
      for (const l of this.listeners) l.write(': keep-alive\n\n');
    }, HEARTBEAT_MS).unref();
    return true;
  }

  publish(version: string): void {
    for (const l of this.listeners) l.write(frame(version));
  }

  /** Ends every stream (the server is closing: open streams would keep it from closing). */
  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    for (const l of this.listeners) l.end();
    this.listeners.clear();
  }
}

function frame(version: string): string {
  return `event: update\ndata: ${JSON.stringify({ version })}\n\n`;
}
