/**
 * .docx reports (Word, WPS "save as docx", LibreOffice): the package through JSZip, its
 * word/document.xml through htmlparser2's XML mode (with source offsets, so a fix can write one
 * cell's text and nothing else). Tables become grids: w:gridSpan, w:gridBefore, w:vMerge (restart,
 * continue, and a bare w:vMerge that continues); runs inside a number are joined; content controls
 * (w:sdt) are read through; deleted text, field codes and text boxes are not.
 */
import type { ChildNode, Element } from 'domhandler';
import { decodeXML } from 'entities';
import { parseDocument } from 'htmlparser2';
import type JSZip from 'jszip';
import { DraftBuilder, type Grid, type GridCell, type SourceChar } from './draft';
import { lib } from './lazy';
import { charsOf, descendants, isElement, isText } from './markup';
import { ReaderError } from './reader-error';

export const DOCUMENT_PART = 'word/document.xml';

/** Elements whose text is not the document's: deletions, field codes, drawings and text boxes, properties. */
const SKIP = new Set(['w:del', 'w:delText', 'w:instrText', 'w:drawing', 'w:pict', 'w:object', 'mc:AlternateContent', 'w:rPr', 'w:pPr', 'w:tcPr', 'w:trPr', 'w:tblPr', 'w:sdtPr', 'w:sdtEndPr', 'w:footnoteReference', 'w:endnoteReference']);
/** Wrappers read through: content controls, custom XML, smart tags, insertions, hyperlinks. */
const THROUGH = new Set(['w:sdt', 'w:sdtContent', 'w:customXml', 'w:smartTag', 'w:ins', 'w:hyperlink', 'w:fldSimple', 'w:moveTo']);


/** The package and its main part, or why it is not a Word document. */
export async function openDocx(bytes: Buffer): Promise<{ zip: JSZip; xml: string }> {
  const JSZipClass = await lib('jszip');
  let zip: JSZip;
  try {
    zip = await JSZipClass.loadAsync(bytes, { checkCRC32: true });
  } catch (e) {
    throw new ReaderError(`不是有效的 zip 文件（损坏或被截断）：${(e as Error).message} (not a valid zip: damaged or truncated)`);
  }
  const part = zip.file(DOCUMENT_PART);
  if (!part) throw new ReaderError(`不是 Word 文档（zip 中没有 ${DOCUMENT_PART}） (not a Word document)`);
  let raw: Uint8Array;
  try {
    raw = await part.async('uint8array');
  } catch (e) {
    throw new ReaderError(`Word 文档已损坏：${(e as Error).message} (damaged document)`);
  }
  return { zip, xml: Buffer.from(raw).toString('utf8') };
}

const attr = (el: Element | undefined, name: string) => el?.attribs[name];
const child = (el: Element, name: string) => el.children.find((c): c is Element => isElement(c) && c.name === name);
const intAttr = (el: Element | undefined, max: number) => {
  const v = parseInt(attr(el, 'w:val') ?? '1', 10);
  return Number.isFinite(v) && v >= 1 ? Math.min(v, max) : 1;
};

/** The children of an element, with content controls and other wrappers read through. */
function* through(el: Element): Generator<Element> {
  for (const c of el.children) {
    if (!isElement(c)) continue;
    if (THROUGH.has(c.name)) yield* through(c);
    else yield c;
  }
}

/** The text of an element as lines (a w:br or w:cr starts a new one); a w:tab reads as a space. */
function textLines(xml: string, el: Element): SourceChar[][] {
  const lines: SourceChar[][] = [[]];
  const walk = (n: ChildNode) => {
    if (!isElement(n) || SKIP.has(n.name)) return;
    if (n.name === 'w:t') {
      for (const c of n.children) if (isText(c)) lines[lines.length - 1].push(...charsOf(xml, c, decodeXML));
      return;
    }
    if (n.name === 'w:tab') lines[lines.length - 1].push({ ch: ' ', start: n.startIndex!, end: n.endIndex! + 1 });
    if (n.name === 'w:br' || n.name === 'w:cr') lines.push([]);
    n.children.forEach(walk);
  };
  el.children.forEach(walk);
  return lines;
}

/** Where digits go in an empty cell: inside its empty w:t, else a new run at the end of its last paragraph. */
function emptyCellInsertion(xml: string, tc: Element): { at: number; run: boolean } | undefined {
  for (const d of descendants(tc)) if (isElement(d) && d.name === 'w:t') return { at: xml.indexOf('>', d.startIndex!) + 1, run: false };
  const paragraphs = [...descendants(tc)].filter((d): d is Element => isElement(d) && d.name === 'w:p');
  const p = paragraphs[paragraphs.length - 1];
  if (!p || xml.slice(p.startIndex!, p.endIndex! + 1).endsWith('/>')) return undefined;
  return { at: p.endIndex! + 1 - '</w:p>'.length, run: true };
}

function gridOf(xml: string, tbl: Element, table: number): Grid {
  const grid: Grid = [];
  let r = 0;
  for (const tr of through(tbl)) {
    if (tr.name !== 'w:tr') continue;
    const row: (GridCell | null)[] = [];
    const trPr = child(tr, 'w:trPr');
    const before = trPr ? child(trPr, 'w:gridBefore') : undefined;
    if (before) for (let k = intAttr(before, 100); k > 0; k--) row.push(null);
    for (const tc of through(tr)) {
      if (tc.name !== 'w:tc') continue;
      const tcPr = child(tc, 'w:tcPr');
      const cols = tcPr ? intAttr(child(tcPr, 'w:gridSpan'), 100) : 1;
      const vMerge = tcPr ? child(tcPr, 'w:vMerge') : undefined;
      const c = row.length;
      const continues = vMerge && attr(vMerge, 'w:val') !== 'restart';
      if (continues) {
        for (let k = 0; k < cols; k++) row.push(null);
        continue;
      }
      const where = { kind: 'docx' as const, table, row: r + 1, cell: c + 1 };
      const ins = emptyCellInsertion(xml, tc);
      const cell: GridCell = { chars: textLines(xml, tc).flat(), insertAt: ins?.at, origin: { part: DOCUMENT_PART, where, insert: ins?.run ? 'run' : undefined } };
      row.push(cell);
      for (let k = 1; k < cols; k++) row.push(null);
    }
    grid.push(row);
    r++;
  }
  return grid;
}

/** The draft text of a Word document and its source map (offsets into word/document.xml). */
export function readDocumentXml(xml: string) {
  const doc = parseDocument(xml, { xmlMode: true, withStartIndices: true, withEndIndices: true, decodeEntities: true });
  const root = doc.children.find((c): c is Element => isElement(c) && c.name === 'w:document');
  const body = root && child(root, 'w:body');
  if (!body) throw new ReaderError('Word 文档没有正文（w:body） (no document body)');
  const b = new DraftBuilder();
  let table = 0;
  let paragraph = 0;
  const block = (el: Element) => {
    if (el.name === 'w:p') {
      paragraph++;
      const where = { kind: 'docx' as const, paragraph };
      for (const line of textLines(xml, el)) b.paragraph(line, { part: DOCUMENT_PART, where });
    } else if (el.name === 'w:tbl') b.table(gridOf(xml, el, ++table));
  };
  for (const el of through(body)) block(el);
  return b.build();
}
