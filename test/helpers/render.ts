/**
 * A renderer over the model, in test code: a draft's tables written again in one of the shapes the
 * real tools give (README, "what is read"), the rest of the draft left as it is. The property tests
 * check that a draft reads the same — the same findings with the same numbers — in every shape.
 */
import { analyze } from '../../server/src/core/check';
import { tablesOf, type ModelTable } from '../../server/src/core/model';
import { isWide } from '../../server/src/core/read/slots';

export type Shape =
  /** TAB-separated cells, a row a line (a browser's copy of a table). */
  | 'tab'
  /** A cell a line, indented by a TAB, a blank line after each row (drafts typed that way). */
  | 'lines'
  /** A cell a line, no indent, no blank line, `&nbsp;` blanks (LibreOffice "save as text"). */
  | 'lo'
  /** A cell a paragraph, blank cells a line of `&nbsp;` (a browser's copy of cells holding paragraphs). */
  | 'paragraphs'
  /** innerText: paragraphs with a line holding a TAB between cells. */
  | 'innertext'
  /** `|`-wrapped cells, one a line. */
  | 'pipe'
  /** Markdown pipe tables. */
  | 'markdown'
  /** w3m's box drawing. */
  | 'box'
  /** Columns of runs of spaces (pdftotext -layout): every row a line, the cells at fixed columns. */
  | 'aligned'
  /** Single spaces (a PDF viewer's copy), a blank cell written `—`. */
  | 'spaces';

export const SHAPES: Shape[] = ['tab', 'lines', 'lo', 'paragraphs', 'innertext', 'pipe', 'markdown', 'box', 'aligned', 'spaces'];

const NBSP = '\u00a0';

function width(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) w += isWide(s.charCodeAt(i)) ? 2 : 1;
  return w;
}

/** A table's rows, each its label and its cells' texts ('' for a blank), in the given shape. */
export function renderRows(rows: string[][], shape: Shape, eol: string, columns: string[] = []): string {
  const blank = (c: string, b: string) => (c === '' ? b : c);
  switch (shape) {
    case 'tab':
      return rows.map((r) => r.join('\t')).join(eol);
    case 'lines':
      return rows.map((r) => r.map((c) => '\t' + blank(c, NBSP)).join(eol)).join(eol + eol) + eol;
    case 'lo':
      return rows.map((r) => r.map((c) => blank(c, NBSP)).join(eol)).join(eol);
    case 'paragraphs':
      return rows.map((r) => r.map((c) => blank(c, NBSP)).join(eol + eol)).join(eol + eol);
    case 'innertext':
      return rows.map((r) => r.map((c) => blank(c, NBSP)).join(eol + eol + '\t' + eol + eol)).join(eol + eol + eol);
    case 'pipe':
      return rows.map((r) => ['|', ...r.map((c) => c + ' |')].join(eol)).join(eol);
    case 'markdown': {
      const n = Math.max(...rows.map((r) => r.length));
      const line = (r: string[]) => '| ' + [...r, ...new Array(n - r.length).fill('')].join(' | ') + ' |';
      return [line(new Array(n).fill('')), line(new Array(n).fill('---')), ...rows.map(line)].join(eol);
    }
    case 'box': {
      const n = Math.max(...rows.map((r) => r.length));
      const w = Array.from({ length: n }, (_, i) => Math.max(2, ...rows.map((r) => width(r[i] ?? ''))));
      const pad = (c: string, i: number) => c + ' '.repeat(w[i] - width(c));
      const rule = (l: string, m: string, r: string) => l + w.map((x) => '─'.repeat(x)).join(m) + r;
      return [rule('┌', '┬', '┐'), ...rows.flatMap((r, k) => [(k ? rule('├', '┼', '┤') + eol : '') + '│' + w.map((_, i) => pad(r[i] ?? '', i)).join('│') + '│']), rule('└', '┴', '┘')].join(eol);
    }
    case 'aligned': {
      // as pdftotext -layout prints a table: the label column as wide as the longest label, then each cell
      // centred in a column of fixed width (characters counted one each), the header's labels too
      const labelWidth = Math.max(...rows.map((r) => r[0].length)) + 4;
      const n = Math.max(...rows.map((r) => r.length - 1));
      const cell = Math.max(8, ...columns.map((c) => c.length), ...rows.flatMap((r) => r.slice(1).map((c) => c.length))) + 4;
      const centre = (c: string) => ' '.repeat(Math.floor((cell - c.length) / 2)) + c + ' '.repeat(Math.ceil((cell - c.length) / 2));
      const line = (label: string, cells: string[]) => (label + ' '.repeat(labelWidth - label.length) + Array.from({ length: n }, (_, i) => centre(cells[i] ?? '')).join('')).trimEnd();
      return [...(columns.length ? [line('', columns)] : []), ...rows.map((r) => line(r[0], r.slice(1)))].join(eol);
    }
    case 'spaces':
      return rows.map((r) => [r[0], ...r.slice(1).map((c) => blank(c, '—'))].join(' ')).join(eol);
  }
}

/** A table's rows as texts: the label as written, each cell as written ('' for a blank); null if a cell is unknown. */
function rowsOf(t: ModelTable, text: string): string[][] | null {
  const out: string[][] = [];
  for (const r of t.rows) {
    if (r.cells.some((c) => c.value.kind === 'missing')) return null;
    out.push([r.label, ...r.cells.map((c) => (c.value.kind === 'blank' ? '' : text.slice(c.start!, c.end!).trim()))]);
  }
  return out;
}

/**
 * The draft with its tables (each table, or only the one at `at`) in `shape`: each table's rows, from the
 * first row's line to the last row's line, replaced by the rendering. Tables with a row that could not
 * be read are left as they are.
 */
export function renderDraft(text: string, shape: Shape, at?: number): string {
  const { report } = analyze(text);
  const eol = /\r\n/.test(text) ? '\r\n' : /\r/.test(text) ? '\r' : '\n';
  const tables = tablesOf(report).filter((t) => t.id !== 'review');
  const chosen = at === undefined ? tables : tables.length ? [tables[at % tables.length]] : [];
  const edits: { start: number; end: number; text: string }[] = [];
  for (const t of chosen) {
    const rows = rowsOf(t, text);
    if (!rows) continue;
    const lines = t.rows.flatMap((r) => [report.index.lineOf(r.start), report.index.lineOf(Math.max(r.start, r.end - 1))]);
    const start = report.index.starts[Math.min(...lines)];
    const end = report.index.lineEnd(Math.max(...lines));
    edits.push({ start, end, text: renderRows(rows, shape, eol, t.columns.map((c) => c.label)) });
  }
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  let limit = Infinity;
  for (const e of edits) {
    if (e.end > limit) continue;
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    limit = e.start;
  }
  return out;
}
