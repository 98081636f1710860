/** What the CLI checks: a text draft as it is, or a published file read into a draft (readers/index.ts). */
import { decode, type Encoding } from '../encoding';
import { readDraft, type Read } from '../files';
import { decodeHtml } from './html-charset';
import { kindOf, PUBLISHED_EXT, readPublished, UNSUPPORTED, UNSUPPORTED_EXT, type Published, type PublishedKind } from './index';

/** A file to check: a text draft as it is, or a published file read into a draft. */
export type Input =
  | { kind: 'text'; text: string; encoding: Encoding; bytes: Buffer; read: Read }
  | { kind: PublishedKind; text: string; published: Published; bytes: Buffer; read: Read }
  | { kind: 'not-report'; bytes: Buffer }
  | { kind: 'error'; reason: string };

/** Whether a path names a published file (by extension) rather than a text draft. */
export const isPublishedName = (file: string) => PUBLISHED_EXT.test(file) || UNSUPPORTED_EXT.test(file);

/** Reads any input: text drafts by their encoding, published files by their reader. */
export async function readInput(path: string | Buffer, file = String(path)): Promise<Input> {
  const read = readDraft(path);
  if ('error' in read) return { kind: 'error', reason: read.error };
  const bytes = read.bytes;
  const sniffed = kindOf(file, bytes);
  if (UNSUPPORTED_EXT.test(file) && !sniffed) return { kind: 'error', reason: UNSUPPORTED };
  if (!isPublishedName(file) && (sniffed === null || sniffed === 'html')) {
    const decoded = decode(bytes);
    if (!decoded.ok) return { kind: 'error', reason: decoded.reason };
    return { kind: 'text', text: decoded.text, encoding: decoded.encoding, bytes, read };
  }
  const r = await readPublished(file, bytes, decodeHtml);
  if (r.ok === 'not-report') return { kind: 'not-report', bytes };
  if (!r.ok) return { kind: 'error', reason: r.reason };
  return { kind: r.file.kind, text: r.file.text, published: r.file, bytes, read };
}
