/** The built server on raw stdio, for tests and fuzzing of its framing (test/lsp/frames.test.ts, test/fuzz/frames.ts). */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { SERVER } from './client';

export function frame(message: object): Buffer {
  const body = Buffer.from(JSON.stringify(message));
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
}

export const INITIALIZE = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } };

/** The built server on raw stdio: the bytes it writes, its stderr, and how it ended. */
export class RawServer {
  readonly proc: ChildProcessWithoutNullStreams;
  stdout = Buffer.alloc(0);
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor() {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    this.proc.stdout.on('data', (d: Buffer) => (this.stdout = Buffer.concat([this.stdout, d])));
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.proc.stdin.on('error', () => undefined); // writing to a server that exited
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
  }

  send(bytes: Buffer | string): void {
    this.proc.stdin.write(bytes);
  }

  /** The JSON messages written so far. */
  messages(): { id?: number; result?: unknown; error?: { code: number; message: string } }[] {
    const out = [];
    let rest = this.stdout;
    for (;;) {
      const end = rest.indexOf('\r\n\r\n');
      if (end < 0) break;
      const length = Number(/Content-Length: (\d+)/i.exec(rest.subarray(0, end).toString())?.[1]);
      if (rest.length < end + 4 + length) break;
      out.push(JSON.parse(rest.subarray(end + 4, end + 4 + length).toString()));
      rest = rest.subarray(end + 4 + length);
    }
    return out;
  }

  /** Waits up to `ms` for a response with this id. */
  async response(id: number, ms = 10_000) {
    for (const t0 = Date.now(); Date.now() - t0 < ms; await new Promise((r) => setTimeout(r, 20))) {
      const m = this.messages().find((x) => x.id === id && ('result' in x || 'error' in x));
      if (m) return m;
      if (this.proc.exitCode !== null) return undefined;
    }
    return undefined;
  }

  /** The exit code, or 'alive' when the server has not exited within `ms`; killed then. */
  async exitWithin(ms: number): Promise<number | null | 'alive'> {
    const timer = new Promise<'alive'>((resolve) => setTimeout(() => resolve('alive'), ms));
    const r = await Promise.race([this.exited, timer]);
    if (r === 'alive') {
      this.proc.kill('SIGKILL');
      await this.exited;
    }
    return r;
  }
}

