/**
 * Reading and writing drafts in the encodings office machines produce: UTF-8 (with or without
 * BOM), UTF-16 LE/BE with BOM, and GBK/GB18030. Decoding never mangles: a file that is neither
 * gets a clear error instead of a guess, and writing back uses the same encoding and BOM.
 * Without a BOM, UTF-8 and GB18030 are each tried; the one that decodes without error is taken,
 * and when both do (or neither), the one whose text reads more like Chinese prose (plausibility).
 */
import iconv from 'iconv-lite';

export type Encoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be' | 'gb18030';

export type Decoded = { ok: true; text: string; encoding: Encoding } | { ok: false; reason: string };

const NOT_TEXT_NUL = '不是文本文件（含有 NUL 字节） (not a text file)';
const NOT_TEXT_CONTROLS = '不是文本文件（含有控制字符） (not a text file)';
const UTF32 = '不支持 UTF-32 编码，请另存为 UTF-8 (UTF-32 is not supported; save the file as UTF-8)';

/** C0 control characters other than TAB, LF, FF, CR (and U+FFFD): a sign of binary data. */
function controlRatio(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0xfffd) n++;
  }
  return text.length ? n / text.length : 0;
}

/** Decodes UTF-8 with TextDecoder's fatal mode: the text, or the byte offset of the first invalid sequence. */
export function decodeUtf8(buf: Uint8Array): { text: string } | { invalidAt: number } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf) };
  } catch {
    // the longest prefix that decodes (an incomplete sequence at its end waits for more bytes)
    const decodes = (n: number) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, n), { stream: true });
        return true;
      } catch {
        return false;
      }
    };
    let lo = 0;
    let hi = buf.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (decodes(mid)) lo = mid;
      else hi = mid - 1;
    }
    // byte `lo` breaks the sequence that began at the last lead byte before it (or is itself invalid);
    // lo === length: the text ends inside a sequence
    return { invalidAt: incompleteStart(buf, lo) };
  }
}

/** Where the multi-byte sequence that is still open before offset `at` began (at itself when none is). */
function incompleteStart(buf: Uint8Array, at: number): number {
  for (let i = at - 1; i >= Math.max(0, at - 3); i--) {
    const b = buf[i];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte
    const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i + len > at ? i : at;
  }
  return at;
}

/**
 * How much a text reads like a Chinese report: the share of its non-ASCII characters that are CJK
 * ideographs or CJK / full-width punctuation (GBK read as UTF-8 gives Cyrillic and Greek; UTF-8 read
 * as GB18030 gives rare ideographs mixed with symbols and replacement characters).
 */
function plausibility(text: string): number {
  let cjk = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || c === 0x2014 || c === 0x2026 || (c >= 0x201c && c <= 0x201d) || c === 0xa0) cjk++;
    else other++;
  }
  return cjk + other === 0 ? 1 : cjk / (cjk + other);
}

function fromUtf16(buf: Uint8Array, encoding: 'utf16le' | 'utf16be'): Decoded {
  const text = iconv.decode(Buffer.from(buf.subarray(2)), encoding, { stripBOM: false });
  // binary after a UTF-16 mark: NULs and control characters (a real UTF-16 text has none)
  if (text.includes('\u0000')) return { ok: false, reason: NOT_TEXT_NUL };
  if (controlRatio(text) > 0.01) return { ok: false, reason: NOT_TEXT_CONTROLS };
  return { ok: true, text, encoding };
}

const invalidUtf8 = (at: number) => `UTF-8 编码无效（第 ${at} 字节） (invalid UTF-8 at byte ${at})`;

export function decode(buf: Uint8Array): Decoded {
  const starts = (...bytes: number[]) => buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
  if (starts(0xff, 0xfe, 0, 0) || starts(0, 0, 0xfe, 0xff)) return { ok: false, reason: UTF32 };
  if (starts(0xef, 0xbb, 0xbf)) {
    const u = decodeUtf8(buf.subarray(3));
    return 'text' in u ? { ok: true, text: u.text, encoding: 'utf8bom' } : { ok: false, reason: invalidUtf8(u.invalidAt + 3) };
  }
  if (starts(0xff, 0xfe)) return fromUtf16(buf, 'utf16le');
  if (starts(0xfe, 0xff)) return fromUtf16(buf, 'utf16be');
  if (buf.includes(0)) return { ok: false, reason: NOT_TEXT_NUL };
  const u = decodeUtf8(buf);
  const gb = () => iconv.decode(Buffer.from(buf), 'gb18030');
  let text: string;
  let encoding: Encoding;
  if ('text' in u) {
    // both decode: GB18030 only when it reads clearly more like Chinese (GBK that happens to be valid UTF-8)
    const score = plausibility(u.text);
    const other = score < 0.5 ? gb() : '\ufffd';
    const useGb = !other.includes('\ufffd') && plausibility(other) > score + 0.5;
    [text, encoding] = useGb ? [other, 'gb18030'] : [u.text, 'utf8'];
  } else {
    // UTF-8 fails: GB18030 if it decodes and reads more like Chinese; else a UTF-8 text with broken
    // bytes is said to be one (with the offset), never read as GB18030
    const lossy = plausibility(new TextDecoder('utf-8').decode(buf));
    const other = gb();
    if (other.includes('\ufffd') || plausibility(other) <= lossy) {
      if (lossy >= 0.5) return { ok: false, reason: invalidUtf8(u.invalidAt) };
      return { ok: false, reason: '无法识别文本编码（不是 UTF-8、UTF-16 或 GB18030） (unknown encoding)' };
    }
    [text, encoding] = [other, 'gb18030'];
  }
  if (controlRatio(text) > (encoding === 'utf8' ? 0.01 : 0.001)) return { ok: false, reason: NOT_TEXT_CONTROLS };
  return { ok: true, text, encoding };
}

export function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16be')]);
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
  }
}
