/**
 * `--fix` on published files: written into HTML pages and Word documents only (the CLI's; the
 * language server gives its fixes to the editor as edits of the HTML text, lsp/published.ts).
 */
import type JSZip from 'jszip';
import { fixEdits, analyze, type AnalyzeOptions, type Analysis } from '../../core/check';
import { selectEdits } from '../../core/edits';
import type { FixKind } from '../../core/finding';
import { encode } from '../encoding';
import { DOCUMENT_PART, openDocx, readDocumentXml } from './docx';
import { readHtml } from './html';
import { NO_FIX, type Published } from './index';

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

