/**
 * .xlsx reports (Excel, WPS 表格): exceljs. Every sheet in order, each row a TAB row on the sheet's
 * grid (a merged range's value in its top-left cell, empty cells where it spans); a row with one
 * filled cell is a line of prose (a title, a heading). The core finds the three tables by their
 * labels on whichever sheet they are.
 */
import { DraftBuilder, plainCell, type Grid } from './draft';
import { lib } from './lazy';
import { ReaderError } from './reader-error';

type CellValue = unknown;

/** What a cell shows: a formula's result, rich text joined, a date as YYYY-MM-DD. */
function shown(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: string };
    if ('result' in o) return shown(o.result);
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.text !== undefined) return shown(o.text);
    if (o.error) return o.error;
    return '';
  }
  return String(v);
}

export async function readXlsx(bytes: Buffer) {
  const ExcelJS = await lib('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new ReaderError(`不是有效的 Excel (.xlsx) 文件：${(e as Error).message} (not a valid .xlsx)`);
  }
  const b = new DraftBuilder();
  for (const ws of wb.worksheets) {
    const width = ws.columnCount;
    let table: Grid = [];
    const endTable = () => {
      b.table(table);
      table = [];
    };
    const rows = Array.from({ length: ws.rowCount }, (_, k) => {
      const row = ws.getRow(k + 1);
      const cells = Array.from({ length: width }, (_, i) => row.getCell(i + 1));
      // a formula's cached result through `result`: exceljs's `value` leaves a result of 0 out (SUM(…) = 0 read as blank)
      const texts = cells.map((c) => (c.isMerged && c.master !== c ? null : shown(c.formula ? (c.result ?? null) : c.value)));
      return { cells, texts, filled: texts.filter((t) => t?.trim()).length };
    });
    rows.forEach(({ cells, texts, filled }, k) => {
      const where = (i: number) => ({ kind: 'xlsx' as const, sheet: ws.name, cell: cells[i].address });
      if (filled === 0) {
        if (table.length) endTable();
        return;
      }
      // one filled cell with empty rows around it is a line (a title); inside a table it is a row (第二十条第（五）项)
      if (filled === 1 && !rows[k - 1]?.filled && !rows[k + 1]?.filled) {
        const i = texts.findIndex((t) => t?.trim());
        b.line(texts[i]!, { where: where(i) });
        return;
      }
      table.push(texts.map((t, i) => (t === null ? null : plainCell(t, where(i)))));
    });
    if (table.length) endTable();
  }
  return b.build();
}
