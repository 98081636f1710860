/**
 * The server's reader of LSP messages on a stream (--stdio): `Content-Length: N\r\n\r\n` and N bytes
 * of JSON. Stricter than vscode-jsonrpc's, which is silently wedged by a bad frame (a header without
 * a colon, LF-only line ends, a wrong Content-Length: it waits for ever, or reads the next message
 * as the rest of this one): every frame that is not well formed is an error, and so is a message
 * that stays incomplete for PARTIAL_MS. The server logs the error and exits (the editor restarts it).
 */
import { AbstractMessageReader, type DataCallback, type Disposable, type Message, type MessageReader } from 'vscode-languageserver/node';

/** A header block longer than this is not a header (a real one is under 100 bytes). */
export const MAX_HEADER_BYTES = 4096;
/** The largest message read: a 50 MB draft is about 60 MB of JSON; V8 strings end near 512 MB. */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
/** A message begun and not finished within this time is an error (nothing else would ever end the wait). */
export const PARTIAL_MS = 10_000;

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * The first byte that cannot be part of a header (a bare LF or CR, a control or non-ASCII byte), or
 * -1. A CR at the very end of a header still arriving waits for its LF.
 */
function badHeaderByte(block: Buffer, complete: boolean): number {
  for (let i = 0; i < block.length; i++) {
    const b = block[i];
    if ((b >= 0x20 && b <= 0x7e) || b === 0x09) continue;
    if (b === 0x0d && (block[i + 1] === 0x0a || (!complete && i === block.length - 1))) continue;
    if (b === 0x0a && block[i - 1] === 0x0d) continue;
    return i;
  }
  return -1;
}

export class StrictMessageReader extends AbstractMessageReader implements MessageReader {
  private header = Buffer.alloc(0);
  private body: Buffer[] = [];
  private bodyBytes = 0;
  /** The Content-Length of the message being read, or -1 while reading a header. */
  private length = -1;
  private timer: NodeJS.Timeout | undefined;
  private failed = false;

  constructor(
    private readonly readable: NodeJS.ReadableStream,
    private readonly partialMs = PARTIAL_MS,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer) => this.onData(chunk, callback);
    const onEnd = () => {
      if (!this.failed && (this.length >= 0 || this.header.length > 0)) this.fail('the input ended inside a message');
      this.fireClose();
    };
    const onError = (e: Error) => this.fireError(e);
    this.readable.on('data', onData);
    this.readable.on('end', onEnd);
    this.readable.on('close', onEnd);
    this.readable.on('error', onError);
    return {
      dispose: () => {
        clearTimeout(this.timer);
        this.readable.off('data', onData);
        this.readable.off('end', onEnd);
        this.readable.off('close', onEnd);
        this.readable.off('error', onError);
      },
    };
  }

  private fail(why: string): void {
    if (this.failed) return;
    this.failed = true;
    clearTimeout(this.timer);
    this.fireError(new Error(`bad message frame: ${why}`));
  }

  private onData(chunk: Buffer, callback: DataCallback): void {
    let data = chunk;
    while (!this.failed && data.length > 0) {
      if (this.length < 0) {
        const joined = this.header.length ? Buffer.concat([this.header, data]) : data;
        const end = joined.indexOf(HEADER_END);
        const block = end < 0 ? joined : joined.subarray(0, end);
        const bad = badHeaderByte(block, end >= 0);
        if (bad >= 0) {
          this.fail(`byte 0x${block[bad].toString(16).padStart(2, '0')} in a header`);
          return;
        }
        if (end < 0) {
          if (joined.length > MAX_HEADER_BYTES) {
            this.fail(`no end of header within ${MAX_HEADER_BYTES} bytes`);
            return;
          }
          this.header = Buffer.from(joined);
          break;
        }
        const length = this.parseHeader(block.toString('ascii'));
        if (length < 0) return;
        this.header = Buffer.alloc(0);
        this.length = length;
        data = joined.subarray(end + HEADER_END.length);
        continue;
      }
      const take = Math.min(this.length - this.bodyBytes, data.length);
      this.body.push(data.subarray(0, take));
      this.bodyBytes += take;
      data = data.subarray(take);
      if (this.bodyBytes < this.length) break;
      const body = Buffer.concat(this.body);
      this.body = [];
      this.bodyBytes = 0;
      this.length = -1;
      let message: unknown;
      try {
        message = JSON.parse(body.toString('utf8'));
      } catch (e) {
        this.fail(`the message is not JSON (${(e as Error).message})`);
        return;
      }
      if (!message || typeof message !== 'object' || Array.isArray(message)) {
        this.fail('the message is not a JSON object');
        return;
      }
      callback(message as Message);
    }
    clearTimeout(this.timer);
    if (!this.failed && (this.length >= 0 || this.header.length > 0)) {
      this.timer = setTimeout(() => this.fail(`a message stayed incomplete for ${this.partialMs / 1000} s`), this.partialMs);
    }
  }

  /** The Content-Length of a header block, or -1 (after failing) when the block is not a valid header. */
  private parseHeader(block: string): number {
    let length = -1;
    for (const line of block.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) return (this.fail(`a header line without a name and a colon: ${JSON.stringify(line.slice(0, 80))}`), -1);
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') {
        if (!/^\d{1,12}$/.test(value)) return (this.fail(`Content-Length is not a number: ${JSON.stringify(value.slice(0, 80))}`), -1);
        length = Number(value);
        if (length > MAX_MESSAGE_BYTES) return (this.fail(`Content-Length ${length} is over the limit of ${MAX_MESSAGE_BYTES} bytes`), -1);
      } else if (name === 'content-type') {
        const charset = /charset=([^;\s]+)/i.exec(value)?.[1]?.toLowerCase();
        if (charset && charset !== 'utf-8' && charset !== 'utf8') return (this.fail(`unsupported charset ${charset}`), -1);
      }
    }
    if (length < 0) return (this.fail('a header without Content-Length'), -1);
    return length;
  }
}
