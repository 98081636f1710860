/**
 * .html/.htm reports (a saved page or only its body): htmlparser2 with source offsets. The report
 * is found inside the site's chrome (menus, breadcrumbs, 来源/时间 lines): the part of the page that
 * holds its tables and section headings, with the title just before it. Tables become grids
 * (colspan/rowspan resolved); every character of the draft keeps the offset it has in the HTML,
 * so findings point at the cell's line and column and a fix writes only the digits.
 */
import { decodeHTML } from 'entities';
import type { ChildNode, Element, Text } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { DraftBuilder, type Grid, type GridCell, type SourceChar } from './draft';
import { charsOf as charsOfWith, descendants, isElement, isText } from './markup';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'select', 'button', 'svg', 'iframe', 'object']);
const BLOCK = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'section', 'article', 'blockquote', 'pre',
  'header', 'footer', 'nav', 'main', 'aside', 'figure', 'figcaption', 'address', 'center', 'form', 'hr', 'tr', 'caption',
]);
/** Words only a report's statistics tables hold. */
const TABLE_MARKERS = ['本年新收', '行政复议', '第二十条', '信息内容', '申请人情况'];
const SECTION_HEADINGS = /[一二三四五六]\s*、\s*(?:总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|政府信息公开行政复议|存在的主要问题|其他需要报告的事项)/g;
const TITLE = /\d{4}\s*年度?.{0,30}(?:政府信息(?:与政务)?公开(?:工作)?(?:年度)?报告|年度报告)/;

/** A cheap first look: a page that never says 政府信息 is not a report (no parse). */
export const mayBeHtmlReport = (html: string) => html.includes('政府信息');

const charsOf = (html: string, node: Text) => charsOfWith(html, node, decodeHTML);

const compactText = (n: Element) => {
  let s = '';
  for (const d of descendants(n, SKIP)) if (isText(d)) s += d.data;
  return s.replace(/[\s\u00a0\u3000]+/g, '');
};

/** Where digits typed into an empty cell go: after its last text (an `&nbsp;`), else inside its innermost element. */
function insertionPoint(html: string, cell: Element): number {
  let el = cell;
  for (;;) {
    const last = el.children[el.children.length - 1];
    if (!last) return html.indexOf('>', el.startIndex!) + 1;
    if (isText(last)) return last.endIndex! + 1;
    if (!isElement(last) || last.name === 'br' || SKIP.has(last.name)) return last.startIndex!;
    el = last;
  }
}

function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  const visit = (n: Element) => {
    for (const c of n.children) {
      if (!isElement(c)) continue;
      if (c.name === 'tr') rows.push(c);
      else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') visit(c);
    }
  };
  visit(table);
  return rows;
}

const span = (el: Element, name: string, max: number) => {
  const v = parseInt(el.attribs[name] ?? '1', 10);
  return Number.isFinite(v) && v >= 1 ? Math.min(v, max) : 1;
};

/** The table's grid: each cell at its row and column, null where a merged cell spans. */
function gridOf(html: string, table: Element): Grid {
  const trs = rowsOf(table);
  const grid: (GridCell | null | undefined)[][] = trs.map(() => []);
  trs.forEach((tr, r) => {
    let c = 0;
    for (const td of tr.children) {
      if (!isElement(td) || (td.name !== 'td' && td.name !== 'th')) continue;
      while (grid[r][c] !== undefined) c++;
      const cols = span(td, 'colspan', 100);
      const rows = span(td, 'rowspan', trs.length - r);
      const chars: SourceChar[] = [];
      for (const d of descendants(td, SKIP)) if (isText(d)) chars.push(...charsOf(html, d));
      for (let dr = 0; dr < rows; dr++) for (let dc = 0; dc < cols; dc++) grid[r + dr][c + dc] = dr === 0 && dc === 0 ? { chars, insertAt: insertionPoint(html, td) } : null;
      c += cols;
    }
  });
  return grid.map((row) => Array.from(row, (c) => c ?? null));
}

function ancestors(n: ChildNode): Element[] {
  const out: Element[] = [];
  for (let p = n.parent; p && p.type !== 'root'; p = p.parent) out.push(p as Element);
  return out;
}

/** The element that holds the report: its tables and section headings; the whole page when it has none. */
function findReport(root: Element): Element {
  const anchors: ChildNode[] = [];
  for (const d of descendants(root, SKIP)) {
    if (isElement(d) && d.name === 'table') {
      const t = compactText(d);
      if (TABLE_MARKERS.some((m) => t.includes(m))) anchors.push(d);
    } else if (isText(d)) {
      SECTION_HEADINGS.lastIndex = 0;
      if (SECTION_HEADINGS.test(d.data)) anchors.push(d);
    }
  }
  if (anchors.length === 0) return root;
  const chains = anchors.map((a) => [...(isElement(a) ? [a] : []), ...ancestors(a)]);
  let lca = chains[0].find((el) => chains.every((c) => c.includes(el))) ?? root;
  // one table alone is not the report: go up until the section headings are inside
  while (lca !== root && (compactText(lca).match(SECTION_HEADINGS) ?? []).length < 2 && lca.parent && lca.parent.type !== 'root') lca = lca.parent as Element;
  return lca;
}

/** The report's title when the page shows it before the report's element (a heading in the site's layout). */
function findTitle(root: Element, report: Element): Element | null {
  if (TITLE.test(compactText(report).slice(0, 120))) return null;
  let found: Element | null = null;
  for (const d of descendants(root, SKIP)) {
    if (!isElement(d)) continue;
    if (d === report || (d.startIndex ?? 0) >= (report.startIndex ?? 0)) break;
    if (d.name === 'a' || ancestors(d).some((a) => a.name === 'a')) continue;
    const t = compactText(d);
    if (t.length <= 80 && TITLE.test(t) && !d.children.some((c) => isElement(c) && BLOCK.has(c.name))) found = d;
  }
  return found;
}

/** The draft text of a page and its source map (offsets into `html`). */
export function readHtml(html: string) {
  const doc = parseDocument(html, { withStartIndices: true, withEndIndices: true, decodeEntities: true, lowerCaseTags: true });
  const root = (doc.children.find((c) => isElement(c) && c.name === 'html') as Element | undefined) ?? (doc as unknown as Element);
  const body = ([...descendants(root, SKIP)].find((c) => isElement(c) && c.name === 'body') as Element | undefined) ?? root;
  const report = findReport(body);
  const b = new DraftBuilder();
  let line: SourceChar[] = [];
  const flush = () => {
    b.paragraph(line);
    line = [];
  };
  const walk = (n: ChildNode) => {
    if (isText(n)) {
      line.push(...charsOf(html, n));
      return;
    }
    if (!isElement(n) || SKIP.has(n.name)) return;
    if (n.name === 'br') return flush();
    if (n.name === 'table') {
      flush();
      b.table(gridOf(html, n));
      return;
    }
    const block = BLOCK.has(n.name);
    if (block) flush();
    n.children.forEach(walk);
    if (block) flush();
  };
  const title = findTitle(body, report);
  if (title) walk(title);
  flush();
  if (report === body) body.children.forEach(walk);
  else walk(report);
  flush();
  return b.build();
}
