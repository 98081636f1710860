/**
 * Reading and writing drafts in the encodings office machines produce: UTF-8 (with or without
 * BOM), UTF-16 LE/BE with BOM, and GBK/GB18030. Decoding never mangles: a file that is neither
 * gets a clear error instead of a guess, and writing back uses the same encoding and BOM.
 */
import iconv from 'iconv-lite';

export type Encoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be' | 'gb18030';

export type Decoded = { ok: true; text: string; encoding: Encoding } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** C0 control characters other than TAB, LF, FF, CR: a sign of binary data. */
function controlRatio(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0xfffd) n++;
  }
  return text.length ? n / text.length : 0;
}

/** Where a UTF-8 decode fails, and how much valid multi-byte UTF-8 came before it. */
function utf8Failure(buf: Uint8Array): { at: number; multibyte: number } {
  let multibyte = 0;
  for (let i = 0; i < buf.length; ) {
    const b = buf[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > buf.length) return { at: i, multibyte };
    for (let k = 1; k < len; k++) if ((buf[i + k] & 0xc0) !== 0x80) return { at: i, multibyte };
    if (len > 1) multibyte++;
    i += len;
  }
  return { at: -1, multibyte };
}

export function decode(buf: Uint8Array): Decoded {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    try {
      return { ok: true, text: utf8.decode(buf.subarray(3)), encoding: 'utf8bom' };
    } catch {
      return { ok: false, reason: `UTF-8 编码无效（第 ${utf8Failure(buf.subarray(3)).at + 3} 字节） (invalid UTF-8)` };
    }
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { ok: true, text: iconv.decode(Buffer.from(buf.subarray(2)), 'utf16le', { stripBOM: false }), encoding: 'utf16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { ok: true, text: iconv.decode(Buffer.from(buf.subarray(2)), 'utf16be', { stripBOM: false }), encoding: 'utf16be' };
  if (buf.includes(0)) return { ok: false, reason: '不是文本文件（含有 NUL 字节） (not a text file)' };
  try {
    const text = utf8.decode(buf);
    if (controlRatio(text) > 0.01) return { ok: false, reason: '不是文本文件（含有控制字符） (not a text file)' };
    return { ok: true, text, encoding: 'utf8' };
  } catch {
    const fail = utf8Failure(buf);
    // mostly UTF-8 with a broken byte: say so rather than read it as GBK
    if (fail.multibyte >= 4) return { ok: false, reason: `UTF-8 编码无效（第 ${fail.at} 字节） (invalid UTF-8 at byte ${fail.at})` };
    const text = iconv.decode(Buffer.from(buf), 'gb18030');
    if (controlRatio(text) > 0.001) return { ok: false, reason: '无法识别文本编码（不是 UTF-8、UTF-16 或 GB18030） (unknown encoding)' };
    return { ok: true, text, encoding: 'gb18030' };
  }
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
