/**
 * `nianbao sum --out FILE.xlsx`: the summary as a workbook (exceljs). The first sheet, 汇总, is the summary
 * draft whose every value cell is a live `SUM` over the same cell of the parts' sheets that follow it
 * (each part's draft in the same layout, its own values), with the sum as the formula's cached result, so
 * that a reader that does not recalculate (nianbao's own .xlsx reader included) sees the numbers. A cell whose
 * sum is unknown says so in words (UNKNOWN_SUM), on the summary's sheet and on the part's that cannot give it.
 */
import * as path from 'node:path';
import { sumKey, UNKNOWN_SUM, type Sums } from '../core/aggregate';
import { skeleton } from '../core/skeleton';
import { lib } from './readers/lazy';

/** A cell of the layout that holds a value: the marker and the key of its cell. */
const MARK = '\u0001';

/** A sheet name Excel accepts: at most 31 characters (25, and a number in brackets when taken), none of []:*?/\, not used already. */
function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').slice(0, 25) || 'Sheet';
  let name = base;
  for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${base}(${k})`;
  taken.add(name.toLowerCase());
  return name;
}

const quoted = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

/** The workbook's bytes. `summaryName`: the first sheet's name and the summary's organisation in its title. */
export async function summaryWorkbook(sums: Sums, summaryName = '汇总'): Promise<Buffer> {
  const ExcelJS = await lib('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'nianbao';
  const layout = (organisation: string | undefined) =>
    skeleton({ year: sums.year, format: sums.format, organisation, value: (ref) => MARK + sumKey(ref) })
      .replace(/\n$/, '')
      .split('\n')
      .map((line) => line.split('\t'));
  const byKey = new Map(sums.cells.map((c) => [sumKey(c.ref), c]));
  const taken = new Set<string>();
  const summary = wb.addWorksheet(sheetName(summaryName, taken));
  const parts =
    sums.cells[0]?.parts.map((p, i) => {
      const org = p.report.report.organisation ?? undefined;
      return { i, sheet: wb.addWorksheet(sheetName(org ?? path.basename(p.report.file), taken)), org };
    }) ?? [];

  type Value = import('exceljs').CellValue;
  const fill = (ws: import('exceljs').Worksheet, organisation: string | undefined, cell: (key: string, address: string) => Value) => {
    layout(organisation).forEach((texts, r) => {
      const row = ws.getRow(r + 1);
      texts.forEach((t, c) => {
        const target = row.getCell(c + 1);
        if (t) target.value = t.startsWith(MARK) ? cell(t.slice(1), target.address) : t;
      });
    });
    ws.getColumn(1).width = 40;
  };

  for (const { i, sheet, org } of parts) fill(sheet, org, (key) => byKey.get(key)?.parts[i].value ?? UNKNOWN_SUM);
  // each formula names the cell's own address on the parts' sheets (their layouts are the summary's)
  fill(summary, undefined, (key, address) => {
    const c = byKey.get(key);
    if (!c || c.sum === null) return UNKNOWN_SUM;
    return { formula: `SUM(${parts.map((p) => `${quoted(p.sheet.name)}!${address}`).join(',')})`, result: c.sum };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
