/**
 * The table view's page (plain functions, no vscode): the shell with its Content-Security-Policy and
 * the grids of `nianbao/tables` as HTML. The page's script only swaps in the grids it is sent and
 * posts clicks back; every text of the draft is escaped here. No inline style attribute is used (the
 * policy forbids them): the look is the classes' in the page's one <style>, in the theme's colours.
 */
import type { GridCell, GridLabel, GridProblem, GridRange, GridRow, GridTable, TablesResult } from '../../shared/protocol';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** A range as the page hands it back: `line,character,line,character`. */
export const rangeAttr = (r: GridRange) => `${r.start.line},${r.start.character},${r.end.line},${r.end.character}`;

export function parseRange(s: unknown): GridRange | undefined {
  if (typeof s !== 'string' || !/^\d+,\d+,\d+,\d+$/.test(s)) return undefined;
  const [a, b, c, d] = s.split(',').map(Number);
  return { start: { line: a, character: b }, end: { line: c, character: d } };
}

function spans(l: GridLabel): string {
  return `${l.rowSpan > 1 ? ` rowspan="${l.rowSpan}"` : ''}${l.colSpan > 1 ? ` colspan="${l.colSpan}"` : ''}`;
}

const worst = (ps: GridProblem[]) => (['error', 'warning', 'information', 'hint'] as const).find((s) => ps.some((p) => p.severity === s));

function tooltip(name: string, problems: GridProblem[]): string {
  return [name, ...problems.map((p) => `${p.message} (${p.code})`)].join('\n');
}

function cellHtml(c: GridCell, row: GridRow, words: TablesResult['words']): string {
  const classes = ['cell', `kind-${c.kind}`];
  const sev = worst(c.problems);
  if (sev) classes.push(`sev-${sev}`);
  if (c.expected !== undefined) classes.push('wrong');
  let body: string;
  if (row.state === 'unreadable') body = '?';
  else if (c.kind === 'blank' || c.kind === 'missing') body = '';
  else body = escapeHtml(c.text);
  if (c.expected !== undefined) body = `<span class="written">${body}</span><span class="expected">${escapeHtml(c.expectedText ?? String(c.expected))}</span>`;
  const label = c.kind === 'blank' ? `${c.name} (${words.blank})` : c.name;
  const range = c.range ?? row.range;
  const attrs = [
    `class="${classes.join(' ')}"`,
    `title="${escapeHtml(tooltip(label, c.problems))}"`,
    `aria-label="${escapeHtml(label)}"`,
    `data-column="${escapeHtml(c.column)}"`,
    range ? `data-range="${rangeAttr(range)}" tabindex="0"` : '',
    c.editRange && row.state !== 'unreadable' ? `data-edit="${rangeAttr(c.editRange)}" data-text="${escapeHtml(c.kind === 'blank' ? '' : c.text)}" data-name="${escapeHtml(c.name)}"` : '',
  ].filter(Boolean);
  return `<td ${attrs.join(' ')}>${body}</td>`;
}

function rowHtml(row: GridRow, words: TablesResult['words']): string {
  const classes = [`row-${row.state}`];
  const labels = row.labels.map((l, k) => {
    // the row's own label (its last) leads to the row in the draft
    const own = k === row.labels.length - 1 && row.range;
    return `<th scope="row"${spans(l)}${own ? ` class="label" data-range="${rangeAttr(row.range!)}" tabindex="0"` : ''}>${escapeHtml(l.text)}</th>`;
  });
  const cells = row.cells.map((c) => cellHtml(c, row, words));
  let html = `<tr class="${classes.join(' ')}" data-row="${escapeHtml(row.id)}">${labels.join('')}${cells.join('')}</tr>`;
  const note = row.state === 'missing' ? [words.missingRow] : row.state === 'unreadable' ? [words.unreadableRow, ...row.problems.map((p) => p.message)] : [];
  if (note.length) {
    // under the row, across the value columns (the label cells of its groups still span beside it)
    const at = row.range ? ` data-range="${rangeAttr(row.range)}" tabindex="0"` : '';
    const own = row.labels[row.labels.length - 1]?.colSpan ?? 0;
    html += `<tr class="note note-${row.state}"><td colspan="${row.cells.length + own}"${at}>${note.map(escapeHtml).join('<br>')}</td></tr>`;
  }
  return html;
}

/**
 * A note row would break the group labels' row spans, so the spans count it: a group label over a row
 * with a note spans one more row.
 */
function withNotes(t: GridTable): GridTable {
  const noted = t.rows.map((r) => r.state !== 'read');
  const rows = t.rows.map((r, i) => ({
    ...r,
    labels: r.labels.map((l, k) => {
      if (k === r.labels.length - 1) return noted[i] ? { ...l, rowSpan: 1 } : l;
      const extra = noted.slice(i, i + l.rowSpan).filter(Boolean).length;
      return { ...l, rowSpan: l.rowSpan + extra };
    }),
  }));
  return { ...t, rows };
}

function tableHtml(t: GridTable, words: TablesResult['words']): string {
  const grid = withNotes(t);
  const head = grid.header.map((cells) => `<tr>${cells.map((l) => `<th scope="col"${spans(l)}>${escapeHtml(l.text)}</th>`).join('')}</tr>`).join('');
  const body = grid.rows.map((r) => rowHtml(r, words)).join('');
  const title = t.range ? `<h3 data-range="${rangeAttr({ start: t.range.start, end: t.range.start })}" tabindex="0">${escapeHtml(t.title)}</h3>` : `<h3>${escapeHtml(t.title)}</h3>`;
  const missing = t.range ? '' : `<p class="not-found">${escapeHtml(words.notFound)}</p>`;
  return `<section class="table" data-table="${escapeHtml(t.id)}">${title}${missing}<table class="grid"><thead>${head}</thead><tbody>${body}</tbody></table></section>`;
}

/** The grids of a result, under the headings of their sections. */
export function gridsHtml(r: TablesResult): string {
  let section = '';
  const out: string[] = [];
  for (const t of r.tables) {
    if (t.section !== section) {
      section = t.section;
      out.push(`<h2>${escapeHtml(section)}</h2>`);
    }
    out.push(tableHtml(t, r.words));
  }
  return out.join('');
}

const STYLE = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 12px 24px; }
#status { position: sticky; top: 0; padding: 6px 0; background: var(--vscode-editor-background); color: var(--vscode-descriptionForeground); border-bottom: 1px solid var(--vscode-panel-border); z-index: 1; }
h2 { font-size: 1.15em; margin: 1.2em 0 0.4em; }
h3 { font-size: 1em; margin: 0.9em 0 0.3em; font-weight: 600; }
table.grid { border-collapse: collapse; margin-bottom: 8px; }
table.grid th, table.grid td { border: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border)); padding: 2px 6px; }
table.grid th { background: var(--vscode-editorWidget-background); font-weight: normal; text-align: center; }
table.grid th[scope="row"] { text-align: left; vertical-align: top; }
table.grid td { min-width: 3.2em; text-align: right; font-variant-numeric: tabular-nums; font-family: var(--vscode-editor-font-family); }
[data-range] { cursor: pointer; }
[data-range]:hover { background: var(--vscode-list-hoverBackground); }
[data-range]:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
td.kind-blank { background: repeating-linear-gradient(135deg, transparent 0 4px, var(--vscode-editorWidget-border, var(--vscode-panel-border)) 4px 5px); }
td.kind-missing { background: var(--vscode-editorGutter-background); }
td.kind-text, td.kind-dash { color: var(--vscode-descriptionForeground); }
td.sev-warning { outline: 1px dashed var(--vscode-editorWarning-foreground); outline-offset: -2px; }
td.sev-error, td.wrong { color: var(--vscode-errorForeground); background: var(--vscode-inputValidation-errorBackground); outline: 1px solid var(--vscode-inputValidation-errorBorder, var(--vscode-errorForeground)); outline-offset: -1px; }
td.wrong .written { text-decoration: line-through; }
td.wrong .expected { display: block; font-size: 0.85em; white-space: nowrap; }
tr.row-unreadable > td, tr.row-unreadable > th.label { color: var(--vscode-editorWarning-foreground); }
tr.row-missing > td, tr.row-missing > th.label, tr.row-missing > th:last-of-type { color: var(--vscode-disabledForeground); }
tr.note > td { text-align: left; font-family: var(--vscode-font-family); font-size: 0.9em; white-space: normal; }
tr.note-unreadable > td { color: var(--vscode-editorWarning-foreground); background: var(--vscode-inputValidation-warningBackground); }
tr.note-missing > td { color: var(--vscode-descriptionForeground); }
.not-found { color: var(--vscode-descriptionForeground); margin: 0 0 4px; }
#hint { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
`;

/** The page script: grids in, clicks out (reveal a range; double-click or F2 on a number: edit it). */
const SCRIPT = `
const vscode = acquireVsCodeApi();
const grid = document.getElementById('grid');
const status = document.getElementById('status');
const hint = document.getElementById('hint');
window.addEventListener('message', (e) => {
  const m = e.data;
  if (!m || m.type !== 'render') return;
  grid.innerHTML = m.html;
  status.textContent = m.status;
  hint.textContent = m.hint;
  document.body.dataset.version = String(m.version);
});
const at = (e, attr) => e.target instanceof Element ? e.target.closest('[' + attr + ']') : null;
const reveal = (el) => el && vscode.postMessage({ type: 'reveal', range: el.dataset.range });
const edit = (el) => el && vscode.postMessage({ type: 'edit', range: el.dataset.edit, text: el.dataset.text, name: el.dataset.name });
// a click on a number waits for the double-click's interval: a double-click edits, and its clicks do not send the focus away
let pending;
grid.addEventListener('click', (e) => {
  clearTimeout(pending);
  const el = at(e, 'data-range');
  if (!el || e.detail > 1) return;
  pending = setTimeout(() => reveal(el), el.hasAttribute('data-edit') ? 350 : 0);
});
grid.addEventListener('dblclick', (e) => {
  clearTimeout(pending);
  edit(at(e, 'data-edit'));
});
grid.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') reveal(at(e, 'data-range'));
  else if (e.key === 'F2') edit(at(e, 'data-edit'));
});
vscode.postMessage({ type: 'ready' });
`;

/** The page: a strict policy (nothing but its own nonce'd script and style), a status line, the grids. */
export function pageHtml(nonce: string, language: string, cspSource: string): string {
  const csp = `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${cspSource}; font-src ${cspSource}`;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<div id="status" role="status"></div>
<main id="grid"></main>
<p id="hint"></p>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}
