/**
 * Published files in: picks the reader by the file's sniffed bytes (then its extension) and turns
 * the file into a draft text the core analyses unchanged, with a source map back to the file.
 * Writing fixes back (`writeFixed`) exists for HTML and Word only.
 */
import type JSZip from 'jszip';
import { fixEdits, analyze, type AnalyzeOptions, type Analysis } from '../../core/check';
import { selectEdits } from '../../core/edits';
import type { FixKind } from '../../core/finding';
import { LineIndex } from '../../core/text';
import { decode, encode, type Encoding } from '../encoding';
import { readDraft } from '../files';
import { DOCUMENT_PART, openDocx, readDocumentXml } from './docx';
import { ReaderError } from './reader-error';
import { decodeHtml, mayBeHtmlReport, readHtml } from './html';
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

/** Reads a published file's bytes into a draft; a file that says nothing of 政府信息 is not a report. */
export async function readPublished(file: string, bytes: Buffer): Promise<ReadResult> {
  const kind = kindOf(file, bytes);
  if (!kind) return { ok: false, reason: UNSUPPORTED };
  const wrong = notWhatItSays(kind, bytes);
  if (wrong) return { ok: false, reason: wrong };
  try {
    if (kind === 'html') {
      const d = decodeHtml(bytes);
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

export type FixOutcome = { ok: true; data: Buffer | null; applied: number; analysis: Analysis } | { ok: false; reason: string; analysis: Analysis };

/**
 * Applies the fixes of the given kinds to an HTML page or a Word document, pass after pass until
 * stable: each edit of the draft is mapped to the source (only a cell's digits, or an insertion
 * into an empty cell), applied there, and the source read again. Returns the new file's bytes
 * (null when nothing changed), or why the fix cannot be written.
 */
export async function fixPublished(p: Published, original: Buffer, kinds: FixKind[], options: AnalyzeOptions): Promise<FixOutcome> {
  const first = analyze(p.text, options);
  let analysis = first;
  if (p.kind !== 'html' && p.kind !== 'docx') return { ok: false, reason: NO_FIX[p.kind], analysis };
  let source = p.source!;
  let current = p;
  let applied = 0;
  for (let pass = 0; pass < 10; pass++) {
    const edits = selectEdits(current.text, fixEdits(analysis.findings, kinds));
    if (edits.length === 0) break;
    const mapped = edits.map((e) => ({ e, to: current.map.toSourceEdits(e.start, e.end) }));
    if (mapped.some((m) => !m.to)) return { ok: false, reason: '此处的修正无法只写入单元格的文字，未修改 (the fix cannot be written into the cell text alone; not written)', analysis: first };
    // the new digits go where the first digit was; the rest of a number split over runs is emptied
    const pieces = mapped.flatMap(({ e, to }) => to!.map((t, i) => ({ ...t, text: i > 0 ? '' : t.insert === 'run' ? `<w:r><w:t>${e.newText}</w:t></w:r>` : e.newText })));
    let out = '';
    let pos = 0;
    for (const piece of pieces.sort((a, b) => a.start - b.start)) {
      out += source.slice(pos, piece.start) + piece.text;
      pos = piece.end;
    }
    source = out + source.slice(pos);
    applied += edits.length;
    current = { ...p, ...(p.kind === 'html' ? readHtml(source) : readDocumentXml(source)), source };
    analysis = analyze(current.text, options);
  }
  if (applied === 0) return { ok: true, data: null, applied, analysis };
  if (p.kind === 'html') {
    if (!encode(p.source!, p.encoding!).equals(original)) return { ok: false, reason: '无法按原编码无损写回，未修改 (cannot write back the encoding losslessly; not written)', analysis: first };
    return { ok: true, data: encode(source, p.encoding!), applied, analysis };
  }
  const data = await repackDocx(p.zip!, original, source);
  if (typeof data === 'string') return { ok: false, reason: data, analysis: first };
  return { ok: true, data, applied, analysis };
}

/**
 * The Word package with word/document.xml replaced and every other entry as it was: the result is
 * read back and each other entry's bytes compared with the original's; any difference refuses.
 */
async function repackDocx(zip: JSZip, original: Buffer, xml: string): Promise<Buffer | string> {
  const before = await openDocx(original);
  if (Buffer.from(before.xml, 'utf8').compare(Buffer.from(await before.zip.file(DOCUMENT_PART)!.async('uint8array'))) !== 0) return 'word/document.xml 不是 UTF-8，未修改 (document.xml is not UTF-8; not written)';
  zip.file(DOCUMENT_PART, xml, { createFolders: false });
  const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'DOS' });
  const after = await openDocx(data);
  const names = (z: JSZip) => Object.keys(z.files);
  if (names(after.zip).join('\n') !== names(before.zip).join('\n')) return 'Word 文件重新打包后条目不同，未修改 (the repacked file differs; not written)';
  for (const name of names(before.zip)) {
    if (name === DOCUMENT_PART || before.zip.files[name].dir) continue;
    const [a, b] = await Promise.all([before.zip.files[name].async('nodebuffer'), after.zip.files[name].async('nodebuffer')]);
    if (!a.equals(b)) return `Word 文件重新打包后 ${name} 不同，未修改 (the repacked ${name} differs; not written)`;
  }
  if (after.xml !== xml) return 'Word 文件重新打包后正文不同，未修改 (the repacked document differs; not written)';
  return data;
}

/** A file to check: a text draft as it is, or a published file read into a draft. */
export type Input =
  | { kind: 'text'; text: string; encoding: Encoding; bytes: Buffer }
  | { kind: PublishedKind; text: string; published: Published; bytes: Buffer }
  | { kind: 'not-report'; bytes: Buffer }
  | { kind: 'error'; reason: string };

/** Whether a path names a published file (by extension) rather than a text draft. */
export const isPublishedName = (file: string) => PUBLISHED_EXT.test(file) || UNSUPPORTED_EXT.test(file);

/** Reads any input: text drafts by their encoding, published files by their reader. */
export async function readInput(file: string): Promise<Input> {
  const read = readDraft(file);
  if ('error' in read) return { kind: 'error', reason: read.error };
  const bytes = read.bytes;
  const sniffed = kindOf(file, bytes);
  if (UNSUPPORTED_EXT.test(file) && !sniffed) return { kind: 'error', reason: UNSUPPORTED };
  if (!isPublishedName(file) && (sniffed === null || sniffed === 'html')) {
    const decoded = decode(bytes);
    if (!decoded.ok) return { kind: 'error', reason: decoded.reason };
    return { kind: 'text', text: decoded.text, encoding: decoded.encoding, bytes };
  }
  const r = await readPublished(file, bytes);
  if (r.ok === 'not-report') return { kind: 'not-report', bytes };
  if (!r.ok) return { kind: 'error', reason: r.reason };
  return { kind: r.file.kind, text: r.file.text, published: r.file, bytes };
}
