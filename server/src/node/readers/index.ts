/**
 * Published files in: picks the reader by the file's sniffed bytes (then its extension) and turns
 * the file into a draft text the core analyses unchanged, with a source map back to the file.
 * Writing fixes back (`writeFixed`) exists for HTML and Word only.
 */
import type JSZip from 'jszip';
import { LineIndex } from '../../core/text';
import type { Decoded, Encoding } from '../encoding';
import { openDocx, readDocumentXml } from './docx';
import { ReaderError } from './reader-error';
import { mayBeHtmlReport, readHtml } from './html';
import type { SourceMap, Where } from './sourcemap';

export type PublishedKind = 'html' | 'docx' | 'xlsx' | 'pdf' | 'doc';

/** Extensions checked when a folder is walked (besides the text drafts). */
export const PUBLISHED_EXT = /\.(html?|docx|xlsx|pdf|doc)$/i;
/** WPS's own formats and OFD: named, not read. */
export const UNSUPPORTED_EXT = /\.(wps|et|dps|ofd)$/i;
export const UNSUPPORTED = '不支持此格式，请另存为 .docx / .xlsx / .pdf (format not supported: save it as .docx, .xlsx or .pdf)';

export interface Published {
  kind: PublishedKind;
  /** The draft text: paragraphs as lines, table rows as TAB rows. */
  text: string;
  map: SourceMap;
  /** The draft with its tables as Markdown tables. */
  markdown: string;
  /** HTML: the page's text and encoding; Word: word/document.xml. */
  source?: string;
  encoding?: Encoding;
  zip?: JSZip;
  /** The source's line index (HTML), made on first use. */
  sourceIndex?: LineIndex;
}

export type ReadResult = { ok: true; file: Published } | { ok: false; reason: string } | { ok: 'not-report' };

const startsWith = (b: Buffer, sig: number[]) => sig.every((x, i) => b[i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The reader for a file: by its first bytes (a .doc that is really a .docx is read as one), else its extension. */
export function kindOf(file: string, bytes: Buffer): PublishedKind | null {
  const ext = /\.([a-z]+)$/i.exec(file)?.[1].toLowerCase();
  if (bytes.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, ZIP)) return ext === 'xlsx' ? 'xlsx' : ext === 'docx' || ext === 'doc' ? 'docx' : ext === 'html' || ext === 'htm' ? 'html' : null;
  if (startsWith(bytes, OLE)) return ext === 'doc' || ext === 'docx' ? 'doc' : null;
  if (ext === 'html' || ext === 'htm') return 'html';
  if (ext === 'docx' || ext === 'xlsx' || ext === 'doc' || ext === 'pdf') return ext;
  return null;
}

/** Why a file named .docx/.xlsx/.pdf/.doc is not one, from its first bytes. */
function notWhatItSays(kind: PublishedKind, bytes: Buffer): string | null {
  if (kind === 'pdf' && !bytes.subarray(0, 1024).includes('%PDF-')) return '不是 PDF 文件 (not a PDF file)';
  if ((kind === 'docx' || kind === 'xlsx') && !startsWith(bytes, ZIP)) {
    if (startsWith(bytes, OLE) && bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'))) return '需要密码才能打开（已加密） (needs a password to open)';
    return `不是 ${kind === 'docx' ? 'Word (.docx)' : 'Excel (.xlsx)'} 文件（不是 zip 包） (not a ${kind} file: not a zip package)`;
  }
  if (kind === 'doc' && !startsWith(bytes, OLE)) return '不是 Word 97-2003 (.doc) 文件 (not a .doc file)';
  return null;
}

/**
 * Reads a published file's bytes into a draft; a file that says nothing of 政府信息 is not a report.
 * Web pages are decoded by `decodePage` (the CLI's; the server is sent pages as text and reads none).
 */
export async function readPublished(file: string, bytes: Buffer, decodePage?: (bytes: Buffer) => Decoded): Promise<ReadResult> {
  const kind = kindOf(file, bytes);
  if (!kind) return { ok: false, reason: UNSUPPORTED };
  const wrong = notWhatItSays(kind, bytes);
  if (wrong) return { ok: false, reason: wrong };
  try {
    if (kind === 'html') {
      if (!decodePage) return { ok: false, reason: '网页请直接在编辑器中打开 (open web pages in the editor)' };
      const d = decodePage(bytes);
      if (!d.ok) return { ok: false, reason: d.reason };
      if (!mayBeHtmlReport(d.text)) return { ok: 'not-report' };
      return { ok: true, file: { kind, ...readHtml(d.text), source: d.text, encoding: d.encoding } };
    }
    if (kind === 'docx') {
      const { zip, xml } = await openDocx(bytes);
      return { ok: true, file: { kind, ...readDocumentXml(xml), source: xml, zip } };
    }
    if (kind === 'xlsx') return { ok: true, file: { kind, ...(await (await import('./xlsx')).readXlsx(bytes)) } };
    if (kind === 'pdf') return { ok: true, file: { kind, ...(await (await import('./pdf')).readPdf(bytes)) } };
    return { ok: true, file: { kind, ...(await (await import('./doc')).readDoc(bytes)) } };
  } catch (e) {
    if (e instanceof ReaderError) return { ok: false, reason: (e as Error).message };
    return { ok: false, reason: `无法读取：${(e as Error).message} (cannot be read)` };
  }
}

/** A finding about an empty cell starts on the TAB before it: the cell itself is after it. */
export const cellOffset = (p: Published, offset: number) => (p.text[offset] === '\t' ? offset + 1 : offset);

/** Where a draft offset is in the published file, for people. */
export function locate(p: Published, offset: number): Where | undefined {
  offset = cellOffset(p, offset);
  if (p.kind === 'html') {
    const at = p.map.toSource(offset);
    if (at === undefined || p.source === undefined) return undefined;
    p.sourceIndex ??= new LineIndex(p.source);
    const pos = p.sourceIndex.position(at);
    return { kind: 'html', line: pos.line + 1, column: pos.character + 1 };
  }
  return p.map.whereAt(offset);
}

/** `表3 行5 列2`, `第 4 页`, `Sheet1!C7`: a location as the text output prints it after the file name. */
export function describeWhere(w: Where): string {
  switch (w.kind) {
    case 'html':
      return `${w.line}:${w.column}`;
    case 'docx':
      return 'table' in w ? `表${w.table} 行${w.row} 列${w.cell} (table ${w.table} row ${w.row} cell ${w.cell})` : `段${w.paragraph} (paragraph ${w.paragraph})`;
    case 'xlsx':
      return `${w.sheet}!${w.cell}`;
    case 'pdf':
      return `第 ${w.page} 页 (page ${w.page})`;
    case 'doc':
      return '';
  }
}

export const NO_FIX = {
  pdf: '不修改 PDF 文件：请在原稿中改正（nianbao convert 可生成文本草稿） (PDF files are not fixed: fix the original)',
  xlsx: '不修改 Excel 文件：请在原表中改正 (Excel files are not fixed: fix the workbook)',
  doc: '不修改 .doc 文件：请另存为 .docx 后再修正 (.doc files are not fixed: save as .docx first)',
};

