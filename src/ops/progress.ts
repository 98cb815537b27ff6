/**
 * Progress of a long operation (deploy --all, a large push) for a person at a terminal: one line,
 * rewritten in place. In CI logs or when output is not a terminal it prints nothing, since a
 * log is read afterwards and each step already logs its outcome.
 */

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  label: string;
  total: number;
  /** Default stderr, so stdout stays clean for results. */
  stream?: ProgressStream;
  env?: NodeJS.ProcessEnv;
}

export interface Progress {
  /** One step done; `detail` names it (e.g. the router). */
  tick(detail?: string): void;
  /** Clears the line; the caller prints the result. */
  done(): void;
  readonly enabled: boolean;
}

/** Shown only to a terminal outside CI. */
function progressEnabled(stream: ProgressStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env.CI;
}

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const enabled = progressEnabled(stream, options.env);
  let done = 0;
  let shown = false;
  const draw = (detail?: string) => {
    const percent = options.total > 0 ? Math.floor((done / options.total) * 100) : 100;
    const line = `${options.label} ${done}/${options.total} (${percent}%)${detail ? ` ${detail}` : ''}`;
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    stream.write(`\r\x1b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    shown = true;
  };
  if (enabled) draw();
  return {
    enabled,
    tick(detail) {
      done = Math.min(options.total, done + 1);
      if (enabled) draw(detail);
    },
    done() {
      if (enabled && shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
