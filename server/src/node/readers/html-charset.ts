/**
 * The text of a saved web page: by its BOM, else its `<meta charset>` (GBK/GB2312 pages too), else
 * as a text draft is decoded. Only the CLI reads pages from disk (the editor sends their text), so
 * the language server does not bundle iconv-lite's tables for this.
 */
import iconv from 'iconv-lite';
import { decode, type Decoded } from '../encoding';

const GBK = /^(?:gb2312|gbk|gb18030|x-gbk|cp936|windows-936|euc-cn|csgb2312|iso-ir-58)$/i;

export function decodeHtml(bytes: Buffer): Decoded {
  const head = bytes.subarray(0, 4096).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)/i.exec(head);
  const bom = bytes[0] === 0xef || bytes[0] === 0xff || bytes[0] === 0xfe;
  if (m && GBK.test(m[1]) && !bom) {
    const text = iconv.decode(bytes, 'gb18030');
    return text.includes('\ufffd') ? { ok: false, reason: `不是有效的 ${m[1]} 编码 (invalid ${m[1]})` } : { ok: true, text, encoding: 'gb18030' };
  }
  if (m && !bom && !/^utf-?8$/i.test(m[1]) && !GBK.test(m[1])) return { ok: false, reason: `不支持的网页编码 ${m[1]}（请另存为 UTF-8） (unsupported charset)` };
  return decode(bytes);
}

