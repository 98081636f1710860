/**
 * .pdf reports (WPS/Word-made and browser-printed): pdf.js text items with their positions, and the
 * table rulings the page draws (rectangles and lines of its operator list). Each text item goes to
 * the ruled cell around it; cells form the table's grid (rows by their top, columns by their left
 * edge), so a label wrapped inside a narrow column, vertical text and merged cells come out as one
 * cell each. Outside tables, items make lines by their baseline, wrapped lines are joined into
 * paragraphs (across a page break too), and page headers, footers and page numbers are dropped.
 */
import { DraftBuilder, plainCell, type Grid } from './draft';
import { lib } from './lazy';
import { ReaderError } from './reader-error';

interface Item {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
}
interface HSeg {
  y: number;
  x1: number;
  x2: number;
}
interface VSeg {
  x: number;
  y1: number;
  y2: number;
}
interface Box {
  l: number;
  r: number;
  t: number;
  b: number;
  items: Item[];
}
interface Line {
  items: Item[];
  y: number;
  x: number;
  right: number;
  size: number;
  text: string;
}
/** What a page holds, top to bottom: prose lines and tables (by their top edge). */
type Block = { kind: 'line'; line: Line; top: number } | ({ kind: 'table' } & Table);

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** The axis-aligned rulings a page draws (cell borders, cell backgrounds and clips), in page space. */
function rulings(fnArray: number[], argsArray: unknown[][], OPS: Record<string, number>, pageW: number, pageH: number) {
  const h: HSeg[] = [];
  const v: VSeg[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  // a path counts once it is painted: a clip alone (WPS clips every line of prose) draws no border
  let pathH: HSeg[] = [];
  let pathV: VSeg[] = [];
  let pathBoxH: HSeg[] = [];
  let pathBoxV: VSeg[] = [];
  const STROKE = new Set(['stroke', 'closeStroke', 'fillStroke', 'eoFillStroke', 'closeFillStroke', 'closeEOFillStroke'].map((n) => OPS[n]));
  const PAINT = new Set(['fill', 'eoFill', 'stroke', 'closeStroke', 'fillStroke', 'eoFillStroke', 'closeFillStroke', 'closeEOFillStroke'].map((n) => OPS[n]));
  const line = (a: [number, number], b: [number, number]) => {
    if (Math.abs(a[1] - b[1]) < 0.5) pathH.push({ y: (a[1] + b[1]) / 2, x1: Math.min(a[0], b[0]), x2: Math.max(a[0], b[0]) });
    else if (Math.abs(a[0] - b[0]) < 0.5) pathV.push({ x: (a[0] + b[0]) / 2, y1: Math.min(a[1], b[1]), y2: Math.max(a[1], b[1]) });
  };
  const rect = (x: number, y: number, w: number, hh: number) => {
    const p = [apply(ctm, x, y), apply(ctm, x + w, y), apply(ctm, x + w, y + hh), apply(ctm, x, y + hh)];
    const xs = p.map((q) => q[0]);
    const ys = p.map((q) => q[1]);
    const [l, r, b, t] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    if (r - l > pageW * 0.9 && t - b > pageH * 0.6) return; // the page or its printable area
    if (t - b < 2.5) pathH.push({ y: (t + b) / 2, x1: l, x2: r });
    else if (r - l < 2.5) pathV.push({ x: (l + r) / 2, y1: b, y2: t });
    else {
      // a box: its edges are borders if it is stroked, not if it is filled (a cell's or a paragraph's shading)
      pathBoxH.push({ y: t, x1: l, x2: r }, { y: b, x1: l, x2: r });
      pathBoxV.push({ x: l, y1: b, y2: t }, { x: r, y1: b, y2: t });
    }
  };
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i];
    if (PAINT.has(fn)) {
      h.push(...pathH);
      v.push(...pathV);
      if (STROKE.has(fn)) {
        h.push(...pathBoxH);
        v.push(...pathBoxV);
      }
      pathH = [];
      pathV = [];
      pathBoxH = [];
      pathBoxV = [];
    } else if (fn === OPS.endPath) {
      pathH = [];
      pathV = [];
      pathBoxH = [];
      pathBoxV = [];
    } else if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.constructPath) {
      const [ops, coords] = args as [number[], number[]];
      let k = 0;
      let cur: [number, number] | null = null;
      let start: [number, number] | null = null;
      for (const op of ops) {
        if (op === OPS.rectangle) {
          rect(coords[k], coords[k + 1], coords[k + 2], coords[k + 3]);
          k += 4;
        } else if (op === OPS.moveTo) {
          cur = start = apply(ctm, coords[k], coords[k + 1]);
          k += 2;
        } else if (op === OPS.lineTo) {
          const p = apply(ctm, coords[k], coords[k + 1]);
          if (cur) line(cur, p);
          cur = p;
          k += 2;
        } else if (op === OPS.curveTo) k += 6;
        else if (op === OPS.curveTo2 || op === OPS.curveTo3) k += 4;
        else if (op === OPS.closePath && cur && start) {
          line(cur, start);
          cur = start;
        }
      }
    }
  }
  return { h, v };
}

/**
 * An item that runs over cell borders (a browser writes a header row's adjacent cells as one run of
 * text) split where the borders cross it, at the characters' proportional positions.
 */
function splitAtRulings(it: Item, v: VSeg[]): Item[] {
  const chars = [...it.str];
  if (chars.length < 2 || it.w <= 0) return [it];
  const py = it.y + it.size * 0.35;
  const cuts = v
    .filter((s) => s.x > it.x + 1 && s.x < it.x + it.w - 1 && py >= s.y1 - 1 && py <= s.y2 + 1)
    .map((s) => Math.round(((s.x - it.x) / it.w) * chars.length))
    .filter((k) => k > 0 && k < chars.length);
  if (cuts.length === 0) return [it];
  const out: Item[] = [];
  let from = 0;
  for (const k of [...new Set(cuts)].sort((a, b) => a - b).concat(chars.length)) {
    const str = chars.slice(from, k).join('');
    out.push({ ...it, str, x: it.x + (it.w * from) / chars.length, w: (it.w * (k - from)) / chars.length });
    from = k;
  }
  return out.filter((i) => i.str.trim());
}

/** The ruled cell around an item, or null (prose). */
function boxOf(it: Item, h: HSeg[], v: VSeg[], pageW: number): Omit<Box, 'items'> | null {
  const px = it.x + Math.min(it.w, it.size) / 2;
  const py = it.y + it.size * 0.35;
  let l = -Infinity;
  let r = Infinity;
  let t = Infinity;
  let b = -Infinity;
  let left: VSeg | undefined;
  for (const s of v) {
    if (py < s.y1 - 1 || py > s.y2 + 1) continue;
    if (s.x <= px && s.x > l) {
      l = s.x;
      left = s;
    }
    if (s.x > px && s.x < r) r = s.x;
  }
  for (const s of h) {
    if (px < s.x1 - 1 || px > s.x2 + 1) continue;
    if (s.y >= py && s.y < t) t = s.y;
    if (s.y < py && s.y > b) b = s.y;
  }
  // a cell cut by a page break has no border there: its side border ends where the page's part of it ends
  if (left && !Number.isFinite(b)) b = left.y1;
  if (left && !Number.isFinite(t)) t = left.y2;
  if (![l, r, t, b].every(Number.isFinite) || r - l > pageW * 0.95) return null;
  return { l, r, t, b };
}

/** Values within `tol` of each other as one (sorted ascending): grid lines of a table. */
function cluster(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of sorted) if (out.length === 0 || x - out[out.length - 1] > tol) out.push(x);
  return out;
}
const nearest = (lines: number[], x: number) => lines.reduce((best, l, i) => (Math.abs(l - x) < Math.abs(lines[best] - x) ? i : best), 0);

/** Items in reading order joined: lines top to bottom, each left to right. */
function joinItems(items: Item[]): string {
  const lines = toLines(items);
  return lines.map((l) => l.text).join('');
}

function toLines(items: Item[]): Line[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  for (const it of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - it.y) <= Math.max(2, Math.min(last.size, it.size) * 0.4)) last.items.push(it);
    else lines.push({ items: [it], y: it.y, x: 0, right: 0, size: it.size, text: '' });
  }
  for (const l of lines) {
    l.items.sort((a, b) => a.x - b.x);
    l.x = l.items[0].x;
    l.right = Math.max(...l.items.map((i) => i.x + i.w));
    l.size = Math.max(...l.items.map((i) => i.size));
    // items apart on the line are words apart: `0 0 0` is no page number `000`
    l.text = l.items
      .map((i, k) => (k > 0 && i.x - (l.items[k - 1].x + l.items[k - 1].w) > i.size * 0.5 ? ' ' : '') + i.str)
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
  }
  return lines;
}

/** A ruled cell on its table's grid: its first row and column, and how many rows it spans. */
interface Placed {
  r: number;
  c: number;
  rows: number;
  text: string;
  items: Item[];
}
interface Table {
  /** The cells' text; null where a merged cell spans (no ruling starts a cell there). */
  grid: (string | null)[][];
  top: number;
  lefts: number[];
  boxes: Placed[];
}

/** The cells of one page's tables, grouped into tables (boxes touching vertically) and laid on their grids. */
function tablesOf(boxes: Box[], h: HSeg[], v: VSeg[]): Table[] {
  const sorted = [...boxes].sort((a, b) => b.t - a.t);
  const groups: Box[][] = [];
  let bottom = Infinity;
  for (const bx of sorted) {
    if (groups.length && bx.t >= bottom - 3) {
      groups[groups.length - 1].push(bx);
      bottom = Math.min(bottom, bx.b);
    } else {
      groups.push([bx]);
      bottom = bx.b;
    }
  }
  return groups.map((g) => {
    const tops = cluster(g.map((b) => -b.t), 2).map((x) => -x);
    const lefts = cluster(g.map((b) => b.l), 2);
    // an empty grid place is an empty cell where rulings start one there (a border on its left and on its top), else a span
    const bottom = Math.min(...g.map((b) => b.b));
    const rights = [...lefts.slice(1), Math.max(...g.map((b) => b.r))];
    const grid: (string | null)[][] = tops.map((top, r) =>
      lefts.map((left, c) => {
        const midY = (top + (tops[r + 1] ?? bottom)) / 2;
        const midX = (left + rights[c]) / 2;
        const leftEdge = c === 0 || v.some((s) => Math.abs(s.x - left) < 2 && s.y1 - 1 <= midY && midY <= s.y2 + 1);
        const topEdge = r === 0 || h.some((s) => Math.abs(s.y - top) < 2 && s.x1 - 1 <= midX && midX <= s.x2 + 1);
        return leftEdge && topEdge ? '' : null;
      }),
    );
    const placed: Placed[] = [];
    for (const bx of g) {
      const r = nearest(tops, bx.t);
      const c = nearest(lefts, bx.l);
      const text = joinItems(bx.items).replace(/\s+/g, '');
      grid[r][c] = (grid[r][c] ?? '') + text;
      placed.push({ r, c, rows: tops.filter((t) => t < bx.t - 2 && t > bx.b + 2).length + 1, text, items: bx.items });
    }
    return { grid, top: tops[0], lefts, boxes: placed };
  });
}

/**
 * A table that runs over a page break: the first table of a page goes on from the last one of the
 * page before when their columns agree. A cell spanning rows down to the break (a vertical
 * `三、本年度办理结果`) that the next page continues gets the rest of its text, once.
 */
function joinAcrossPages(prev: Table, next: Table): void {
  if (prev.lefts.length !== next.lefts.length || prev.lefts.some((l, i) => Math.abs(l - next.lefts[i]) > 3)) return;
  const lastRow = prev.grid.length - 1;
  for (const open of prev.boxes.filter((b) => b.rows > 1 && b.r + b.rows - 1 === lastRow)) {
    const cont = next.boxes.find((b) => b.r === 0 && b.c === open.c && b.rows > 1);
    if (!cont?.text) continue;
    prev.grid[open.r][open.c] = (prev.grid[open.r][open.c] ?? '') + cont.text;
    next.grid[0][cont.c] = null;
  }
}

const PAGE_NUMBER = /^(?:[-－—–\s]*\d+[-－—–\s]*|\d+\s*\/\s*\d+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|page\s*\d+(?:\s*of\s*\d+)?)$/i;
const URL_LINE = /^(?:https?:|file:|www\.)/i;
const DATE_LINE = /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}[\s,，]/;

export async function readPdf(bytes: Buffer) {
  const pdfjs = await lib('pdfjs');
  let doc;
  try {
    doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: false }).promise;
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'PasswordException') throw new ReaderError('需要密码才能打开 (needs a password to open)');
    if (name === 'InvalidPDFException') throw new ReaderError(`PDF 文件损坏或被截断 (damaged or truncated PDF): ${(e as Error).message}`);
    throw new ReaderError(`无法读取 PDF：${(e as Error).message} (cannot read the PDF)`);
  }
  const OPS = pdfjs.OPS as unknown as Record<string, number>;
  const raw: RawPage[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view;
      const width = x1 - x0;
      const height = y1 - y0;
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!('str' in it) || !it.str.trim()) continue;
        const [a, b, , d, e, f] = it.transform as number[];
        items.push({ str: it.str, x: e - x0, y: f - y0, w: it.width, size: Math.hypot(a, b) || Math.abs(d) || 10 });
      }
      const ops = await page.getOperatorList();
      const { h, v } = rulings(ops.fnArray, ops.argsArray, OPS, width, height);
      raw.push({
        items,
        width,
        height,
        h: h.map((q) => ({ ...q, y: q.y - y0, x1: q.x1 - x0, x2: q.x2 - x0 })),
        v: v.map((q) => ({ ...q, x: q.x - x0, y1: q.y1 - y0, y2: q.y2 - y0 })),
      });
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  if (raw.every((p) => p.items.length === 0)) throw new ReaderError('扫描件，没有文字层（不做 OCR） (a scan without a text layer; no OCR)');
  dropPageFurniture(raw);
  return layOut(raw.map(blocksOf));
}

interface RawPage {
  items: Item[];
  width: number;
  height: number;
  h: HSeg[];
  v: VSeg[];
}

/** A page's prose lines and tables, top to bottom. */
function blocksOf(p: RawPage): { blocks: Block[]; height: number } {
  const boxes = new Map<string, Box>();
  const prose: Item[] = [];
  for (const it of p.items.flatMap((i) => splitAtRulings(i, p.v))) {
    const bx = boxOf(it, p.h, p.v, p.width);
    if (!bx) {
      prose.push(it);
      continue;
    }
    const key = [bx.l, bx.r, bx.t, bx.b].map((q) => q.toFixed(1)).join(',');
    const hit = boxes.get(key) ?? { ...bx, items: [] };
    hit.items.push(it);
    boxes.set(key, hit);
  }
  // a box holding one cell only is no table (a frame around a page number, a boxed note)
  const tables = tablesOf([...boxes.values()], p.h, p.v);
  for (const t of tables.filter((t) => t.boxes.length === 1)) prose.push(...t.boxes[0].items);
  const blocks: Block[] = [
    ...toLines(prose).map((line): Block => ({ kind: 'line', line, top: line.y + line.size })),
    ...tables.filter((t) => t.boxes.length > 1).map((t): Block => ({ kind: 'table', ...t })),
  ];
  blocks.sort((a, b) => b.top - a.top);
  return { blocks, height: p.height };
}

/**
 * Page headers, footers and numbers, dropped before anything else is read: lines in the top or
 * bottom tenth of a page that are a page number, a URL or a date (a browser's header and footer),
 * or that come back on two pages or more.
 */
function dropPageFurniture(pages: RawPage[]) {
  const inMargin = (y: number, p: RawPage) => y > p.height * 0.9 || y < p.height * 0.1;
  const key = (t: string) => t.replace(/\d+/g, '#');
  const marginLines = pages.map((p) => toLines(p.items.filter((i) => inMargin(i.y, p))));
  const seen = new Map<string, number>();
  for (const lines of marginLines) for (const k of new Set(lines.map((l) => key(l.text)))) seen.set(k, (seen.get(k) ?? 0) + 1);
  pages.forEach((p, i) => {
    const drop = new Set<Item>();
    for (const l of marginLines[i]) {
      const t = l.text;
      // a line that comes back on other pages is furniture, unless it sits in a table (a row of zeros)
      const repeated = pages.length > 1 && (seen.get(key(t)) ?? 0) >= 2 && l.items.every((it) => !boxOf(it, p.h, p.v, p.width));
      if (PAGE_NUMBER.test(t) || URL_LINE.test(t) || DATE_LINE.test(t) || repeated) l.items.forEach((it) => drop.add(it));
    }
    p.items = p.items.filter((it) => !drop.has(it));
  });
}

/** The draft: prose lines joined into paragraphs where a line runs to the right margin and the next is not indented. */
function layOut(pages: { blocks: Block[]; height: number }[]) {
  const b = new DraftBuilder();
  let para: { text: string; page: number } | null = null;
  let prev: Line | null = null;
  let prevRight = 0;
  const flush = () => {
    if (para) b.line(para.text, { where: { kind: 'pdf', page: para.page } });
    para = null;
    prev = null;
  };
  // tables go on over page breaks: join them before any is written
  let last: Table | null = null;
  for (const p of pages) {
    const first = p.blocks[0];
    if (last && first?.kind === 'table') joinAcrossPages(last, first);
    const tail = p.blocks[p.blocks.length - 1];
    last = tail?.kind === 'table' ? tail : null;
  }
  pages.forEach((p, pi) => {
    const lines = p.blocks.filter((x): x is Extract<Block, { kind: 'line' }> => x.kind === 'line').map((x) => x.line);
    const left = Math.min(...lines.map((l) => l.x));
    const right = Math.max(...lines.map((l) => l.right));
    for (const block of p.blocks) {
      if (block.kind === 'table') {
        flush();
        const grid: Grid = block.grid.map((row) => row.map((t) => (t === null ? null : plainCell(t, { kind: 'pdf', page: pi + 1 }))));
        b.table(grid);
        continue;
      }
      const l = block.line;
      const continues = prev !== null && prevRight >= right - l.size * 1.5 && l.x <= left + l.size * 0.5 && Math.abs(l.size - prev.size) < 1;
      if (continues && para) para.text += l.text;
      else {
        flush();
        para = { text: l.text, page: pi + 1 };
      }
      prev = l;
      prevRight = l.right;
    }
    // a paragraph may go on at the top of the next page: `prev` stays
  });
  flush();
  return b.build();
}
