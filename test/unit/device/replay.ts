// Plays a device transcript back to the driver. A transcript (test/fixtures/transcripts/*.txt) is
// what a terminal showed: a prompt followed by the line typed, then the device's answer, up to the
// next prompt. Our own annotations: `# …` comments (the source), `#! in-use=POLICY` (how questions
// are answered), and `=> STATUS [in-use]` after an exchange (what the driver must make of it).
import { FakeShell } from './fake-shell.js';

export interface Exchange {
  /** The prompt shown before the line, e.g. `CSR1(config-subif)#`. */
  prompt: string;
  host: string;
  config: boolean;
  /** The line typed, exactly as shown after the prompt. */
  sent: string;
  /** The device's answer, line by line (a question line includes the answer typed after it). */
  output: string[];
  expect: string;
  /** `=> error in-use`: the failure must be recognised as the NAT mapping being in use. */
  inUse: boolean;
}

export interface Transcript {
  name: string;
  policy: string;
  exchanges: Exchange[];
  /** The prompt after the last exchange. */
  finalPrompt: string;
}

const PROMPT = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\(config[^)\s]*\))?([#>])(.*)$/;
const QUESTION = /^(.*?(?:\[no\]:|\[yes\/no\]:?|\[confirm\]))\s?(.*)$/;

export function parseTranscript(name: string, text: string): Transcript {
  const exchanges: Exchange[] = [];
  let policy = 'fail';
  let finalPrompt = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('#!')) {
      const m = /in-use=(\w+)/.exec(line);
      if (m) policy = m[1]!;
      continue;
    }
    if (line.startsWith('#') || line === '') continue;
    const current = exchanges[exchanges.length - 1];
    if (line.startsWith('=> ')) {
      if (!current) throw new Error(`${name}: "=>" before any exchange`);
      const [status, flag] = line.slice(3).trim().split(/\s+/);
      current.expect = status!;
      current.inUse = flag === 'in-use';
      continue;
    }
    const prompt = PROMPT.exec(line);
    if (prompt && !(current && current.expect === '')) {
      const [, host, mode, sign, sent] = prompt;
      const shown = `${host}${mode ?? ''}${sign}`;
      if (sent === '') {
        finalPrompt = shown;
        continue;
      }
      exchanges.push({ prompt: shown, host: host!, config: mode !== undefined, sent: sent!, output: [], expect: '', inUse: false });
      continue;
    }
    if (!current) throw new Error(`${name}: output before any exchange: ${line}`);
    current.output.push(line);
  }
  for (const exchange of exchanges) if (!exchange.expect) throw new Error(`${name}: no "=>" for ${exchange.sent}`);
  if (!finalPrompt) throw new Error(`${name}: no final prompt`);
  return { name, policy, exchanges, finalPrompt };
}

/**
 * A Shell that answers as the transcript says: each line written must be the next line typed in
 * the transcript (or the answer typed to its question); anything else is recorded in `problems`
 * and left unanswered, so the driver times out and the test reports the problem.
 */
export class ReplayShell extends FakeShell {
  readonly problems: string[] = [];
  #input = '';
  #next = 0;
  #pending: { exchange: Exchange; answer: string; rest: string[] } | undefined;

  constructor(private readonly transcript: Transcript) {
    super();
  }

  get finished(): boolean {
    return this.#next === this.transcript.exchanges.length && !this.#pending;
  }

  write(text: string): void {
    this.#input += text;
    let newline: number;
    while ((newline = this.#input.indexOf('\n')) >= 0) {
      const line = this.#input.slice(0, newline);
      this.#input = this.#input.slice(newline + 1);
      this.#typed(line);
    }
  }

  protected override timeoutMessage(timeoutMs: number): string {
    return `replay: no answer within ${timeoutMs} ms; problems: ${this.problems.join('; ') || 'none'}`;
  }

  #typed(line: string): void {
    if (this.#pending) {
      const { exchange, answer, rest } = this.#pending;
      this.#pending = undefined;
      if (line.trim() !== answer) this.problems.push(`${exchange.sent}: answered ${JSON.stringify(line)}, the transcript answered ${JSON.stringify(answer)}`);
      this.emit(`${line}\n${rest.map((l) => `${l}\n`).join('')}${this.#promptAfter(exchange)}`);
      return;
    }
    const exchange = this.transcript.exchanges[this.#next];
    if (!exchange) {
      this.problems.push(`typed ${JSON.stringify(line)} after the end of the transcript`);
      return;
    }
    if (line !== exchange.sent) {
      this.problems.push(`typed ${JSON.stringify(line)}, the transcript typed ${JSON.stringify(exchange.sent)}`);
      return;
    }
    this.#next += 1;
    const asked = exchange.output.findIndex((l) => QUESTION.test(l));
    if (asked < 0) {
      this.emit(`${line}\n${exchange.output.map((l) => `${l}\n`).join('')}${this.#promptAfter(exchange)}`);
      return;
    }
    const [, question, answer] = QUESTION.exec(exchange.output[asked]!)!;
    this.#pending = { exchange, answer: answer!.trim(), rest: exchange.output.slice(asked + 1) };
    this.emit(`${line}\n${exchange.output.slice(0, asked).map((l) => `${l}\n`).join('')}${question} `);
  }

  #promptAfter(exchange: Exchange): string {
    const index = this.transcript.exchanges.indexOf(exchange);
    return this.transcript.exchanges[index + 1]?.prompt ?? this.transcript.finalPrompt;
  }
}
