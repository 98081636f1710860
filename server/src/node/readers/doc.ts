/**
 * .doc reports (Word 97-2003): word-extractor reads the text of the binary format. Table cells
 * come out TAB-separated, one row per line, as far as the format allows (merged cells are not
 * marked in its text stream); a file that needs a password is named.
 */
import { DraftBuilder } from './draft';
import { lib } from './lazy';
import { ReaderError } from './reader-error';

export async function readDoc(bytes: Buffer) {
  if (bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'))) throw new ReaderError('需要密码才能打开（已加密） (needs a password to open)');
  const WordExtractor = await lib('word-extractor');
  let body: string;
  try {
    body = (await new WordExtractor().extract(bytes)).getBody({ filterUnicode: false });
  } catch (e) {
    throw new ReaderError(`无法读取 .doc 文件：${(e as Error).message} (cannot read the .doc file)`);
  }
  const b = new DraftBuilder();
  let rows: string[][] = [];
  const flush = () => {
    b.table(rows.map((r) => r.map((t) => ({ chars: [...t].map((ch) => ({ ch, start: -1, end: -1 })), origin: { where: { kind: 'doc' as const } } }))));
    rows = [];
  };
  for (const line of body.split(/\r\n|\r|\n/)) {
    if (line.includes('\t')) rows.push(line.split('\t'));
    else {
      if (rows.length) flush();
      b.line(line);
    }
  }
  if (rows.length) flush();
  return b.build();
}
